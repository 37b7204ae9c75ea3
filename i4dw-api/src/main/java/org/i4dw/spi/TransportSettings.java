/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import java.time.Duration;
import java.util.Objects;
import org.i4dw.api.AeTitle;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.Retrieve;

/**
 * What a transport needs to know to talk to one PACS.
 *
 * @param pacs the PACS
 * @param callingAeTitle our AE title
 * @param maxAssociations the most associations open at once to this PACS (the PACS-protection limit)
 * @param retrieve C-GET or C-MOVE
 * @param storageScpPort the port of our Storage SCP for C-MOVE (0: any free port)
 * @param connectTimeout how long to wait for a connection
 * @param responseTimeout how long to wait for each response of the PACS
 */
public record TransportSettings(PacsAddress pacs, AeTitle callingAeTitle, int maxAssociations, Retrieve retrieve,
        int storageScpPort, Duration connectTimeout, Duration responseTimeout) {

    /** Checks every setting; the message names the setting and the value given. */
    public TransportSettings {
        Objects.requireNonNull(pacs, "pacs");
        Objects.requireNonNull(callingAeTitle, "callingAeTitle");
        Objects.requireNonNull(retrieve, "retrieve");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        if (maxAssociations < 1) {
            throw new I4dwConfigurationException("maxAssociations must be >= 1, got " + maxAssociations);
        }
        if (storageScpPort < 0 || storageScpPort > 65535) {
            throw new I4dwConfigurationException("storageScpPort must be 0 to 65535, got " + storageScpPort);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || responseTimeout.isNegative()
                || responseTimeout.isZero()) {
            throw new I4dwConfigurationException("timeouts must be positive, got connect " + connectTimeout
                    + " and response " + responseTimeout);
        }
    }

    /**
     * Settings with the defaults: 4 associations, C-GET, connect 5 s, responses 60 s.
     *
     * @param pacs the PACS
     * @param callingAeTitle our AE title
     * @return the settings
     */
    public static TransportSettings of(PacsAddress pacs, AeTitle callingAeTitle) {
        return new TransportSettings(pacs, callingAeTitle, 4, Retrieve.C_GET, 0, Duration.ofSeconds(5),
                Duration.ofSeconds(60));
    }
}
