/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.i4dw.api.AeTitle;
import org.i4dw.api.InstanceSelection;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.QueryLevel;
import org.i4dw.api.Retrieve;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.ReadOptions;
import org.i4dw.spi.ProviderRegistry;
import org.i4dw.spi.QueryOutcome;
import org.i4dw.spi.RetrieveOutcome;
import org.i4dw.spi.RetrievedInstance;
import org.i4dw.spi.Transport;
import org.i4dw.spi.TransportProvider;
import org.i4dw.spi.TransportSettings;
import org.i4dw.testkit.DicomNode;
import org.i4dw.testkit.OrthancPacs;
import org.i4dw.testkit.SampleCorpus;
import org.junit.jupiter.api.Test;

/**
 * The {@code dimse} transport provider, found by ServiceLoader, against two real Orthancs at once:
 * query by accession number, routine (first instance, header only) and caching (all instances,
 * exact bytes) retrieval through C-GET and C-MOVE.
 */
class DimseTransportTest {

    private static final AeTitle US = AeTitle.of("I4DW-TRANSPORT");
    private static final String CT_STUDY = "04-ct-series/siemens-head-ct-study-adit-1001";
    private static final String MR_SERIES = "02-mr-series/siemens-t2-tse-adit-1002";

    private static TransportProvider provider() {
        return ProviderRegistry.builder(TransportProvider.class, "org.i4dw:i4dw-dicom").build().get("dimse");
    }

    private static PacsAddress address(OrthancPacs pacs) {
        return new PacsAddress(AeTitle.of(pacs.aeTitle()), pacs.host(), pacs.dicomPort());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void theDimseProviderIsFoundAndDescribesItself() {
        TransportProvider p = provider();
        assertEquals("dimse", p.id());
        assertFalse(p.version().isBlank());
        assertTrue(p.supports(PacsAddress.parse("PACS@localhost:104")));
    }

    @Test
    void queriesAndRetrievesFromTwoPacsAtOnceThroughGetAndMove() throws Exception {
        SampleCorpus corpus = SampleCorpus.locate();
        int scpPort = freePort();
        try (OrthancPacs a = OrthancPacs.builder().aeTitle("PACS-A").dicomWeb(false).start();
                OrthancPacs b = OrthancPacs.builder().aeTitle("PACS-B").dicomWeb(false)
                        .remoteModality("i4dw", new DicomNode(US.value(), "127.0.0.1", scpPort)).start()) {
            a.uploadAll(corpus.folder(CT_STUDY));
            b.uploadAll(corpus.folder(MR_SERIES));
            List<Path> ctFiles = SampleCorpus.dicomFiles(corpus.folder(CT_STUDY));
            List<Path> mrFiles = SampleCorpus.dicomFiles(corpus.folder(MR_SERIES));
            DicomObject ct = DicomReader.read(ctFiles.get(0), ReadOptions.builder().headerOnly(true).build()).dataset();
            DicomObject mr = DicomReader.read(mrFiles.get(0), ReadOptions.builder().headerOnly(true).build()).dataset();

            TransportSettings getSettings = new TransportSettings(address(a), US, 2, Retrieve.C_GET, 0,
                    Duration.ofSeconds(5), Duration.ofSeconds(30));
            TransportSettings moveSettings = new TransportSettings(address(b), US, 2, Retrieve.C_MOVE, scpPort,
                    Duration.ofSeconds(5), Duration.ofSeconds(30));
            try (Transport ta = provider().open(getSettings); Transport tb = provider().open(moveSettings)) {
                // query by accession number, as the ETL does
                List<String> studies = new ArrayList<>();
                DicomObject keys = DicomObject.builder()
                        .set(Tag.AccessionNumber, VR.SH, ct.string(Tag.AccessionNumber).orElseThrow())
                        .setEmpty(Tag.StudyInstanceUID, VR.UI).build();
                QueryOutcome q = ta.query(QueryLevel.STUDY, keys, r -> studies.add(
                        r.string(Tag.StudyInstanceUID).orElseThrow()));
                assertEquals(1, q.results());
                assertEquals(List.of(ct.string(Tag.StudyInstanceUID).orElseThrow()), studies);
                String study = studies.get(0);

                // routine: the header of one instance per series, pixel data never read
                List<RetrievedInstance> headers = new ArrayList<>();
                RetrieveOutcome first = ta.retrieve(new org.i4dw.spi.RetrieveRequest(study, null,
                        InstanceSelection.FIRST, true), headers::add);
                Set<String> seriesOfStudy = new HashSet<>();
                for (Path f : ctFiles) {
                    seriesOfStudy.add(DicomReader.read(f, ReadOptions.builder().headerOnly(true).build()).dataset()
                            .string(Tag.SeriesInstanceUID).orElseThrow());
                }
                assertEquals(seriesOfStudy.size(), headers.size(), "one instance per series");
                assertEquals(seriesOfStudy.size(), first.received());
                for (RetrievedInstance h : headers) {
                    assertNull(h.dataSet());
                    assertFalse(h.header().contains(Tag.PixelData));
                    assertTrue(seriesOfStudy.contains(h.header().string(Tag.SeriesInstanceUID).orElseThrow()));
                }

                // caching: every instance of a series, through C-MOVE to the transport's own SCP on PACS B
                String mrStudy = mr.string(Tag.StudyInstanceUID).orElseThrow();
                String mrSeries = mr.string(Tag.SeriesInstanceUID).orElseThrow();
                List<String> moved = new ArrayList<>();
                RetrieveOutcome all = tb.retrieve(new org.i4dw.spi.RetrieveRequest(mrStudy, mrSeries,
                        InstanceSelection.ALL, false), i -> {
                            assertNotNull(i.dataSet());
                            DicomObject whole = DicomReader.readDataset(i.dataSet(), i.sopInstanceUid(),
                                    org.i4dw.data.TransferSyntax.of(i.transferSyntaxUid()),
                                    ReadOptions.defaults()).dataset();
                            assertTrue(whole.contains(Tag.PixelData));
                            moved.add(i.sopInstanceUid());
                        });
                assertEquals("C-MOVE", all.path());
                assertEquals(mrFiles.size(), all.received());
                assertEquals(mrFiles.size(), all.completed());
                assertEquals(mrFiles.size(), new HashSet<>(moved).size());

                // and the same series of PACS A's study through C-GET, all of it
                RetrieveOutcome got = ta.retrieve(new org.i4dw.spi.RetrieveRequest(study,
                        ct.string(Tag.SeriesInstanceUID).orElseThrow(), InstanceSelection.ALL, false), i -> { });
                assertEquals("C-GET", got.path());
                assertTrue(got.received() >= 1);
                assertEquals(0, got.failed());
            }
        }
    }
}
