/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit.deid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.junit.jupiter.api.Test;

/** The scanner on hand-made originals and "de-identified" objects that do and do not leak. */
class PhiLeakScannerTest {

    private static final Set<Tag> IDENTIFYING = Set.of(Tag.PatientName, Tag.PatientID, Tag.PatientBirthDate,
            Tag.AccessionNumber, Tag.StudyInstanceUID, Tag.StudyDescription, Tag.StudyDate, Tag.InstitutionName,
            Tag.ReferringPhysicianName);
    private static final Predicate<Tag> ID = IDENTIFYING::contains;

    private static DicomObject original() {
        return DicomObject.builder()
                .set(Tag.AccessionNumber, VR.SH, "ACC778899")
                .set(Tag.Modality, VR.CS, "CT")
                .set(Tag.InstitutionName, VR.LO, "Saint Example Hospital")
                .set(Tag.ReferringPhysicianName, VR.PN, "House^Gregory")
                .set(Tag.StudyDate, VR.DA, "20200115")
                .set(Tag.StudyDescription, VR.LO, "CHEST")
                .set(Tag.BodyPartExamined, VR.CS, "CHEST")
                .set(Tag.PatientName, VR.PN, "Doe^John^^Dr")
                .set(Tag.PatientID, VR.LO, "1234")
                .set(Tag.PatientBirthDate, VR.DA, "19700203")
                .set(Tag.StudyInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.1")
                .setSequence(Tag.RequestAttributesSequence, List.of(DicomObject.builder()
                        .set(Tag.AccessionNumber, VR.SH, "ACC000111").build()))
                .build();
    }

    /** What a correct de-identifier could give: identifying attributes gone or replaced. */
    private static DicomObject.Builder clean() {
        return DicomObject.builder()
                .set(Tag.Modality, VR.CS, "CT")
                .set(Tag.BodyPartExamined, VR.CS, "CHEST")
                .set(Tag.PatientName, VR.PN, "ANONYMOUS")
                .set(Tag.PatientID, VR.LO, "0f3a9c")
                .set(Tag.SeriesNumber, VR.IS, "12345")
                .set(Tag.StudyInstanceUID, VR.UI, "2.25.1234")
                .set(Tag.ImageComments, VR.LT, "Study 12345 of the CHEST, referred by Dr Housewife")
                .setSequence(Tag.RequestAttributesSequence, List.of(DicomObject.builder().build()));
    }

    @Test
    void aCleanOutputHasNoLeak() {
        assertEquals(List.of(), PhiLeakScanner.scan(original(), clean().build(), ID));
    }

    @Test
    void aNameInsideAnotherAttributesTextIsFound() {
        DicomObject out = clean().set(Tag.ImageComments, VR.LT, "Patient doe seen today").build();
        assertEquals(List.of(new Leak(AttributePath.of(Tag.PatientName), AttributePath.of(Tag.ImageComments),
                Leak.Kind.IN_TEXT)), PhiLeakScanner.scan(original(), out, ID));
    }

    @Test
    void aNameComponentInAnotherPersonNameIsFound() {
        DicomObject out = clean().set(Tag.PerformingPhysicianName, VR.PN, "JOHN^Smith").build();
        assertEquals(List.of(new Leak(AttributePath.of(Tag.PatientName), AttributePath.of(Tag.PerformingPhysicianName),
                Leak.Kind.NAME_COMPONENT)), PhiLeakScanner.scan(original(), out, ID));
    }

    @Test
    void aValueFromASequenceSurvivingAsAWholeValueIsFoundWithBothPaths() {
        DicomObject out = clean().set(Tag.StudyID, VR.SH, "acc000111").build();
        assertEquals(List.of(new Leak(AttributePath.parse("RequestAttributesSequence[0]/AccessionNumber"),
                AttributePath.of(Tag.StudyID), Leak.Kind.WHOLE_VALUE)), PhiLeakScanner.scan(original(), out, ID));
    }

    @Test
    void aValueLeftInPlaceIsFound() {
        DicomObject out = clean().set(Tag.InstitutionName, VR.LO, "Saint Example Hospital").build();
        assertEquals(List.of(new Leak(AttributePath.of(Tag.InstitutionName), AttributePath.of(Tag.InstitutionName),
                Leak.Kind.WHOLE_VALUE)), PhiLeakScanner.scan(original(), out, ID));
    }

    @Test
    void aUidIsFoundAsAWholeValueAndInsideText() {
        DicomObject out = clean()
                .setSequence(Tag.ReferencedStudySequence, List.of(DicomObject.builder()
                        .set(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.1").build()))
                .set(Tag.RetrieveURL, VR.UR, "http://pacs/studies/1.2.826.0.1.3680043.2.1125.1/series").build();
        assertEquals(List.of(
                new Leak(AttributePath.of(Tag.StudyInstanceUID),
                        AttributePath.parse("ReferencedStudySequence[0]/ReferencedSOPInstanceUID"), Leak.Kind.WHOLE_VALUE),
                new Leak(AttributePath.of(Tag.StudyInstanceUID), AttributePath.of(Tag.RetrieveURL), Leak.Kind.IN_TEXT)),
                PhiLeakScanner.scan(original(), out, ID));
    }

    @Test
    void aUidThatOnlyStartsAnotherIsNoLeak() {
        DicomObject out = clean().set(Tag.SeriesInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.1.5")
                .set(Tag.ImageComments, VR.LT, "see 1.2.826.0.1.3680043.2.1125.12").build();
        assertEquals(List.of(), PhiLeakScanner.scan(original(), out, ID));
    }

    @Test
    void aDateIsFoundInADateTime() {
        DicomObject out = clean().set(Tag.AcquisitionDateTime, VR.DT, "19700203101010").build();
        assertEquals(List.of(new Leak(AttributePath.of(Tag.PatientBirthDate), AttributePath.of(Tag.AcquisitionDateTime),
                Leak.Kind.WHOLE_VALUE)), PhiLeakScanner.scan(original(), out, ID));
    }

    @Test
    void trivialShortAndVocabularyValuesAreNotLeaks() {
        DicomObject in = original().toBuilder().set(Tag.PatientSex, VR.CS, "M")
                .set(Tag.OtherPatientIDs, VR.LO, "Anonymized").build();
        Predicate<Tag> id = ID.or(t -> t.equals(Tag.PatientSex) || t.equals(Tag.OtherPatientIDs));
        DicomObject out = clean().set(Tag.ImageComments, VR.LT, "M anonymized CHEST 1234567").build();
        assertEquals(List.of(), PhiLeakScanner.scan(in, out, id), "M is too short, Anonymized a placeholder, "
                + "CHEST also kept as Body Part Examined, 1234 not a whole word");
    }

    @Test
    void shortNameComponentsAndTextFollowTheConfiguredLengths() {
        DicomObject in = original().toBuilder().set(Tag.PatientName, VR.PN, "Li^Wu").build();
        DicomObject out = clean().set(Tag.ImageComments, VR.LT, "Li Wu, 123").build();
        assertEquals(List.of(), PhiLeakScanner.scan(in, out, ID));
        assertEquals(1, PhiLeakScanner.builder(ID).minNameComponentLength(2).minTextLength(3).build()
                .scan(in, out).size());
        assertEquals(List.of(), PhiLeakScanner.builder(ID).minNameComponentLength(2).minTextLength(3)
                .ignoreValues("li", "wu").build().scan(in, out));
    }

    @Test
    void aLeakNeverShowsTheValue() {
        DicomObject out = clean().set(Tag.ImageComments, VR.LT, "Doe").set(Tag.StudyID, VR.SH, "ACC778899").build();
        List<Leak> leaks = PhiLeakScanner.scan(original(), out, ID);
        assertEquals(2, leaks.size());
        for (Leak l : leaks) {
            String s = l.toString();
            assertFalse(s.toUpperCase(java.util.Locale.ROOT).contains("DOE") || s.contains("ACC778899"), s);
        }
        assertEquals("the value of (0008,0050) AccessionNumber survives as a whole value at (0020,0010) StudyID",
                leaks.get(0).toString());
    }

    @Test
    void badSettingsFailAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> PhiLeakScanner.builder(ID).minTextLength(0));
        assertThrows(IllegalArgumentException.class, () -> PhiLeakScanner.builder(ID).minNameComponentLength(-1));
        assertThrows(IllegalArgumentException.class, () -> PhiLeakScanner.builder(ID).ignoreValues(" "));
    }

    @Test
    void attributePathsParseAndPrint() {
        AttributePath p = AttributePath.parse("RequestAttributesSequence[1]/(0040,0009)");
        assertEquals("(0040,0275)[1]/(0040,0009)", p.toString());
        assertEquals("RequestAttributesSequence[1]/ScheduledProcedureStepID", p.keywords());
        assertEquals(Tag.ScheduledProcedureStepID, p.tag());
        assertEquals(1, p.depth());
        assertEquals(p, AttributePath.of(Tag.RequestAttributesSequence).child(1, Tag.ScheduledProcedureStepID));
        assertThrows(IllegalArgumentException.class, () -> AttributePath.parse("RequestAttributesSequence/PatientID"));
        assertThrows(IllegalArgumentException.class, () -> AttributePath.parse("PatientID[0]"));
    }
}
