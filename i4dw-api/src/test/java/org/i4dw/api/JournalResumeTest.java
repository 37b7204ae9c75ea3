/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch journal read back, as a resumed batch reads it. */
class JournalResumeTest {

    @TempDir
    Path dir;

    private static SeriesOutcome ok(String documentId) {
        return new SeriesOutcome(documentId, "MR", SeriesOutcome.Status.OK, 1, 1, "C-GET", "", Duration.ofMillis(5));
    }

    private static SeriesOutcome failed(String documentId) {
        return new SeriesOutcome(documentId, "CT", SeriesOutcome.Status.FAILED, 1, 0, "", "retrieval failed",
                Duration.ofMillis(5));
    }

    private static List<String> ids(AccessionOutcome o) {
        return o.series().stream().map(SeriesOutcome::documentId).collect(Collectors.toList());
    }

    /** Found by OrthancKilledMidBatchTest: the series lines of concurrent accession numbers interleave. */
    @Test
    void aFinishedAccessionKeepsEverySeriesWhenItsLinesInterleaveWithAnothers() {
        Path file = dir.resolve("journal.tsv");
        try (Journal j = Journal.open(file, true)) {
            j.series("A1", ok("1.1"));
            j.series("B1", ok("2.1"));
            j.series("A1", ok("1.2"));
            j.accession(new AccessionOutcome("A1", AccessionOutcome.Status.OK, "PACS", 1,
                    List.of(ok("1.1"), ok("1.2")), ""));
            j.series("B1", ok("2.2"));
            j.accession(new AccessionOutcome("B1", AccessionOutcome.Status.OK, "PACS", 1,
                    List.of(ok("2.1"), ok("2.2")), ""));
        }
        try (Journal j = Journal.open(file, true)) {
            assertEquals(List.of("1.1", "1.2"), ids(j.finished("A1")));
            assertEquals(List.of("2.1", "2.2"), ids(j.finished("B1")), "B1's first series came before A1's end");
        }
    }

    @Test
    void aPartialAccessionFinishedByALaterRunKeepsTheSeriesOfBothRuns() {
        Path file = dir.resolve("journal.tsv");
        try (Journal j = Journal.open(file, true)) {
            j.series("A1", ok("1.1"));
            j.series("A1", failed("1.2"));
            j.accession(new AccessionOutcome("A1", AccessionOutcome.Status.PARTIAL, "PACS", 1,
                    List.of(ok("1.1"), failed("1.2")), "1 of 2 series failed or are partial"));
            j.end();
        }
        try (Journal j = Journal.open(file, true)) {
            assertNull(j.finished("A1"), "a partial accession number is done again");
            assertEquals(List.of("1.1"), List.copyOf(j.seriesDone("A1").keySet()), "its OK series is not");
            j.series("A1", ok("1.2"));
            j.accession(new AccessionOutcome("A1", AccessionOutcome.Status.OK, "PACS", 1,
                    List.of(ok("1.1"), ok("1.2")), ""));
        }
        try (Journal j = Journal.open(file, true)) {
            assertEquals(List.of("1.1", "1.2"), ids(j.finished("A1")));
            assertTrue(j.ended());
        }
    }

    @Test
    void aLineCutShortByACrashIsIgnoredAndAForeignFileRefused() throws IOException {
        Path file = dir.resolve("journal.tsv");
        try (Journal j = Journal.open(file, true)) {
            j.series("A1", ok("1.1"));
        }
        Files.writeString(file, Files.readString(file) + "A\tA1\tO", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        try (Journal j = Journal.open(file, true)) {
            assertNull(j.finished("A1"));
            assertEquals(List.of("1.1"), List.copyOf(j.seriesDone("A1").keySet()));
        }
        assertTrue(Files.readString(file).endsWith("\n"), "the cut line was truncated away");
        Path other = dir.resolve("other.tsv");
        Files.writeString(other, "not a journal\n");
        assertThrows(I4dwConfigurationException.class, () -> Journal.open(other, true));
    }
}
