/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.i4dw.testkit.OrthancPacs;
import org.i4dw.testkit.OrthancTest;
import org.i4dw.testkit.SampleCorpus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code i4dw echo} and {@code i4dw find} against a real Orthanc, and their exit codes. */
@OrthancTest(aeTitle = "CLI-ORTHANC", dicomWeb = false)
class NetworkCommandsTest {

    @BeforeAll
    static void load(OrthancPacs pacs) {
        pacs.deleteAll();
        pacs.uploadAll(SampleCorpus.locate().folder("04-ct-series"));
    }

    private static String address(OrthancPacs pacs) {
        return pacs.aeTitle() + "@127.0.0.1:" + pacs.dicomPort();
    }

    @Test
    void echoPrintsEachRoundTripAndTheMedian(OrthancPacs pacs) {
        CliRun r = CliRun.of("echo", address(pacs), "--count", "5", "--aet", "CLI-TEST");
        assertEquals(0, r.status(), r.err());
        assertEquals(6, r.lines().size(), r.out());
        assertTrue(r.lines().get(0).matches("C-ECHO 1 to CLI-ORTHANC@127\\.0\\.0\\.1:\\d+: \\d+\\.\\d{3} ms"), r.out());
        assertTrue(r.lines().get(5).matches("median of 5: \\d+\\.\\d{3} ms"), r.out());
    }

    @Test
    void findPrintsOneJsonObjectPerMatch(OrthancPacs pacs) {
        CliRun r = CliRun.of("find", address(pacs), "--level", "STUDY", "-k", "StudyInstanceUID", "-k", "PatientID");
        assertEquals(0, r.status(), r.err());
        assertEquals(pacs.studies().size(), r.lines().size(), r.out());
        for (String line : r.lines()) {
            assertTrue(line.startsWith("{") && line.endsWith("}") && line.contains("\"0020000D\":{\"vr\":\"UI\""),
                    line);
        }
        String uid = pacs.studyInstanceUids().get(0);
        CliRun series = CliRun.of("find", address(pacs), "--level", "series", "--model", "patient", "-k",
                "PatientID=" + patientOf(r, uid), "-k", "StudyInstanceUID=" + uid, "-k", "SeriesInstanceUID");
        assertEquals(0, series.status(), series.err());
        assertTrue(series.lines().size() >= 1);
        assertTrue(series.lines().stream().allMatch(l -> l.contains(uid)), series.out());
    }

    private static String patientOf(CliRun studies, String studyUid) {
        for (String line : studies.lines()) {
            if (line.contains(studyUid)) {
                int at = line.indexOf("\"00100020\":{\"vr\":\"LO\",\"Value\":[\"") + 31;
                return line.substring(at, line.indexOf('"', at));
            }
        }
        throw new AssertionError("no study " + studyUid);
    }

    @Test
    void unknownKeywordIsAUsageErrorNamingIt(OrthancPacs pacs) {
        CliRun r = CliRun.of("find", address(pacs), "--level", "STUDY", "-k", "StudyInstanceUid=1.2");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unknown keyword 'StudyInstanceUid'"), r.err());
        assertEquals(1, r.err().strip().split("\n").length);
        assertEquals(2, CliRun.of("find", address(pacs)).status(), "--level is required");
        assertEquals(2, CliRun.of("find", address(pacs), "--level", "PATIENT").status());
        assertEquals(2, CliRun.of("echo", "not-an-address").status());
    }

    @Test
    void rejectionTimeoutAndUnreachableHaveTheirExitCodes(OrthancPacs pacs) throws IOException {
        CliRun rejected = CliRun.of("echo", "WRONG-AE@127.0.0.1:" + pacs.dicomPort());
        assertEquals(4, rejected.status());
        assertTrue(rejected.err().contains("called AE title not recognized"), rejected.err());
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliRun unreachable = CliRun.of("find", "NOBODY@127.0.0.1:" + port, "--level", "STUDY");
        assertEquals(3, unreachable.status(), unreachable.err());
        assertTrue(unreachable.err().startsWith("i4dw find: ") && unreachable.err().contains("cannot be reached"),
                unreachable.err());
    }
}
