/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import org.i4dw.api.PacsAddress;

/**
 * A way to talk to a PACS: DIMSE (provider {@code dimse}, in i4dw-dicom) or DICOMweb (provider
 * {@code dicomweb}, in i4dw-dicom, which also serves addresses with both). The bridge picks, for
 * each PACS, the provider of highest priority that supports its address.
 */
public interface TransportProvider extends Provider {

    /**
     * Whether this transport can serve the address.
     *
     * @param address the PACS
     * @return true if {@link #open} would accept it
     */
    boolean supports(PacsAddress address);

    /**
     * Opens a transport to one PACS; the caller closes it. Opening does not contact the PACS:
     * associations are made on first use and pooled.
     *
     * @param settings the PACS and how to talk to it
     * @return the transport
     */
    Transport open(TransportSettings settings);
}
