/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.i4dw.api.AeTitle;
import org.i4dw.api.AssociationAbortedException;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.QueryLevel;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.testkit.DicomNode;
import org.i4dw.testkit.LoadReport;
import org.i4dw.testkit.OrthancPacs;
import org.i4dw.testkit.OrthancTest;
import org.i4dw.testkit.SampleCorpus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** C-GET and C-MOVE from a real Orthanc. */
@OrthancTest(aeTitle = "ORTHANC", dicomWeb = false)
class OrthancRetrieveTest {

    private static final Logger LOG = LoggerFactory.getLogger(OrthancRetrieveTest.class);
    private static final AeTitle US = AeTitle.of("I4DW-TEST");
    private static final AeTitle SCP = AeTitle.of("I4DW-SCP");
    private final SampleCorpus corpus = SampleCorpus.locate();

    @BeforeEach
    void empty(OrthancPacs pacs) {
        pacs.deleteAll();
    }

    /** Clients made by a test, closed after it: Orthanc waits for open associations when it stops. */
    private final List<DimseClient> clients = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void closeClients() {
        clients.forEach(DimseClient::close);
    }

    private DimseClient scu(OrthancPacs pacs) {
        DimseClient c = DimseClient.builder().pacs(new PacsAddress(AeTitle.of(pacs.aeTitle()), pacs.host(), pacs.dicomPort()))
                .callingAeTitle(US).networkOptions(NetworkOptions.builder().dimseTimeout(Duration.ofSeconds(30)).build())
                .build();
        clients.add(c);
        return c;
    }

    /** Uploads files and returns the Orthanc id of each by SOP Instance UID. */
    private static Map<String, String> upload(OrthancPacs pacs, List<Path> files) throws Exception {
        LoadReport r = pacs.uploadAll(files);
        assertEquals(files.size(), r.acceptedCount(), r::toString);
        Map<String, String> ids = new HashMap<>();
        for (LoadReport.Accepted a : r.accepted()) {
            ids.put(NetFixtures.tag(a.file(), "0008,0018"), a.instanceId());
        }
        return ids;
    }

    private static void assertStoredAsOrthancHasThem(OrthancPacs pacs, Map<String, String> ids, Path out,
            RetrieveResult result) throws IOException {
        assertEquals(ids.size(), result.received().size(), result::toString);
        for (RetrieveResult.Instance i : result.received()) {
            byte[] orthanc = pacs.instanceFile(ids.get(i.sopInstanceUid()));
            Path stored = out.resolve(i.sopInstanceUid() + ".dcm");
            if (!Arrays.equals(NetFixtures.datasetBytes(orthanc), NetFixtures.datasetBytes(stored))) {
                // Orthanc sends through dcmtk, which re-encodes explicit-length items as
                // undefined-length ones and drops group lengths: then the content must be equal
                Path copy = out.resolveSibling(i.sopInstanceUid() + ".orthanc.dcm");
                Files.write(copy, orthanc);
                assertEquals(NetFixtures.content(copy), NetFixtures.content(stored), i::sopInstanceUid);
            }
        }
    }

    private List<Path> ctStudy() {
        return SampleCorpus.dicomFiles(corpus.folder("04-ct-series/siemens-head-ct-study-adit-1001"));
    }

    @Test
    void getsAStudyAndASeriesByteForByte(OrthancPacs pacs, @TempDir Path out) throws Exception {
        List<Path> files = ctStudy();
        Map<String, String> ids = upload(pacs, files);
        String study = NetFixtures.tag(files.get(0), "0020,000D");
        RetrieveResult all = scu(pacs).get(RetrieveRequest.studyOrSeries(study, null),
                InstanceHandler.toDirectory(out.resolve("study")));
        assertTrue(all.isSuccess(), all::toString);
        assertEquals(files.size(), all.completed());
        assertEquals(0, all.failed());
        assertStoredAsOrthancHasThem(pacs, ids, out.resolve("study"), all);

        Path one = corpus.folder("04-ct-series/siemens-head-ct-study-adit-1001/Kopf_nativ_5.0_H42s");
        List<Path> seriesFiles = SampleCorpus.dicomFiles(one);
        String series = NetFixtures.tag(seriesFiles.get(0), "0020,000E");
        RetrieveResult part = scu(pacs).get(RetrieveRequest.studyOrSeries(study, series),
                InstanceHandler.toDirectory(out.resolve("series")));
        assertEquals(seriesFiles.size(), part.completed());
        Map<String, String> seriesIds = new HashMap<>();
        for (Path f : seriesFiles) {
            String uid = NetFixtures.tag(f, "0008,0018");
            seriesIds.put(uid, ids.get(uid));
        }
        assertStoredAsOrthancHasThem(pacs, seriesIds, out.resolve("series"), part);
    }

    @Test
    void getsTheHeaderOfOneInstanceAndTheFirstInstanceOfEachSeries(OrthancPacs pacs) throws Exception {
        List<Path> files = ctStudy();
        upload(pacs, files);
        Path f = files.get(files.size() - 1);
        String study = NetFixtures.tag(f, "0020,000D");
        String series = NetFixtures.tag(f, "0020,000E");
        String instance = NetFixtures.tag(f, "0008,0018");
        List<DicomObject> headers = new ArrayList<>();
        RetrieveRequest rq = RetrieveRequest.builder().level(QueryLevel.IMAGE).studyInstanceUid(study)
                .seriesInstanceUid(series).sopInstanceUids(List.of(instance)).build();
        RetrieveResult r = scu(pacs).get(rq, InstanceHandler.headers(headers::add));
        assertEquals(1, r.completed());
        assertEquals(1, headers.size());
        assertEquals(instance, headers.get(0).string(Tag.SOPInstanceUID).orElseThrow());
        assertFalse(headers.get(0).contains(Tag.PixelData));

        List<DicomObject> firsts = new ArrayList<>();
        List<RetrieveResult> perSeries = scu(pacs).getFirstInstancePerSeries(study, null,
                InstanceHandler.headers(firsts::add));
        assertEquals(pacs.series().size(), perSeries.size());
        assertEquals(perSeries.size(), firsts.size());
        assertEquals(perSeries.size(), firsts.stream().map(h -> h.string(Tag.SeriesInstanceUID).orElseThrow())
                .distinct().count());
    }

