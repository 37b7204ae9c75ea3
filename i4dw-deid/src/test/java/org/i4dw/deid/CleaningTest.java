/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.deid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.deid.DeidProfile.Option;
import org.junit.jupiter.api.Test;

/** What C does to descriptors, private attributes, overlays, graphics and SR content. */
class CleaningTest {

    private static Deidentifier deid(Option... options) {
        return Deidentifier.builder(DeidProfile.basicWith(options)).key(Samples.KEY)
                .safePrivate("ACME 1.0", 0x10).build();
    }

    @Test
    void cleanDescriptorsCutsTheObjectsIdentifiersOutOfTheText() {
        DicomObject in = DicomObject.builder().set(Tag.AccessionNumber, VR.SH, "ACC778899")
                .set(Tag.PatientName, VR.PN, "Dupont^Marie").set(Tag.PatientID, VR.LO, "IPP123456")
                .set(Tag.StudyDescription, VR.LO, "IRM cerveau DUPONT acc ACC778899")
                .set(Tag.SeriesDescription, VR.LO, "T2 FLAIR").build();
        DicomObject out = deid(Option.CLEAN_DESCRIPTORS).deidentify(in);
        assertEquals("IRM cerveau  acc", out.string(Tag.StudyDescription).orElseThrow());
        assertEquals("T2 FLAIR", out.string(Tag.SeriesDescription).orElseThrow());
        assertFalse(deid().deidentify(in).contains(Tag.StudyDescription), "the Basic Profile removes descriptors");
    }

    @Test
    void privateAttributesGoUnlessAllowListedUnderRetainSafePrivate() {
        DicomObject in = DicomObject.builder()
                .set(Tag.of(0x00090010), VR.LO, "ACME 1.0").set(Tag.of(0x00090011), VR.LO, "OTHER")
                .set(Tag.of(0x00091010), VR.LO, "safe").set(Tag.of(0x00091011), VR.LO, "unsafe")
                .set(Tag.of(0x00091110), VR.LO, "other creator").set(Tag.of(0x00030010), VR.LO, "illegal group")
                .build();
        DicomObject basic = deid().deidentify(in);
        assertFalse(basic.contains(Tag.of(0x00090010)) || basic.contains(Tag.of(0x00091010)));
        DicomObject safe = deid(Option.RETAIN_SAFE_PRIVATE).deidentify(in);
        assertEquals("ACME 1.0", safe.string(Tag.of(0x00090010)).orElseThrow());
        assertEquals("safe", safe.string(Tag.of(0x00091010)).orElseThrow());
        assertFalse(safe.contains(Tag.of(0x00091011)) || safe.contains(Tag.of(0x00091110))
                || safe.contains(Tag.of(0x00090011)), "only the allow-listed element and its creator stay");
        assertFalse(safe.contains(Tag.of(0x00030010)) || basic.contains(Tag.of(0x00030010)),
                "odd groups that PS3.5 forbids go like private ones");
    }

    @Test
    void overlayAndCurveGroupsGoWholeEvenUnderCleanGraphics() {
        DicomObject in = DicomObject.builder().setInts(Tag.of(0x60000010), VR.US, 512)
                .setBytes(Tag.of(0x60003000), VR.OW, new byte[64]).set(Tag.of(0x60004000), VR.LT, "Dupont")
                .setBytes(Tag.of(0x50003000), VR.OW, new byte[8]).setInts(Tag.Rows, VR.US, 512).build();
        for (Deidentifier d : List.of(deid(), deid(Option.CLEAN_GRAPHICS))) {
            DicomObject out = d.deidentify(in);
            assertFalse(out.contains(Tag.of(0x60000010)) || out.contains(Tag.of(0x60003000))
                    || out.contains(Tag.of(0x60004000)) || out.contains(Tag.of(0x50003000)), d.toString());
            assertEquals(512, out.integer(Tag.Rows).orElseThrow());
        }
    }

