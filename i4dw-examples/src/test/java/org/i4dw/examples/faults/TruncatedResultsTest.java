/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.examples.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.i4dw.api.AccessionOutcome;
import org.i4dw.api.BatchReport;
import org.i4dw.api.PacsBridge;
import org.i4dw.api.SeriesOutcome;
import org.i4dw.testkit.OrthancPacs;
import org.i4dw.testkit.cohort.CohortManifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Series lists cut short, by a real truncating PACS (Orthanc with {@code LimitFindResults}) and by
 * the engine's own cap ({@code maxQueryResults}), against a cohort whose truth is known: a CT study
 * (three CT series and a dose report, four series of two modalities) and an MR study (five MR
 * series) with at most {@value #LIMIT} results per C-FIND. The CT study is complete once narrowed
 * by modality; the MR study cannot be narrowed below its one modality and ends PARTIAL with the
 * reason, its listed series extracted and none invented.
 */
class TruncatedResultsTest {

    /** Results per C-FIND: below both studies' series counts, at least the CT study's per modality. */
    private static final int LIMIT = 3;

    private static final Duration NEVER_HANGS = Duration.ofSeconds(120);

    @TempDir
    static Path work;

    private static Cohort cohort;
    private static OrthancPacs truncating;
    private static OrthancPacs whole;

    @BeforeAll
    static void start() throws IOException {
        cohort = Cohort.writeWithDoseReports(work.resolve("cohort"), 1, 23);
        truncating = OrthancPacs.builder().aeTitle("CAPPED").dicomWeb(false).limitFind(LIMIT, LIMIT).start();
        truncating.uploadAll(cohort.dir);
        whole = OrthancPacs.builder().aeTitle("WHOLE").dicomWeb(false).start();
        whole.uploadAll(cohort.dir);
    }

    @AfterAll
    static void stop() {
        if (truncating != null) {
            truncating.close();
        }
        if (whole != null) {
            whole.close();
        }
    }

    /** The largest number of series of one modality in a ground-truth study. */
    private static int largestModality(CohortManifest.Study study) {
        return study.series().stream().collect(Collectors.groupingBy(CohortManifest.Series::modality,
                Collectors.counting())).values().stream().mapToInt(Long::intValue).max().orElse(0);
    }

    @Test
    void theCohortHasAStudyThatNarrowingCompletesAndOneItCannot() {
        List<CohortManifest.Study> studies = cohort.truth.studies();
        assertTrue(studies.stream().anyMatch(s -> s.series().size() > LIMIT && largestModality(s) <= LIMIT
                && s.modalities().size() > 1), "a study of several modalities, more series than the limit");
        assertTrue(studies.stream().anyMatch(s -> largestModality(s) > LIMIT), "a study with more series of one "
                + "modality than the limit");
    }

    @Test
    void orthancsLimitFindResultsIsNarrowedByModalityAndWhatStaysCutShortIsPartial() {
        Cohort.Collected got = new Cohort.Collected();
        BatchReport report = extract(Cohort.bridge(Cohort.address(truncating.aeTitle(), truncating.host(),
                truncating.dicomPort())), got);
        assertOutcomes(report, got);
    }

    @Test
    void ourOwnResultCapBehavesAsATruncatingPacs() {
        Cohort.Collected got = new Cohort.Collected();
        BatchReport report = extract(Cohort.bridge(Cohort.address(whole.aeTitle(), whole.host(), whole.dicomPort()))
                .maxQueryResults(LIMIT), got);
        assertOutcomes(report, got);
    }

    @Test
    void withoutACapEveryStudyIsWhole() {
        Cohort.Collected got = new Cohort.Collected();
        BatchReport report = extract(Cohort.bridge(Cohort.address(whole.aeTitle(), whole.host(), whole.dicomPort())),
                got);
        List<String> accessions = cohort.accessions();
        Map<String, AccessionOutcome> by = Cohort.byAccession(report, accessions);
        accessions.forEach(a -> assertEquals(AccessionOutcome.Status.OK, by.get(a).status(), by.get(a).reason()));
        assertEquals(cohort.expectedDocuments(accessions), got.keys());
    }

    private static BatchReport extract(PacsBridge.Builder builder, Cohort.Collected got) {
        return assertTimeoutPreemptively(NEVER_HANGS, () -> {
            try (PacsBridge bridge = builder.build()) {
                return bridge.extract(cohort.accessions(), got);
            }
        });
    }

    /**
     * A study whose modalities each fit in one answer: OK with exactly its series (precision =
     * recall = 1). One whose single modality does not: PARTIAL, the reason saying how many series
     * were announced and how many not extracted, LIMIT series extracted, each of the truth, each
     * OK; nothing else.
     */
    private static void assertOutcomes(BatchReport report, Cohort.Collected got) {
        List<String> accessions = cohort.accessions();
        Map<String, AccessionOutcome> by = Cohort.byAccession(report, accessions);
        Set<String> documents = got.keys();
        Set<String> truth = cohort.expectedDocuments(accessions);
        assertTrue(truth.containsAll(documents), "precision 1: every document is of the truth");
        int partial = 0;
        for (CohortManifest.Study study : cohort.truth.studies()) {
            String a = study.accessionNumber();
            AccessionOutcome o = by.get(a);
            Set<String> mine = documents.stream().filter(d -> d.startsWith(a + " ")).collect(Collectors.toSet());
            Set<String> expected = cohort.expectedDocuments(a);
            if (largestModality(study) <= LIMIT) {
                assertEquals(AccessionOutcome.Status.OK, o.status(), a + ": " + o.reason());
                assertEquals(expected, mine, a + ": recall 1 through narrowing");
                assertEquals(study.series().size(), o.series().size());
            } else {
                partial++;
                assertEquals(AccessionOutcome.Status.PARTIAL, o.status(), a + ": " + o.reason());
                int missing = study.series().size() - LIMIT;
                assertTrue(o.reason().contains("announced " + study.series().size() + " series"), o.reason());
                assertTrue(o.reason().contains(missing + " series not extracted"), o.reason());
                assertTrue(o.reason().contains("cut short again"), o.reason());
                assertEquals(LIMIT, mine.size(), a + ": the series listed are extracted");
                assertTrue(expected.containsAll(mine));
                assertEquals(LIMIT, o.series().size());
                o.series().forEach(s -> assertEquals(SeriesOutcome.Status.OK, s.status(), s.reason()));
                assertTrue(new HashSet<>(o.series().stream().map(SeriesOutcome::documentId).toList())
                        .equals(mine.stream().map(d -> d.substring(a.length() + 1)).collect(Collectors.toSet())),
                        "the report lists exactly the series sent to the sink");
            }
        }
        assertTrue(partial > 0, "the cohort holds a study the cap cuts short");
    }
}
