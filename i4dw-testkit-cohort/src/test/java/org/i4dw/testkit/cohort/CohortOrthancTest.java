/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.i4dw.api.AeTitle;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.QueryLevel;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.dicom.net.DimseClient;
import org.i4dw.dicom.net.FindResult;
import org.i4dw.dicom.net.NetworkOptions;
import org.i4dw.dicom.net.QueryModel;
import org.i4dw.testkit.LoadReport;
import org.i4dw.testkit.OrthancPacs;
import org.i4dw.testkit.OrthancStatistics;
import org.i4dw.testkit.OrthancTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A written cohort loads into a real Orthanc, which accepts every file, and answers C-FIND at the
 * study and series levels exactly as the ground truth says.
 */
@OrthancTest(aeTitle = "COHORT-PACS", dicomWeb = false)
class CohortOrthancTest {

    private static final NetworkOptions FAST = NetworkOptions.builder().dimseTimeout(Duration.ofSeconds(20))
            .artimTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path tmp;

    private static CohortManifest truth;

    /** 12 patients with one MR and one CT study each, dose reports: 24 studies, 108 series. */
    @BeforeAll
    static void load(OrthancPacs pacs) throws IOException {
        pacs.deleteAll();
        Path dir = tmp.resolve("cohort");
        truth = SyntheticCohort.builder().patients(12).seed(1234).instancesPerSeries(2)
                .doseReports(CohortFiles.doseReportTemplate()).build().write(dir);
        LoadReport report = pacs.uploadAll(CohortFiles.dicomFiles(dir));
        assertEquals(List.of(), report.rejected(), report::toString);
        assertEquals(truth.instanceCount(), report.acceptedCount());
    }

    private static DimseClient client(OrthancPacs pacs) {
        return DimseClient.builder().pacs(new PacsAddress(AeTitle.of(pacs.aeTitle()), pacs.host(), pacs.dicomPort()))
                .callingAeTitle("I4DW-COHORT").networkOptions(FAST).build();
    }

    @Test
    void orthancCountsWhatTheGroundTruthCounts(OrthancPacs pacs) {
        OrthancStatistics stats = pacs.statistics();
        assertEquals(truth.patients().size(), stats.patients());
        assertEquals(truth.studies().size(), stats.studies());
        assertEquals(truth.seriesCount(), stats.series());
        assertEquals(truth.instanceCount(), stats.instances());
    }

