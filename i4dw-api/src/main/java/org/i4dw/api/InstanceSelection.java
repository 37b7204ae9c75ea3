/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

/** Which instances of a series a retrieval fetches. */
public enum InstanceSelection {
    /** One instance per series, whichever the PACS sends first: routine header extraction. */
    FIRST,
    /** Every instance: caching mode. */
    ALL
}
