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
import java.util.List;
import org.i4dw.api.AccessionOutcome;
import org.i4dw.api.BatchOptions;
import org.i4dw.api.BatchReport;
import org.i4dw.api.Mode;
import org.i4dw.api.PacsBridge;
import org.i4dw.api.terminology.Terminology;
import org.i4dw.testkit.OrthancPacs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The terminology a journal gives back, in every mode: a batch run to its end with a journal,
 * then run again with that journal on a new bridge (nothing is fetched or emitted again), gives
 * the new bridge the same terminology as the first: every series of the batch comes back from
 * the journal's side file, the objects of light mode (C-FIND attributes, no SOP Instance UID)
 * and dose reports included.
 */
class ResumedTerminologyTest {

    private static final Duration NEVER_HANGS = Duration.ofSeconds(120);

    @org.junit.jupiter.api.io.TempDir
    static Path work;

    private static Cohort cohort;
    private static OrthancPacs orthanc;

    @BeforeAll
    static void start() throws IOException {
        cohort = Cohort.writeWithDoseReports(work.resolve("cohort"), 2, 41);
        orthanc = OrthancPacs.builder().aeTitle("TERMS").dicomWeb(false).start();
        orthanc.uploadAll(cohort.dir);
    }

    @AfterAll
    static void stop() {
        if (orthanc != null) {
            orthanc.close();
        }
    }

    private static PacsBridge bridge(Mode mode, Path dir) {
        PacsBridge.Builder b = Cohort.bridge(Cohort.address(orthanc.aeTitle(), orthanc.host(), orthanc.dicomPort()))
                .features("pivot", "terminology").mode(mode);
        if (mode == Mode.CACHING) {
            b.seriesStore(dir.resolve("store"));
        }
        return b.build();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aJournalGivesTheWholeBatchsTerminologyBackToANewBridge(Mode mode) {
        Path dir = work.resolve(mode.name());
        Path journal = dir.resolve("journal.tsv");
        List<String> accessions = cohort.accessions();
        BatchOptions options = BatchOptions.builder().journal(journal).build();
        Terminology first;
        try (PacsBridge bridge = bridge(mode, dir)) {
            Cohort.Collected got = new Cohort.Collected();
            BatchReport report = assertTimeoutPreemptively(NEVER_HANGS, () -> bridge.extract(accessions, got, options));
            report.accessions().forEach(a -> assertEquals(AccessionOutcome.Status.OK, a.status(), a.reason()));
            assertEquals(cohort.expectedDocuments(accessions), got.keys());
            first = bridge.terminology();
        }
        assertTrue(first.size() > 0);
        try (PacsBridge again = bridge(mode, dir)) {
            Cohort.Collected none = new Cohort.Collected();
            BatchReport report = assertTimeoutPreemptively(NEVER_HANGS, () -> again.extract(accessions, none, options));
            report.accessions().forEach(a -> assertEquals(AccessionOutcome.Status.OK, a.status(), a.reason()));
            assertEquals(0, none.documents.size(), "nothing is emitted again");
            assertEquals(first, again.terminology(), "the terminology of every series, from the journal");
        }
    }
}
