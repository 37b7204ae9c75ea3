/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

/**
 * The PACS answered a request with a failure status: a DIMSE status (PS3.7 annex C) or, as an
 * {@link HttpStatusException}, an HTTP status; the status code and its meaning in words.
 */
public class DicomStatusException extends DicomNetworkException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param operation what was asked, e.g. {@code C-FIND} or {@code C-MOVE}
     * @param peer the PACS, as {@code AET@host:port}
     * @param status the status code
     * @param meaning the status's meaning in words
     */
    public DicomStatusException(String operation, String peer, int status, String meaning) {
        super(String.format(java.util.Locale.ROOT, "%s on %s failed with status %04XH: %s", operation, peer, status,
                meaning));
        this.status = status;
    }

    /**
     * For subclasses that word their message themselves.
     *
     * @param status the status code
     * @param message the message, naming the server and never patient data
     */
    protected DicomStatusException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The status code (for an {@link HttpStatusException}, the HTTP status code). */
    public int status() {
        return status;
    }
}
