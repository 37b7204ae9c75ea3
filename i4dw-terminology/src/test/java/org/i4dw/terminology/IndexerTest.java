/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.terminology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.i4dw.api.pivot.CodedValue;
import org.i4dw.api.pivot.PivotElement;
import org.i4dw.api.terminology.DocumentIndexer;
import org.i4dw.api.terminology.NodeType;
import org.i4dw.api.terminology.Terminology;
import org.i4dw.api.terminology.TerminologySettings;
import org.i4dw.data.BulkData;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.testkit.SampleCorpus;
import org.junit.jupiter.api.Test;

/** The indexer on hand-built objects whose elements are known. */
class IndexerTest {

    private static final String TAG = "DCMEHOP:TAG:";
    private static final String REPORT = "DCMEHOP:SR:DCM-113701";

    private static DocumentIndexer indexer(TerminologySettings settings) {
        return new DcmehopTerminologyProvider().newIndexer(settings);
    }

    private static List<PivotElement> index(DicomObject o) {
        return indexer(TerminologySettings.defaults()).index(o);
    }

    private static List<PivotElement> withCode(List<PivotElement> elements, String code) {
        return elements.stream().filter(e -> e.code().equals(code)).collect(Collectors.toList());
    }

    private static PivotElement one(List<PivotElement> elements, String code) {
        List<PivotElement> found = withCode(elements, code);
        assertEquals(1, found.size(), code + " in " + elements);
        return found.get(0);
    }

