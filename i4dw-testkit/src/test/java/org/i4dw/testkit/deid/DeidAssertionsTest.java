/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit.deid;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The assertions on hand-made pairs: each passes when it should, and fails naming paths, never values. */
class DeidAssertionsTest {

    private static final String STUDY = "1.2.826.0.1.3680043.2.1125.7";
    private static final String SERIES = "1.2.826.0.1.3680043.2.1125.7.1";
    private static final String NEW_STUDY = "2.25.111";
    private static final String NEW_SERIES = "2.25.222";
    private static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";

    private static DicomObject original(String patientId, String series, String date) {
        return DicomObject.builder()
                .set(Tag.SOPClassUID, VR.UI, CT_IMAGE_STORAGE)
                .set(Tag.StudyDate, VR.DA, date)
                .set(Tag.AcquisitionDateTime, VR.DT, date + "101500")
                .set(Tag.Modality, VR.CS, "CT")
                .set(Tag.StudyDescription, VR.LO, "Doe family study")
                .set(Tag.PatientName, VR.PN, "Doe^John")
                .set(Tag.PatientID, VR.LO, patientId)
                .set(Tag.PatientBirthDate, VR.DA, "19700203")
                .set(Tag.PatientSex, VR.CS, "M")
                .set(Tag.StudyInstanceUID, VR.UI, STUDY)
                .set(Tag.SeriesInstanceUID, VR.UI, series)
                .setSequence(Tag.RequestAttributesSequence, List.of(DicomObject.builder()
                        .set(Tag.StudyInstanceUID, VR.UI, STUDY)
                        .set(Tag.ScheduledProcedureStepID, VR.SH, "SPS42").build()))
                .build();
    }

    /** A correct de-identification of {@link #original}, its dates replaced by {@code date}. */
    private static DicomObject.Builder deidentified(String series, String date) {
        return DicomObject.builder()
                .set(Tag.SOPClassUID, VR.UI, CT_IMAGE_STORAGE)
                .set(Tag.StudyDate, VR.DA, date)
                .set(Tag.AcquisitionDateTime, VR.DT, date + "101500")
                .set(Tag.Modality, VR.CS, "CT")
                .set(Tag.PatientName, VR.PN, "7f3a0c")
                .set(Tag.PatientID, VR.LO, "7f3a0c")
                .setEmpty(Tag.PatientSex, VR.CS)
                .set(Tag.StudyInstanceUID, VR.UI, NEW_STUDY)
                .set(Tag.SeriesInstanceUID, VR.UI, series)
                .setSequence(Tag.RequestAttributesSequence, List.of(DicomObject.builder()
                        .set(Tag.StudyInstanceUID, VR.UI, NEW_STUDY).build()));
    }

    private static final DicomObject IN = original("PID-1", SERIES, "20200115");
    private static final DicomObject OUT = deidentified(NEW_SERIES, "20191120").build();

    @Test
    void aCorrectDeidentificationPassesEveryCheck() {
        DeidAssertions.assertThat(IN, OUT)
                .removed("PatientBirthDate")
                .removed("StudyDescription")
                .removed("RequestAttributesSequence/ScheduledProcedureStepID")
                .emptied(Tag.PatientSex)
                .kept("Modality")
                .kept("(0008,0016)")
                .replacedWithDummy("PatientName")
                .replacedWithDummy(Tag.PatientID)
                .uidsRemappedConsistently()
                .datesShifted()
                .noLeaks(t -> !t.equals(Tag.Modality) && !t.equals(Tag.SOPClassUID));
    }

    @Test
    void removedFailsOnAnAttributeLeftInPlace() {
        fails(() -> DeidAssertions.assertThat(IN, IN).removed("PatientBirthDate"),
                "(0010,0030) PatientBirthDate: still present, and the original value survives");
        fails(() -> DeidAssertions.assertThat(IN, IN).removed("RequestAttributesSequence/ScheduledProcedureStepID"),
                "(0040,0275)[0]/(0040,0009) RequestAttributesSequence[0]/ScheduledProcedureStepID: still present");
    }

    @Test
    void emptiedFailsOnAMissingOrFilledAttribute() {
        fails(() -> DeidAssertions.assertThat(IN, IN).emptied("PatientSex"), "(0010,0040) PatientSex: not empty");
        fails(() -> DeidAssertions.assertThat(IN, OUT).emptied("PatientBirthDate"), "(0010,0030) PatientBirthDate: absent");
    }

    @Test
    void keptFailsOnAChangedOrMissingValue() {
        fails(() -> DeidAssertions.assertThat(IN, OUT).kept("PatientName"), "(0010,0010) PatientName: the value changed");
        fails(() -> DeidAssertions.assertThat(IN, OUT).kept("StudyDescription"), "(0008,1030) StudyDescription: absent");
    }

    @Test
    void replacedWithDummyFailsOnTheOriginalValueOrNoValue() {
        fails(() -> DeidAssertions.assertThat(IN, IN).replacedWithDummy("PatientName"),
                "the original value survives at (0010,0010) PatientName");
        fails(() -> DeidAssertions.assertThat(IN, OUT).replacedWithDummy("PatientSex"), "(0010,0040) PatientSex: empty");
        fails(() -> DeidAssertions.assertThat(IN, OUT).replacedWithDummy("PatientBirthDate"),
                "(0010,0030) PatientBirthDate: absent");
    }

    @Test
    void aCheckOnAnAttributeTheOriginalLacksFails() {
        fails(() -> DeidAssertions.assertThat(IN, OUT).removed("PatientAddress"), "the original has no PatientAddress");
    }

