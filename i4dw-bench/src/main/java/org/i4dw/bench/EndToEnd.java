/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the end-to-end benchmarks (the main classes run against Orthanc and dcmtk) share: running
 * a dcmtk tool, reading its C-FIND output, percentiles, this JVM's peak RSS, the CPU time of the
 * PACS and of the dcmtk processes, scratch clean-up.
 */
final class EndToEnd {

    private static final long CLOCK_TICKS = clockTicks();

    private static final Pattern SOP_INSTANCE = Pattern.compile("\\(0008,0018\\) UI \\[([0-9.]+)[^\\]]*\\]");
    private static final Pattern INSTANCE_NUMBER = Pattern.compile("\\(0020,0013\\) IS \\[ *(-?[0-9]+) *\\]");

    private EndToEnd() {
    }

    /**
     * Runs a tool and returns its merged output.
     *
     * @param command the tool and its arguments
     * @return what it printed on stdout and stderr
     * @throws IllegalStateException if it exits non-zero (with its output) or the wait is interrupted
     * @throws UncheckedIOException if it cannot be started
     */
    static String exec(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int rc = p.waitFor();
            if (rc != 0) {
                throw new IllegalStateException(command.get(0) + " exited with " + rc + ":\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + command.get(0) + " ran", e);
        }
    }

    /**
     * The SOP Instance UID with the lowest Instance Number in the output of a {@code findscu} at
     * IMAGE level asking for both, as the prototype's script chooses the instance of a series.
     *
     * @param findscuOutput findscu's output
     * @return the UID
     * @throws IllegalStateException if it lists no instance
     */
    static String lowestInstance(String findscuOutput) {
        String best = null;
        long bestNumber = Long.MAX_VALUE;
        String pendingUid = null;
        for (String line : findscuOutput.split("\n")) {
            Matcher m = SOP_INSTANCE.matcher(line);
            if (m.find()) {
                pendingUid = m.group(1);
            }
            Matcher n = INSTANCE_NUMBER.matcher(line);
            if (n.find() && pendingUid != null) {
                long v = Long.parseLong(n.group(1));
                if (v < bestNumber) {
                    bestNumber = v;
                    best = pendingUid;
                }
                pendingUid = null;
            }
        }
        if (best == null) {
            throw new IllegalStateException("findscu listed no instance for a series; its output:\n" + findscuOutput);
        }
        return best;
    }

    /**
     * Nearest-rank percentile.
     *
     * @param nanos the samples, in nanoseconds, not empty
     * @param p 0 to 1
     * @return the percentile in milliseconds
     */
    static double percentile(List<Long> nanos, double p) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    /**
     * This JVM's peak resident set size (VmHWM in /proc/self/status).
     *
     * @return e.g. "451040 kB", or "unknown" where /proc is not there
     */
    static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return line.substring(6).strip();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return "unknown";
    }

    /**
     * Deletes a folder and everything in it; nothing if it is not there.
     *
     * @param root the folder
     * @throws IOException if a file cannot be deleted
     */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The pid of the Orthanc this JVM started (through the test kit), or -1. */
    static long orthancPid() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("Orthanc")).orElse(false)).findFirst()
                .map(ProcessHandle::pid).orElse(-1L);
    }

    /** User + system time of a process, from /proc/PID/stat; 0 if unreadable. */
    static long processCpuNanos(long pid) {
        long[] f = procStat(Long.toString(pid));
        return f == null ? 0 : ticksToNanos(f[11] + f[12]);
    }

    /** User + system time of this JVM's finished children (the dcmtk processes), from /proc/self/stat. */
    static long childrenCpuNanos() {
        long[] f = procStat("self");
        return f == null ? 0 : ticksToNanos(f[13] + f[14]);
    }

    /** Fields 4 to 17 of /proc/PID/stat (index i = field i + 3; index 0, the state, is left 0); null if unreadable. */
    private static long[] procStat(String pid) {
        try {
            String s = Files.readString(Path.of("/proc", pid, "stat"), StandardCharsets.US_ASCII);
            String[] parts = s.substring(s.lastIndexOf(')') + 2).trim().split(" ");
            long[] f = new long[15];
            for (int i = 1; i < f.length; i++) { // later fields may not fit a long (rsslim)
                f[i] = Long.parseLong(parts[i]);
            }
            return f;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long ticksToNanos(long ticks) {
        return ticks * 1_000_000_000L / CLOCK_TICKS;
    }

    private static long clockTicks() {
        try {
            return Long.parseLong(exec(List.of("getconf", "CLK_TCK")).strip());
        } catch (RuntimeException e) {
            return 100;
        }
    }
}