    @Test
    void movesAStudyToOurStorageScp(OrthancPacs pacs, @TempDir Path out) throws Exception {
        List<Path> files = ctStudy();
        Map<String, String> ids = upload(pacs, files);
        String study = NetFixtures.tag(files.get(0), "0020,000D");
        try (StorageScp scp = StorageScp.builder().aeTitle(SCP).acceptCallingAe(AeTitle.of(pacs.aeTitle()))
                .handler(InstanceHandler.toDirectory(out)).start()) {
            pacs.registerModality("i4dw", new DicomNode(SCP.value(), "127.0.0.1", scp.port()));
            RetrieveResult r = scu(pacs).move(RetrieveRequest.studyOrSeries(study, null), scp);
            assertTrue(r.isSuccess(), r::toString);
            assertEquals(files.size(), r.completed());
            assertStoredAsOrthancHasThem(pacs, ids, out, r);
        }
    }

    @Test
    void aMoveToAnUnknownDestinationFails(OrthancPacs pacs) throws Exception {
        List<Path> files = ctStudy().subList(0, 1);
        upload(pacs, files);
        String study = NetFixtures.tag(files.get(0), "0020,000D");
        RetrieveFailedException e = assertThrows(RetrieveFailedException.class,
                () -> scu(pacs).move(RetrieveRequest.studyOrSeries(study, null), AeTitle.of("NOWHERE")));
        // Orthanc 1.10.1 answers C000H (Failed: Unable to process) where dcmqrscp answers A801H
        assertEquals(0xC000, e.status());
        assertEquals(0, e.result().received().size());
    }

    @Test
    void getsASeriesOf250Instances(OrthancPacs pacs, @TempDir Path out) throws Exception {
        List<Path> files = SampleCorpus.dicomFiles(corpus.folder("12-bulk-benchmark")).subList(0, 250);
        upload(pacs, files);
        String study = NetFixtures.tag(files.get(0), "0020,000D");
        String series = NetFixtures.tag(files.get(0), "0020,000E");
        long t0 = System.nanoTime();
        RetrieveResult r = scu(pacs).get(RetrieveRequest.studyOrSeries(study, series),
                List.of("1.2.840.10008.5.1.4.1.1.4"), InstanceHandler.toDirectory(out));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(250, r.completed(), r::toString);
        assertEquals(250, r.received().size());
        long bytes;
        try (var s = Files.list(out)) {
            bytes = s.mapToLong(p -> p.toFile().length()).sum();
        }
        LOG.info("C-GET of 250 instances ({} MB) from Orthanc in {} ms: {} instances/s, {} MB/s", bytes >> 20, ms,
                250_000 / Math.max(ms, 1), (bytes >> 20) * 1000 / Math.max(ms, 1));
    }

    @Test
    void aHandlerAbortingMidTransferEndsCleanly(OrthancPacs pacs, @TempDir Path out) throws Exception {
        List<Path> files = ctStudy();
        upload(pacs, files);
        String study = NetFixtures.tag(files.get(0), "0020,000D");
        AtomicInteger seen = new AtomicInteger();
        long t0 = System.nanoTime();
        AssociationAbortedException e = assertThrows(AssociationAbortedException.class,
                () -> scu(pacs).get(RetrieveRequest.studyOrSeries(study, null), i -> {
                    if (seen.incrementAndGet() == 3) {
                        i.abortAssociation();
                    }
                }));
        assertTrue(e.getMessage().contains("after 2 instance(s)"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L);
        // Orthanc is fine afterwards
        RetrieveResult again = scu(pacs).get(RetrieveRequest.studyOrSeries(study, null), InstanceHandler.discard());
        assertEquals(files.size(), again.completed());
    }

    @Test
    void cancelStopsAGet(OrthancPacs pacs) throws Exception {
        List<Path> files = SampleCorpus.dicomFiles(corpus.folder("12-bulk-benchmark")).subList(0, 40);
        upload(pacs, files);
        String study = NetFixtures.tag(files.get(0), "0020,000D");
        Retrieve.Cancel cancel = new Retrieve.Cancel();
        AtomicInteger seen = new AtomicInteger();
        Retrieve.Proposal p = Retrieve.getProposal(List.of(QueryModel.STUDY_ROOT.getSopClass()),
                List.of("1.2.840.10008.5.1.4.1.1.4"));
        try (Association a = Association.open(new PacsAddress(AeTitle.of(pacs.aeTitle()), pacs.host(),
                pacs.dicomPort()), US, p.contexts(), p.roles(), NetworkOptions.defaults())) {
            RetrieveResult r = Retrieve.get(a, RetrieveRequest.studyOrSeries(study, null), 7, i -> {
                if (seen.incrementAndGet() == 2) {
                    cancel.cancel();
                }
            }, false, cancel);
            LOG.info("C-GET cancelled after 2 instances: {}", r);
            assertTrue(r.isCancelled() || r.isSuccess(), r::toString);
            assertTrue(a.isOpen(), "the association stays usable after a cancel");
        }
    }
}
