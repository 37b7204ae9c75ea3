/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.TransferSyntax;
import org.i4dw.dicom.io.DicomFile;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.ReadOptions;
import org.i4dw.testkit.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every generated file is read without warning by our reader and converted by dcmtk's dcm2json,
 * and both see the values the ground truth records.
 */
class PeerParsingTest {

    @TempDir
    static Path tmp;

    private static CohortManifest truth;
    private static Path dir;

    /** 4 patients: both MR vendors at both field strengths, CT with a dose report. */
    @BeforeAll
    static void write() throws IOException {
        dir = tmp.resolve("cohort");
        truth = SyntheticCohort.builder().patients(4).seed(99).instancesPerSeries(2)
                .doseReports(CohortFiles.doseReportTemplate()).build().write(dir);
    }

    @Test
    void ourReaderReadsEveryFileWholeWithoutWarning() throws IOException {
        for (CohortManifest.Study s : truth.studies()) {
            for (CohortManifest.Series r : s.series()) {
                List<Path> files = r.files(dir);
                for (int i = 0; i < files.size(); i++) {
                    DicomFile f = DicomReader.read(files.get(i), ReadOptions.defaults());
                    assertEquals(List.of(), f.warnings(), files.get(i)::toString);
                    assertEquals(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(),
                            f.fileMetaInformation().string(Tag.TransferSyntaxUID).orElseThrow());
                    DicomObject ds = f.dataset();
                    assertEquals(r.sopInstanceUids().get(i), ds.string(Tag.SOPInstanceUID).orElseThrow());
                    assertEquals(r.sopInstanceUids().get(i),
                            f.fileMetaInformation().string(Tag.MediaStorageSOPInstanceUID).orElseThrow());
                    assertEquals(s.accessionNumber(), ds.string(Tag.AccessionNumber).orElseThrow());
                }
            }
        }
    }

    @Test
    void dcm2jsonConvertsEveryFileAndSeesTheSameValues() throws IOException {
        int files = 0;
        for (CohortManifest.Study s : truth.studies()) {
            for (CohortManifest.Series r : s.series()) {
                List<Path> paths = r.files(dir);
                for (int i = 0; i < paths.size(); i++) {
                    Map<?, ?> json = (Map<?, ?>) Json.parse(CohortFiles.dcm2json(paths.get(i)));
                    String where = paths.get(i).toString();
                    assertEquals(s.patientId(), value(json, "00100020"), where);
                    assertEquals(s.patientName(), ((Map<?, ?>) value(json, "00100010")).get("Alphabetic"), where);
                    assertEquals(s.accessionNumber(), value(json, "00080050"), where);
                    assertEquals(s.studyInstanceUid(), value(json, "0020000D"), where);
                    assertEquals(r.seriesInstanceUid(), value(json, "0020000E"), where);
                    assertEquals(r.sopInstanceUids().get(i), value(json, "00080018"), where);
                    assertEquals(r.sopClassUid(), value(json, "00080016"), where);
                    assertEquals(r.modality(), value(json, "00080060"), where);
                    assertEquals(r.seriesDescription(), value(json, "0008103E"), where);
                    assertEquals(new java.math.BigDecimal(r.seriesNumber()), value(json, "00200011"), where);
                    files++;
                }
            }
        }
        assertEquals(truth.instanceCount(), files);
        assertTrue(files > 40);
    }

    /** The first value of an attribute in DICOM JSON. */
    private static Object value(Map<?, ?> json, String tag) {
        Map<?, ?> attribute = (Map<?, ?>) json.get(tag);
        assertTrue(attribute != null, () -> tag + " is missing");
        return ((List<?>) attribute.get("Value")).get(0);
    }
}
