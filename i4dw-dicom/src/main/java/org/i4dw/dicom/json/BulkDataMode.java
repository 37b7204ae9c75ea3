/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.json;

/**
 * What {@link DicomJsonWriter} does with bulk values: OB, OD, OF, OL, OV, OW and UN values and
 * encapsulated pixel data (PS3.18 F.2.6 and F.2.7). Values no longer than the writer's
 * {@linkplain DicomJsonWriter.Builder#inlineThreshold(int) inline threshold} are always written
 * inline whatever the mode.
 */
public enum BulkDataMode {
    /** Leave the value out: the attribute object carries only its {@code "vr"}. */
    OMIT,
    /** Write the value as base64 {@code "InlineBinary"} (PS3.18 F.2.7). */
    INLINE_BINARY,
    /**
     * Write a {@code "BulkDataURI"} (PS3.18 F.2.6): the one the writer's
     * {@linkplain DicomJsonWriter.Builder#bulkDataUris(java.util.function.Function) URI function}
     * gives, or without one a {@code file:} URI for a value that is a file reference; a value for
     * which there is no URI is written inline.
     */
    URI
}