    @Test
    void uidsMustChangeValidlyAndConsistently() {
        fails(() -> DeidAssertions.assertThat(IN, deidentified(SERIES, "20191120").build()).uidsRemappedConsistently(),
                "(0020,000E) SeriesInstanceUID: the original UID survives");
        fails(() -> DeidAssertions.assertThat(IN, deidentified("2.25.0123", "20191120").build()).uidsRemappedConsistently(),
                "(0020,000E) SeriesInstanceUID: the new UID is not valid UID syntax");
        DicomObject inconsistent = deidentified(NEW_SERIES, "20191120").setSequence(Tag.RequestAttributesSequence,
                List.of(DicomObject.builder().set(Tag.StudyInstanceUID, VR.UI, "2.25.999").build())).build();
        fails(() -> DeidAssertions.assertThat(IN, inconsistent).uidsRemappedConsistently(),
                "(0040,0275)[0]/(0020,000D) RequestAttributesSequence[0]/StudyInstanceUID: the same original UID as at "
                        + "(0020,000D) StudyInstanceUID maps to another UID");
        fails(() -> DeidAssertions.assertThat(IN, deidentified(NEW_STUDY, "20191120").build()).uidsRemappedConsistently(),
                "two different original UIDs");
        DicomObject copied = deidentified(NEW_SERIES, "20191120").set(Tag.ReferencedSOPInstanceUID, VR.UI, STUDY).build();
        fails(() -> DeidAssertions.assertThat(IN, copied).uidsRemappedConsistently(),
                "(0008,1155) ReferencedSOPInstanceUID: holds an original UID");
        DeidAssertions.assertThat(IN, deidentified(SERIES, "20191120").build())
                .uidsRemappedConsistently(t -> !t.equals(Tag.SeriesInstanceUID));
    }

    @Test
    void uidsMapTheSameWayAcrossObjects() {
        DicomObject in2 = original("PID-1", SERIES + ".2", "20200115");
        DeidAssertions.assertThatAll(List.of(IN, in2), List.of(OUT, deidentified("2.25.333", "20191120").build()))
                .uidsRemappedConsistently();
        DicomObject otherStudy = deidentified("2.25.333", "20191120").set(Tag.StudyInstanceUID, VR.UI, "2.25.444")
                .setSequence(Tag.RequestAttributesSequence, List.of(DicomObject.builder()
                        .set(Tag.StudyInstanceUID, VR.UI, "2.25.444").build())).build();
        fails(() -> DeidAssertions.assertThatAll(List.of(IN, in2), List.of(OUT, otherStudy)).uidsRemappedConsistently(),
                "object 1: (0020,000D) StudyInstanceUID: the same original UID as at object 0: (0020,000D) StudyInstanceUID");
        assertThrows(IllegalArgumentException.class, () -> DeidAssertions.assertThatAll(List.of(IN), List.of()));
    }

    @Test
    void datesMustAllMoveByOneNonZeroOffset() {
        DicomObject unequal = deidentified(NEW_SERIES, "20191120").set(Tag.AcquisitionDateTime, VR.DT, "20191121101500").build();
        fails(() -> DeidAssertions.assertThat(IN, unequal).datesShifted(),
                "(0008,002A) AcquisitionDateTime: shifted by another number of days than (0008,0020) StudyDate");
        fails(() -> DeidAssertions.assertThat(IN, deidentified(NEW_SERIES, "20200115").build()).datesShifted(),
                "shifted by 0 days");
        DicomObject noDates = DicomObject.builder().set(Tag.Modality, VR.CS, "CT").build();
        fails(() -> DeidAssertions.assertThat(IN, noDates).datesShifted(), "no DA or DT value");
    }

    @Test
    void everyObjectOfAPatientMovesByTheSameOffset() {
        DicomObject in2 = original("PID-1", SERIES + ".2", "20200301");
        DicomObject in3 = original("PID-2", SERIES + ".3", "20200301");
        DicomObject same = deidentified("2.25.2", "20200105").build(); // 56 days back, as the first
        DicomObject other = deidentified("2.25.3", "20200220").build(); // 10 days back: another patient may differ
        DeidAssertions.assertThatAll(List.of(IN, in2, in3), List.of(OUT, same, other)).datesShiftedByPatientOffset();
        fails(() -> DeidAssertions.assertThatAll(List.of(IN, in2), List.of(OUT, other)).datesShiftedByPatientOffset(),
                "object 1: (0008,0020) StudyDate: shifted by another number of days than object 0: (0008,0020) StudyDate");
    }

    @Test
    void noLeaksListsTheLeaks() {
        DicomObject leaky = deidentified(NEW_SERIES, "20191120").set(Tag.ImageComments, VR.LT, "for john").build();
        fails(() -> DeidAssertions.assertThat(IN, leaky).noLeaks(t -> !t.equals(Tag.Modality)),
                "the value of (0010,0010) PatientName survives inside the text at (0020,4000) ImageComments");
        fails(() -> DeidAssertions.assertThatAll(List.of(IN), List.of(leaky)).noLeaks(t -> !t.equals(Tag.Modality)),
                "object 0: the value of (0010,0010) PatientName");
    }

    /** Runs a check that must fail; its message must contain {@code expected} and no value of the test objects. */
    private static void fails(Executable check, String expected) {
        AssertionError e = assertThrows(AssertionError.class, check);
        String m = e.getMessage();
        assertTrue(m.contains(expected), "expected '" + expected + "' in:\n" + m);
        String upper = m.toUpperCase(Locale.ROOT);
        for (String value : List.of("DOE", "JOHN", "PID-1", STUDY, "19700203", "20200115", "20191120", "SPS42", "2.25.")) {
            assertFalse(upper.contains(value), "the message shows a value: " + m);
        }
    }
}
