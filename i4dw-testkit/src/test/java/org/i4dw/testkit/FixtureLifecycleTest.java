/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.i4dw.api.I4dwConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failure modes and cleanup of both fixtures, and the two servers talking to each other. */
class FixtureLifecycleTest {

    private static final String HINT = "apt-get install -y orthanc orthanc-dicomweb dcmtk";

    @Test
    void missingOrthancBinaryFailsNamingThePackages(@TempDir Path tmp) {
        I4dwConfigurationException e = assertThrows(I4dwConfigurationException.class,
                () -> OrthancPacs.builder().binary(tmp.resolve("no-such-Orthanc")).start());
        assertTrue(e.getMessage().contains(HINT), e.getMessage());
        assertTrue(e.getMessage().contains(OrthancPacs.BINARY_ENV), e.getMessage());
    }

    @Test
    void missingDicomWebPluginFailsNamingThePackages(@TempDir Path tmp) {
        I4dwConfigurationException e = assertThrows(I4dwConfigurationException.class,
                () -> OrthancPacs.builder().dicomWebPlugin(tmp.resolve("no-such-plugin.so")).start());
        assertTrue(e.getMessage().contains(HINT), e.getMessage());
    }

    @Test
    void missingDcmqrscpBinaryFailsNamingThePackage(@TempDir Path tmp) {
        I4dwConfigurationException e = assertThrows(I4dwConfigurationException.class,
                () -> DcmqrscpPacs.builder().binary(tmp.resolve("no-such-dcmqrscp")).start());
        assertTrue(e.getMessage().contains(HINT), e.getMessage());
        assertTrue(e.getMessage().contains(DcmqrscpPacs.BINARY_ENV), e.getMessage());
    }

    @Test
    void buildersCheckEachSetting() {
        assertThrows(I4dwConfigurationException.class, () -> OrthancPacs.builder().aeTitle(""));
        assertThrows(I4dwConfigurationException.class, () -> OrthancPacs.builder().aeTitle("SEVENTEEN-CHARS-X"));
        assertThrows(I4dwConfigurationException.class, () -> OrthancPacs.builder().dicomPort(70000));
        assertThrows(I4dwConfigurationException.class, () -> OrthancPacs.builder().startupTimeout(Duration.ZERO));
        assertThrows(I4dwConfigurationException.class, () -> DcmqrscpPacs.builder().aeTitle("HAS SPACE"));
        assertThrows(I4dwConfigurationException.class, () -> DcmqrscpPacs.builder().maxPduSize(100));
        assertThrows(I4dwConfigurationException.class, () -> new DicomNode("A\\B", "localhost", 104));
    }

