/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Where the benchmarks find the sample corpus: -Di4dw.samples, env I4DW_SAMPLES, or ../shared/dicom-samples. */
final class Samples {

    private static final Map<String, String> FILES = Map.of(
            "mr", "02-mr-series/siemens-t2-tse-adit-1002/00010.dcm",
            "ct", "04-ct-series/ge-liver-ct-3slice-dcmqi/01.dcm",
            "rdsr", "01-rdsr/openrem__CT-RDSR-Siemens-Multi-2.dcm");

    private Samples() {
    }

    static Path root() {
        String prop = System.getProperty("i4dw.samples");
        if (prop == null || prop.isBlank()) {
            prop = System.getenv("I4DW_SAMPLES");
        }
        Path root = prop == null || prop.isBlank() ? Path.of("../shared/dicom-samples") : Path.of(prop);
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("sample corpus not found at " + root.toAbsolutePath()
                    + ": pass -Di4dw.samples=DIR or set I4DW_SAMPLES");
        }
        return root;
    }

    static Path file(String name) {
        String rel = FILES.get(name);
        if (rel == null) {
            throw new IllegalArgumentException("unknown sample '" + name + "', expected one of " + FILES.keySet());
        }
        Path p = root().resolve(rel);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("sample file missing: " + p);
        }
        return p;
    }
}
