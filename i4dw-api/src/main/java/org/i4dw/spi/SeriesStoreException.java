/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import org.i4dw.api.I4dwException;

/**
 * The local series store failed: its disk (an I/O error, a full disk), or a lock it could not get
 * in time. The fault is the store's, not the PACS's nor the caller's. Messages name the store's
 * location and de-identified keys only.
 */
public class SeriesStoreException extends I4dwException {

    private static final long serialVersionUID = 1L;

    /**
     * With a message.
     *
     * @param message what failed, with the store location
     */
    public SeriesStoreException(String message) {
        super(message);
    }

    /**
     * With a message and a cause.
     *
     * @param message what failed, with the store location
     * @param cause the cause
     */
    public SeriesStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
