/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

/**
 * The association was aborted (PS3.8 A-ABORT), by the peer or by us because the peer broke the
 * protocol; the message says who and why, in words.
 */
public class AssociationAbortedException extends DicomNetworkException {

    private static final long serialVersionUID = 1L;

    /** With a message saying who aborted and why. */
    public AssociationAbortedException(String message) {
        super(message);
    }

    /** With a message and a cause. */
    public AssociationAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
