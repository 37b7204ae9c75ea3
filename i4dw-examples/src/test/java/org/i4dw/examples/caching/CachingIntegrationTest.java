/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.examples.caching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.i4dw.api.AccessionOutcome;
import org.i4dw.api.BatchOptions;
import org.i4dw.api.BatchReport;
import org.i4dw.api.Mode;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.PacsBridge;
import org.i4dw.api.PacsStatistics;
import org.i4dw.api.SeriesOutcome;
import org.i4dw.spi.CohortName;
import org.i4dw.spi.DeidentifierSpec;
import org.i4dw.spi.SeriesKey;
import org.i4dw.spi.SeriesStore;
import org.i4dw.testkit.OrthancPacs;
import org.i4dw.testkit.cohort.CohortManifest;
import org.i4dw.testkit.cohort.SyntheticCohort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Caching mode against Orthanc: whole series, de-identified, in the disk store; a second batch
 * is served from the store without a word to the PACS; a corrupted cached file is detected and
 * the series fetched again.
 */
class CachingIntegrationTest {

    private static final DeidentifierSpec DEID = DeidentifierSpec.of("default",
            "caching-integration-test-key-0123456789".getBytes(StandardCharsets.US_ASCII), null);

    @TempDir
    static Path work;

    private static CohortManifest truth;
    private static OrthancPacs orthanc;

    @BeforeAll
    static void start() throws IOException {
        truth = SyntheticCohort.builder().patients(2).seed(11).instancesPerSeries(3).build()
                .write(work.resolve("cohort"));
        orthanc = OrthancPacs.builder().aeTitle("CACHE-ORTHANC").dicomWeb(false).start();
        orthanc.uploadAll(work.resolve("cohort"));
    }

    @AfterAll
    static void stop() {
        if (orthanc != null) {
            orthanc.close();
        }
    }

    private static PacsBridge bridge(Path store) {
        return PacsBridge.builder().pacs(PacsAddress.parse(orthanc.aeTitle() + "@" + orthanc.host() + ":"
                + orthanc.dicomPort())).callingAeTitle("I4DW-CACHE").deidentification(DEID).mode(Mode.CACHING)
                .seriesStore(store).maxAssociations(2).build();
    }

    private static List<String> accessions() {
        return truth.studies().stream().map(CohortManifest.Study::accessionNumber).collect(Collectors.toList());
    }

    /** Identifying values of the cohort that must not be found in any cached byte. */
    private static List<byte[]> identifying() {
        List<byte[]> values = new ArrayList<>();
        for (CohortManifest.Patient p : truth.patients()) {
            values.add(p.patientId().getBytes(StandardCharsets.US_ASCII));
            for (String part : p.patientName().split("\\^")) {
                if (part.length() >= 4) {
                    values.add(part.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        for (CohortManifest.Series s : truth.series()) {
            values.add(s.seriesInstanceUid().getBytes(StandardCharsets.US_ASCII));
            s.sopInstanceUids().forEach(u -> values.add(u.getBytes(StandardCharsets.US_ASCII)));
        }
        return values;
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void wholeSeriesAreCachedDeidentifiedAndASecondBatchNeverAsksThePacs() throws IOException {
        Path store = work.resolve("store");
        Set<String> first = new HashSet<>();
        try (PacsBridge bridge = bridge(store)) {
            BatchReport report = bridge.extract(accessions(), d -> first.add(d.documentId()),
                    BatchOptions.builder().cohort("prostate-study").build());
            for (AccessionOutcome o : report.accessions()) {
                assertEquals(AccessionOutcome.Status.OK, o.status(), o.reason());
                for (SeriesOutcome s : o.series()) {
                    assertEquals(s.instancesExpected(), s.instancesRetrieved(), "every instance was cached");
                    assertFalse(s.path().equals("cache"));
                }
            }
            SeriesStore s = bridge.seriesStore().orElseThrow();
            assertEquals(truth.seriesCount(), s.keys().size());
            assertEquals(truth.seriesCount(), s.cohort(CohortName.of("prostate-study")).orElseThrow().series().size());
            for (SeriesKey k : s.keys()) {
                assertTrue(s.verify(k).intact());
                assertTrue(first.contains(k.seriesInstanceUid()), "the store is keyed by document id");
            }
        }
        List<byte[]> phi = identifying();
        try (Stream<Path> files = Files.walk(store)) {
            for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                byte[] bytes = Files.readAllBytes(f);
                for (byte[] v : phi) {
                    assertFalse(contains(bytes, v), "a cached file holds an identifying value of the source");
                }
            }
        }

        Set<String> second = new HashSet<>();
        try (PacsBridge bridge = bridge(store)) {
            BatchReport report = bridge.extract(accessions(), d -> second.add(d.documentId()));
            assertTrue(report.allSucceeded());
            assertTrue(report.accessions().stream().flatMap(a -> a.series().stream())
                    .allMatch(x -> x.path().equals("cache")), "every series came from the store");
            PacsStatistics pacs = report.pacsStatistics().get(0);
            assertEquals(0, pacs.operations(), "nothing was sent to the PACS");
        }
        assertEquals(first, second, "the same documents");
    }

    @Test
    void aCorruptedCachedFileIsDetectedAndTheSeriesFetchedAgain() throws IOException {
        Path store = work.resolve("store-corrupt");
        String accession = accessions().get(0);
        try (PacsBridge bridge = bridge(store)) {
            assertTrue(bridge.extract(List.of(accession), d -> { }).allSucceeded());
        }
        Path victim;
        try (Stream<Path> files = Files.walk(store)) {
            victim = files.filter(f -> f.toString().endsWith(".dcm")).sorted().findFirst().orElseThrow();
        }
        try (RandomAccessFile raf = new RandomAccessFile(victim.toFile(), "rw")) {
            raf.seek(raf.length() - 10);
            int b = raf.read();
            raf.seek(raf.length() - 10);
            raf.write(b ^ 0xFF);
        }
        try (PacsBridge bridge = bridge(store)) {
            BatchReport report = bridge.extract(List.of(accession), d -> { });
            assertTrue(report.allSucceeded(), report.toString());
            SeriesStore s = bridge.seriesStore().orElseThrow();
            for (SeriesKey k : s.keys()) {
                assertTrue(s.verify(k).intact(), "the damaged series was fetched again");
            }
            assertTrue(s.statistics().corruptionsDetected() >= 1 || report.accessions().get(0).series().stream()
                    .anyMatch(x -> !x.path().equals("cache")), "the corruption was noticed");
        }
    }
}
