/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.i4dw.spi.CachedInstance;
import org.i4dw.spi.CachedSeries;
import org.i4dw.spi.SeriesKey;
import org.i4dw.spi.SeriesStore;
import org.i4dw.spi.SeriesStoreException;
import org.i4dw.spi.SeriesStoreSettings;
import org.i4dw.spi.SeriesWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real faults and real concurrency across processes: a writer JVM killed with SIGKILL mid-write,
 * two JVMs writing one key, locks held by another process. The second process is
 * {@link StoreWriterMain} on the test class path.
 */
class ProcessTest {

    @TempDir
    Path dir;

    private final List<Child> children = new ArrayList<>();

    /** A child JVM whose stdout lines are queued as they come. */
    private static final class Child {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final Writer stdin;

        Child(Process process) {
            this.process = process;
            this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the process died: nothing more to read
                }
            }, "child-stdout");
            t.setDaemon(true);
            t.start();
        }

        String next() throws InterruptedException {
            String line = lines.poll(60, TimeUnit.SECONDS);
            assertNotNull(line, "the child process said nothing for 60 s (alive: " + process.isAlive() + ")");
            return line;
        }

        void send(String line) throws IOException {
            stdin.write(line + "\n");
            stdin.flush();
        }

        int exit() throws InterruptedException {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "child did not end");
            return process.exitValue();
        }
    }

    private Child start(String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Di4dw.samples=" + org.i4dw.testkit.SampleCorpus.locate().root(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", StoreWriterMain.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Child c = new Child(p);
        children.add(c);
        return c;
    }

    @AfterEach
    void killChildren() {
        for (Child c : children) {
            c.process.destroyForcibly();
        }
    }

    @Test
    void aWriterKilledMidWriteLeavesNoPartialSeriesAndCompletedOnesVerify() throws Exception {
        Set<Long> committed = new TreeSet<>();
        Set<Long> begun = new TreeSet<>();
        int roundsWithLeftovers = 0;
        for (int round = 0; round < 4; round++) {
            Child c = start("loop", dir.toString(), String.valueOf(round * 1000 + 1), "12");
            int commitsThisRound = 0;
            while (true) {
                String line = c.next();
                long no = Long.parseLong(line.substring(line.indexOf(' ') + 1));
                if (line.startsWith("COMMITTED")) {
                    committed.add(no);
                    commitsThisRound++;
                } else {
                    begun.add(no);
                    if (commitsThisRound >= 2) {
                        break;
                    }
                }
            }
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 60));
            c.process.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
            c.exit();
            String line;
            while ((line = c.lines.poll(200, TimeUnit.MILLISECONDS)) != null) { // what it printed before dying
                long no = Long.parseLong(line.substring(line.indexOf(' ') + 1));
                (line.startsWith("COMMITTED") ? committed : begun).add(no);
            }
            if (DiskSeriesStoreTest.count(dir.resolve("tmp")) > 0) {
                roundsWithLeftovers++;
            }
            try (SeriesStore store = DiskSeriesStoreTest.open(dir)) {
                assertEquals(0, DiskSeriesStoreTest.count(dir.resolve("tmp")), "temporary leftovers removed");
                assertEquals(0, DiskSeriesStoreTest.count(dir.resolve("trash")));
                Set<Long> visible = new HashSet<>();
                for (SeriesKey k : store.keys()) {
                    visible.add(Long.parseLong(k.seriesInstanceUid().substring("2.25.".length())));
                }
                assertTrue(visible.containsAll(committed), "every reported commit is there: " + committed
                        + " visible " + visible);
                Set<Long> allowed = new HashSet<>(committed);
                allowed.addAll(begun); // the last one may have committed before its line was printed
                assertTrue(allowed.containsAll(visible), "nothing that was never written: " + visible);
                for (long no : visible) {
                    SeriesKey k = SeriesKey.of("2.25." + no);
                    assertTrue(store.verify(k).intact(), "series " + no + " verifies");
                    CachedSeries s = store.lookup(k).orElseThrow();
                    assertEquals(12, s.manifest().instances().size(), "whole, never partial: series " + no);
                    for (int i = 0; i < 12; i++) {
                        CachedInstance ci = s.manifest().instances().get(i);
                        assertArrayEquals(Samples.bytes((int) no + i), s.readInstance(ci.sopInstanceUid()));
                    }
                }
            }
        }
        assertTrue(roundsWithLeftovers > 0, "no kill landed while a series was being written; the test proved "
                + "nothing");
    }

    @Test
    void twoProcessesWritingOneKeyEndWithOneWholeCopy() throws Exception {
        String key = "2.25.4001";
        Child a = start("same-key", dir.toString(), key, "1", "6", "8");
        Child b = start("same-key", dir.toString(), key, "2", "6", "8");
        assertEquals("DONE", a.next());
        assertEquals("DONE", b.next());
        assertEquals(0, a.exit());
        assertEquals(0, b.exit());
        assertOneWholeTaggedCopy(key, 8);
    }

    /** Exactly one committed copy of {@code key}, intact, every instance from the same writer and round. */
    private void assertOneWholeTaggedCopy(String key, int instances) throws IOException {
        try (SeriesStore store = DiskSeriesStoreTest.open(dir)) {
            assertEquals(Set.of(SeriesKey.of(key)), store.keys());
            assertEquals(0, DiskSeriesStoreTest.count(dir.resolve("tmp")));
            assertEquals(0, DiskSeriesStoreTest.count(dir.resolve("trash")));
            assertEquals(instances + 1, DiskSeriesStoreTest.count(dir.resolve("series").resolve(key)));
            assertTrue(store.verify(SeriesKey.of(key)).intact());
            CachedSeries s = store.lookup(SeriesKey.of(key)).orElseThrow();
            Set<String> tags = new HashSet<>();
            for (int i = 0; i < instances; i++) {
                byte[] b = s.readInstance(key + "." + (i + 1));
                String tag = StoreWriterMain.tagOf(b);
                tags.add(tag);
                int writer = Integer.parseInt(tag.substring(1, 4));
                int round = Integer.parseInt(tag.substring(5));
                assertArrayEquals(StoreWriterMain.tagged(i, writer, round), b);
            }
            assertEquals(1, tags.size(), "instances of one writer's round only, not a mix: " + tags);
        }
    }

    @Test
    void aKeyLockedByAnotherProcessWaitsAndALiveWritersFolderIsNotCleaned() throws Exception {
        String key = "2.25.4002";
        Child holder = start("hold", dir.toString(), key);
        assertEquals("HOLDING", holder.next());
        SeriesStoreSettings shortWait = SeriesStoreSettings.builder(dir).lockTimeout(Duration.ofMillis(300)).build();
        try (SeriesStore store = new DiskSeriesStoreProvider().open(shortWait)) {
            assertEquals(1, DiskSeriesStoreTest.count(dir.resolve("tmp")), "a live writer's folder is kept");
            SeriesStoreException e = assertThrows(SeriesStoreException.class, () -> store.begin(SeriesKey.of(key)));
            assertTrue(e.getMessage().contains(key), e.getMessage());
            holder.send("commit");
            assertEquals("COMMITTED", holder.next());
            assertEquals(0, holder.exit());
            try (SeriesWriter w = store.begin(SeriesKey.of(key))) { // free now
                w.abort();
            }
            CachedSeries s = store.lookup(SeriesKey.of(key)).orElseThrow();
            assertArrayEquals(Samples.bytes(0), s.readInstance(key + ".1"));
        }
    }

    @Test
    void closingOneStoreOfAJvmKeepsTheLocksOfAnotherOnTheSameLocation() throws Exception {
        String key = "2.25.4003";
        try (SeriesStore a = DiskSeriesStoreTest.open(dir)) {
            SeriesStore b = DiskSeriesStoreTest.open(dir);
            SeriesWriter w = a.begin(SeriesKey.of(key));
            b.close(); // with its own channel on the lock file this would release a's record lock
            Child probe = start("try-begin", dir.toString(), key, "300");
            assertEquals("BUSY", probe.next());
            assertEquals(0, probe.exit());
            w.abort();
            Child probe2 = start("try-begin", dir.toString(), key, "5000");
            assertEquals("LOCKED", probe2.next());
            assertEquals(0, probe2.exit());
        }
    }
}
