/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.json;

/**
 * What {@link DicomJsonReader} does with a {@code "BulkDataURI"} (PS3.18 F.2.6).
 */
public enum BulkDataUriPolicy {
    /**
     * Keep the element with an empty value and record nothing of the URI. The default: the reader
     * never follows a URI from its input.
     */
    KEEP_EMPTY,
    /**
     * Restore a {@code file:///path?offset=N&length=M} URI, as {@link DicomJsonWriter} writes for a
     * value that is a file reference, as a {@link org.i4dw.data.BulkData} reference to that byte
     * range; any other URI is kept empty as with {@link #KEEP_EMPTY}. Only for JSON from a trusted
     * writer: the reference may name any file the process can read, and is read when the value is.
     */
    RESTORE_FILE_REFERENCES
}
