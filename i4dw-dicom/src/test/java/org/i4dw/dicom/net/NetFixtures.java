/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.ReadOptions;

/** Shared helpers of the network tests: dcmtk tools as peers, Part 10 data set bytes. */
final class NetFixtures {

    private NetFixtures() {
    }

    /** The output and exit code of a dcmtk tool. */
    record Run(int exitCode, String output) {
    }

    /** Runs a dcmtk tool (from /usr/bin) with a 2-minute limit. */
    static Run dcmtk(String tool, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("/usr/bin/" + tool);
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(tool + " did not finish");
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** The bytes after the file meta information of a Part 10 file. */
    static byte[] datasetBytes(byte[] part10) {
        if (part10.length < 144 || part10[128] != 'D' || part10[132] != 2 || part10[133] != 0) {
            throw new IllegalArgumentException("not a Part 10 file with a group length first");
        }
        int groupLength = (part10[140] & 0xFF) | (part10[141] & 0xFF) << 8 | (part10[142] & 0xFF) << 16
                | (part10[143] & 0xFF) << 24;
        return Arrays.copyOfRange(part10, 144 + groupLength, part10.length);
    }

    static byte[] datasetBytes(Path part10) throws IOException {
        return datasetBytes(Files.readAllBytes(part10));
    }

    /** The data set of a file without group lengths (gggg,0000), padding (FFFC,FFFC) and stray group 0002 elements, which senders drop. */
    static DicomObject content(Path file) throws IOException {
        DicomObject.Builder b = DicomObject.builder();
        for (DicomElement e : DicomReader.read(file, ReadOptions.defaults()).dataset()) {
            if ((e.tagValue() & 0xFFFF) != 0 && e.tagValue() != 0xFFFCFFFC && (e.tagValue() >>> 16) != 0x0002) {
                b.set(e);
            }
        }
        return b.build();
    }

    /** The value of one element of a file, read with dcmdump; empty if absent. */
    static String tag(Path file, String tag) throws IOException, InterruptedException {
        String out = dcmtk("dcmdump", "-q", "+P", tag, file.toString()).output();
        int open = out.indexOf('[');
        int close = out.indexOf(']', open + 1);
        return open >= 0 && close > open ? out.substring(open + 1, close) : "";
    }
}
