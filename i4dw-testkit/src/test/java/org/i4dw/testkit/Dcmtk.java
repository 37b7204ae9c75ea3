/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test helpers that call dcmtk's command-line tools as independent peers and oracles. */
final class Dcmtk {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Dcmtk() {
    }

    static Path tool(String name) {
        return Processes.dcmtkTool(DcmqrscpPacs.DEFAULT_BINARY, name);
    }

    static Processes.Result run(Path workDir, String tool, String... args) {
        List<String> command = new ArrayList<>();
        command.add(tool(tool).toString());
        command.addAll(Arrays.asList(args));
        return Processes.run(command, TIMEOUT, workDir);
    }

    static int echo(DicomNode called) {
        return run(null, "echoscu", "-aet", "I4DW-TEST", "-aec", called.aeTitle(), called.host(),
                Integer.toString(called.port())).exitCode();
    }

    /** The value of one top-level element, read with dcmdump; empty if absent. */
    static String tag(Path file, String tag) {
        Processes.Result r = run(null, "dcmdump", "-q", "+P", tag, file.toString());
        String out = r.output();
        int open = out.indexOf('[');
        int close = out.indexOf(']', open + 1);
        return open >= 0 && close > open ? out.substring(open + 1, close) : "";
    }

    /** Runs a C-FIND with -X and returns the response files, sorted. */
    static List<Path> find(DicomNode called, Path outDir, String... keys) throws IOException {
        Files.createDirectories(outDir);
        List<String> args = new ArrayList<>(List.of("-S", "-aet", "I4DW-TEST", "-aec", called.aeTitle(), "-X",
                "-od", outDir.toString()));
        for (String key : keys) {
            args.add("-k");
            args.add(key);
        }
        args.add(called.host());
        args.add(Integer.toString(called.port()));
        Processes.Result r = run(null, "findscu", args.toArray(String[]::new));
        if (r.exitCode() != 0) {
            throw new AssertionError("findscu failed with exit code " + r.exitCode());
        }
        try (var files = Files.list(outDir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("rsp")).sorted().toList();
        }
    }

    /**
     * dcmdump's listing of the data set, independent of its encoding: no meta header, no length
     * comments, no delimitation items, sequences and items without their length kind.
     */
    static List<String> datasetDump(Path file) {
        Processes.Result r = run(null, "dcmdump", "-q", "+L", file.toString());
        return r.output().lines()
                .map(String::strip)
                .filter(l -> !l.startsWith("(0002,") && !l.startsWith("#") && !l.isBlank())
                .filter(l -> !l.contains("DelimitationItem"))
                .map(l -> {
                    int comment = l.lastIndexOf(" #");
                    return (comment > 0 ? l.substring(0, comment) : l).strip();
                })
                .map(l -> l.replaceAll("with (undefined|explicit) length ", ""))
                .toList();
    }

    /**
     * The bytes after the PS3.10 file meta information group: the data set as encoded. Two files
     * with equal data sets but different meta headers (another source AE, implementation class)
     * compare equal here.
     */
    static byte[] datasetBytes(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 132;
        while (pos + 8 <= all.length && buf.getShort(pos) == 0x0002) {
            String vr = new String(all, pos + 4, 2, java.nio.charset.StandardCharsets.US_ASCII);
            long length;
            int header;
            if (List.of("OB", "OW", "OF", "SQ", "UT", "UN").contains(vr)) {
                length = Integer.toUnsignedLong(buf.getInt(pos + 8));
                header = 12;
            } else {
                length = Short.toUnsignedInt(buf.getShort(pos + 6));
                header = 8;
            }
            pos += header + (int) length;
        }
        return Arrays.copyOfRange(all, pos, all.length);
    }
}
