/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DicomObjectTest {

    @Test
    void keepsElementsOrderedByTagWhateverTheInsertionOrder() {
        DicomObject o = DicomObject.builder()
                .set(Tag.StudyDescription, "HEAD")
                .set(Tag.Modality, "CT")
                .set(Tag.PatientID, "P1")
                .setInts(Tag.of(0x00291010), VR.UL, 1)
                .set(Tag.AccessionNumber, "A1")
                .build();
        List<Integer> tags = new ArrayList<>();
        o.forEach(e -> tags.add(e.tagValue()));
        assertEquals(List.of(0x00080050, 0x00080060, 0x00081030, 0x00100020, 0x00291010), tags);
    }

    @Test
    void settingATagAgainReplacesIt() {
        DicomObject o = DicomObject.builder().set(Tag.Modality, "CT").set(Tag.Modality, "MR").build();
        assertEquals(1, o.size());
        assertEquals("MR", o.string(Tag.Modality).orElseThrow());
    }

    @Test
    void builtObjectsAreNotChangedByLaterBuilderUse() {
        DicomObject.Builder b = DicomObject.builder().set(Tag.Modality, "CT");
        DicomObject first = b.build();
        b.set(Tag.Modality, "MR").set(Tag.PatientID, "X");
        assertEquals("CT", first.string(Tag.Modality).orElseThrow());
        assertEquals(1, first.size());
    }

    @Test
    void textValuesFromBytesAreDecodedSplitAndTrimmed() {
        DicomObject o = DicomObject.builder()
                .setBytes(Tag.ImageType, VR.CS, ascii("ORIGINAL\\PRIMARY\\AXIAL "))
                .setBytes(Tag.SOPInstanceUID, VR.UI, ascii("1.2.3\0"))
                .setBytes(Tag.StudyDescription, VR.LO, ascii(" Head  "))
                .setBytes(Tag.ImageComments, VR.LT, ascii("  line one\\still one  "))
                .build();
        assertEquals(List.of("ORIGINAL", "PRIMARY", "AXIAL"), o.strings(Tag.ImageType));
        assertEquals("1.2.3", o.string(Tag.SOPInstanceUID).orElseThrow());
        assertEquals("Head", o.string(Tag.StudyDescription).orElseThrow());
        assertEquals(List.of("  line one\\still one"), o.strings(Tag.ImageComments),
                "LT is single-valued and keeps leading spaces");
    }

    @Test
    void emptyAndAbsentElementsGiveEmptyResults() {
        DicomObject o = DicomObject.builder().setEmpty(Tag.PatientName, VR.PN).build();
        assertTrue(o.contains(Tag.PatientName));
        assertTrue(o.string(Tag.PatientName).isEmpty());
        assertTrue(o.personName(Tag.PatientName).isEmpty());
        assertTrue(o.strings(Tag.PatientID).isEmpty());
        assertTrue(o.integer(Tag.Rows).isEmpty());
        assertTrue(o.sequence(Tag.ContentSequence).isEmpty());
    }

    @Test
    void numbersFromBinaryAndTextVrs() {
        DicomObject o = DicomObject.builder()
                .setInts(Tag.Rows, VR.US, 512)
                .setInts(Tag.SmallestImagePixelValue, VR.SS, -1024)
                .setInts(Tag.of(0x00181250), VR.IS, 7) // retired? any IS element will do
                .setInts(Tag.NumberOfFrames, VR.IS, 12)
                .setDoubles(Tag.SliceThickness, VR.DS, 1.25)
                .setDoubles(Tag.PixelSpacing, VR.DS, 0.5, 0.75)
                .setDoubles(Tag.MagneticFieldStrength, VR.DS, 3)
                .setDoubles(Tag.of(0x00189089), VR.FD, 0.0, 1.0, 0.5)
                .setInts(Tag.of(0x00280106 + 1), VR.US, 65535)
                .build();
        assertEquals(512, o.integer(Tag.Rows).getAsInt());
        assertEquals(-1024, o.integer(Tag.SmallestImagePixelValue).getAsInt());
        assertEquals(12, o.integer(Tag.NumberOfFrames).getAsInt());
        assertEquals(1.25, o.decimal(Tag.SliceThickness).getAsDouble());
        assertArrayEquals(new double[] {0.5, 0.75}, o.doubles(Tag.PixelSpacing));
        assertEquals(List.of("3"), o.strings(Tag.MagneticFieldStrength));
        assertArrayEquals(new double[] {0.0, 1.0, 0.5}, o.doubles(Tag.of(0x00189089)));
        assertEquals(65535, o.integer(Tag.of(0x00280107)).getAsInt(), "US is unsigned");
    }

    @Test
    void malformedNumbersAreEmptyNotExceptions() {
        DicomObject o = DicomObject.builder().set(Tag.SliceThickness, VR.DS, "abc").build();
        assertTrue(o.decimal(Tag.SliceThickness).isEmpty());
        assertEquals(List.of("abc"), o.strings(Tag.SliceThickness), "the raw value stays available");
    }

    @Test
    void datesTimesAndDateTimes() {
        DicomObject o = DicomObject.builder()
                .set(Tag.StudyDate, "20240229")
                .set(Tag.StudyTime, "101530.25")
                .set(Tag.AcquisitionDateTime, "20240229101530.123456+0100")
                .set(Tag.SeriesDate, "2024.02.29")
                .set(Tag.SeriesTime, "10:15")
                .set(Tag.ContentDate, "20240230")
                .build();
        assertEquals(LocalDate.of(2024, 2, 29), o.date(Tag.StudyDate).orElseThrow());
        assertEquals(LocalTime.of(10, 15, 30, 250_000_000), o.time(Tag.StudyTime).orElseThrow());
        assertEquals(LocalDateTime.of(2024, 2, 29, 10, 15, 30, 123_456_000), o.dateTime(Tag.AcquisitionDateTime).orElseThrow());
        assertEquals(LocalDate.of(2024, 2, 29), o.date(Tag.SeriesDate).orElseThrow(), "legacy YYYY.MM.DD");
        assertEquals(LocalTime.of(10, 15), o.time(Tag.SeriesTime).orElseThrow(), "legacy HH:MM");
        assertTrue(o.date(Tag.ContentDate).isEmpty(), "Feb 30 is not a date");
        assertEquals(LocalDateTime.of(2024, 2, 29, 10, 15, 30, 250_000_000),
                o.dateTime(Tag.StudyDate, Tag.StudyTime).orElseThrow());
        assertEquals(LocalDate.of(2024, 2, 29), o.date(Tag.AcquisitionDateTime).orElseThrow(), "date part of a DT");
    }

    @Test
    void personNameComponentGroups() {
        DicomObject o = DicomObject.builder().set(Tag.PatientName, "Yamada^Tarou=山田^太郎=やまだ^たろう").build();
        PersonName pn = o.personName(Tag.PatientName).orElseThrow();
        assertEquals("Yamada", pn.alphabetic().family());
        assertEquals("Tarou", pn.alphabetic().given());
        assertEquals("山田", pn.ideographic().family());
        assertEquals("たろう", pn.phonetic().given());
        assertEquals("Yamada^Tarou=山田^太郎=やまだ^たろう", pn.encoded());
        assertFalse(pn.toString().contains("Yamada"), "toString must not reveal a name");
        assertEquals("Doe^John", PersonName.parse("Doe^John^^^").encoded());
    }

    @Test
    void codeTripletsFromCodeSequences() {
        DicomObject code = DicomObject.builder()
                .set(Tag.CodeValue, "113701").set(Tag.CodingSchemeDesignator, "DCM")
                .set(Tag.CodeMeaning, "X-Ray Radiation Dose Report").build();
        DicomObject o = DicomObject.builder().setSequence(Tag.ConceptNameCodeSequence, List.of(code)).build();
        Code c = o.code(Tag.ConceptNameCodeSequence).orElseThrow();
        assertEquals(new Code("113701", "DCM", "", "X-Ray Radiation Dose Report"), c);
        DicomObject longCode = DicomObject.builder().set(Tag.LongCodeValue, "a-very-long-code-value-beyond-16")
                .set(Tag.CodingSchemeDesignator, "99X").build();
        assertEquals("a-very-long-code-value-beyond-16", Code.of(longCode).orElseThrow().value());
        assertTrue(Code.of(DicomObject.EMPTY).isEmpty());
    }

    @Test
    void sequencesNestAndInheritTheCharacterSet() {
        DicomObject deep = DicomObject.builder().set(Tag.CodeMeaning, "leaf").build();
        for (int i = 0; i < 50; i++) {
            deep = DicomObject.builder().setSequence(Tag.ContentSequence, List.of(deep)).build();
        }
        DicomObject cur = deep;
        int depth = 0;
        while (!cur.sequence(Tag.ContentSequence).isEmpty()) {
            cur = cur.sequence(Tag.ContentSequence).get(0);
            depth++;
        }
        assertEquals(50, depth);
        assertEquals("leaf", cur.string(Tag.CodeMeaning).orElseThrow());

        DicomObject item = DicomObject.builder().inheritCharacterSet(SpecificCharacterSet.of("ISO_IR 100"))
                .setBytes(Tag.CodeMeaning, VR.LO, new byte[] {'M', (byte) 0xFC, 'l', 'l', 'e', 'r'}).build();
        assertEquals("Müller", item.string(Tag.CodeMeaning).orElseThrow());
    }

    @Test
    void ownSpecificCharacterSetOverridesTheInheritedOne() {
        DicomObject o = DicomObject.builder().inheritCharacterSet(SpecificCharacterSet.of("ISO_IR 100"))
                .set(Tag.SpecificCharacterSet, "ISO_IR 192")
                .setBytes(Tag.InstitutionName, VR.LO, "Zürich".getBytes(StandardCharsets.UTF_8)).build();
        assertEquals(List.of("ISO_IR 192"), o.characterSet().terms());
        assertEquals("Zürich", o.string(Tag.InstitutionName).orElseThrow());
    }

    @Test
    void equalityComparesDecodedTextAndRawBinary() {
        DicomObject fromBytes = DicomObject.builder().setBytes(Tag.Modality, VR.CS, ascii("CT ")).build();
        DicomObject fromString = DicomObject.builder().set(Tag.Modality, "CT").build();
        assertEquals(fromBytes, fromString);
        assertEquals(fromBytes.hashCode(), fromString.hashCode());
        assertNotEquals(fromString, DicomObject.builder().set(Tag.Modality, "MR").build());
        assertNotEquals(DicomObject.builder().setInts(Tag.Rows, VR.US, 1).build(),
                DicomObject.builder().setInts(Tag.Rows, VR.US, 2).build());
        assertEquals(DicomObject.builder().setEmpty(Tag.PatientName, VR.PN).build(),
                DicomObject.builder().set(Tag.PatientName, VR.PN).build());
    }

    @Test
    void toBuilderCopiesAndRemoves() {
        DicomObject o = DicomObject.builder().set(Tag.Modality, "CT").set(Tag.PatientID, "P").build();
        DicomObject p = o.toBuilder().remove(Tag.PatientID).build();
        assertEquals(2, o.size());
        assertEquals(1, p.size());
        assertFalse(p.contains(Tag.PatientID));
    }

    @Test
    void toStringNeverShowsValues() {
        DicomObject o = DicomObject.builder().set(Tag.PatientName, "Doe^Jane").set(Tag.PatientID, "12345").build();
        assertFalse(o.toString().contains("Doe"));
        assertFalse(o.toString().contains("12345"));
        o.forEach(e -> assertFalse(e.toString().contains("Doe")));
    }

    @Test
    void builderRejectsValuesThatDoNotFitTheVr() {
        DicomObject.Builder b = DicomObject.builder();
        assertThrows(IllegalArgumentException.class, () -> b.set(Tag.Rows, VR.US, "1"));
        assertThrows(IllegalArgumentException.class, () -> b.set(Tag.ImageType, VR.CS, "A\\B"));
        assertThrows(IllegalArgumentException.class, () -> b.set(Tag.of(0x00291010), "x"),
                "private data needs an explicit VR");
        assertThrows(IllegalArgumentException.class, () -> b.set(Tag.SmallestImagePixelValue, "1"),
                "US or SS needs an explicit VR");
        assertThrows(IllegalArgumentException.class, () -> b.setDoubles(Tag.Rows, VR.US, 1.0));
    }

    @Test
    void atValuesPrintAsHexTags() {
        DicomObject o = DicomObject.builder().setTags(Tag.FrameIncrementPointer, Tag.of(0x00181063)).build();
        assertEquals(List.of("00181063"), o.strings(Tag.FrameIncrementPointer));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aValueTypeReadFromBytesIsTheSameTextWhetherOrNotItIsACommonTerm() {
        for (String v : new String[] {"CONTAINER", "HAS CONCEPT MOD", "SR", "SCOORD3D", "CONTAINERS", "COD", "code",
            "TEXT\\NUM"}) {
            DicomObject o = DicomObject.builder().setBytes(Tag.ValueType, VR.CS, ascii(" " + v + " ")).build();
            assertEquals(v.split("\\\\")[0], o.string(Tag.ValueType).orElseThrow());
            assertEquals(List.of(v.split("\\\\")), o.strings(Tag.ValueType));
        }
    }
}
