/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

/** A setting is wrong or missing; the message names it and the value that was given. */
public class I4dwConfigurationException extends I4dwException {

    private static final long serialVersionUID = 1L;

    /** With a message naming the setting and the value given. */
    public I4dwConfigurationException(String message) {
        super(message);
    }

    /** With a message and a cause. */
    public I4dwConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
