/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch journal: what a resumed batch learns from an interrupted one, and the active window. */
class JournalTest {

    private static SeriesOutcome ok(String doc) {
        return new SeriesOutcome(doc, "MR", SeriesOutcome.Status.OK, 3, 1, "C-GET", "", Duration.ofMillis(7));
    }

    @Test
    void aResumedJournalKnowsFinishedAccessionsAndSentSeries(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("journal.tsv");
        try (Journal j = Journal.open(file, true)) {
            assertFalse(j.resuming());
            j.series("A1", ok("2.25.1"));
            j.series("A1", ok("2.25.2"));
            j.accession(new AccessionOutcome("A1", AccessionOutcome.Status.OK, "PACS", 1,
                    List.of(ok("2.25.1"), ok("2.25.2")), ""));
            j.series("A2", ok("2.25.3"));
            j.series("A2", new SeriesOutcome("2.25.4", "CT", SeriesOutcome.Status.FAILED, -1, 0, "C-GET",
                    "retrieval failed:\tA\nB \\ C", Duration.ofMillis(3)));
            j.accession(new AccessionOutcome("A2", AccessionOutcome.Status.PARTIAL, "PACS", 1, List.of(), "1 of 2"));
            j.series("A3", ok("2.25.5"));
        }
        // a crash while writing leaves a line without its end
        Files.write(file, "S\tA3\t2.25.6\tMR\tOK".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        try (Journal j = Journal.open(file, true)) {
            assertTrue(j.resuming());
            assertFalse(j.ended());
            AccessionOutcome a1 = j.finished("A1");
            assertEquals(AccessionOutcome.Status.OK, a1.status());
            assertEquals(List.of(ok("2.25.1"), ok("2.25.2")), a1.series());
            assertNull(j.finished("A2"), "a partial accession number is done again");
            assertEquals(List.of("2.25.3"), List.copyOf(j.seriesDone("A2").keySet()), "its sent series are not");
            assertEquals(List.of("2.25.5"), List.copyOf(j.seriesDone("A3").keySet()), "the cut line is ignored");
            j.end();
        }
        assertTrue(Files.readString(file).endsWith("S\tA3\t2.25.5\tMR\tOK\t3\t1\tC-GET\t7000000\t\nEND\n"));
        try (Journal j = Journal.open(file, true)) {
            assertTrue(j.ended());
        }
    }

    @Test
    void aFileThatIsNotAJournalIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "shopping list\n");
        assertTrue(assertThrows(I4dwConfigurationException.class, () -> Journal.open(file, false)).getMessage()
                .contains("not an I4DW batch journal"));
    }

    @Property
    void fieldsSurviveEscaping(@ForAll String s) {
        assertEquals(s, Journal.un(Journal.esc(s)));
        assertFalse(Journal.esc(s).contains("\t") || Journal.esc(s).contains("\n"));
    }

    @Test
    void activeWindowsMayWrapPastMidnight() {
        LocalTime eight = LocalTime.of(20, 0);
        LocalTime six = LocalTime.of(6, 0);
        assertTrue(BatchEngine.inWindow(LocalTime.of(23, 0), eight, six));
        assertTrue(BatchEngine.inWindow(LocalTime.of(2, 0), eight, six));
        assertFalse(BatchEngine.inWindow(LocalTime.of(12, 0), eight, six));
        assertTrue(BatchEngine.inWindow(LocalTime.of(12, 0), six, eight));
        assertFalse(BatchEngine.inWindow(LocalTime.of(20, 0), six, eight));
        assertThrows(I4dwConfigurationException.class, () -> PacsBridge.builder().activeWindow(six, six));
    }

    @Test
    void onlyTransientFailuresAreRetried() {
        assertTrue(PacsGate.isTransient(new DicomTimeoutException("no answer in 5 s")));
        assertTrue(PacsGate.isTransient(new AssociationRejectedException("PACS", 2, 1, 1)));
        assertTrue(PacsGate.isTransient(new AssociationRejectedException("PACS", 1, 3, 2)), "local limit exceeded");
        assertFalse(PacsGate.isTransient(new AssociationRejectedException("PACS", 1, 1, 3)), "calling AE unknown");
        assertTrue(PacsGate.isTransient(new DicomStatusException("C-FIND", "PACS", 0xA700, "Out of resources")));
        assertFalse(PacsGate.isTransient(new DicomStatusException("C-FIND", "PACS", 0xC000, "Unable to process")));
        assertTrue(PacsGate.isTransient(new HttpStatusException("QIDO-RS", "pacs", 503, "")), "busy web server");
        assertFalse(PacsGate.isTransient(new HttpStatusException("QIDO-RS", "pacs", 404, "")), "not found");
    }
}