    @Test
    void imageValuesAreCanonicalAndMultiValuedOnesCountFromOne() {
        DicomObject o = DicomObject.builder()
                .set(Tag.Modality, VR.CS, "CT")
                .set(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL")
                .set(Tag.SliceThickness, VR.DS, "  12.50 ")
                .set(Tag.InstanceNumber, VR.IS, "+007")
                .set(Tag.ImagePositionPatient, VR.DS, "-125.0", "-130.5", "0.0001")
                .setInts(Tag.Rows, VR.US, 512)
                .setDoubles(Tag.RescaleSlope, VR.DS, 1.0)
                .set(Tag.StudyDate, VR.DA, "20240301")
                .set(Tag.StudyTime, VR.TM, "140509.250000")
                .set(Tag.AcquisitionDateTime, VR.DT, "20240301140509+0100")
                .set(Tag.StudyDescription, VR.LO, "CHEST  ")
                .build();
        List<PivotElement> e = index(o);
        assertEquals(PivotElement.of(TAG + "00080060", NodeType.CODE, "CT"), one(e, TAG + "00080060"));
        List<PivotElement> imageType = withCode(e, TAG + "00080008");
        assertEquals(List.of("ORIGINAL", "PRIMARY", "AXIAL"), imageType.stream().map(PivotElement::value).toList());
        assertEquals(List.of(1, 2, 3), imageType.stream().map(PivotElement::valueIndex).toList());
        assertEquals(new PivotElement(TAG + "00180050", NodeType.NUMBER, "12.5", null, null, 1, 1),
                one(e, TAG + "00180050"));
        assertEquals("7", one(e, TAG + "00200013").value());
        List<PivotElement> position = withCode(e, TAG + "00200032");
        assertEquals(List.of("-125", "-130.5", "1.0E-4"), position.stream().map(PivotElement::value).toList());
        assertEquals(List.of(1, 2, 3), position.stream().map(PivotElement::valueIndex).toList());
        assertEquals(new PivotElement(TAG + "00280010", NodeType.NUMBER, "512", null, null, 1, 1),
                one(e, TAG + "00280010"));
        assertEquals("1", one(e, TAG + "00281053").value());
        assertEquals(PivotElement.of(TAG + "00080020", NodeType.DATE, "2024-03-01"), one(e, TAG + "00080020"));
        assertEquals(PivotElement.of(TAG + "00080030", NodeType.TIME, "14:05:09.25"), one(e, TAG + "00080030"));
        assertEquals(PivotElement.of(TAG + "0008002A", NodeType.DATETIME, "2024-03-01T14:05:09+01:00"),
                one(e, TAG + "0008002A"));
        assertEquals(PivotElement.of(TAG + "00081030", NodeType.TEXT, "CHEST"), one(e, TAG + "00081030"));
        assertEquals(15, e.size(), e.toString());
    }

    @Test
    void aValueThatIsNotOfItsTypeIsKeptAsText() {
        DicomObject o = DicomObject.builder()
                .set(Tag.SliceThickness, VR.DS, "thin")
                .set(Tag.ImagePositionPatient, VR.DS, "1", "n/a", "3")
                .set(Tag.StudyDate, VR.DA, "20241345")
                .set(Tag.StudyTime, VR.TM, "25")
                .set(Tag.AcquisitionDateTime, VR.DT, "2024-03-01")
                .build();
        List<PivotElement> e = index(o);
        assertEquals(PivotElement.of(TAG + "00180050", NodeType.TEXT, "thin"), one(e, TAG + "00180050"));
        assertEquals(List.of(new PivotElement(TAG + "00200032", NodeType.NUMBER, "1", null, null, 1, 1),
                new PivotElement(TAG + "00200032", NodeType.TEXT, "n/a", null, null, 1, 2),
                new PivotElement(TAG + "00200032", NodeType.NUMBER, "3", null, null, 1, 3)),
                withCode(e, TAG + "00200032"));
        assertEquals(PivotElement.of(TAG + "00080020", NodeType.TEXT, "20241345"), one(e, TAG + "00080020"));
        assertEquals(PivotElement.of(TAG + "00080030", NodeType.TEXT, "25"), one(e, TAG + "00080030"));
        assertEquals(PivotElement.of(TAG + "0008002A", NodeType.TEXT, "2024-03-01"), one(e, TAG + "0008002A"));
        assertEquals(7, e.size());
    }

    @Test
    void sequencesGiveCodesOrTheirItemsValuesAndBulkDataNothing() {
        DicomObject ref1 = DicomObject.builder().set(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3.1").build();
        DicomObject ref2 = DicomObject.builder().set(Tag.ReferencedSOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2")
                .set(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3.2").build();
        DicomObject o = DicomObject.builder()
                .set(Tag.Modality, VR.CS, "CT")
                .setSequence(Tag.ProcedureCodeSequence, List.of(Cohort.code("T-D3000", "SRT", "Chest"),
                        DicomObject.builder().set(Tag.CodeMeaning, VR.LO, "no code").build(),
                        Cohort.code("51185008", "SCT", "Thorax")))
                .setSequence(Tag.ReferencedImageSequence, List.of(ref1, ref2))
                .setBytes(Tag.PixelData, VR.OW, new byte[] {1, 2, 3, 4})
                .setBulkData(Tag.of(0x00420011), VR.OB, BulkData.adopt(new byte[] {1, 2}))
                .build();
        List<PivotElement> e = index(o);
        String region = TAG + "00081032";
        assertEquals(List.of(
                new PivotElement(region, NodeType.CODE, "T-D3000", null, new CodedValue("SRT", "T-D3000", "Chest"), 1, 1),
                new PivotElement(region, NodeType.CODE, "51185008", null, new CodedValue("SCT", "51185008", "Thorax"), 1,
                        3)), withCode(e, region));
        assertEquals(List.of(new PivotElement(TAG + "00081140/00081155", NodeType.TEXT, "1.2.3.1", null, null, 1, 1),
                new PivotElement(TAG + "00081140/00081155", NodeType.TEXT, "1.2.3.2", null, null, 2, 1)),
                withCode(e, TAG + "00081140/00081155"));
        assertEquals(1, withCode(e, TAG + "00081140/00081150").size());
        assertTrue(withCode(e, TAG + "00081140").isEmpty(), "a container has no element");
        assertTrue(withCode(e, TAG + "7FE00010").isEmpty(), "pixel data has no element");
        assertTrue(withCode(e, TAG + "00420011").isEmpty(), "bulk data has no element");
        assertEquals(6, e.size(), e.toString());
        Terminology t = Files.builder().add("P", "S", o).build();
        assertTrue(t.node(TAG + "7FE00010").isPresent(), "the builder has the node, without a value");
    }

    @Test
    void doseReportItemsCountTheirOccurrences() {
        DicomObject report = Cohort.doseReport(true, 250, 50.5, 1e-5);
        List<PivotElement> e = index(report);
        String dlp = REPORT + "/DCM-113819/DCM-113829/DCM-113838";
        assertEquals(List.of(new PivotElement(dlp, NodeType.NUMBER, "250", "mGy.cm", null, 1, 1),
                new PivotElement(dlp, NodeType.NUMBER, "50.5", "mGy.cm", null, 2, 1),
                new PivotElement(dlp, NodeType.NUMBER, "1.0E-5", "mGy.cm", null, 3, 1)), withCode(e, dlp));
        assertEquals(new PivotElement(REPORT + "/DCM-121058", NodeType.CODE, "P5-08000", null,
                new CodedValue("SRT", "P5-08000", "Computed Tomography X-Ray"), 1, 1), one(e, REPORT + "/DCM-121058"));
        assertEquals(4, e.size(), "containers give no element: " + e);
    }

    @Test
    void everySrValueTypeGivesItsElement() {
        DicomObject measured = DicomObject.builder().set(Tag.NumericValue, VR.DS, "0012.30")
                .setSequence(Tag.MeasurementUnitsCodeSequence, List.of(Cohort.code("mGycm", "UCUM", "mGycm"))).build();
        DicomObject image = DicomObject.builder().set(Tag.ReferencedSOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2")
                .set(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3.4.5").build();
        DicomObject report = DicomObject.builder().set(Tag.Modality, VR.CS, "SR").set(Tag.ValueType, VR.CS, "CONTAINER")
                .setSequence(Tag.ConceptNameCodeSequence, List.of(Cohort.code("113701", "DCM", "X-Ray Radiation Dose Report")))
                .setSequence(Tag.ContentSequence, List.of(
                        item("NUM", "113838", b -> b.setSequence(Tag.MeasuredValueSequence, List.of(measured))),
                        item("DATE", "111060", b -> b.set(Tag.Date, VR.DA, "20240301")),
                        item("TIME", "111061", b -> b.set(Tag.Time, VR.TM, "0930")),
                        item("DATETIME", "113809", b -> b.set(Tag.DateTime, VR.DT, "20240301093000.5")),
                        item("UIDREF", "121012", b -> b.set(Tag.UID, VR.UI, "1.2.3.9")),
                        item("PNAME", "113870", b -> b.set(Tag.PersonName, VR.PN, "Doe^Jane")),
                        item("TEXT", "121106", b -> b.set(Tag.TextValue, VR.UT, "free text")),
                        item("IMAGE", "121112", b -> b.setSequence(Tag.ReferencedSOPSequence, List.of(image))),
                        item("SCOORD", "111030", b -> b.set(Tag.GraphicType, VR.CS, "POINT")),
                        item("NUM", "113812", b -> b),
                        item("DATE", "111062", b -> b.set(Tag.Date, VR.DA, "20240230"))))
                .build();
        List<PivotElement> e = index(report);
        assertEquals(List.of(
                new PivotElement(REPORT + "/DCM-113838", NodeType.NUMBER, "12.3", "mGy.cm", null, 1, 1),
                PivotElement.of(REPORT + "/DCM-111060", NodeType.DATE, "2024-03-01"),
                PivotElement.of(REPORT + "/DCM-111061", NodeType.TIME, "09:30:00"),
                PivotElement.of(REPORT + "/DCM-113809", NodeType.DATETIME, "2024-03-01T09:30:00.5"),
                PivotElement.of(REPORT + "/DCM-121012", NodeType.UIDREF, "1.2.3.9"),
                PivotElement.of(REPORT + "/DCM-113870", NodeType.PNAME, "Doe^Jane"),
                PivotElement.of(REPORT + "/DCM-121106", NodeType.TEXT, "free text"),
                PivotElement.of(REPORT + "/DCM-121112", NodeType.REFERENCE, "1.2.3.4.5"),
                PivotElement.of(REPORT + "/DCM-111062", NodeType.TEXT, "20240230")), e);
        Terminology t = Files.builder().add("P", "S", report).build();
        for (PivotElement p : e) {
            assertTrue(t.node(p.code()).isPresent(), p.code());
        }
        assertTrue(t.node(REPORT + "/DCM-111030").isPresent(), "SCOORD is a node without an element");
    }

    private interface Fill {
        DicomObject.Builder fill(DicomObject.Builder b);
    }

    private static DicomObject item(String valueType, String concept, Fill fill) {
        return fill.fill(DicomObject.builder().set(Tag.RelationshipType, VR.CS, "CONTAINS")
                .set(Tag.ValueType, VR.CS, valueType)
                .setSequence(Tag.ConceptNameCodeSequence, List.of(Cohort.code(concept, "DCM", "concept " + concept))))
                .build();
    }

    @Test
    void privateAttributesAreIndexedOnlyWhenTheSettingsSaySo() {
        DicomObject o = DicomObject.builder().set(Tag.Modality, VR.CS, "MR")
                .set(Tag.of(0x00290010), VR.LO, "ACME 1.0")
                .set(Tag.of(0x00291001), VR.DS, "1.50", "2")
                .build();
        assertEquals(1, index(o).size());
        List<PivotElement> e = indexer(TerminologySettings.builder().privateAttributes(true).build()).index(o);
        assertEquals(List.of(PivotElement.of(TAG + "00080060", NodeType.CODE, "MR"),
                new PivotElement("DCMEHOP:PRIVATE:ACME 1.0/0029xx01", NodeType.NUMBER, "1.5", null, null, 1, 1),
                new PivotElement("DCMEHOP:PRIVATE:ACME 1.0/0029xx01", NodeType.NUMBER, "2", null, null, 1, 2)), e);
    }

    /** Beyond its bound the shared tree of codes keeps no more nodes; elements and occurrences stay the same. */
    @Test
    void aFullCodeTreeGivesTheSameElements() {
        List<DicomObject> objects = new ArrayList<>();
        for (String file : List.of("01-rdsr/openrem__CT-RDSR-Siemens-Multi-2.dcm", "05-sr/dcmqi__tid1500-sr.dcm",
                "02-mr-series/siemens-t2-tse-adit-1002/00010.dcm")) {
            objects.add(Files.header(SampleCorpus.locate().file(file)));
        }
        TerminologySettings settings = TerminologySettings.builder().privateAttributes(true).build();
        DocumentIndexer unbounded = indexer(settings);
        DocumentIndexer tiny = new DcmehopIndexer(settings, 2);
        for (int round = 0; round < 2; round++) {
            for (DicomObject o : objects) {
                List<PivotElement> expected = unbounded.index(o);
                assertTrue(expected.stream().anyMatch(e -> e.occurrence() > 1), "no repeated node");
                assertEquals(expected, tiny.index(o));
            }
        }
    }

    @Test
    void srValueTypesAreReadInAnyCase() {
        java.util.Map<String, NodeType> expected = java.util.Map.ofEntries(java.util.Map.entry("CONTAINER", NodeType.CONTAINER),
                java.util.Map.entry("NUM", NodeType.NUMBER), java.util.Map.entry("CODE", NodeType.CODE),
                java.util.Map.entry("DATE", NodeType.DATE), java.util.Map.entry("TIME", NodeType.TIME),
                java.util.Map.entry("DATETIME", NodeType.DATETIME), java.util.Map.entry("UIDREF", NodeType.UIDREF),
                java.util.Map.entry("PNAME", NodeType.PNAME), java.util.Map.entry("TEXT", NodeType.TEXT),
                java.util.Map.entry("IMAGE", NodeType.REFERENCE), java.util.Map.entry("COMPOSITE", NodeType.REFERENCE),
                java.util.Map.entry("WAVEFORM", NodeType.REFERENCE), java.util.Map.entry("SCOORD", NodeType.REFERENCE),
                java.util.Map.entry("SCOORD3D", NodeType.REFERENCE), java.util.Map.entry("TCOORD", NodeType.REFERENCE),
                java.util.Map.entry("", NodeType.REFERENCE), java.util.Map.entry("NUMS", NodeType.REFERENCE));
        expected.forEach((v, t) -> {
            assertEquals(t, DcmehopWalk.srType(v), v);
            assertEquals(t, DcmehopWalk.srType(v.toLowerCase(java.util.Locale.ROOT)), v);
        });
    }

    @Test
    void theListIsImmutableAndNullIsRefused() {
        List<PivotElement> e = index(Cohort.doseReport(false, 1));
        assertThrows(UnsupportedOperationException.class, () -> e.add(e.get(0)));
        assertThrows(IllegalArgumentException.class, () -> index(null));
        assertThrows(NullPointerException.class, () -> new DcmehopTerminologyProvider().newIndexer(null));
    }

    @Test
    void oneIndexerServesManyThreadsWithTheSameResults() throws Exception {
        List<DicomObject> objects = new ArrayList<>();
        for (String folder : List.of("01-rdsr", "02-mr-series", "04-ct-series", "05-sr")) {
            for (var f : SampleCorpus.dicomFiles(SampleCorpus.locate().folder(folder))) {
                objects.add(Files.header(f));
            }
        }
        DocumentIndexer shared = indexer(TerminologySettings.builder().privateAttributes(true).build());
        List<List<PivotElement>> expected = new ArrayList<>();
        for (DicomObject o : objects) {
            expected.add(indexer(TerminologySettings.builder().privateAttributes(true).build()).index(o));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<List<PivotElement>>>> runs = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                int start = r;
                runs.add(pool.submit(() -> {
                    List<List<PivotElement>> got = new ArrayList<>(objects.size());
                    for (int k = 0; k < objects.size(); k++) {
                        got.add(null);
                    }
                    for (int k = 0; k < objects.size(); k++) {
                        int i = (k + start * 17) % objects.size();
                        got.set(i, shared.index(objects.get(i)));
                    }
                    return got;
                }));
            }
            for (Future<List<List<PivotElement>>> f : runs) {
                assertEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
