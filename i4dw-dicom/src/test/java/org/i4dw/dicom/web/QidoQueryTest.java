/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.api.QueryLevel;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.junit.jupiter.api.Test;

/** C-FIND identifiers as QIDO-RS searches (PS3.18 10.6), and results cut back to what C-FIND returns. */
class QidoQueryTest {

    private static final URI BASE = URI.create("https://pacs.example/dicom-web");

    @Test
    void studiesByAccessionNumberAsTheEngineAsks() {
        DicomObject keys = DicomObject.builder().set(Tag.AccessionNumber, VR.SH, "A 12/3")
                .setEmpty(Tag.StudyInstanceUID, VR.UI).setEmpty(Tag.PatientID, VR.LO)
                .setEmpty(Tag.NumberOfStudyRelatedSeries, VR.IS).build();
        assertEquals("https://pacs.example/dicom-web/studies?00080050=A%2012%2F3&includefield=00080050"
                + "&includefield=00100020&includefield=0020000D&includefield=00201206&limit=100",
                QidoQuery.of(QueryLevel.STUDY, keys).uri(BASE, 100, 0).toString());
    }

    @Test
    void seriesOfOneStudyGoBelowTheStudyAndSeveralUidsAreJoinedByCommas() {
        DicomObject keys = DicomObject.builder().set(Tag.StudyInstanceUID, VR.UI, "1.2.3")
                .setEmpty(Tag.SeriesInstanceUID, VR.UI).set(Tag.Modality, VR.CS, "MR").build();
        assertEquals(BASE + "/studies/1.2.3/series?00080060=MR&includefield=00080060&includefield=0020000E&limit=5"
                + "&offset=10", QidoQuery.of(QueryLevel.SERIES, keys).uri(BASE, 5, 10).toString());
        DicomObject two = DicomObject.builder().set(Tag.StudyInstanceUID, VR.UI, "1.2.3", "1.2.4")
                .setEmpty(Tag.SeriesInstanceUID, VR.UI).build();
        assertEquals(BASE + "/series?0020000D=1.2.3%2C1.2.4&includefield=0020000D&includefield=0020000E",
                QidoQuery.of(QueryLevel.SERIES, two).uri(BASE, 0, 0).toString());
        DicomObject wildcard = DicomObject.builder().set(Tag.PatientName, VR.PN, "DOE*").build();
        assertTrue(QidoQuery.of(QueryLevel.STUDY, wildcard).uri(BASE, 0, 0).toString().contains("00100010=DOE%2A"));
    }

    @Test
    void instancesOfOneSeriesAndSequenceMatching() {
        DicomObject item = DicomObject.builder().set(Tag.ScheduledProcedureStepID, VR.SH, "S1").build();
        DicomObject keys = DicomObject.builder().set(Tag.StudyInstanceUID, VR.UI, "1.2.3")
                .set(Tag.SeriesInstanceUID, VR.UI, "1.2.3.4").setEmpty(Tag.SOPInstanceUID, VR.UI)
                .setEmpty(Tag.InstanceNumber, VR.IS).setSequence(Tag.RequestAttributesSequence, List.of(item)).build();
        String uri = QidoQuery.of(QueryLevel.IMAGE, keys).uri(BASE, 0, 0).toString();
        assertTrue(uri.startsWith(BASE + "/studies/1.2.3/series/1.2.3.4/instances?"), uri);
        assertTrue(uri.contains("00400275.00400009=S1"), uri);
        assertTrue(uri.contains("includefield=00400275"), uri);
        assertFalse(uri.contains("0020000E="), "the series is in the path, not a parameter: " + uri);
    }

    @Test
    void thereIsNoPatientLevel() {
        assertThrows(I4dwConfigurationException.class, () -> QidoQuery.of(QueryLevel.PATIENT, DicomObject.EMPTY));
    }

    @Test
    void resultsAreCutBackToTheKeysAskedForAndMissingKeysComeBackEmpty() {
        DicomObject keys = DicomObject.builder().set(Tag.AccessionNumber, VR.SH, "A1")
                .setEmpty(Tag.StudyInstanceUID, VR.UI).setEmpty(Tag.StudyDescription, VR.LO).build();
        DicomObject result = DicomObject.builder().set(Tag.AccessionNumber, VR.SH, "A1")
                .set(Tag.StudyInstanceUID, VR.UI, "1.2.3").set(Tag.RetrieveURL, VR.UR, "https://pacs/studies/1.2.3")
                .set(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192").set(Tag.PatientName, VR.PN, "Not^Asked").build();
        DicomObject cut = QidoQuery.of(QueryLevel.STUDY, keys).cut(result);
        assertFalse(cut.contains(Tag.RetrieveURL), "Retrieve URL names the study by UID: not asked, not kept");
        assertFalse(cut.contains(Tag.PatientName));
        assertEquals("ISO_IR 192", cut.string(Tag.SpecificCharacterSet).orElseThrow());
        assertTrue(cut.contains(Tag.StudyDescription), "asked for, left out by the server: present and empty");
        assertTrue(cut.string(Tag.StudyDescription).isEmpty());
        assertEquals("STUDY", cut.string(Tag.QueryRetrieveLevel).orElseThrow());
        assertEquals(5, cut.size());
    }

    @Test
    void decimalStringsWrittenAsDoublesAreGivenBackShort() {
        assertEquals("5.355", WebTransport.decimalString("5.3550000000000004"));
        assertEquals("-10.219132811296", WebTransport.decimalString("-10.219132811295999"));
        assertEquals("86.2", WebTransport.decimalString("86.200000000000003"));
        assertEquals("1E-20", WebTransport.decimalString("9.9999999999999995E-21"));
        assertEquals("0.700000", WebTransport.decimalString("0.700000"), "a valid DS is left alone");
        assertEquals("12345678901234567", WebTransport.decimalString("12345678901234567").length() > 16
                ? "12345678901234567" : "", "what cannot be made a DS is left as it came");
    }
}