    @Test
    void studyLevelFindAnswersEveryAccessionNumber(OrthancPacs pacs) {
        DicomObject keys = DicomObject.builder()
                .setEmpty(Tag.StudyDate, VR.DA)
                .setEmpty(Tag.AccessionNumber, VR.SH)
                .setEmpty(Tag.PatientName, VR.PN)
                .setEmpty(Tag.PatientID, VR.LO)
                .setEmpty(Tag.StudyInstanceUID, VR.UI)
                .setEmpty(Tag.NumberOfStudyRelatedSeries, VR.IS)
                .build();
        Map<String, List<String>> found = new TreeMap<>();
        try (DimseClient c = client(pacs)) {
            FindResult r = c.find(QueryModel.STUDY_ROOT, QueryLevel.STUDY, keys, m -> {
                found.put(m.string(Tag.AccessionNumber).orElse(""), List.of(m.string(Tag.StudyInstanceUID).orElse(""),
                        m.string(Tag.PatientID).orElse(""), m.string(Tag.PatientName).orElse(""),
                        m.string(Tag.StudyDate).orElse(""), m.string(Tag.NumberOfStudyRelatedSeries).orElse("")));
                return true;
            });
            assertEquals(truth.studies().size(), r.results());
        }
        Map<String, List<String>> expected = new TreeMap<>();
        for (CohortManifest.Study s : truth.studies()) {
            expected.put(s.accessionNumber(), List.of(s.studyInstanceUid(), s.patientId(), s.patientName(),
                    s.studyDate().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE),
                    Integer.toString(s.series().size())));
        }
        assertEquals(expected, found);
    }

    @Test
    void seriesLevelFindAnswersEverySeriesOfEachStudy(OrthancPacs pacs) {
        int total = 0;
        try (DimseClient c = client(pacs)) {
            for (CohortManifest.Study s : truth.studies()) {
                DicomObject keys = DicomObject.builder()
                        .set(Tag.StudyInstanceUID, VR.UI, s.studyInstanceUid())
                        .setEmpty(Tag.Modality, VR.CS)
                        .setEmpty(Tag.SeriesDescription, VR.LO)
                        .setEmpty(Tag.SeriesInstanceUID, VR.UI)
                        .setEmpty(Tag.SeriesNumber, VR.IS)
                        .setEmpty(Tag.NumberOfSeriesRelatedInstances, VR.IS)
                        .build();
                List<List<Object>> found = new ArrayList<>();
                c.find(QueryModel.STUDY_ROOT, QueryLevel.SERIES, keys, m -> {
                    found.add(List.of(m.string(Tag.SeriesInstanceUID).orElse(""), m.string(Tag.Modality).orElse(""),
                            m.string(Tag.SeriesDescription).orElse(""), m.integer(Tag.SeriesNumber).orElse(-1),
                            m.integer(Tag.NumberOfSeriesRelatedInstances).orElse(-1)));
                    return true;
                });
                List<List<Object>> expected = s.series().stream()
                        .map(r -> List.<Object>of(r.seriesInstanceUid(), r.modality(), r.seriesDescription(),
                                r.seriesNumber(), r.numberOfInstances()))
                        .toList();
                assertEquals(Set.copyOf(expected), Set.copyOf(found), s::toString);
                assertEquals(expected.size(), found.size(), s::toString);
                total += found.size();
            }
        }
        assertEquals(truth.seriesCount(), total);
    }

    @Test
    void fieldStrengthsAreQueryableAsTheyWereGenerated(OrthancPacs pacs) {
        Set<BigDecimal> expected = truth.series().stream().filter(r -> r.magneticFieldStrength().isPresent())
                .map(r -> BigDecimal.valueOf(r.magneticFieldStrength().getAsDouble()).stripTrailingZeros())
                .collect(Collectors.toSet());
        assertEquals(Set.of(new BigDecimal("1.5"), new BigDecimal("3")), expected);
        Set<BigDecimal> found = new java.util.HashSet<>();
        try (DimseClient c = client(pacs)) {
            DicomObject keys = DicomObject.builder().set(Tag.Modality, VR.CS, "MR")
                    .setEmpty(Tag.SeriesInstanceUID, VR.UI).setEmpty(Tag.StudyInstanceUID, VR.UI).build();
            List<String[]> series = new ArrayList<>();
            c.find(QueryModel.STUDY_ROOT, QueryLevel.SERIES, keys, m -> {
                series.add(new String[] {m.string(Tag.StudyInstanceUID).orElse(""),
                    m.string(Tag.SeriesInstanceUID).orElse("")});
                return true;
            });
            assertEquals(truth.series().stream().filter(r -> r.modality().equals("MR")).count(), series.size());
            for (String[] s : series.subList(0, Math.min(series.size(), 40))) {
                DicomObject image = DicomObject.builder().set(Tag.StudyInstanceUID, VR.UI, s[0])
                        .set(Tag.SeriesInstanceUID, VR.UI, s[1]).setEmpty(Tag.SOPInstanceUID, VR.UI)
                        .setEmpty(Tag.MagneticFieldStrength, VR.DS).build();
                c.find(QueryModel.STUDY_ROOT, QueryLevel.IMAGE, image, m -> {
                    m.string(Tag.MagneticFieldStrength).ifPresent(v -> found.add(new BigDecimal(v).stripTrailingZeros()));
                    return true;
                });
            }
        }
        assertTrue(expected.containsAll(found) && !found.isEmpty(), "Orthanc returns " + found);
    }
}
