/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** PACS addresses name their transport and are parsed once, at the edge. */
class PacsAddressTest {

    @Test
    void aDimseAddressIsAsBefore() {
        PacsAddress a = PacsAddress.parse(" ORTHANC@pacs.example:104 ");
        assertEquals(new PacsAddress(AeTitle.of("ORTHANC"), "pacs.example", 104), a);
        assertEquals("ORTHANC", a.aeTitle().value());
        assertEquals("pacs.example", a.host());
        assertEquals(104, a.port());
        assertTrue(a.hasDimse());
        assertFalse(a.isDicomWeb());
        assertEquals(Optional.empty(), a.dicomWebBase());
        assertEquals(Optional.of(a), a.dimse());
        assertEquals(Optional.empty(), a.web());
        assertEquals("ORTHANC@pacs.example:104", a.toString());
        PacsAddress v6 = PacsAddress.parse("PACS@[::1]:11112");
        assertEquals("::1", v6.host());
        assertEquals("PACS@[::1]:11112", v6.toString());
        assertEquals(v6, PacsAddress.parse(v6.toString()));
    }

    @Test
    void aDicomWebAddressIsLabelledFromItsHostAndPort() {
        PacsAddress a = PacsAddress.parse("http://127.0.0.1:8042/dicom-web/");
        assertTrue(a.isDicomWeb());
        assertFalse(a.hasDimse());
        assertEquals(URI.create("http://127.0.0.1:8042/dicom-web"), a.dicomWebBase().orElseThrow(),
                "normalized: no trailing '/'");
        assertEquals("127.0.0.1:8042", a.aeTitle().value());
        assertEquals("127.0.0.1", a.host());
        assertEquals(8042, a.port());
        assertEquals(Optional.empty(), a.dimse());
        assertEquals("127.0.0.1:8042@http://127.0.0.1:8042/dicom-web", a.toString());
        assertEquals(a, PacsAddress.parse(a.toString()), "the text parses back equal");

        PacsAddress https = PacsAddress.parse("HTTPS://PACS.Example.org/wado/rs");
        assertEquals(443, https.port());
        assertEquals(URI.create("https://pacs.example.org/wado/rs"), https.dicomWebBase().orElseThrow());
        assertEquals("pacs.example.org", https.aeTitle().value(), "16 characters fit");

        PacsAddress longHost = PacsAddress.parse("https://radiology-pacs.hospital.example:8443/dicom-web");
        String label = longHost.aeTitle().value();
        assertEquals(16, label.length());
        assertTrue(label.startsWith("radiology-p~"), label);
        assertEquals(label, PacsAddress.parse("https://radiology-pacs.hospital.example:8443/dicom-web").aeTitle()
                .value(), "stable");
        assertNotEquals(label, PacsAddress.parse("https://radiology-pacs.hospital.example:8443/other").aeTitle()
                .value(), "another base, another label");

        PacsAddress v6 = PacsAddress.parse("http://[::1]:8042/dicom-web");
        assertEquals("::1", v6.host());
        assertEquals("::1:8042", v6.aeTitle().value());
    }

    @Test
    void aLabelMayBeGivenAndBothTransportsMayBePaired() {
        PacsAddress labelled = PacsAddress.parse("MAINPACS@https://pacs/dicom-web");
        assertEquals("MAINPACS", labelled.aeTitle().value());
        assertFalse(labelled.hasDimse());
        assertEquals(labelled, PacsAddress.dicomWeb(URI.create("https://pacs/dicom-web"), AeTitle.of("MAINPACS")));

        PacsAddress both = PacsAddress.parse("ORTHANC@pacs:4242+http://pacs:8042/dicom-web");
        assertTrue(both.hasDimse());
        assertTrue(both.isDicomWeb());
        assertEquals("ORTHANC", both.aeTitle().value());
        assertEquals("pacs", both.host());
        assertEquals(4242, both.port());
        assertEquals(PacsAddress.parse("ORTHANC@pacs:4242"), both.dimse().orElseThrow());
        assertEquals(PacsAddress.dicomWeb(URI.create("http://pacs:8042/dicom-web"), AeTitle.of("ORTHANC")),
                both.web().orElseThrow());
        assertEquals(both, PacsAddress.parse("ORTHANC@pacs:4242").withDicomWeb(URI.create("http://pacs:8042/dicom-web")));
        assertEquals("ORTHANC@pacs:4242+http://pacs:8042/dicom-web", both.toString());
        assertEquals(both, PacsAddress.parse(both.toString()));
        assertNotEquals(both, both.dimse().orElseThrow());
        assertEquals(both.hashCode(), PacsAddress.parse(both.toString()).hashCode());
    }

    @Test
    void malformedAddressesAreRefusedWithTheTextGiven() {
        for (String bad : new String[] {"pacs:104", "@pacs:104", "AE@pacs", "AE@pacs:", "AE@pacs:x", "AE@pacs:0",
                "ftp://pacs/dicom-web", "http:///dicom-web", "http://user:pw@pacs/dicom-web",
                "http://pacs/dicom-web?x=1", "http://pacs/dicom-web#f", "AE@pacs:104+http://", "A\\B@http://pacs/dw",
                "THIS-LABEL-IS-TOO-LONG@http://pacs/dw"}) {
            I4dwConfigurationException e = assertThrows(I4dwConfigurationException.class, () -> PacsAddress.parse(bad),
                    bad);
            assertFalse(e.getMessage().contains("pw"), "credentials are never echoed: " + e.getMessage());
        }
        assertTrue(assertThrows(I4dwConfigurationException.class, () -> PacsAddress.parse("http://u:secret@pacs/dw"))
                .getMessage().contains("credentials"));
        assertThrows(I4dwConfigurationException.class,
                () -> PacsAddress.parse("http://pacs/dw").withDicomWeb(URI.create("http://pacs/dw")));
    }
}
