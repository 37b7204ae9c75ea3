/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.examples.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.i4dw.api.AccessionOutcome;
import org.i4dw.api.BatchOptions;
import org.i4dw.api.BatchReport;
import org.i4dw.api.PacsBridge;
import org.i4dw.api.SeriesOutcome;
import org.i4dw.testkit.OrthancPacs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orthanc killed with SIGKILL in the middle of a batch that keeps a journal, then restarted; the
 * same batch run again with the same journal resumes it. Across the two runs every accession
 * number of the ground truth ends OK exactly once, every series is emitted exactly once, and the
 * documents of both runs together are the ground truth.
 */
class OrthancKilledMidBatchTest {

    private static final Duration NEVER_HANGS = Duration.ofSeconds(120);

    /** Half the series of the cohort: some accession numbers are done, some half done, some not begun. */
    private static final int KILL_AFTER = 12;

    @TempDir
    Path work;

    @Test
    void afterAKillARestartAndAResumeEveryAccessionIsAccountedForAndNoDocumentIsEmittedTwice() throws IOException {
        Cohort cohort = Cohort.write(work.resolve("cohort"), 3, 23);
        List<String> accessions = cohort.accessions();
        Path journal = work.resolve("batch").resolve("journal.tsv");
        try (OrthancPacs orthanc = OrthancPacs.builder().aeTitle("CRASHY").dicomWeb(false).start()) {
            orthanc.uploadAll(cohort.dir);

            // run 1: Orthanc dies after half the documents
            Cohort.Collected first = new Cohort.Collected();
            AtomicInteger emitted = new AtomicInteger();
            BatchReport killed = assertTimeoutPreemptively(NEVER_HANGS, () -> {
                try (PacsBridge bridge = bridge(orthanc)) {
                    return bridge.extract(accessions, d -> {
                        first.accept(d);
                        if (emitted.incrementAndGet() == KILL_AFTER) {
                            orthanc.kill();
                        }
                    }, BatchOptions.builder().journal(journal).build());
                }
            });
            assertFalse(orthanc.isRunning());
            Map<String, AccessionOutcome> byAccession = Cohort.byAccession(killed, accessions);
            assertFalse(killed.allSucceeded(), "the accession numbers after the kill failed");
            for (AccessionOutcome o : byAccession.values()) {
                if (o.status() == AccessionOutcome.Status.FAILED || o.status() == AccessionOutcome.Status.PARTIAL) {
                    assertFalse(o.reason().isBlank(), "a failure says why");
                }
            }
            assertTrue(first.documents.size() >= KILL_AFTER && first.documents.size() < cohort.truth.seriesCount(),
                    first.documents.size() + " documents before and just after the kill");

            // run 2: the PACS is back; the same batch with the same journal
            orthanc.restart();
            Cohort.Collected second = new Cohort.Collected();
            BatchReport resumed = assertTimeoutPreemptively(NEVER_HANGS, () -> {
                try (PacsBridge bridge = bridge(orthanc)) {
                    return bridge.extract(accessions, second, BatchOptions.builder().journal(journal).build());
                }
            });
            Map<String, AccessionOutcome> after = Cohort.byAccession(resumed, accessions);
            for (String a : accessions) {
                AccessionOutcome o = after.get(a);
                assertEquals(AccessionOutcome.Status.OK, o.status(), a + ": " + o.reason());
                assertEquals(cohort.seriesOf(a), o.series().size(),
                        a + ": the outcome lists every series, those of the first run included");
                assertTrue(o.series().stream().allMatch(s -> s.status() == SeriesOutcome.Status.OK));
            }
            assertEquals(cohort.truth.seriesCount(), resumed.seriesCounts().get(SeriesOutcome.Status.OK));

            Set<String> once = new HashSet<>(first.keys());
            Set<String> again = second.keys();
            Set<String> twice = new HashSet<>(again);
            twice.retainAll(once);
            assertEquals(Set.of(), twice, "no document is emitted by both runs");
            once.addAll(again);
            assertEquals(cohort.expectedDocuments(accessions), once, "together the two runs gave the ground truth");
            assertEquals("END", lastLine(journal));
        }
    }

    private static PacsBridge bridge(OrthancPacs orthanc) {
        return Cohort.bridge(Cohort.address(orthanc.aeTitle(), orthanc.host(), orthanc.dicomPort())).concurrency(2)
                .retries(1).retryBackoff(Duration.ofMillis(50)).connectTimeout(Duration.ofSeconds(2))
                .responseTimeout(Duration.ofSeconds(10)).build();
    }

    private static String lastLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}
