/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.i4dw.api.AeTitle;
import org.i4dw.api.HttpAuthentication;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.Retrieve;
import org.junit.jupiter.api.Test;

/** Retrieval paths per PACS: defaults from the address, and the checks of an order given. */
class TransportSettingsTest {

    private static final AeTitle US = AeTitle.of("US");
    private static final PacsAddress DIMSE = PacsAddress.parse("PACS@pacs:104");
    private static final PacsAddress WEB = PacsAddress.parse("https://pacs/dicom-web");
    private static final PacsAddress BOTH = PacsAddress.parse("PACS@pacs:104+https://pacs/dicom-web");

    private static TransportSettings with(PacsAddress p, Retrieve... order) {
        return new TransportSettings(p, US, 2, Retrieve.C_GET, 0, Duration.ofSeconds(1), Duration.ofSeconds(1),
                List.of(order), HttpAuthentication.none());
    }

    @Test
    void theDefaultsFollowTheAddress() {
        assertEquals(List.of(Retrieve.C_GET), TransportSettings.of(DIMSE, US).retrievals());
        assertEquals(List.of(Retrieve.WADO_RS), TransportSettings.of(WEB, US).retrievals());
        assertEquals(List.of(Retrieve.WADO_RS, Retrieve.C_GET), TransportSettings.of(BOTH, US).retrievals());
        assertEquals(List.of(Retrieve.WADO_RS, Retrieve.C_MOVE), TransportSettings.defaultRetrievals(BOTH,
                Retrieve.C_MOVE));
        assertEquals(List.of(Retrieve.C_GET), TransportSettings.of(BOTH, US).dimseRetrievals());
    }

    @Test
    void anOrderIsCheckedAgainstTheAddress() {
        assertEquals(List.of(Retrieve.WADO_RS, Retrieve.C_GET, Retrieve.C_MOVE),
                with(BOTH, Retrieve.WADO_RS, Retrieve.C_GET, Retrieve.C_MOVE).retrievals());
        assertEquals(List.of(Retrieve.C_MOVE, Retrieve.C_GET, Retrieve.WADO_RS),
                with(BOTH, Retrieve.C_MOVE, Retrieve.C_GET, Retrieve.WADO_RS).retrievals());
        assertTrue(assertThrows(I4dwConfigurationException.class, () -> with(DIMSE, Retrieve.WADO_RS)).getMessage()
                .contains("needs a DICOMweb base"));
        assertTrue(assertThrows(I4dwConfigurationException.class, () -> with(WEB, Retrieve.C_GET)).getMessage()
                .contains("DICOMweb only"));
        assertTrue(assertThrows(I4dwConfigurationException.class,
                () -> with(BOTH, Retrieve.C_GET, Retrieve.WADO_RS, Retrieve.C_MOVE)).getMessage()
                        .contains("first or last"));
        assertTrue(assertThrows(I4dwConfigurationException.class, () -> with(BOTH, Retrieve.C_GET, Retrieve.C_GET))
                .getMessage().contains("twice"));
        assertThrows(I4dwConfigurationException.class, () -> with(BOTH));
    }

    @Test
    void theDimsePartKeepsItsPathsAndLosesTheCredentials() {
        TransportSettings s = new TransportSettings(BOTH, US, 2, Retrieve.C_GET, 11112, Duration.ofSeconds(1),
                Duration.ofSeconds(1), List.of(Retrieve.WADO_RS, Retrieve.C_GET, Retrieve.C_MOVE),
                HttpAuthentication.bearer("tok"));
        TransportSettings d = s.withPacs(BOTH.dimse().orElseThrow());
        assertEquals(List.of(Retrieve.C_GET, Retrieve.C_MOVE), d.retrievals());
        assertEquals(HttpAuthentication.none(), d.authentication());
        assertEquals(11112, d.storageScpPort());
    }

    @Test
    void authenticationNeverShowsItsSecret() {
        assertEquals("HttpAuthentication[basic]", HttpAuthentication.basic("u", "p".toCharArray()).toString());
        assertEquals("HttpAuthentication[bearer]", HttpAuthentication.bearer("abc").toString());
        assertThrows(I4dwConfigurationException.class, () -> HttpAuthentication.bearer("a b"));
        assertThrows(I4dwConfigurationException.class, () -> HttpAuthentication.basic("a:b", new char[0]));
        assertThrows(I4dwConfigurationException.class,
                () -> HttpAuthentication.bearer(() -> "bad token").authorization());
    }
}
