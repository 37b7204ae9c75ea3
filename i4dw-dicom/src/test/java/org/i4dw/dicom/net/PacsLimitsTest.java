/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.i4dw.api.AeTitle;
import org.i4dw.api.AssociationRejectedException;
import org.i4dw.api.DicomTimeoutException;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.QueryLevel;
import org.i4dw.api.Retrieve;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.spi.ProviderRegistry;
import org.i4dw.spi.Transport;
import org.i4dw.spi.TransportProvider;
import org.i4dw.spi.TransportSettings;
import org.i4dw.testkit.DcmqrscpPacs;
import org.i4dw.testkit.SampleCorpus;
import org.i4dw.testkit.TcpProxy;
import org.junit.jupiter.api.Test;

/** Regressions found by the fault tests: a PACS whose association limit is below ours, and a PACS that never answers an association request. */
class PacsLimitsTest {

    @Test
    void anAssociationRejectedAtThePacsLimitReleasesOurIdleAssociationsSoARetryFindsRoom() {
        Path file = SampleCorpus.locate().file("07-charsets/pydicom__chrGerm.dcm");
        try (DcmqrscpPacs pacs = DcmqrscpPacs.builder().aeTitle("ONE-AT-A-TIME").maxAssociations(1).start()) {
            pacs.store(file);
            try (DimseClient c = DimseClient.builder()
                    .pacs(new PacsAddress(AeTitle.of(pacs.aeTitle()), pacs.host(), pacs.dicomPort()))
                    .maxAssociations(4).build()) {
                // the association of the fixture's storescu may count for a moment yet
                String[] found = theOnlySeries(c);
                String study = found[0];
                String seriesUid = found[1];
                assertEquals(1, c.pool().idleCount(), "the C-FIND association stays pooled");

                // the idle C-FIND association holds the PACS's only slot: a C-GET association is rejected
                AssociationRejectedException e = assertThrows(AssociationRejectedException.class,
                        () -> c.getOneInstance(study, seriesUid, InstanceHandler.discard()));
                assertTrue(e.isTransient(), e.getMessage());
                assertEquals(0, c.pool().idleCount(), "the rejection released the idle association");

                // dcmqrscp frees the slot once it has reaped the ended association (about a second);
                // before the fix, the idle association held it for the whole idle timeout (60 s)
                RetrieveResult r = whenThereIsRoom(() -> c.getOneInstance(study, seriesUid,
                        InstanceHandler.discard()));
                assertEquals(1, r.received().size());
            }
        }
    }

    @Test
    void aTransientRejectionCapsTheAssociationsWeKeepOpenSoSwitchingProfilesIsNotRejectedAgain() {
        Path file = SampleCorpus.locate().file("07-charsets/pydicom__chrGerm.dcm");
        try (DcmqrscpPacs pacs = DcmqrscpPacs.builder().aeTitle("ROOMY").start()) {
            pacs.store(file);
            try (TcpProxy oneAtATime = TcpProxy.builder().target(pacs.host(), pacs.dicomPort()).start();
                    DimseClient c = DimseClient.builder()
                            .pacs(new PacsAddress(AeTitle.of(pacs.aeTitle()), oneAtATime.host(), oneAtATime.port()))
                            .maxAssociations(4).build()) {
                oneAtATime.rejectAssociationsAbove(1);
                String[] found = theOnlySeries(c);
                String study = found[0];
                String seriesUid = found[1];
                assertEquals(0, c.pool().learnedCap(), "nothing rejected yet, nothing learned");

                // the idle C-FIND association holds the only slot: the C-GET association is rejected once
                assertThrows(AssociationRejectedException.class,
                        () -> c.getOneInstance(study, seriesUid, InstanceHandler.discard()));
                assertEquals(1, c.pool().learnedCap(), "the PACS took one association of ours: "
                        + "the pool keeps at most one open");
                assertEquals(1, oneAtATime.associationsRejected());

                // from now on each change of profile releases the idle association before opening
                // its own: no rejection, never more than one open
                for (int i = 0; i < 5; i++) {
                    RetrieveResult r = c.getOneInstance(study, seriesUid, InstanceHandler.discard());
                    assertEquals(1, r.received().size());
                    assertTrue(c.pool().openCount() <= 1, "at most one association open after the C-GET "
                            + "(released after a cancelled C-GET on dcmqrscp)");
                    List<DicomObject> again = new ArrayList<>();
                    c.find(QueryModel.STUDY_ROOT, QueryLevel.STUDY,
                            DicomObject.builder().setEmpty(Tag.StudyInstanceUID, VR.UI).build(), again::add);
                    assertEquals(1, again.size());
                    assertEquals(1, c.pool().openCount(), "one association open after the C-FIND");
                    assertEquals(1, c.pool().learnedCap());
                }
                assertEquals(1, oneAtATime.associationsRejected(), "switching profiles under the learned cap "
                        + "was never rejected");
            }
        }
    }

    /** The Study and Series Instance UIDs of the one series the PACS holds, its STUDY C-FIND retried while there is no room. */
    private static String[] theOnlySeries(DimseClient c) {
        List<DicomObject> studies = new ArrayList<>();
        whenThereIsRoom(() -> c.find(QueryModel.STUDY_ROOT, QueryLevel.STUDY,
                DicomObject.builder().setEmpty(Tag.StudyInstanceUID, VR.UI).build(), studies::add));
        String study = studies.get(0).string(Tag.StudyInstanceUID).orElseThrow();
        List<DicomObject> series = new ArrayList<>();
        c.find(QueryModel.STUDY_ROOT, QueryLevel.SERIES, DicomObject.builder()
                .set(Tag.StudyInstanceUID, VR.UI, study).setEmpty(Tag.SeriesInstanceUID, VR.UI).build(), series::add);
        return new String[] {study, series.get(0).string(Tag.SeriesInstanceUID).orElseThrow()};
    }

    /** Runs an operation again while dcmqrscp rejects it for its limit, up to a generous 30 s. */
    private static <T> T whenThereIsRoom(java.util.function.Supplier<T> operation) {
        return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            while (true) {
                try {
                    return operation.get();
                } catch (AssociationRejectedException stillBusy) {
                    Thread.sleep(200);
                }
            }
        });
    }

    @Test
    void theAnswerToAnAssociationRequestIsAwaitedNoLongerThanTheTransportsResponseTimeout() throws IOException {
        try (ServerSocket nobody = new ServerSocket(0);
                TcpProxy silent = TcpProxy.builder().target("127.0.0.1", nobody.getLocalPort()).start()) {
            silent.goSilent();
            TransportProvider dimse = ProviderRegistry.builder(TransportProvider.class, "org.i4dw:i4dw-dicom").build()
                    .get("dimse");
            PacsAddress pacs = new PacsAddress(AeTitle.of("SILENT"), silent.host(), silent.port());
            try (Transport t = dimse.open(new TransportSettings(pacs, AeTitle.of("I4DW-TEST"), 1, Retrieve.C_GET, 0,
                    Duration.ofSeconds(1), Duration.ofMillis(700)))) {
                DicomTimeoutException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                        () -> assertThrows(DicomTimeoutException.class, () -> t.query(QueryLevel.STUDY,
                                DicomObject.builder().setEmpty(Tag.StudyInstanceUID, VR.UI).build(), o -> true)));
                assertTrue(e.getMessage().contains("A-ASSOCIATE"), e.getMessage());
                assertTrue(e.getMessage().contains("timeout of 700 ms"), "the ARTIM timer follows the response "
                        + "timeout when it is shorter than 10 s: " + e.getMessage());
            }
        }
    }
}
