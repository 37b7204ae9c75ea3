/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

/** The peer did not answer within a timeout (connect, ARTIM, DIMSE response); the message says which. */
public class DicomTimeoutException extends DicomNetworkException {

    private static final long serialVersionUID = 1L;

    /** With a message naming the timeout and its value. */
    public DicomTimeoutException(String message) {
        super(message);
    }

    /** With a message and a cause. */
    public DicomTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
