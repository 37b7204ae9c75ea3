/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real dcmqrscp, loaded with storescu and read back with findscu and getscu. */
@DcmqrscpTest(aeTitle = "I4DW-QR")
class DcmqrscpPacsTest {

    private final SampleCorpus corpus = SampleCorpus.locate();

    private List<Path> uncompressedFiles() {
        List<Path> files = new ArrayList<>();
        files.addAll(SampleCorpus.dicomFiles(corpus.folder("04-ct-series/siemens-head-ct-study-adit-1001")));
        files.addAll(SampleCorpus.dicomFiles(corpus.folder("02-mr-series/ge-genesis-signa-dcm4che")));
        files.addAll(SampleCorpus.dicomFiles(corpus.folder("07-charsets")));
        return files;
    }

    @Test
    void storesOverTheNetworkAndAnswersFindAtStudyAndSeriesLevel(DcmqrscpPacs pacs, @TempDir Path tmp)
            throws IOException {
        List<Path> files = uncompressedFiles();
        LoadReport report = pacs.storeAll(files);
        assertEquals(files.size(), report.acceptedCount(), report::toString);
        for (LoadReport.Accepted a : report.accepted()) {
            assertEquals(Dcmtk.tag(a.file(), "0008,0018"), a.instanceId());
        }

        Set<String> expectedStudies = new TreeSet<>();
        Set<String> expectedSeries = new TreeSet<>();
        for (Path f : files) {
            expectedStudies.add(Dcmtk.tag(f, "0020,000d"));
            expectedSeries.add(Dcmtk.tag(f, "0020,000e"));
        }
        Set<String> foundStudies = new TreeSet<>();
        for (Path rsp : Dcmtk.find(pacs.node(), tmp.resolve("studies"), "QueryRetrieveLevel=STUDY",
                "StudyInstanceUID")) {
            foundStudies.add(Dcmtk.tag(rsp, "0020,000d"));
        }
        // The server is shared by the class's tests: other tests may have stored more.
        assertTrue(foundStudies.containsAll(expectedStudies), "a stored study is missing from C-FIND");

        String ctStudy = Dcmtk.tag(files.get(0), "0020,000d");
        Set<String> foundSeries = new TreeSet<>();
        for (Path rsp : Dcmtk.find(pacs.node(), tmp.resolve("series"), "QueryRetrieveLevel=SERIES",
                "StudyInstanceUID=" + ctStudy, "SeriesInstanceUID")) {
            foundSeries.add(Dcmtk.tag(rsp, "0020,000e"));
        }
        Set<String> ctSeries = new TreeSet<>();
        for (Path f : files.subList(0, 11)) {
            ctSeries.add(Dcmtk.tag(f, "0020,000e"));
        }
        assertEquals(ctSeries, foundSeries);
        assertTrue(expectedSeries.containsAll(foundSeries));
    }

    @Test
    void getscuRetrievesTheSameBytesForExplicitLittleEndian(DcmqrscpPacs pacs, @TempDir Path tmp) throws IOException {
        Path file = corpus.file("07-charsets/pydicom__chrH31.dcm");
        Path retrieved = storeAndGet(pacs, file, tmp);
        // dcmqrscp runs with --bit-preserving and storescu sends explicit VR little endian as is:
        // the data set is the one sent; only the meta header (source AE, implementation class) is
        // rewritten by each hop.
        assertArrayEquals(Dcmtk.datasetBytes(file), Dcmtk.datasetBytes(retrieved));
    }

    @Test
    void getscuRetrievesTheSameContentForImplicitLittleEndian(DcmqrscpPacs pacs, @TempDir Path tmp) throws IOException {
        Path file = corpus.file("02-mr-series/ge-genesis-signa-dcm4che/MR01.dcm");
        Path retrieved = storeAndGet(pacs, file, tmp);
        // dcmqrscp prefers explicit VR little endian, so storescu re-encodes this implicit VR file
        // on the wire: bytes differ, elements and values do not.
        assertTrue(Dcmtk.datasetDump(file).equals(Dcmtk.datasetDump(retrieved)),
                "data set of " + file.getFileName() + " differs after store and C-GET");
    }

    private static Path storeAndGet(DcmqrscpPacs pacs, Path file, Path tmp) throws IOException {
        String sopUid = pacs.store(file);
        Path out = Files.createDirectories(tmp.resolve("get"));
        Processes.Result r = Dcmtk.run(null, "getscu", "-S", "-aet", "I4DW-TEST", "-aec", pacs.aeTitle(),
                "-od", out.toString(),
                "-k", "QueryRetrieveLevel=IMAGE",
                "-k", "StudyInstanceUID=" + Dcmtk.tag(file, "0020,000d"),
                "-k", "SeriesInstanceUID=" + Dcmtk.tag(file, "0020,000e"),
                "-k", "SOPInstanceUID=" + sopUid,
                pacs.host(), Integer.toString(pacs.dicomPort()));
        assertEquals(0, r.exitCode());
        List<Path> retrieved;
        try (var listing = Files.list(out)) {
            retrieved = listing.toList();
        }
        assertEquals(1, retrieved.size());
        return retrieved.get(0);
    }

    @Test
    void reportsCompressedTransferSyntaxesAsRejected(DcmqrscpPacs pacs) {
        Path jpeg = corpus.file("08-transfer-syntaxes/orthanc-ts__1.2.840.10008.1.2.4.50.dcm");
        Path explicit = corpus.file("08-transfer-syntaxes/orthanc-ts__1.2.840.10008.1.2.1.dcm");
        LoadReport report = pacs.storeAll(List.of(jpeg, explicit));
        assertEquals(List.of(explicit), report.accepted().stream().map(LoadReport.Accepted::file).toList(),
                report::toString);
        assertEquals(jpeg, report.rejected().get(0).file());
        assertTrue(report.rejected().get(0).reason().contains("JPEG Baseline"), report::toString);
    }

    @Test
    void answersEchoscu(DcmqrscpPacs pacs) {
        assertEquals(0, Dcmtk.echo(pacs.node()));
        assertTrue(Files.isRegularFile(pacs.storageDir().resolve("index.dat")) || Files.isDirectory(pacs.storageDir()));
    }
}
