/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the end-to-end benchmarks report of this JVM's process, read from Linux's /proc. */
final class ProcessStats {

    private ProcessStats() {
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
}
