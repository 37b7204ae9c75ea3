/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.dicom.compare.HeaderComparison.Difference;
import org.i4dw.dicom.compare.HeaderComparison.Kind;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.ReadOptions;
import org.i4dw.dicom.json.BulkDataMode;
import org.i4dw.dicom.json.DicomJsonReader;
import org.i4dw.dicom.json.DicomJsonWriter;
import org.i4dw.testkit.SampleCorpus;
import org.junit.jupiter.api.Test;

/** Each kind of difference, found at its path, with no value in what is reported. */
class HeaderComparisonTest {

    @Test
    void everyKindIsFoundAtItsPathAndNothingElse() {
        DicomObject item = DicomObject.builder().set(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3").build();
        DicomObject ref = DicomObject.builder()
                .set(Tag.PatientName, VR.PN, "Doe^Jane=")
                .set(Tag.PatientID, VR.LO, "ID-1")
                .set(Tag.PatientWeight, VR.DS, "86.2")
                .set(Tag.PatientSize, VR.DS, "1.70")
                .setEmpty(Tag.StudyDescription, VR.LO)
                .setBytes(Tag.of(0x00291010), VR.OB, new byte[] {1, 2, 3, 4})
                .setSequence(Tag.ReferencedImageSequence, List.of(item, item))
                .setBytes(Tag.of(0x00091010), VR.UN, new byte[] {'x', ' '})
                .build();
        DicomObject other = DicomObject.builder()
                .set(Tag.PatientName, VR.PN, "Doe^Jane")
                .set(Tag.PatientWeight, VR.DS, "86.20")
                .set(Tag.PatientSize, VR.DS, "1.75")
                .setEmpty(Tag.of(0x00291010), VR.OB)
                .setSequence(Tag.ReferencedImageSequence, List.of(item.toBuilder()
                        .set(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.4").build()))
                .set(Tag.of(0x00091010), VR.LO, "x")
                .set(Tag.Modality, VR.CS, "CT")
                .build();
        HeaderComparison c = HeaderComparison.compare(ref, other);
        Map<String, Kind> got = new java.util.TreeMap<>();
        c.differences().forEach(d -> got.put(d.path(), d.kind()));
        assertEquals(Map.of(
                "(0010,0020) PatientID", Kind.MISSING,
                "(0010,1030) PatientWeight", Kind.NUMBER_TEXT,
                "(0010,1020) PatientSize", Kind.VALUE,
                "(0008,1030) StudyDescription", Kind.EMPTY_VS_ABSENT,
                "(0029,1010)", Kind.NOT_INLINE,
                "(0008,1140) ReferencedImageSequence", Kind.ITEM_COUNT,
                "(0008,1140) ReferencedImageSequence[0]>(0008,1155) ReferencedSOPInstanceUID", Kind.VALUE,
                "(0009,1010)", Kind.VR,
                "(0008,0060) Modality", Kind.EXTRA), got);
        assertEquals("(0008,1140) ReferencedImageSequence>(0008,1155) ReferencedSOPInstanceUID VALUE",
                HeaderComparison.generic(c.differences().stream().filter(d -> d.path().contains(">")).findFirst()
                        .orElseThrow()));
        String text = c.toString();
        for (String value : List.of("Doe", "ID-1", "86.2", "1.70", "1.75", "1.2.3", "1.2.4", "CT")) {
            assertFalse(text.contains(value), "no value in the report: " + value);
        }
        assertEquals(2, (int) c.counts().get(Kind.VALUE));
        assertEquals(0, (int) c.counts().get(Kind.EXTRA) - 1);
        assertEquals(HeaderComparison.count(ref), c.referenceAttributes());
        assertEquals(10, c.referenceAttributes(), "8 attributes and the 2 nested in the items");
    }

    @Test
    void aHeaderComparedWithItselfThroughDicomJsonDiffersOnlyInBulkDataAndGroupLengths() throws Exception {
        SampleCorpus corpus = SampleCorpus.locate();
        int files = 0;
        for (Path f : SampleCorpus.dicomFiles(corpus.folder("02-mr-series"))) {
            DicomObject header = DicomReader.read(f, ReadOptions.builder().headerOnly(true).build()).dataset();
            StringBuilder json = new StringBuilder();
            DicomJsonWriter.builder().bulkData(BulkDataMode.OMIT).build().write(header, json);
            DicomObject back = DicomJsonReader.read(json.toString(), "test");
            HeaderComparison c = HeaderComparison.compare(header, back);
            for (Difference d : c.differences()) {
                assertTrue(d.kind() == Kind.MISSING && ((d.tag().value() & 0xFFFF) == 0
                        || d.referenceVr().kind() == VR.Kind.BULK || d.referenceVr() == VR.UN)
                        || d.kind() == Kind.NOT_INLINE, d.toString());
            }
            assertTrue(HeaderComparison.compare(header, header).isEmpty());
            files++;
        }
        assertTrue(files > 0);
    }
}
