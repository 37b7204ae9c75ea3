/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

/**
 * The root of I4DW's exceptions. Subclasses say whose fault a failure is: the configuration, the
 * remote side or the input. Messages never carry patient data.
 */
public abstract class I4dwException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With a message. */
    protected I4dwException(String message) {
        super(message);
    }

    /** With a message and a cause. */
    protected I4dwException(String message, Throwable cause) {
        super(message, cause);
    }
}