    @Test
    void cleanGraphicsKeepsGraphicsWithoutTheirText() {
        DicomObject in = DicomObject.builder().setSequence(Tag.GraphicAnnotationSequence, List.of(DicomObject.builder()
                .set(Tag.GraphicLayer, VR.CS, "LAYER1")
                .setSequence(Tag.TextObjectSequence, List.of(DicomObject.builder()
                        .set(Tag.UnformattedTextValue, VR.ST, "Dupont Marie").build()))
                .setSequence(Tag.GraphicObjectSequence, List.of(DicomObject.builder()
                        .set(Tag.GraphicType, VR.CS, "POLYLINE").build()))
                .build())).build();
        DicomObject item = deid(Option.CLEAN_GRAPHICS).deidentify(in).item(Tag.GraphicAnnotationSequence).orElseThrow();
        assertFalse(item.contains(Tag.TextObjectSequence));
        assertEquals("POLYLINE", item.item(Tag.GraphicObjectSequence).orElseThrow().string(Tag.GraphicType).orElseThrow());
        assertTrue(deid().deidentify(in).item(Tag.GraphicAnnotationSequence).orElseThrow().isEmpty(),
                "the Basic Profile's D leaves one empty item");
    }

    @Test
    void cleanStructuredContentKeepsCodesAndNumbersAndDropsTextAndNames() {
        DicomObject num = DicomObject.builder().set(Tag.ValueType, VR.CS, "NUM")
                .setSequence(Tag.ConceptNameCodeSequence, List.of(DicomObject.builder()
                        .set(Tag.CodeValue, VR.SH, "113838").set(Tag.CodingSchemeDesignator, VR.SH, "DCM")
                        .set(Tag.CodeMeaning, VR.LO, "DLP").build()))
                .setSequence(Tag.MeasuredValueSequence, List.of(DicomObject.builder()
                        .set(Tag.NumericValue, VR.DS, "512.3").build()))
                .build();
        DicomObject text = DicomObject.builder().set(Tag.ValueType, VR.CS, "TEXT")
                .set(Tag.TextValue, VR.UT, "Patient Dupont").build();
        DicomObject pname = DicomObject.builder().set(Tag.ValueType, VR.CS, "PNAME")
                .set(Tag.PersonName, VR.PN, "Dupont^Marie").build();
        DicomObject date = DicomObject.builder().set(Tag.ValueType, VR.CS, "DATE").set(Tag.Date, VR.DA, "20200101").build();
        DicomObject uidref = DicomObject.builder().set(Tag.ValueType, VR.CS, "UIDREF").set(Tag.UID, VR.UI, "1.2.3.4").build();
        DicomObject container = DicomObject.builder().set(Tag.ValueType, VR.CS, "CONTAINER")
                .setSequence(Tag.ContentSequence, List.of(num, text, pname, date, uidref)).build();
        DicomObject in = DicomObject.builder().set(Tag.PatientID, VR.LO, "P1")
                .setSequence(Tag.ContentSequence, List.of(container)).build();

        List<DicomObject> kept = deid(Option.CLEAN_STRUCTURED_CONTENT).deidentify(in).item(Tag.ContentSequence)
                .orElseThrow().sequence(Tag.ContentSequence);
        assertEquals(List.of("NUM", "UIDREF"), kept.stream().map(i -> i.string(Tag.ValueType).orElseThrow()).toList());
        assertEquals(num, kept.get(0));
        assertTrue(kept.get(1).string(Tag.UID).orElseThrow().startsWith("2.25."));

        List<DicomObject> withDates = deid(Option.CLEAN_STRUCTURED_CONTENT, Option.RETAIN_LONGITUDINAL_FULL_DATES)
                .deidentify(in).item(Tag.ContentSequence).orElseThrow().sequence(Tag.ContentSequence);
        assertEquals("20200101", withDates.get(1).string(Tag.Date).orElseThrow(), "DATE items stay when dates do");
    }
}
