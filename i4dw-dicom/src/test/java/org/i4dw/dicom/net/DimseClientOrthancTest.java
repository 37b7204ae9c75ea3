/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.i4dw.api.AssociationRejectedException;
import org.i4dw.api.DicomTimeoutException;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.QueryLevel;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.testkit.LoadReport;
import org.i4dw.testkit.OrthancPacs;
import org.i4dw.testkit.OrthancTest;
import org.i4dw.testkit.SampleCorpus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link DimseClient} against a real Orthanc, checked against Orthanc's REST view and dcmtk's findscu. */
@OrthancTest(aeTitle = "I4DW-ORTHANC", dicomWeb = false)
class DimseClientOrthancTest {

    private static final NetworkOptions FAST = NetworkOptions.builder().dimseTimeout(Duration.ofSeconds(10))
            .artimTimeout(Duration.ofSeconds(5)).build();

    /** 4 patients, 4 studies, 7 series, 34 instances. */
    @BeforeAll
    static void load(OrthancPacs pacs) {
        pacs.deleteAll();
        SampleCorpus corpus = SampleCorpus.locate();
        LoadReport a = pacs.uploadAll(corpus.folder("04-ct-series"));
        LoadReport b = pacs.uploadAll(corpus.folder("02-mr-series/ge-genesis-signa-dcm4che"));
        assertEquals(34, a.acceptedCount() + b.acceptedCount(), () -> a + " " + b);
    }

    private static PacsAddress address(OrthancPacs pacs) {
        return new PacsAddress(org.i4dw.api.AeTitle.of(pacs.aeTitle()), "127.0.0.1", pacs.dicomPort());
    }

    private static DimseClient client(OrthancPacs pacs) {
        return DimseClient.builder().pacs(address(pacs)).callingAeTitle("I4DW-TEST").networkOptions(FAST).build();
    }

    @Test
    void echoAnswers(OrthancPacs pacs) {
        try (DimseClient c = client(pacs)) {
            Duration rtt = c.echo();
            assertFalse(rtt.isNegative());
            c.echo();
            assertEquals(1, c.pool().peakOpen(), "the second echo reuses the association");
        }
    }

