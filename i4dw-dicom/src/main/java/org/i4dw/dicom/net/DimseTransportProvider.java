/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import java.util.Objects;
import org.i4dw.api.PacsAddress;
import org.i4dw.spi.Transport;
import org.i4dw.spi.TransportProvider;
import org.i4dw.spi.TransportSettings;

/**
 * The {@code dimse} transport: DICOM over TCP (PS3.7, PS3.8) with C-FIND, C-GET and C-MOVE over a
 * pool of associations per PACS. Found by {@link java.util.ServiceLoader} when i4dw-dicom is on
 * the class path.
 */
public final class DimseTransportProvider implements TransportProvider {

    /** The provider id. */
    public static final String ID = "dimse";

    /** For {@link java.util.ServiceLoader}. */
    public DimseTransportProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String version() {
        String v = DimseTransportProvider.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }

    @Override
    public int priority() {
        return 100;
    }

    /**
     * Addresses with a DIMSE part ({@code AET@host:port}, alone or paired with a DICOMweb base;
     * the {@code dicomweb} provider, of higher priority, serves the pairs when it is present).
     */
    @Override
    public boolean supports(PacsAddress address) {
        return address != null && address.hasDimse();
    }

    /**
     * {@inheritDoc}
     *
     * @throws org.i4dw.api.I4dwConfigurationException if the address has no DIMSE part
     */
    @Override
    public Transport open(TransportSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (!settings.pacs().hasDimse()) {
            throw new org.i4dw.api.I4dwConfigurationException("the dimse transport cannot reach " + settings.pacs()
                    + ": it is a DICOMweb address (the dicomweb provider, in i4dw-dicom, serves it)");
        }
        return new DimseTransport(settings);
    }
}
