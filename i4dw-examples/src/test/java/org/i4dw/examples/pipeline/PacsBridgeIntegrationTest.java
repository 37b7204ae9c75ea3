/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.i4dw.api.AccessionOutcome;
import org.i4dw.api.BatchReport;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.api.Mode;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.PacsBridge;
import org.i4dw.api.Retrieve;
import org.i4dw.api.SeriesOutcome;
import org.i4dw.api.pivot.DocumentType;
import org.i4dw.api.pivot.PivotDocument;
import org.i4dw.api.pivot.PivotElement;
import org.i4dw.api.terminology.Terminology;
import org.i4dw.api.terminology.TerminologyNode;
import org.i4dw.examples.plugin.MrFieldStrengthPlugin;
import org.i4dw.spi.DeidentifierSpec;
import org.i4dw.spi.PivotSerializerProvider;
import org.i4dw.testkit.DcmqrscpPacs;
import org.i4dw.testkit.OrthancPacs;
import org.i4dw.testkit.cohort.CohortManifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routine pipeline end to end against real PACS (Debian's Orthanc, dcmtk's dcmqrscp) loaded
 * with a synthetic cohort whose ground truth is known: for every accession number, the series
 * extracted equal the ground truth (precision and recall 1.0), every pivot document validates
 * against the published XSD and reads back equal, and no identifying value of the sources shows
 * in any document or log line.
 */
class PacsBridgeIntegrationTest {

    private static final byte[] KEY = "pipeline-integration-test-key-0123456789".getBytes(StandardCharsets.US_ASCII);
    private static final DeidentifierSpec DEID = DeidentifierSpec.of("default", KEY, null);
    private static final String US = "I4DW-IT";

    @TempDir
    static Path work;

    private static PipelineCohort cohort;
    private static CohortManifest truth;
    private static Path cohortDir;
    private static int scpPort;
    private static OrthancPacs orthanc;
    private static PivotSerializerProvider xml;

    @BeforeAll
    static void startPacs() throws IOException {
        cohort = PipelineCohort.start(work, 4, 42, 2, "IT-ORTHANC", false, US, DEID);
        truth = cohort.truth;
        cohortDir = cohort.cohortDir;
        scpPort = cohort.scpPort;
        orthanc = cohort.orthanc;
        xml = cohort.xml;
    }

    @AfterAll
    static void stopPacs() {
        if (cohort != null) {
            cohort.close();
        }
    }

    private static PacsAddress address(String ae, String host, int port) {
        return PacsAddress.parse(ae + "@" + host + ":" + port);
    }

    private static PacsBridge.Builder bridge(PacsAddress... pacs) {
        return cohort.bridge(pacs);
    }

    private static List<String> accessions() {
        return cohort.accessions();
    }

    private static String expectedDocumentId(CohortManifest.Study study, CohortManifest.Series series) {
        return cohort.expectedDocumentId(study, series);
    }

    /** Documents received, each checked to validate and read back equal. */
    private static final class Collected {
        final List<PivotDocument> documents = new ArrayList<>();
        final List<String> texts = new ArrayList<>();