    @Test
    void orthancCloseStopsTheProcessFreesThePortsAndDeletesTheFolder() throws IOException {
        OrthancPacs pacs = OrthancPacs.builder().dicomWeb(false).start();
        Path dir = pacs.directory();
        assertTrue(Files.isDirectory(dir));
        assertTrue(Processes.acceptsConnection(pacs.dicomPort(), Duration.ofSeconds(1)));
        pacs.close();
        assertFalse(pacs.isRunning());
        assertFalse(Files.exists(dir));
        assertFalse(Processes.acceptsConnection(pacs.dicomPort(), Duration.ofSeconds(1)));
        assertFalse(Processes.acceptsConnection(pacs.httpPort(), Duration.ofSeconds(1)));
        try (ServerSocket s = new ServerSocket(pacs.httpPort(), 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(pacs.httpPort(), s.getLocalPort());
        }
        pacs.close();
    }

    @Test
    void orthancKilledWithSigkillRestartsOnTheSamePortsWithWhatItStored() throws IOException {
        Path file = SampleCorpus.locate().file("07-charsets/pydicom__chrGerm.dcm");
        OrthancPacs pacs = OrthancPacs.builder().aeTitle("KILL-ME").dicomWeb(false).start();
        try {
            String id = pacs.upload(file);
            int dicom = pacs.dicomPort();
            int http = pacs.httpPort();
            long pid = pid(pacs);

            pacs.kill();
            assertFalse(pacs.isRunning());
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the process is gone");
            assertFalse(Processes.acceptsConnection(dicom, Duration.ofSeconds(1)), "nobody listens any more");
            assertTrue(Files.isDirectory(pacs.directory()), "the storage survives a kill");
            assertTrue(Files.readString(pacs.logFile()).contains("Orthanc has started"));
            assertFalse(Files.readString(pacs.logFile()).contains("Orthanc has stopped"),
                    "no clean shutdown was logged: it was killed");

            pacs.restart();
            assertTrue(pacs.isRunning());
            assertEquals(dicom, pacs.dicomPort());
            assertEquals(http, pacs.httpPort());
            assertEquals(0, Dcmtk.echo(pacs.node()), "DICOM answers again");
            assertEquals(List.of(id), pacs.instances(), "what was stored before the kill is still there");
            assertArrayEquals(Files.readAllBytes(file), pacs.instanceFile(id));

            long second = pid(pacs);
            pacs.restart(); // a running server is stopped first
            assertTrue(pacs.isRunning());
            assertFalse(ProcessHandle.of(second).map(ProcessHandle::isAlive).orElse(false));
            assertEquals(List.of(id), pacs.instances());
        } finally {
            pacs.close();
        }
        assertFalse(Files.exists(pacs.directory()), "close after a restart still cleans up");
        assertFalse(Processes.acceptsConnection(pacs.dicomPort(), Duration.ofSeconds(1)));
        assertThrows(IllegalStateException.class, pacs::restart);
        assertThrows(IllegalStateException.class, pacs::kill);
    }

    /** The pid of this fixture's Orthanc: the child process whose configuration file lies in its folder. */
    private static long pid(OrthancPacs pacs) {
        return ProcessHandle.current().children().filter(p -> p.info().command().orElse("").endsWith("Orthanc")
                && p.isAlive() && p.info().arguments().map(a -> a.length > 0
                        && a[0].startsWith(pacs.directory().toString())).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no Orthanc child process found")).pid();
    }

    @Test
    void dcmqrscpWithOneAssociationStoresRightAfterStart() {
        Path file = SampleCorpus.locate().file("07-charsets/pydicom__chrGerm.dcm");
        try (DcmqrscpPacs pacs = DcmqrscpPacs.builder().maxAssociations(1).start()) {
            // the readiness C-ECHO's association may still count against the limit of one
            LoadReport report = pacs.storeAll(List.of(file));
            assertEquals(1, report.acceptedCount(), report::toString);
        }
    }

    @Test
    void dcmqrscpCloseStopsTheProcessFreesThePortAndDeletesTheFolder() throws IOException {
        DcmqrscpPacs pacs = DcmqrscpPacs.builder().start();
        Path dir = pacs.directory();
        assertEquals(0, Dcmtk.echo(pacs.node()));
        pacs.close();
        assertFalse(pacs.isRunning());
        assertFalse(Files.exists(dir));
        assertFalse(Processes.acceptsConnection(pacs.dicomPort(), Duration.ofSeconds(1)));
        pacs.close();
    }

    @Test
    void orthancOnATakenFixedPortFailsWithItsLog() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            PacsFixtureException e = assertThrows(PacsFixtureException.class,
                    () -> OrthancPacs.builder().dicomWeb(false).dicomPort(taken.getLocalPort())
                            .startupTimeout(Duration.ofSeconds(20)).start());
            assertTrue(e.getMessage().contains("Log tail"), e.getMessage());
        }
    }

    @Test
    void dcmqrscpMovesAStudyToOrthancRegisteredAsPeer() {
        SampleCorpus corpus = SampleCorpus.locate();
        Path file = corpus.file("07-charsets/pydicom__chrGerm.dcm");
        try (OrthancPacs orthanc = OrthancPacs.builder().aeTitle("MOVE-DEST").dicomWeb(false).start();
                DcmqrscpPacs qr = DcmqrscpPacs.builder().peer(orthanc.node()).start()) {
            String sopUid = qr.store(file);
            Processes.Result r = Dcmtk.run(null, "movescu", "-S", "-aet", "I4DW-TEST", "-aec", qr.aeTitle(),
                    "-aem", orthanc.aeTitle(), "-k", "QueryRetrieveLevel=STUDY",
                    "-k", "StudyInstanceUID=" + Dcmtk.tag(file, "0020,000d"),
                    qr.host(), Integer.toString(qr.dicomPort()));
            assertEquals(0, r.exitCode());
            assertEquals(1, orthanc.statistics().instances());
            byte[] moved = orthanc.instanceFile(orthanc.instances().get(0));
            assertTrue(new String(moved, java.nio.charset.StandardCharsets.ISO_8859_1).contains(sopUid));
        }
    }
}
