/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

/**
 * The remote side or the network failed: a PACS that cannot be reached, that aborts, breaks the
 * protocol or stops answering. Subclasses say which. Messages name the PACS (AE title, host, port)
 * and never carry patient data.
 */
public class DicomNetworkException extends I4dwException {

    private static final long serialVersionUID = 1L;

    /** With a message. */
    public DicomNetworkException(String message) {
        super(message);
    }

    /** With a message and a cause. */
    public DicomNetworkException(String message, Throwable cause) {
        super(message, cause);
    }
}
