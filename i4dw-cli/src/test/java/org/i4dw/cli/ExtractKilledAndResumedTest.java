/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.spi.DeidentifierProvider;
import org.i4dw.spi.DeidentifierSpec;
import org.i4dw.spi.ObjectDeidentifier;
import org.i4dw.spi.ProviderRegistry;
import org.i4dw.testkit.Json;
import org.i4dw.testkit.OrthancPacs;
import org.i4dw.testkit.TcpProxy;
import org.i4dw.testkit.cohort.CohortManifest;
import org.i4dw.testkit.cohort.SyntheticCohort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code i4dw extract} in its own JVM, killed with SIGKILL while it writes pivot documents, then
 * {@code i4dw extract --resume}: every series of the ground truth ends with exactly one pivot
 * file, no temporary file is left, the journal ends with END and the report has one OK outcome
 * per accession number listing all its series; and the resumed batch's terminology (XML and JSON)
 * equals, byte for byte, that of an uninterrupted run of the same batch, although the series of the
 * killed run were not fetched again.
 */
class ExtractKilledAndResumedTest {

    private static final Duration GENEROUS = Duration.ofSeconds(90);
    private static final int KILL_AFTER_FILES = 5;

    @TempDir
    Path work;

    @Test
    void extractKilledWithSigkillThenResumedWritesEverySeriesExactlyOnce() throws Exception {
        // dose reports: SR nodes with units and NUMBER min/max in the terminology, besides coded values
        CohortManifest truth = SyntheticCohort.builder().patients(5).seed(31).instancesPerSeries(1)
                .doseReports(org.i4dw.testkit.SampleCorpus.locate().folder("01-rdsr")
                        .resolve("openrem__CT-RDSR-Siemens_Flash-TAP-SS.dcm"))
                .build().write(work.resolve("cohort"));
        Path key = work.resolve("secret.key");
        Files.writeString(key, "cli-kill-test-secret-key-0123456789");
        Path list = work.resolve("accessions.txt");
        Files.write(list, truth.studies().stream().map(CohortManifest.Study::accessionNumber)
                .collect(Collectors.toList()));
        Path out = work.resolve("out");
        Path pivot = out.resolve("pivot");
        Path whole = work.resolve("uninterrupted");

        try (OrthancPacs orthanc = OrthancPacs.builder().aeTitle("KILL9").dicomWeb(false).start();
                TcpProxy proxy = TcpProxy.builder().target(orthanc.host(), orthanc.dicomPort()).start()) {
            orthanc.uploadAll(work.resolve("cohort"));
            String pacs = orthanc.aeTitle() + "@" + proxy.host() + ":" + proxy.port();
            // slow enough that the child is surely killed in the middle of the batch
            proxy.delayEachChunk(Duration.ofMillis(40));

            Process child = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                    "org.i4dw.cli.Main", "extract", pacs, "--accessions", list.toString(), "--out", out.toString(),
                    "--secret-file", key.toString(), "--concurrency", "1")
                    .redirectErrorStream(true).redirectOutput(work.resolve("child.log").toFile()).start();
            try {
                long deadline = System.nanoTime() + GENEROUS.toNanos();
                while (pivotFiles(pivot).size() < KILL_AFTER_FILES) {
                    assertTrue(child.isAlive(), "the child ended before it was killed: "
                            + Files.readString(work.resolve("child.log")));
                    assertTrue(System.nanoTime() < deadline, "no pivot file within " + GENEROUS);
                    Thread.sleep(20);
                }
                assertTrue(child.isAlive(), "the child is killed in the middle of the batch");
            } finally {
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs in the child
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            }
            assertNotEquals(0, child.exitValue());
            int before = pivotFiles(pivot).size();
            assertTrue(before >= KILL_AFTER_FILES && before < truth.seriesCount(), before + " files before the kill");
            assertFalse(Files.exists(out.resolve("report.json")), "the killed run wrote no report");
            List<String> journal = Files.readAllLines(out.resolve(ExtractCommand.JOURNAL), StandardCharsets.UTF_8);
            assertNotEquals("END", journal.get(journal.size() - 1));

            // what a kill between creating a document's temporary file and renaming it leaves
            Path torn = pivot.resolve("." + pivotFiles(pivot).get(0).getFileName() + ".tmp");
            Files.writeString(torn, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><document");

            CliRun refused = CliRun.of("extract", pacs, "--accessions", list.toString(), "--out", out.toString(),
                    "--secret-file", key.toString());
            assertEquals(2, refused.status(), "an unfinished batch is not restarted from scratch by mistake");
            assertTrue(refused.err().contains("--resume"), refused.err());

            proxy.forwardNormally();
            CliRun resumed = CliRun.of("extract", pacs, "--accessions", list.toString(), "--out", out.toString(),
                    "--secret-file", key.toString(), "--concurrency", "2", "--resume");
            assertEquals(0, resumed.status(), resumed.out() + resumed.err());

            CliRun uninterrupted = CliRun.of("extract", pacs, "--accessions", list.toString(), "--out",
                    whole.toString(), "--secret-file", key.toString(), "--concurrency", "2");
            assertEquals(0, uninterrupted.status(), uninterrupted.out() + uninterrupted.err());
        }

        // the resumed batch's terminology is the whole batch's: equal to the uninterrupted run's
        String resumedJson = Files.readString(out.resolve("terminology.json"));
        String wholeJson = Files.readString(whole.resolve("terminology.json"));
        assertEquals(wholeJson, resumedJson, "terminology.json of the resumed batch");
        assertEquals(Files.readString(whole.resolve("terminology.xml")), Files.readString(out.resolve(
                "terminology.xml")), "terminology.xml of the resumed batch");
        long documents = 0;
        for (Object node : (List<?>) ((Map<?, ?>) Json.parse(resumedJson)).get("nodes")) {
            String code = (String) ((Map<?, ?>) node).get("code");
            if (code.equals("DCMEHOP:TAG") || code.startsWith("DCMEHOP:SR:")) {
                documents += ((BigDecimal) ((Map<?, ?>) node).get("documents")).longValueExact();
            }
        }
        assertEquals(truth.seriesCount(), documents, "the terminology counts every series of the batch once, "
                + "under Attribute Tags or its report's title");
        assertTrue(wholeJson.contains("mGy.cm"), "dose report units are in the terminology");

        Set<String> expected = new HashSet<>();
        ObjectDeidentifier deid = ProviderRegistry.builder(DeidentifierProvider.class, "i4dw-deid").build()
                .get("annex-e").create(DeidentifierSpec.of("default", Files.readAllBytes(key), null));
        for (CohortManifest.Study study : truth.studies()) {
            for (CohortManifest.Series s : study.series()) {
                expected.add(deid.deidentify(DicomObject.builder().set(Tag.PatientID, VR.LO, study.patientId())
                        .set(Tag.StudyInstanceUID, VR.UI, study.studyInstanceUid())
                        .set(Tag.SeriesInstanceUID, VR.UI, s.seriesInstanceUid()).build())
                        .string(Tag.SeriesInstanceUID).orElseThrow() + ".xml");
            }
        }
        List<String> files;
        try (Stream<Path> s = Files.list(pivot)) {
            files = s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        assertEquals(List.of(), files.stream().filter(f -> f.startsWith(".")).collect(Collectors.toList()),
                "no temporary file is left");
        assertEquals(expected, new HashSet<>(files), "exactly one pivot file per series of the ground truth");
        assertEquals(truth.seriesCount(), files.size());

        List<String> journal = Files.readAllLines(out.resolve(ExtractCommand.JOURNAL), StandardCharsets.UTF_8);
        assertEquals("END", journal.get(journal.size() - 1));

        Map<?, ?> report = (Map<?, ?>) Json.parse(Files.readString(out.resolve("report.json")));
        List<?> outcomes = (List<?>) report.get("accessions");
        assertEquals(truth.studies().size(), outcomes.size(), "one outcome per accession number");
        Set<Object> numbers = new HashSet<>();
        for (Object o : outcomes) {
            Map<?, ?> a = (Map<?, ?>) o;
            assertTrue(numbers.add(a.get("accessionNumber")), "no accession number twice");
            assertEquals("OK", a.get("status"), a.toString());
            String accession = (String) a.get("accessionNumber");
            assertEquals(truth.study(accession).orElseThrow().series().size(), ((List<?>) a.get("series")).size(),
                    accession + " lists every series, those of the killed run included");
        }
        assertEquals(new BigDecimal(truth.seriesCount()), ((Map<?, ?>) report.get("seriesCounts")).get("OK"));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
                .toString();
    }

    /** The pivot documents in place (temporary files excluded). */
    private static List<Path> pivotFiles(Path pivot) throws IOException {
        if (!Files.isDirectory(pivot)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(pivot)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
                    .collect(Collectors.toCollection(ArrayList::new));
        }
    }
}
