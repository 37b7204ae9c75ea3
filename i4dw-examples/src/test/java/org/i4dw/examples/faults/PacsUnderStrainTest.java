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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.i4dw.api.AccessionOutcome;
import org.i4dw.api.BatchOptions;
import org.i4dw.api.BatchReport;
import org.i4dw.api.CancellationToken;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.PacsBridge;
import org.i4dw.api.PacsStatistics;
import org.i4dw.testkit.DcmqrscpPacs;
import org.i4dw.testkit.OrthancPacs;
import org.i4dw.testkit.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch engine against a PACS under strain, with real faults: a PACS that rejects
 * associations above its limit (dcmtk's dcmqrscp), and Orthanc behind the test kit's
 * {@link TcpProxy} made slow, silent, refusing or dropping connections. Each test checks the
 * outcomes against the ground truth of a synthetic cohort and reads the engine's reaction in the
 * per-PACS statistics of the report.
 */
class PacsUnderStrainTest {

    /** Far above what any of these batches needs, even on a slow, loaded machine. */
    private static final Duration NEVER_HANGS = Duration.ofSeconds(120);

    @TempDir
    static Path work;

    private static Cohort cohort;
    private static OrthancPacs orthanc;

    @BeforeAll
    static void start() throws IOException {
        cohort = Cohort.write(work.resolve("cohort"), 3, 11);
        orthanc = OrthancPacs.builder().aeTitle("STRAIN").dicomWeb(false).start();
        orthanc.uploadAll(cohort.dir);
    }

    @AfterAll
    static void stop() {
        if (orthanc != null) {
            orthanc.close();
        }
    }

    private static TcpProxy proxy() {
        return TcpProxy.builder().target(orthanc.host(), orthanc.dicomPort()).start();
    }

    private static PacsAddress through(TcpProxy proxy) {
        return Cohort.address(orthanc.aeTitle(), proxy.host(), proxy.port());
    }

    /** Every accession number OK with exactly its series, each document once. */
    private static void assertAllOk(BatchReport report, List<String> accessions, Cohort.Collected got) {
        Map<String, AccessionOutcome> by = Cohort.byAccession(report, accessions);
        for (String a : accessions) {
            AccessionOutcome o = by.get(a);
            assertEquals(AccessionOutcome.Status.OK, o.status(), a + ": " + o.reason());
            assertEquals(cohort.seriesOf(a), o.series().size());
        }
        assertEquals(cohort.expectedDocuments(accessions), got.keys(), "the documents are the ground truth");
    }

    @Test
    void aPacsThatRejectsAssociationsAboveItsLimitMakesTheEngineBackOffAndEveryAccessionEndsOk() {
        List<String> accessions = cohort.accessions();
        Cohort.Collected got = new Cohort.Collected();
        try (DcmqrscpPacs limited = DcmqrscpPacs.builder().aeTitle("LIMITED").maxAssociations(1).start()) {
            limited.storeAll(cohort.dir);
            BatchReport report = assertTimeoutPreemptively(NEVER_HANGS, () -> {
                try (PacsBridge bridge = Cohort.bridge(Cohort.address(limited.aeTitle(), limited.host(),
                        limited.dicomPort())).retries(10).retryBackoff(Duration.ofMillis(100)).build()) {
                    return bridge.extract(accessions, got);
                }
            });
            PacsStatistics stats = report.pacsStatistics().get(0);
            assertTrue(stats.rejections() > 0, "the PACS rejected associations above its limit: " + stats);
            assertTrue(stats.retries() > 0, "rejected operations were retried: " + stats);
            assertTrue(stats.lowestConcurrency() < 4, "the engine backed off: " + stats);
            assertEquals(0, stats.failures(), "no operation failed for good: " + stats);
            assertAllOk(report, accessions, got);
        }
    }

    @Test
    void aPacsAssociationLimitIsLearnedSoThatRejectionsStayFewAfterTheFirstOnes() {
        List<String> accessions = cohort.accessions();
        int series = accessions.stream().mapToInt(cohort::seriesOf).sum();
        try (TcpProxy proxy = proxy();
                PacsBridge bridge = Cohort.bridge(through(proxy)).retries(10).retryBackoff(Duration.ofMillis(100))
                        .build()) {
            // a PACS that takes 2 associations at once and rejects the others (transient)
            proxy.rejectAssociationsAbove(2);
            Cohort.Collected first = new Cohort.Collected();
            BatchReport learning = assertTimeoutPreemptively(NEVER_HANGS, () -> bridge.extract(accessions, first));
            assertAllOk(learning, accessions, first);
            PacsStatistics learnt = learning.pacsStatistics().get(0);
            assertTrue(learnt.rejections() > 0, "4 operations at once are more than the PACS takes: " + learnt);
            assertEquals(proxy.associationsRejected(), learnt.rejections(), "every rejection was counted");
            assertTrue(learnt.learnedLimit() >= 1 && learnt.learnedLimit() <= 2, "the limit was learned, at most "
                    + "the PACS's 2 associations: " + learnt);
            // the first burst of 4 operations (2 too many), then the idle associations of ours above
            // the limit shed one rejection each (at most maxAssociations - 1), then the limit is known
            assertTrue(learnt.rejections() <= 10, "a few rejections teach the limit, far fewer than the " + series
                    + " series: " + learnt);
            assertEquals(learnt.rejections(), learnt.retries(), "each rejected operation was sent again once: "
                    + learnt);
            assertEquals(0, learnt.failures(), learnt.toString());

            // two more batches on the same bridge: the limit is known; what is left is shedding our
            // idle associations above it (at most maxAssociations - 1 of them) and rare probes
            PacsStatistics after = learnt;
            for (int batch = 0; batch < 2; batch++) {
                Cohort.Collected more = new Cohort.Collected();
                BatchReport known = assertTimeoutPreemptively(NEVER_HANGS, () -> bridge.extract(accessions, more));
                assertAllOk(known, accessions, more);
                after = known.pacsStatistics().get(0);
            }
            assertTrue(after.rejections() - learnt.rejections() <= 4, "once learned, rejections are rare: at most 4 "
                    + "in two batches of " + series + " series (" + (after.operations() - learnt.operations())
                    + " operations): " + learnt + " then " + after);
            assertEquals(after.rejections(), after.retries(), after.toString());
            assertEquals(proxy.associationsRejected(), after.rejections());
            assertTrue(after.finalConcurrency() <= 3, "the ceiling stays near the limit: " + after);
        }
    }

    @Test
    void aSlowPacsLowersTheCeilingWhichGrowsBackWhenItIsFastAgain() {
        List<String> accessions = cohort.accessions();
        List<String> few = accessions.subList(0, 2);
        try (TcpProxy proxy = proxy();
                PacsBridge bridge = Cohort.bridge(through(proxy)).slowResponse(Duration.ofMillis(250)).build()) {
            proxy.delayEachChunk(Duration.ofMillis(150));
            Cohort.Collected slowDocs = new Cohort.Collected();
            BatchReport slow = assertTimeoutPreemptively(NEVER_HANGS, () -> bridge.extract(few, slowDocs));
            PacsStatistics strained = slow.pacsStatistics().get(0);
            assertTrue(strained.lowestConcurrency() < 4, "the ceiling came down: " + strained);
            assertTrue(strained.p95LatencyMs() >= 250, "the PACS was slow: " + strained);
            assertAllOk(slow, few, slowDocs);

            proxy.forwardNormally();
            PacsStatistics healthy = strained;
            for (int batch = 0; batch < 3 && healthy.finalConcurrency() <= strained.finalConcurrency(); batch++) {
                Cohort.Collected fastDocs = new Cohort.Collected();
                BatchReport fast = assertTimeoutPreemptively(NEVER_HANGS, () -> bridge.extract(accessions, fastDocs));
                assertAllOk(fast, accessions, fastDocs);
                healthy = fast.pacsStatistics().get(0);
            }
            assertTrue(healthy.finalConcurrency() > strained.finalConcurrency(),
                    "the ceiling grows back once the PACS is fast: " + strained + " then " + healthy);
        }
    }

    @Test
    void aSilentPacsTimesOutIsRetriedAndReportedAndNothingHangs() {
        List<String> accessions = cohort.accessions().subList(0, 3);
        List<String> input = new ArrayList<>(accessions);
        input.add("WILD*");
        int retries = 2;
        try (TcpProxy proxy = proxy();
                PacsBridge bridge = Cohort.bridge(through(proxy)).connectTimeout(Duration.ofSeconds(1))
                        .responseTimeout(Duration.ofSeconds(1)).retries(retries)
                        .retryBackoff(Duration.ofMillis(50)).build()) {
            proxy.goSilent();
            BatchReport report = assertTimeoutPreemptively(NEVER_HANGS, () -> bridge.extract(input, d -> {
                throw new AssertionError("a silent PACS gives no document");
            }));
            Map<String, AccessionOutcome> by = Cohort.byAccession(report, input);
            for (String a : accessions) {
                AccessionOutcome o = by.get(a);
                assertEquals(AccessionOutcome.Status.FAILED, o.status());
                assertTrue(o.reason().contains("timeout"), "the reason says it timed out: " + o.reason());
            }
            assertEquals(AccessionOutcome.Status.FAILED, by.get("WILD*").status());
            assertTrue(by.get("WILD*").reason().contains("wildcard"), by.get("WILD*").reason());
            PacsStatistics stats = report.pacsStatistics().get(0);
            int attempts = accessions.size() * (retries + 1);
            assertEquals(attempts, stats.operations(), "each timed-out query was sent retries + 1 times, the "
                    + "wildcard never: " + stats);
            assertEquals(attempts, stats.timeouts(), "every attempt timed out: " + stats);
            assertEquals(accessions.size() * retries, stats.retries(), stats.toString());
            assertEquals(accessions.size(), stats.failures(), stats.toString());
            assertTrue(stats.lowestConcurrency() < 4, "timeouts count as strain: " + stats);
            assertEquals(0, proxy.bytesFromTarget(), "the PACS said nothing");
        }
    }

    @Test
    void aPermanentRejectionIsNotRetried() {
        // Orthanc checks the called AE title: a wrong one is rejected-permanent by the service user
        PacsAddress wrongAe = Cohort.address("NOT-" + orthanc.aeTitle(), orthanc.host(), orthanc.dicomPort());
        try (PacsBridge bridge = Cohort.bridge(wrongAe).retries(3).retryBackoff(Duration.ofMillis(50)).build()) {
            List<String> one = cohort.accessions().subList(0, 1);
            BatchReport report = assertTimeoutPreemptively(NEVER_HANGS, () -> bridge.extract(one, d -> { }));
            AccessionOutcome o = report.accessions().get(0);
            assertEquals(AccessionOutcome.Status.FAILED, o.status());
            assertTrue(o.reason().contains("rejected-permanent"), o.reason());
            PacsStatistics stats = report.pacsStatistics().get(0);
            assertEquals(1, stats.operations(), "sent once: " + stats);
            assertEquals(0, stats.retries(), "a permanent failure is not retried: " + stats);
            assertEquals(1, stats.rejections(), stats.toString());
            assertEquals(1, stats.failures(), stats.toString());
        }
    }

    @Test
    void droppedAndRefusedConnectionsAreTransientRetriedAndEveryAccessionEndsOk() {
        List<String> accessions = cohort.accessions();
        Cohort.Collected got = new Cohort.Collected();
        try (TcpProxy proxy = proxy();
                PacsBridge bridge = Cohort.bridge(through(proxy)).retries(6).retryBackoff(Duration.ofMillis(100))
                        .build()) {
            int[] seen = {0};
            BatchReport report = assertTimeoutPreemptively(NEVER_HANGS, () -> bridge.extract(accessions, d -> {
                got.accept(d);
                synchronized (seen) {
                    if (++seen[0] == 3) {
                        // the network fails under the batch: open connections reset, new ones
                        // refused for a second, then healthy again
                        proxy.refuseConnections();
                        proxy.dropConnections();
                        Thread t = new Thread(() -> {
                            try {
                                Thread.sleep(1000);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            proxy.forwardNormally();
                        });
                        t.setDaemon(true);
                        t.start();
                    }
                }
            }));
            PacsStatistics stats = report.pacsStatistics().get(0);
            assertTrue(proxy.connectionsDropped() + proxy.connectionsRefused() > 0, proxy.toString());
            assertTrue(stats.retries() > 0, "the broken operations were retried: " + stats);
            assertEquals(0, stats.failures(), stats.toString());
            assertAllOk(report, accessions, got);
        }
    }

    @Test
    void cancellingFromTheProgressListenerCancelsTheRestAtOnce() {
        List<String> accessions = cohort.accessions();
        CancellationToken token = new CancellationToken();
        Cohort.Collected got = new Cohort.Collected();
        List<String> done = new ArrayList<>();
        long[] cancelledAt = {0};
        try (PacsBridge bridge = Cohort.bridge(Cohort.address(orthanc.aeTitle(), orthanc.host(), orthanc.dicomPort()))
                .concurrency(1).build()) {
            BatchReport report = assertTimeoutPreemptively(NEVER_HANGS, () -> bridge.extract(accessions, got,
                    BatchOptions.builder().cancellation(token).progress((outcome, n) -> {
                        done.add(outcome.accessionNumber());
                        if (n == 2) {
                            token.cancel();
                            cancelledAt[0] = System.nanoTime();
                        }
                    }).build()));
            long afterCancel = System.nanoTime() - cancelledAt[0];
            Map<String, AccessionOutcome> by = Cohort.byAccession(report, accessions);
            List<String> first = accessions.subList(0, 2);
            for (String a : accessions) {
                AccessionOutcome.Status want = first.contains(a) ? AccessionOutcome.Status.OK
                        : AccessionOutcome.Status.CANCELLED;
                assertEquals(want, by.get(a).status(), a + ": " + by.get(a).reason());
            }
            assertEquals(accessions.size(), done.size(), "the listener heard every accession number once");
            assertEquals(cohort.expectedDocuments(first), got.keys(), "documents of the finished ones only");
            int seriesDone = cohort.seriesOf(first.get(0)) + cohort.seriesOf(first.get(1));
            assertEquals(2 + 2 + seriesDone, report.pacsStatistics().get(0).operations(),
                    "nothing was sent to the PACS after the cancel (2 study queries, 2 series queries, one "
                            + "retrieval per series of the first two)");
            assertTrue(afterCancel < Duration.ofSeconds(30).toNanos(), "returned " + afterCancel / 1_000_000
                    + " ms after the cancel");
        }
    }
}
