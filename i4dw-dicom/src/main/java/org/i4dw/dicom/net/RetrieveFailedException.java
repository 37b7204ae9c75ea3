/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import org.i4dw.api.DicomStatusException;

/**
 * The PACS ended a C-GET or C-MOVE with a failure status (PS3.4 C.4.2.1.5, C.4.3.1.5), for
 * example A801H "Refused: Move Destination unknown" or A702H "Refused: Out of resources - Unable
 * to perform sub-operations". The partial outcome (counts, failed instances, instances received
 * before the failure) is kept in {@link #result()}.
 */
public final class RetrieveFailedException extends DicomStatusException {

    private static final long serialVersionUID = 1L;

    private final transient RetrieveResult result;

    RetrieveFailedException(String operation, String peer, RetrieveResult result) {
        super(operation, peer, result.status(), result.statusMeaning());
        this.result = result;
    }

    /**
     * What happened before the failure.
     *
     * @return the result, with the failure status
     */
    public RetrieveResult result() {
        return result;
    }
}
