/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's terminology side file: what a resumed batch takes back, and what it must not. */
class JournalTerminologyTest {

    private static SeriesOutcome ok(String doc) {
        return new SeriesOutcome(doc, "CT", SeriesOutcome.Status.OK, 1, 1, "C-GET", "", Duration.ofMillis(3));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Document id to what was replayed for it. */
    private static Map<String, String> replay(Path file) {
        Map<String, String> got = new HashMap<>();
        try (Journal j = Journal.open(file, true)) {
            int n = j.replayTerminology(in -> {
                try {
                    String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    got.put(s.substring(0, s.indexOf(':')), s);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertEquals(got.size(), n);
        }
        return got;
    }

    @Test
    void onlySeriesTheJournalRecordsAsDoneAreReplayedEachByItsLastRecord(@TempDir Path dir) {
        Path file = dir.resolve("journal.tsv");
        try (Journal j = Journal.open(file, true)) {
            j.terminology("2.25.1", bytes("2.25.1:first"));
            j.terminology("2.25.1", bytes("2.25.1:again")); // done again after a crash before its S line
            j.series("A1", ok("2.25.1"));
            j.terminology("2.25.2", bytes("2.25.2:never done")); // killed before its S line
            j.terminology("2.25.3", bytes("2.25.3:failed"));
            j.series("A1", new SeriesOutcome("2.25.3", "CT", SeriesOutcome.Status.FAILED, 1, 0, "C-GET", "sink",
                    Duration.ZERO));
        }
        assertEquals(Map.of("2.25.1", "2.25.1:again"), replay(file));
    }

    @Test
    void aTornOrCorruptRecordEndsTheSideFileAndIsDropped(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("journal.tsv");
        Path side = dir.resolve("journal.tsv.terminology");
        try (Journal j = Journal.open(file, true)) {
            j.terminology("2.25.1", bytes("2.25.1:kept"));
            j.series("A1", ok("2.25.1"));
        }
        long intact = Files.size(side);
        try (Journal j = Journal.open(file, true)) {
            j.terminology("2.25.2", bytes("2.25.2:torn"));
            j.series("A1", ok("2.25.2"));
        }
        // the kill came in the middle of the second record: its last byte never reached the disk
        byte[] all = Files.readAllBytes(side);
        Files.write(side, java.util.Arrays.copyOf(all, all.length - 1));
        assertEquals(Map.of("2.25.1", "2.25.1:kept"), replay(file));
        assertEquals(intact, Files.size(side), "the torn tail is cut off, so new records follow intact ones");

        // a flipped bit in a record's body: its checksum fails
        byte[] kept = Files.readAllBytes(side);
        kept[12] ^= 0x01;
        Files.write(side, kept);
        assertEquals(Map.of(), replay(file));
    }

    @Test
    void aNewJournalStartsWithAnEmptySideFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("journal.tsv");
        try (Journal j = Journal.open(file, true)) {
            j.terminology("2.25.1", bytes("2.25.1:old batch"));
            j.series("A1", ok("2.25.1"));
            j.end();
        }
        Files.delete(file); // what i4dw extract does before a new batch in the same folder
        try (Journal j = Journal.open(file, true)) {
            j.series("A1", ok("2.25.1"));
        }
        assertEquals(0, Files.size(dir.resolve("journal.tsv.terminology")));
        assertEquals(Map.of(), replay(file));
    }
}
