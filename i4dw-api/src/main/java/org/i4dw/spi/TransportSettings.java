/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.i4dw.api.AeTitle;
import org.i4dw.api.HttpAuthentication;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.Retrieve;

/**
 * What a transport needs to know to talk to one PACS.
 *
 * @param pacs the PACS
 * @param callingAeTitle our AE title
 * @param maxAssociations the most associations (DIMSE) or requests (DICOMweb) open at once to
 *     this PACS (the PACS-protection limit)
 * @param retrieve the bridge's DIMSE method, C-GET or C-MOVE (kept for compatibility; transports
 *     follow {@code retrievals})
 * @param storageScpPort the port of our Storage SCP for C-MOVE (0: any free port)
 * @param connectTimeout how long to wait for a connection
 * @param responseTimeout how long to wait for each response of the PACS
 * @param retrievals the retrieval paths in the order they are tried: a header-only retrieval of
 *     one instance per series (routine mode) tries the next when one fails or brings nothing; a
 *     whole retrieval takes the first. WADO-RS comes first or last, never between C-GET and C-MOVE.
 * @param authentication the HTTP authentication for a DICOMweb address ({@link HttpAuthentication#none()}
 *     for none and for DIMSE)
 * @param keepAssociationsAfterCancel whether a DIMSE association whose C-GET ended cancelled (the
 *     routine header of one instance) is kept for the next operation rather than released: only
 *     for a PACS known to recover from C-CANCEL on the same association, such as Orthanc (see
 *     docs/OPERATIONS.md)
 */
