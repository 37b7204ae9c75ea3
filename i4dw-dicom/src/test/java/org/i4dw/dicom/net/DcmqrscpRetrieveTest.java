/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.i4dw.api.AeTitle;
import org.i4dw.api.PacsAddress;
import org.i4dw.testkit.DcmqrscpPacs;
import org.i4dw.testkit.DicomNode;
import org.i4dw.testkit.LoadReport;
import org.i4dw.testkit.SampleCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** C-GET and C-MOVE from dcmtk's dcmqrscp; the SCP starts first, dcmqrscp learns its port as a peer. */
class DcmqrscpRetrieveTest {

    private static final AeTitle US = AeTitle.of("I4DW-TEST");
    private static final AeTitle SCP = AeTitle.of("I4DW-SCP");
    private final SampleCorpus corpus = SampleCorpus.locate();

    @Test
    void getsAndMovesAStudyAndASeries(@TempDir Path out) throws Exception {
        Path studyDir = corpus.folder("04-ct-series/siemens-head-ct-study-adit-1001");
        List<Path> files = SampleCorpus.dicomFiles(studyDir);
        List<Path> seriesFiles = SampleCorpus.dicomFiles(studyDir.resolve("Kopf_nativ_5.0_H42s"));
        String study = NetFixtures.tag(files.get(0), "0020,000D");
        String series = NetFixtures.tag(seriesFiles.get(0), "0020,000E");
        try (StorageScp scp = StorageScp.builder().aeTitle(SCP).acceptCallingAe(AeTitle.of("DCMQRSCP"))
                .handler(InstanceHandler.toDirectory(out.resolve("moved"))).start();
                DcmqrscpPacs pacs = DcmqrscpPacs.builder().peer(new DicomNode(SCP.value(), "127.0.0.1", scp.port()))
                        .start()) {
            LoadReport loaded = pacs.storeAll(files);
            assertEquals(files.size(), loaded.acceptedCount(), loaded::toString);
            DimseClient scu = DimseClient.builder()
                    .pacs(new PacsAddress(AeTitle.of(pacs.aeTitle()), pacs.host(), pacs.dicomPort()))
                    .callingAeTitle(US).build();

            RetrieveResult all = scu.get(RetrieveRequest.studyOrSeries(study, null),
                    InstanceHandler.toDirectory(out.resolve("study")));
            assertTrue(all.isSuccess(), all::toString);
            assertEquals(files.size(), all.completed());
            assertEquals(files.size(), all.received().size());
            RetrieveResult part = scu.get(RetrieveRequest.studyOrSeries(study, series),
                    InstanceHandler.toDirectory(out.resolve("series")));
            assertEquals(seriesFiles.size(), part.completed());
            for (Path f : seriesFiles) {
                // dcmqrscp runs --bit-preserving: what it sends is what storescu gave it
                Path got = out.resolve("series").resolve(NetFixtures.tag(f, "0008,0018") + ".dcm");
                Path kept = out.resolve("study").resolve(NetFixtures.tag(f, "0008,0018") + ".dcm");
                assertArrayEquals(NetFixtures.datasetBytes(kept), NetFixtures.datasetBytes(got));
                assertEquals(NetFixtures.content(f), NetFixtures.content(got));
            }

            // routine: exactly one header per series, whether dcmqrscp honours the C-CANCEL or not
            List<org.i4dw.data.DicomObject> headers = new java.util.ArrayList<>();
            List<RetrieveResult> one = scu.getOneInstancePerSeries(study, InstanceHandler.headers(headers::add));
            assertEquals(one.size(), headers.size());
            assertTrue(one.size() >= 2, "the study has several series");
            assertEquals(one.size(), headers.stream()
                    .map(h -> h.string(org.i4dw.data.Tag.SeriesInstanceUID).orElseThrow()).distinct().count());
            // dcmqrscp 3.6.7 keeps its index locked after some cancelled C-GETs until the association
            // ends: by default each cancelled association is released, and the C-MOVE below (on
            // another association) is served
            long cancelled = one.stream().filter(RetrieveResult::isCancelled).count();
            assertTrue(cancelled >= 1, "a series of several instances was cancelled after its first");
            // the C-FIND association, the whole-study C-GET's (reused by the first cancelled C-GET),
            // then a new one for each C-GET after a cancelled one
            assertTrue(scu.pool().openedCount() >= 1 + cancelled, "an association per cancelled C-GET: "
                    + scu.pool().openedCount() + " opened for " + cancelled + " cancelled");
            assertEquals(1, scu.pool().idleCount(), "only the C-FIND association is kept");

            RetrieveResult moved = scu.move(RetrieveRequest.studyOrSeries(study, series), scp);
            assertTrue(moved.isSuccess(), moved::toString);
            assertEquals(seriesFiles.size(), moved.completed());
            assertEquals(seriesFiles.size(), moved.received().size());
            for (RetrieveResult.Instance i : moved.received()) {
                assertArrayEquals(NetFixtures.datasetBytes(out.resolve("series").resolve(i.sopInstanceUid() + ".dcm")),
                        NetFixtures.datasetBytes(out.resolve("moved").resolve(i.sopInstanceUid() + ".dcm")));
            }

            RetrieveFailedException e = assertThrows(RetrieveFailedException.class,
                    () -> scu.move(RetrieveRequest.studyOrSeries(study, null), AeTitle.of("NOWHERE")));
            assertEquals(0xA801, e.status());
            assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("move destination unknown"), e.getMessage());
        }
    }
}
