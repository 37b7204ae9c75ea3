/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit;

import org.i4dw.api.I4dwException;

/**
 * A test PACS could not be started, driven or stopped: the process died, did not become ready in
 * time, or refused a request. The message names the server, its ports and, for startup failures,
 * the tail of its log; it never carries patient data.
 */
public class PacsFixtureException extends I4dwException {

    private static final long serialVersionUID = 1L;

    /**
     * With a message.
     *
     * @param message what failed, with ports and AE titles where useful
     */
    public PacsFixtureException(String message) {
        super(message);
    }

    /**
     * With a message and a cause.
     *
     * @param message what failed
     * @param cause the underlying failure
     */
    public PacsFixtureException(String message, Throwable cause) {
        super(message, cause);
    }
}