    @Test
    void hundredEchoesOnOneAssociation(OrthancPacs pacs) {
        try (PduProxy proxy = new PduProxy("127.0.0.1", pacs.dicomPort());
                DimseClient c = DimseClient.builder()
                        .pacs(new PacsAddress(org.i4dw.api.AeTitle.of(pacs.aeTitle()), "127.0.0.1", proxy.port()))
                        .networkOptions(FAST).build()) {
            List<Duration> times = c.echo(100);
            assertEquals(100, times.size());
            assertEquals(1, proxy.acceptedConnections());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(QueryModel.class)
    void findsEveryLevelLikeOrthancAndFindscu(QueryModel model, OrthancPacs pacs, @TempDir Path tmp)
            throws Exception {
        try (DimseClient c = client(pacs)) {
            QueryWalk w = QueryWalk.walk(c, model, tmp);
            assertEquals(Set.copyOf(pacs.studyInstanceUids()), w.studies);
            assertEquals(Set.copyOf(pacs.seriesInstanceUids()), w.series);
            assertEquals(pacs.instances().size(), w.instances.size());
            assertEquals(4, w.studies.size());
            assertEquals(7, w.series.size());
            assertEquals(34, w.instances.size());
            if (model == QueryModel.PATIENT_ROOT) {
                assertEquals(4, w.patients.size());
            }
            assertEquals(1, c.pool().peakOpen(), "every query reused one association");
        }
    }

    @Test
    void resultsStreamBeforeTheFinalResponse(OrthancPacs pacs) throws Exception {
        try (PduProxy proxy = new PduProxy("127.0.0.1", pacs.dicomPort());
                DimseClient c = DimseClient.builder()
                        .pacs(new PacsAddress(org.i4dw.api.AeTitle.of(pacs.aeTitle()), "127.0.0.1", proxy.port()))
                        .networkOptions(FAST).build()) {
            c.echo();
            proxy.delayPData(40); // each PDU from Orthanc comes 40 ms late
            long t0 = System.nanoTime();
            AtomicLong firstAt = new AtomicLong();
            FindResult r = c.find(QueryModel.STUDY_ROOT, QueryLevel.IMAGE,
                    DicomObject.builder().setEmpty(Tag.SOPInstanceUID, VR.UI).build(), m -> {
                        firstAt.compareAndSet(0, System.nanoTime() - t0);
                        return true;
                    });
            long total = System.nanoTime() - t0;
            assertEquals(34, r.results());
            // 34 pending responses and a final one, each >= 40 ms apart: the first match was
            // handed over long before the last response arrived
            assertTrue(firstAt.get() < total / 4, () -> "first " + firstAt.get() / 1e6 + " ms, total " + total / 1e6);
        }
    }

    @Test
    void cancelAfterOneResultKeepsTheAssociationUsable(OrthancPacs pacs) {
        try (DimseClient c = client(pacs)) {
            List<DicomObject> seen = new ArrayList<>();
            FindResult r = c.find(QueryModel.STUDY_ROOT, QueryLevel.IMAGE,
                    DicomObject.builder().setEmpty(Tag.SOPInstanceUID, VR.UI).build(), m -> {
                        seen.add(m);
                        return false;
                    });
            assertTrue(r.cancelled(), r::toString);
            assertEquals(1, r.results());
            assertEquals(1, seen.size());
            FindResult next = c.find(QueryModel.STUDY_ROOT, QueryLevel.STUDY,
                    DicomObject.builder().setEmpty(Tag.StudyInstanceUID, VR.UI).build(), m -> true);
            assertEquals(4, next.results());
            assertFalse(next.cancelled());
            assertEquals(Status.SUCCESS, next.status().code());
            assertEquals(1, c.pool().peakOpen(), "the cancelled query's association served the next one");
        }
    }

    @Test
    void wrongCalledAeTitleIsRejected(OrthancPacs pacs) {
        try (DimseClient c = DimseClient.builder()
                .pacs(new PacsAddress(org.i4dw.api.AeTitle.of("NOT-ORTHANC"), "127.0.0.1", pacs.dicomPort()))
                .networkOptions(FAST).build()) {
            AssociationRejectedException e = assertThrows(AssociationRejectedException.class, c::echo);
            assertTrue(e.getMessage().contains("called AE title not recognized"), e::getMessage);
            assertEquals(0, c.pool().openCount());
        }
    }

    @Test
    void poolNeverOpensMoreThanTheMaximum(OrthancPacs pacs) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try (PduProxy proxy = new PduProxy("127.0.0.1", pacs.dicomPort());
                DimseClient c = DimseClient.builder()
                        .pacs(new PacsAddress(org.i4dw.api.AeTitle.of(pacs.aeTitle()), "127.0.0.1", proxy.port()))
                        .networkOptions(FAST).maxAssociations(2).build()) {
            proxy.delayPData(5); // each find lasts long enough for the six to overlap
            List<Future<FindResult>> finds = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                finds.add(threads.submit(() -> c.find(QueryModel.STUDY_ROOT, QueryLevel.SERIES,
                        DicomObject.builder().setEmpty(Tag.SeriesInstanceUID, VR.UI).build(), m -> true)));
            }
            for (Future<FindResult> f : finds) {
                assertEquals(7, f.get().results());
            }
            assertTrue(proxy.peakConnections() <= 2, () -> "peak " + proxy.peakConnections());
            assertEquals(2, c.pool().peakOpen(), "six overlapping finds used both associations");
            assertTrue(c.pool().openCount() <= 2);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aBrokenIdleAssociationIsReplacedTransparently(OrthancPacs pacs) throws Exception {
        try (PduProxy proxy = new PduProxy("127.0.0.1", pacs.dicomPort());
                DimseClient c = DimseClient.builder()
                        .pacs(new PacsAddress(org.i4dw.api.AeTitle.of(pacs.aeTitle()), "127.0.0.1", proxy.port()))
                        .networkOptions(FAST).build()) {
            c.echo();
            assertEquals(1, c.pool().idleCount());
            proxy.cutAll(); // the idle association's connection is gone
            Thread.sleep(100);
            assertEquals(4, c.find(QueryModel.STUDY_ROOT, QueryLevel.STUDY,
                    DicomObject.builder().setEmpty(Tag.StudyInstanceUID, VR.UI).build(), m -> true).results());
            assertEquals(2, proxy.acceptedConnections());
            proxy.cutAll();
            Thread.sleep(100);
            assertNotNull(c.echo());
            assertEquals(3, proxy.acceptedConnections());
            assertEquals(1, c.pool().openCount());
        }
    }

    @Test
    void idleAssociationsAreReleased(OrthancPacs pacs) throws Exception {
        try (PduProxy proxy = new PduProxy("127.0.0.1", pacs.dicomPort());
                DimseClient c = DimseClient.builder()
                        .pacs(new PacsAddress(org.i4dw.api.AeTitle.of(pacs.aeTitle()), "127.0.0.1", proxy.port()))
                        .networkOptions(FAST.toBuilder().idleTimeout(Duration.ofMillis(200)).build()).build()) {
            c.echo();
            assertEquals(1, c.pool().openCount());
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (c.pool().openCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, c.pool().openCount());
            c.echo();
            assertEquals(2, proxy.acceptedConnections());
        }
    }

    @Test
    void aPacsThatStopsAnsweringTimesOutAndIsNotPooled(OrthancPacs pacs) throws Exception {
        try (PduProxy proxy = new PduProxy("127.0.0.1", pacs.dicomPort());
                DimseClient c = DimseClient.builder()
                        .pacs(new PacsAddress(org.i4dw.api.AeTitle.of(pacs.aeTitle()), "127.0.0.1", proxy.port()))
                        .networkOptions(FAST.toBuilder().dimseTimeout(Duration.ofMillis(500)).build()).build()) {
            c.echo();
            proxy.freeze(true);
            DicomTimeoutException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> assertThrows(DicomTimeoutException.class, () -> c.find(QueryModel.STUDY_ROOT,
                            QueryLevel.STUDY, DicomObject.builder().setEmpty(Tag.StudyInstanceUID, VR.UI).build(),
                            m -> true)));
            assertTrue(e.getMessage().contains("500 ms"), e::getMessage);
            assertEquals(0, c.pool().openCount(), "the timed-out association was aborted, not pooled");
            proxy.freeze(false);
            assertNotNull(c.echo());
        }
    }

    @Test
    void quickAckOnAndOff(OrthancPacs pacs) {
        double on = median(pacs, true);
        double off = median(pacs, false);
        System.out.printf("C-ECHO median over 50 on one association against Orthanc: quick ACK on %.3f ms,"
                + " off %.3f ms%n", on, off);
    }

    private static double median(OrthancPacs pacs, boolean quickAck) {
        try (DimseClient c = DimseClient.builder().pacs(address(pacs))
                .networkOptions(FAST.toBuilder().quickAck(quickAck).build()).build()) {
            c.echo(20); // warm-up, same association
            List<Duration> times = new ArrayList<>(c.echo(50));
            Collections.sort(times);
            return (times.get(24).toNanos() + times.get(25).toNanos()) / 2e6;
        }
    }
}
