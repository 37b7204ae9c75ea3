/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.io;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs a dcmtk command line tool as an independent oracle. Fails (never skips) when dcmtk is not
 * installed, so a machine without it cannot pass the writer's tests silently.
 */
final class Dcmtk {

    /** What a tool printed and how it exited. */
    record Result(String tool, int exitCode, String stdout, String stderr) {

        /** Lines of stderr that report an error or a warning (dcmtk prefixes them with E: / W:). */
        List<String> problems() {
            List<String> out = new ArrayList<>();
            for (String line : stderr.split("\\R")) {
                String l = line.toLowerCase(Locale.ROOT);
                if (line.startsWith("E:") || line.startsWith("W:") || line.startsWith("F:")
                        || l.contains("error") || l.contains("warning")) {
                    out.add(line);
                }
            }
            return out;
        }

        /** Fails unless the tool exited 0 with no error or warning on stderr. */
        Result requireClean() {
            if (exitCode != 0 || !problems().isEmpty()) {
                fail(tool + " exited " + exitCode + " with problems " + problems() + "\nstderr:\n" + stderr);
            }
            return this;
        }
    }

    private Dcmtk() {
    }

    /** Runs {@code tool args...} with a one minute limit. */
    static Result run(String tool, String... args) throws IOException, InterruptedException {
        Path exe = find(tool);
        List<String> command = new ArrayList<>();
        command.add(exe.toString());
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile("i4dw-" + tool, ".out");
        Path stderr = Files.createTempFile("i4dw-" + tool, ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(tool + " did not finish within 60 s: " + command);
            }
            // lenient decoding: dcmdump prints values in the file's own character set
            return new Result(tool, p.exitValue(), new String(Files.readAllBytes(stdout), StandardCharsets.UTF_8),
                    new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private static Path find(String tool) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, tool);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return fail("dcmtk is not installed: apt-get install -y dcmtk (" + tool + " is not on the PATH)");
    }
}
