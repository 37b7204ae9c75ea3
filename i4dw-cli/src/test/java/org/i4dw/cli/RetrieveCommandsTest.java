/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.i4dw.data.Tag;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.ReadOptions;
import org.i4dw.testkit.DicomNode;
import org.i4dw.testkit.LoadReport;
import org.i4dw.testkit.OrthancPacs;
import org.i4dw.testkit.OrthancTest;
import org.i4dw.testkit.SampleCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code i4dw get} and {@code i4dw move} against a real Orthanc. */
@OrthancTest(aeTitle = "ORTHANC", dicomWeb = false)
class RetrieveCommandsTest {

    private final SampleCorpus corpus = SampleCorpus.locate();

    private static long count(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".dcm")).count();
        }
    }

    @Test
    void getsMovesAndSaysWhatWentWrong(OrthancPacs pacs, @TempDir Path tmp) throws Exception {
        pacs.deleteAll();
        List<Path> files = SampleCorpus.dicomFiles(corpus.folder("04-ct-series/siemens-head-ct-study-adit-1001"));
        LoadReport r = pacs.uploadAll(files);
        assertEquals(files.size(), r.acceptedCount());
        String study = DicomReader.read(files.get(0), ReadOptions.builder().headerOnly(true).build()).dataset()
                .string(Tag.StudyInstanceUID).orElseThrow();
        String address = pacs.aeTitle() + "@127.0.0.1:" + pacs.dicomPort();

        CliRun get = CliRun.of("get", address, "--study", study, "--out", tmp.resolve("get").toString());
        assertEquals(0, get.code(), get.err());
        assertEquals(files.size(), count(tmp.resolve("get")));

        CliRun first = CliRun.of("get", address, "--study", study, "--first", "--header-only", "--out",
                tmp.resolve("first").toString());
        assertEquals(0, first.code(), first.err());
        assertEquals(pacs.series().size(), count(tmp.resolve("first")));

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        pacs.registerModality("cli", new DicomNode("I4DW-CLI", "127.0.0.1", port));
        CliRun move = CliRun.of("move", address, "--study", study, "--port", Integer.toString(port), "--aet", "I4DW-CLI",
                "--out", tmp.resolve("move").toString());
        assertEquals(0, move.code(), move.err());
        assertEquals(files.size(), count(tmp.resolve("move")));

        CliRun unknown = CliRun.of("move", address, "--study", study, "--port", "0", "--aet", "NOBODY", "--out",
                tmp.resolve("none").toString());
        assertEquals(6, unknown.code(), unknown.err());
        assertEquals(1, unknown.err().strip().lines().count());

        CliRun unreachable = CliRun.of("get", "X@127.0.0.1:1", "--study", study, "--out", tmp.toString());
        assertEquals(3, unreachable.code(), unreachable.err());
        CliRun rejected = CliRun.of("get", "WRONG@127.0.0.1:" + pacs.dicomPort(), "--study", study, "--out", tmp.toString());
        assertEquals(4, rejected.code(), rejected.err());
        CliRun usage = CliRun.of("get", address, "--study", "1.2.*", "--out", tmp.toString());
        assertEquals(2, usage.code(), usage.err());
        assertTrue(usage.err().contains("cannot be a key"), usage.err());
    }
}
