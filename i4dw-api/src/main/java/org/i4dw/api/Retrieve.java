/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

/**
 * How instances are fetched from a PACS: over DIMSE (C-GET, C-MOVE) or over DICOMweb (WADO-RS).
 * A PACS may be given several, tried in order (see {@code PacsBridge.Builder#retrieveWith(PacsAddress,
 * Retrieve...)}): the header-only chain of routine mode.
 */
public enum Retrieve {
    /** C-GET: instances come back on the same association (no port to open, no AE to register at the PACS). */
    C_GET,
    /** C-MOVE: the PACS opens an association to our Storage SCP, which it must know by AE title. */
    C_MOVE,
    /**
     * WADO-RS (PS3.18 10.4) from a DICOMweb address: in routine mode the metadata of one instance
     * (DICOM JSON, no pixel data, bulk data left on the server), otherwise the instances themselves.
     */
    WADO_RS;

    /**
     * Whether this is a DIMSE method.
     *
     * @return true for C-GET and C-MOVE
     */
    public boolean isDimse() {
        return this != WADO_RS;
    }
}