public record TransportSettings(PacsAddress pacs, AeTitle callingAeTitle, int maxAssociations, Retrieve retrieve,
        int storageScpPort, Duration connectTimeout, Duration responseTimeout, List<Retrieve> retrievals,
        HttpAuthentication authentication, boolean keepAssociationsAfterCancel) {

    /**
     * Checks every setting; the message names the setting and the value given.
     *
     * @throws I4dwConfigurationException if a number or timeout is out of range, or a retrieval
     *     path cannot serve the address (WADO-RS without a DICOMweb base, C-GET or C-MOVE without
     *     a DIMSE part), is given twice or WADO-RS lies between two DIMSE paths
     */
    public TransportSettings {
        Objects.requireNonNull(pacs, "pacs");
        Objects.requireNonNull(callingAeTitle, "callingAeTitle");
        Objects.requireNonNull(retrieve, "retrieve");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        Objects.requireNonNull(authentication, "authentication");
        retrievals = List.copyOf(retrievals);
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
        checkRetrievals(pacs, retrievals);
    }

    /**
     * Settings whose cancelled C-GETs release their association (the safe default).
     *
     * @param pacs the PACS
     * @param callingAeTitle our AE title
     * @param maxAssociations the most associations or requests open at once
     * @param retrieve C-GET or C-MOVE
     * @param storageScpPort the port of our Storage SCP for C-MOVE (0: any free port)
     * @param connectTimeout how long to wait for a connection
     * @param responseTimeout how long to wait for each response
     * @param retrievals the retrieval paths in order
     * @param authentication the HTTP authentication, {@link HttpAuthentication#none()} for none
     */
    public TransportSettings(PacsAddress pacs, AeTitle callingAeTitle, int maxAssociations, Retrieve retrieve,
            int storageScpPort, Duration connectTimeout, Duration responseTimeout, List<Retrieve> retrievals,
            HttpAuthentication authentication) {
        this(pacs, callingAeTitle, maxAssociations, retrieve, storageScpPort, connectTimeout, responseTimeout,
                retrievals, authentication, false);
    }

    /**
     * Settings with the retrieval paths a PACS gets by default (see {@link #defaultRetrievals}) and
     * no HTTP authentication.
     *
     * @param pacs the PACS
     * @param callingAeTitle our AE title
     * @param maxAssociations the most associations open at once
     * @param retrieve C-GET or C-MOVE
     * @param storageScpPort the port of our Storage SCP for C-MOVE (0: any free port)
     * @param connectTimeout how long to wait for a connection
     * @param responseTimeout how long to wait for each response
     */
    public TransportSettings(PacsAddress pacs, AeTitle callingAeTitle, int maxAssociations, Retrieve retrieve,
            int storageScpPort, Duration connectTimeout, Duration responseTimeout) {
        this(pacs, callingAeTitle, maxAssociations, retrieve, storageScpPort, connectTimeout, responseTimeout,
                defaultRetrievals(pacs, retrieve), HttpAuthentication.none());
    }

    /**
     * Settings with the defaults: 4 associations, C-GET (WADO-RS first for a DICOMweb address),
     * connect 5 s, responses 60 s, no HTTP authentication.
     *
     * @param pacs the PACS
     * @param callingAeTitle our AE title
     * @return the settings
     */
    public static TransportSettings of(PacsAddress pacs, AeTitle callingAeTitle) {
        return new TransportSettings(pacs, callingAeTitle, 4, Retrieve.C_GET, 0, Duration.ofSeconds(5),
                Duration.ofSeconds(60));
    }

    /**
     * The retrieval paths of a PACS that is given no order of its own: WADO-RS when the address
     * has a DICOMweb base, then {@code dimse} when it has a DIMSE part.
     *
     * @param pacs the PACS
     * @param dimse the bridge's DIMSE method (WADO-RS counts as none)
     * @return the paths, never empty
     */
    public static List<Retrieve> defaultRetrievals(PacsAddress pacs, Retrieve dimse) {
        Objects.requireNonNull(pacs, "pacs");
        Objects.requireNonNull(dimse, "dimse");
        List<Retrieve> list = new ArrayList<>(2);
        if (pacs.isDicomWeb()) {
            list.add(Retrieve.WADO_RS);
        }
        if (pacs.hasDimse() && dimse.isDimse()) {
            list.add(dimse);
        }
        if (list.isEmpty()) {
            list.add(dimse);
        }
        return List.copyOf(list);
    }

    /**
     * Checks that every path can serve the address, none is given twice and WADO-RS does not lie
     * between two DIMSE paths.
     *
     * @param pacs the PACS
     * @param retrievals the paths in order
     * @throws I4dwConfigurationException naming the PACS and the path at fault
     */
    public static void checkRetrievals(PacsAddress pacs, List<Retrieve> retrievals) {
        if (retrievals.isEmpty()) {
            throw new I4dwConfigurationException("no retrieval path given for " + pacs);
        }
        Set<Retrieve> seen = EnumSet.noneOf(Retrieve.class);
        for (int i = 0; i < retrievals.size(); i++) {
            Retrieve r = Objects.requireNonNull(retrievals.get(i), "retrieval path");
            if (!seen.add(r)) {
                throw new I4dwConfigurationException("the retrieval path " + r + " is given twice for " + pacs);
            }
            if (r == Retrieve.WADO_RS && !pacs.isDicomWeb()) {
                throw new I4dwConfigurationException("WADO-RS needs a DICOMweb base URI, and " + pacs
                        + " has none (write it AET@host:port+https://host/dicom-web)");
            }
            if (r.isDimse() && !pacs.hasDimse()) {
                throw new I4dwConfigurationException(r + " needs a DIMSE address AET@host:port, and " + pacs
                        + " is DICOMweb only");
            }
            if (r == Retrieve.WADO_RS && i > 0 && i < retrievals.size() - 1) {
                throw new I4dwConfigurationException("WADO-RS must come first or last among the retrieval paths of "
                        + pacs + ", not between C-GET and C-MOVE: " + retrievals);
            }
        }
    }

    /**
     * The DIMSE paths of {@link #retrievals()}, in order.
     *
     * @return C-GET and/or C-MOVE, possibly empty
     */
    public List<Retrieve> dimseRetrievals() {
        return retrievals.stream().filter(Retrieve::isDimse).toList();
    }

    /**
     * These settings for another address (e.g. the DIMSE part alone), keeping the retrieval paths
     * that can serve it.
     *
     * @param other the address
     * @return new settings
     * @throws I4dwConfigurationException if no path of these settings can serve it
     */
    public TransportSettings withPacs(PacsAddress other) {
        List<Retrieve> kept = retrievals.stream()
                .filter(r -> r.isDimse() ? other.hasDimse() : other.isDicomWeb()).toList();
        return new TransportSettings(other, callingAeTitle, maxAssociations, retrieve, storageScpPort, connectTimeout,
                responseTimeout, kept, other.isDicomWeb() ? authentication : HttpAuthentication.none(),
                keepAssociationsAfterCancel && other.hasDimse());
    }
}
