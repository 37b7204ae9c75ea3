/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.deid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed Annex E table must be exactly what codegen/GenerateDictionaries.java makes from the
 * standard's Table E.1-1: nobody edits generated files by hand.
 */
class GeneratedTableUpToDateTest {

    private static final String GENERATED = "i4dw-deid/src/main/java/org/i4dw/deid/AnnexETable.java";

    @Test
    void committedOutputEqualsAFreshRun(@TempDir Path out) throws IOException, InterruptedException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path standard = root.resolve("../shared/dicom-standard").normalize();
        assertTrue(Files.isDirectory(standard), "the DICOM standard's JSON must be at " + standard);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "codegen/GenerateDictionaries.java", standard.toString(),
                out.toString()).directory(root.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "generator timed out");
        assertEquals(0, p.exitValue(), log);
        assertEquals(Files.readString(root.resolve(GENERATED)), Files.readString(out.resolve(GENERATED)),
                GENERATED + " differs from the generator's output: regenerate with "
                        + "'java codegen/GenerateDictionaries.java', never edit it by hand");
    }

    @Test
    void everyRowOfTheStandardIsInTheTable() {
        assertEquals(621, AnnexETable.ROWS.size());
    }
}
