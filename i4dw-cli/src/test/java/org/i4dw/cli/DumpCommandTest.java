/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.i4dw.testkit.SampleCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code i4dw dump} on real sample files, a broken file and a file that is not DICOM at all. */
class DumpCommandTest {

    private static final String MR = "02-mr-series/siemens-t2-tse-adit-1002/00010.dcm";
    private static final String TRUNCATED = "09-malformed/pydicom__rtplan_truncated.dcm";

    @Test
    void oneFilePrintsOneJsonObject() {
        Path f = SampleCorpus.locate().file(MR);
        CliRun r = CliRun.of("dump", f.toString());
        assertEquals(0, r.status(), r.err());
        String json = r.out().strip();
        assertTrue(json.startsWith("{\"00080005\":{\"vr\":\"CS\""), json.substring(0, 80));
        assertTrue(json.contains("\"00080060\":{\"vr\":\"CS\",\"Value\":[\"MR\"]}"));
        assertTrue(json.contains("\"7FE00010\":{\"vr\":\"OW\",\"InlineBinary\":"), "pixel data inline by default");
        assertEquals(1, r.lines().size());
    }

    @Test
    void noPixelsLeavesPixelDataOut() {
        CliRun r = CliRun.of("dump", "--no-pixels", SampleCorpus.locate().file(MR).toString());
        assertEquals(0, r.status(), r.err());
        assertFalse(r.out().contains("7FE00010"));
        assertTrue(r.out().contains("\"00280010\":{\"vr\":\"US\",\"Value\":["));
    }

    @Test
    void severalFilesGiveOneLinePerFileAndFailuresDoNotStopTheOthers(@TempDir Path dir) throws IOException {
        SampleCorpus corpus = SampleCorpus.locate();
        Files.copy(corpus.file(MR), dir.resolve("a-good.dcm"));
        Files.copy(corpus.file(TRUNCATED), dir.resolve("b-truncated.dcm"));
        Files.writeString(dir.resolve("c-notes.txt"), "not a DICOM file at all, just some words\n");
        Files.copy(corpus.file(MR), dir.resolve("d-good.dcm"));
        CliRun r = CliRun.of("dump", "--no-pixels", dir.toString());
        assertEquals(1, r.status(), "exit 1 when a file failed");
        List<String> lines = r.lines();
        assertEquals(4, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("{\"file\":\"" + dir.resolve("a-good.dcm") + "\",\"dataset\":{"));
        assertTrue(lines.get(1).startsWith("{\"file\":\"" + dir.resolve("b-truncated.dcm") + "\",\"error\":\""));
        assertTrue(lines.get(1).contains("at byte 1410 in (300A,00B0)"), lines.get(1));
        assertTrue(lines.get(2).contains("\"error\":"), lines.get(2));
        assertTrue(lines.get(3).contains("\"dataset\":{"));
        String[] errs = r.err().strip().split("\n");
        assertEquals(2, errs.length, r.err());
        assertTrue(errs[0].startsWith("i4dw dump: " + dir.resolve("b-truncated.dcm")), errs[0]);
    }

    @Test
    void aMissingFileIsAnErrorLineNotACrash(@TempDir Path dir) {
        CliRun r = CliRun.of("dump", dir.resolve("nope.dcm").toString(), SampleCorpus.locate().file(MR).toString());
        assertEquals(1, r.status());
        assertTrue(r.lines().get(0).contains("no such file"), r.out());
        assertTrue(r.lines().get(1).contains("\"dataset\":"));
    }

    @Test
    void aBadBulkModeIsAUsageError() {
        CliRun r = CliRun.of("dump", "--bulk", "sideways", SampleCorpus.locate().file(MR).toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--bulk must be inline, omit or uri"), r.err());
    }

    @Test
    void demoSummarizesACorpusWithCountsOnly(@TempDir Path dir) throws IOException {
        SampleCorpus corpus = SampleCorpus.locate();
        Files.copy(corpus.file(MR), dir.resolve("a.dcm"));
        Files.copy(corpus.file(TRUNCATED), dir.resolve("b.dcm"));
        Path out = dir.resolve("demo-out");
        CliRun r = CliRun.of("demo", "--samples", dir.toString(), "--patients", "2", "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("2 files: 1 read (0 with warnings), 1 refused"), r.out());
        assertTrue(r.out().contains("precision 1.00, recall 1.00"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("report.json")));
        assertTrue(Files.isRegularFile(out.resolve("terminology.xml")));
        assertTrue(r.out().contains("MR Image Storage"));
        assertFalse(r.out().contains("Coconut"), "no patient name in the demo output");
    }
}