        void accept(PivotDocument d) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            xml.write(d, out);
            assertEquals(d, xml.read(new ByteArrayInputStream(out.toByteArray())), "the document reads back equal");
            documents.add(d);
            texts.add(out.toString(StandardCharsets.UTF_8));
        }
    }

    /** Every accession number of the ground truth gives exactly its series, nothing more. */
    private static void assertMatchesGroundTruth(BatchReport report, Collected got, Mode mode) {
        assertMatchesGroundTruth(report, got, mode, false);
    }

    /** As above; dcmqrscp does not return Number of Series Related Instances. */
    private static void assertMatchesGroundTruth(BatchReport report, Collected got, Mode mode, boolean dcmqrscp) {
        Map<String, AccessionOutcome> byAccession = new HashMap<>();
        report.accessions().forEach(a -> byAccession.put(a.accessionNumber(), a));
        Set<String> expected = new HashSet<>();
        for (CohortManifest.Study study : truth.studies()) {
            AccessionOutcome o = byAccession.get(study.accessionNumber());
            assertEquals(AccessionOutcome.Status.OK, o.status(), o.reason());
            assertEquals(1, o.studies());
            assertEquals(study.series().size(), o.series().size());
            for (CohortManifest.Series s : study.series()) {
                expected.add(study.accessionNumber() + " " + expectedDocumentId(study, s));
            }
            for (SeriesOutcome so : o.series()) {
                assertEquals(SeriesOutcome.Status.OK, so.status(), so.reason());
                assertEquals(mode == Mode.LIGHT ? 0 : 1, so.instancesRetrieved());
            }
        }
        Set<String> actual = got.documents.stream().map(d -> d.accessionNumber() + " " + d.documentId())
                .collect(Collectors.toSet());
        assertEquals(got.documents.size(), actual.size(), "no document is sent twice");
        Set<String> truePositives = new HashSet<>(actual);
        truePositives.retainAll(expected);
        assertEquals(1.0, truePositives.size() / (double) actual.size(), "precision");
        assertEquals(1.0, truePositives.size() / (double) expected.size(), "recall");
        Map<String, CohortManifest.Series> seriesByDoc = new HashMap<>();
        for (CohortManifest.Study study : truth.studies()) {
            study.series().forEach(s -> seriesByDoc.put(expectedDocumentId(study, s), s));
        }
        for (PivotDocument d : got.documents) {
            CohortManifest.Series s = seriesByDoc.get(d.documentId());
            assertEquals(s.modality(), d.series().modality());
            assertEquals(s.seriesNumber(), d.series().seriesNumber());
            if (d.series().instancesExpected() != null || !dcmqrscp) {
                assertEquals(s.numberOfInstances(), d.series().instancesExpected(), "the PACS's own count");
            }
            assertEquals("SR".equals(s.modality()) ? DocumentType.STRUCTURED_REPORT : DocumentType.IMAGE_SERIES,
                    d.type());
            assertFalse(d.patientKey().isBlank());
            if (mode != Mode.LIGHT) {
                assertEquals(s.sopClassUid(), d.series().sopClassUid());
                assertFalse(d.elements().isEmpty(), "the pivot feature indexed the header");
            }
        }
    }

    /** The identifying values of the cohort: none may appear in an output. */
    private static List<String> identifyingValues() {
        List<String> values = new ArrayList<>();
        for (CohortManifest.Patient p : truth.patients()) {
            values.add(p.patientId());
            for (String part : p.patientName().split("\\^")) {
                if (part.length() >= 4) {
                    values.add(part);
                }
            }
        }
        for (CohortManifest.Study study : truth.studies()) {
            values.add(study.studyInstanceUid());
            for (CohortManifest.Series s : study.series()) {
                values.add(s.seriesInstanceUid());
                values.addAll(s.sopInstanceUids());
            }
        }
        return values;
    }

    private static void assertNoLeak(String what, List<String> texts) {
        List<String> values = identifyingValues();
        for (String t : texts) {
            for (String v : values) {
                assertFalse(t.contains(v), what + " contains an identifying value of the source ("
                        + v.length() + " characters)");
            }
        }
    }

    @Test
    void routineExtractionThroughCGetGivesExactlyTheGroundTruthAndLeaksNothing() {
        Collected got = new Collected();
        List<String> input = new ArrayList<>(accessions());
        input.add(input.get(0));
        input.add("NOSUCHACC");
        input.add("A*");
        input.add("   ");
        input.add("X".repeat(17));
        BatchReport report;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try (PacsBridge bridge = bridge(address(orthanc.aeTitle(), orthanc.host(), orthanc.dicomPort()))
                .features("pivot", "terminology", MrFieldStrengthPlugin.ID).build()) {
            report = bridge.extract(input, got::accept);
            Terminology t = bridge.terminology();
            TerminologyNode tags = t.node(Terminology.ATTRIBUTE_TAGS_CODE).orElseThrow();
            long imageSeries = truth.series().stream().filter(s -> !"SR".equals(s.modality())).count();
            assertEquals(truth.patients().size(), tags.patientCount(), "patients counted exactly");
            assertEquals(imageSeries, tags.documentCount(), "one document per image series");
            assertTrue(t.path("X-Ray Radiation Dose Report", "CT Acquisition", "CT Dose").isPresent(),
                    "the dose reports give their tree");
        } finally {
            System.setErr(saved);
        }
        assertMatchesGroundTruth(report, got, Mode.ROUTINE);
        Map<String, AccessionOutcome> by = new HashMap<>();
        report.accessions().forEach(a -> by.put(a.accessionNumber(), a));
        assertEquals(truth.studies().size() + 4, report.accessions().size(), "one outcome per distinct accession");
        assertEquals(1, report.duplicatesIgnored());
        assertEquals(AccessionOutcome.Status.NOT_FOUND, by.get("NOSUCHACC").status());
        assertEquals(AccessionOutcome.Status.FAILED, by.get("A*").status());
        assertTrue(by.get("A*").reason().contains("wildcard"), by.get("A*").reason());
        assertTrue(by.get("   ").reason().contains("blank"));
        assertTrue(by.get("X".repeat(17)).reason().contains("16"));
        assertFalse(report.allSucceeded());

        // the example plugin classified every MR series by its field strength
        for (PivotDocument d : got.documents) {
            List<PivotElement> cls = d.elements().stream()
                    .filter(e -> e.code().equals(MrFieldStrengthPlugin.ELEMENT_CODE)).collect(Collectors.toList());
            if ("MR".equals(d.series().modality())) {
                CohortManifest.Series s = truth.series().stream()
                        .filter(x -> d.series().seriesNumber() == x.seriesNumber() && "MR".equals(x.modality())
                                && d.accessionNumber().equals(accessionOf(x)))
                        .findFirst().orElseThrow();
                assertEquals(List.of(MrFieldStrengthPlugin.classify(s.magneticFieldStrength().getAsDouble())),
                        cls.stream().map(PivotElement::value).collect(Collectors.toList()));
            } else {
                assertTrue(cls.isEmpty());
            }
        }
        assertNoLeak("a pivot document", got.texts);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("batch done"), "the log was captured");
        assertNoLeak("the log", List.of(log.toString(StandardCharsets.UTF_8)));
        StringBuilder json = new StringBuilder();
        try {
            report.writeJson(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertNoLeak("the report", List.of(json.toString()));
    }

    private static String accessionOf(CohortManifest.Series series) {
        return truth.studies().stream().filter(st -> st.series().contains(series)).findFirst().orElseThrow()
                .accessionNumber();
    }

    @Test
    void routineExtractionThroughCMoveGivesTheSameDocuments() {
        Collected viaGet = new Collected();
        Collected viaMove = new Collected();
        try (PacsBridge get = bridge(address(orthanc.aeTitle(), orthanc.host(), orthanc.dicomPort())).build();
                PacsBridge move = bridge(address(orthanc.aeTitle(), orthanc.host(), orthanc.dicomPort()))
                        .retrieveWith(Retrieve.C_MOVE).storageScpPort(scpPort).build()) {
            get.extract(accessions(), viaGet::accept);
            BatchReport report = move.extract(accessions(), viaMove::accept);
            assertMatchesGroundTruth(report, viaMove, Mode.ROUTINE);
            assertTrue(report.accessions().stream().flatMap(a -> a.series().stream())
                    .allMatch(s -> s.path().startsWith("C-MOVE")), "every series came by C-MOVE");
        }
        // the instance read may differ (C-GET takes the one the PACS sends first, C-MOVE the lowest
        // Instance Number), so documents agree on their series and on the attributes they index
        assertEquals(summaries(viaGet), summaries(viaMove), "C-GET and C-MOVE give equivalent documents");
    }

    private static Map<String, String> summaries(Collected c) {
        Map<String, String> m = new HashMap<>();
        for (PivotDocument d : c.documents) {
            m.put(d.documentId(), d.type() + " " + d.series() + " " + d.study() + " " + d.title() + " "
                    + d.elements().stream().map(PivotElement::code).distinct().sorted().collect(Collectors.toList()));
        }
        return m;
    }

    @Test
    void lightModeUsesCFindOnly() {
        Collected got = new Collected();
        try (PacsBridge bridge = bridge(address(orthanc.aeTitle(), orthanc.host(), orthanc.dicomPort()))
                .mode(Mode.LIGHT).build()) {
            BatchReport report = bridge.extract(accessions(), got::accept);
            assertMatchesGroundTruth(report, got, Mode.LIGHT);
            assertTrue(report.accessions().stream().flatMap(a -> a.series().stream())
                    .allMatch(s -> s.path().equals("C-FIND")));
        }
        assertNoLeak("a light pivot document", got.texts);
    }

    @Test
    void dcmqrscpServesTheSameGroundTruth() {
        Collected got = new Collected();
        try (DcmqrscpPacs dcmtk = DcmqrscpPacs.builder().aeTitle("IT-DCMQRSCP").start()) {
            dcmtk.storeAll(cohortDir);
            try (PacsBridge bridge = bridge(address(dcmtk.aeTitle(), dcmtk.host(), dcmtk.dicomPort()))
                    .concurrency(1).build()) {
                BatchReport report = bridge.extract(accessions(), got::accept);
                assertMatchesGroundTruth(report, got, Mode.ROUTINE, true);
            }
        }
    }

    @Test
    void pacsAreQueriedInOrderAndAnUnreachableOneIsReported() throws IOException {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        PacsAddress unreachable = address("NOBODY", "127.0.0.1", dead);
        Collected got = new Collected();
        try (PacsBridge bridge = bridge(unreachable, address(orthanc.aeTitle(), orthanc.host(), orthanc.dicomPort()))
                .connectTimeout(Duration.ofSeconds(2)).build()) {
            BatchReport report = bridge.extract(accessions().subList(0, 2), got::accept);
            for (AccessionOutcome o : report.accessions()) {
                assertEquals(AccessionOutcome.Status.OK, o.status(), o.reason());
                assertEquals(orthanc.aeTitle(), o.pacs());
            }
        }
        try (PacsBridge bridge = bridge(unreachable).connectTimeout(Duration.ofSeconds(2)).build()) {
            BatchReport report = bridge.extract(accessions().subList(0, 1), d -> {
                throw new AssertionError("no document can come from an unreachable PACS");
            });
            AccessionOutcome o = report.accessions().get(0);
            assertEquals(AccessionOutcome.Status.FAILED, o.status());
            assertTrue(o.reason().contains("NOBODY"), o.reason());
        }
    }

    @Test
    void aFailingSinkFailsItsSeriesAndTheBatchGoesOn() {
        int[] calls = {0};
        try (PacsBridge bridge = bridge(address(orthanc.aeTitle(), orthanc.host(), orthanc.dicomPort()))
                .features().concurrency(1).build()) {
            BatchReport report = bridge.extract(accessions(), d -> {
                if (calls[0]++ == 0) {
                    throw new IOException("disk full");
                }
            });
            assertEquals(truth.studies().size(), report.accessions().size());
            assertEquals(1, report.seriesCounts().get(SeriesOutcome.Status.FAILED));
            assertEquals(truth.seriesCount() - 1, report.seriesCounts().get(SeriesOutcome.Status.OK));
            assertTrue(report.accessions().stream().flatMap(a -> a.series().stream())
                    .anyMatch(s -> s.reason().contains("disk full")));
        }
    }

    @Test
    void theEtlExampleWritesOneValidDocumentPerSeries() throws IOException {
        Path out = work.resolve("etl-out");
        BatchReport report = org.i4dw.examples.etl.EtlExample.run(
                address(orthanc.aeTitle(), orthanc.host(), orthanc.dicomPort()), KEY, accessions(), out);
        assertTrue(report.allSucceeded());
        List<Path> files;
        try (var s = Files.list(out)) {
            files = s.collect(Collectors.toList());
        }
        assertEquals(truth.seriesCount(), files.size());
        for (Path f : files) {
            try (var in = Files.newInputStream(f)) {
                assertEquals(f.getFileName().toString(), xml.read(in).documentId() + ".xml");
            }
        }
    }

    @Test
    void configurationMistakesAreRefusedWithTheirReason() {
        PacsAddress pacs = address(orthanc.aeTitle(), orthanc.host(), orthanc.dicomPort());
        assertTrue(assertThrows(I4dwConfigurationException.class, () -> PacsBridge.builder().pacs(pacs).build())
                .getMessage().contains("de-identification"));
        assertTrue(assertThrows(I4dwConfigurationException.class, () -> bridge(pacs).features("nosuch").build())
                .getMessage().contains("nosuch"));
        assertTrue(assertThrows(I4dwConfigurationException.class,
                () -> bridge(pacs).retrieveWith(Retrieve.C_MOVE).build()).getMessage().contains("storageScpPort"));
        assertThrows(I4dwConfigurationException.class, () -> PacsBridge.builder().maxAssociations(0));
        assertThrows(I4dwConfigurationException.class, () -> PacsBridge.builder().callingAeTitle(" "));
        assertTrue(assertThrows(I4dwConfigurationException.class, () -> PacsBridge.builder().pacs(pacs)
                .deidentification(DeidentifierSpec.of("default", null, null)).build()).getMessage().contains("key"));
        try (PacsBridge bridge = bridge(pacs).build()) {
            assertThrows(I4dwConfigurationException.class,
                    () -> bridge.extract(accessions(), d -> { },
                            org.i4dw.api.BatchOptions.builder().features(List.of("nosuch")).build()));
        }
    }
}
