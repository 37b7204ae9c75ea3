/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

/** What is wrong with a cached series: each is the local store's fault, never the PACS's. */
public enum IntegrityProblem {
    /** An instance's bytes do not have the SHA-256 its manifest records. */
    CHECKSUM_MISMATCH,
    /** An instance's file does not have the size its manifest records. */
    SIZE_MISMATCH,
    /** An instance's file the manifest lists is not there while the series is. */
    MISSING_INSTANCE,
    /** The manifest itself cannot be read, or does not match its own checksum. */
    UNREADABLE_MANIFEST
}
