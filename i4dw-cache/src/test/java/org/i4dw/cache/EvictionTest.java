/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.i4dw.data.TransferSyntax;
import org.i4dw.spi.Cohort;
import org.i4dw.spi.CohortName;
import org.i4dw.spi.EvictionResult;
import org.i4dw.spi.SeriesKey;
import org.i4dw.spi.SeriesStore;
import org.i4dw.spi.SeriesStoreException;
import org.i4dw.spi.SeriesStoreSettings;
import org.i4dw.spi.SeriesStoreStatistics;
import org.i4dw.spi.SeriesWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Eviction by size (least recently used first) and by age, never of a pinned cohort; durable cohorts; statistics. */
class EvictionTest {

    private static final int SIZE = 10_000;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));

    private SeriesStore open(Long maxBytes, Duration maxAge) {
        SeriesStoreSettings.Builder b = SeriesStoreSettings.builder(dir).clock(clock);
        if (maxBytes != null) {
            b.maxBytes(maxBytes);
        }
        if (maxAge != null) {
            b.maxAge(maxAge);
        }
        return new DiskSeriesStoreProvider().open(b.build());
    }

    private static SeriesKey key(int n) {
        return SeriesKey.of("2.25.300" + n);
    }

    /** A series of two instances of {@code SIZE / 2} bytes cut from a real file. */
    private void write(SeriesStore store, int n) {
        try (SeriesWriter w = store.begin(key(n))) {
            byte[] file = Samples.bytes(n);
            for (int i = 0; i < 2; i++) {
                byte[] part = java.util.Arrays.copyOfRange(file, i * (SIZE / 2), (i + 1) * (SIZE / 2));
                w.add(key(n) + "." + (i + 1), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, part);
            }
            w.commit();
        }
        clock.advance(Duration.ofMinutes(1));
    }

    private static Set<SeriesKey> keys(int... n) {
        Set<SeriesKey> s = new TreeSet<>();
        for (int i : n) {
            s.add(key(i));
        }
        return s;
    }

    @Test
    void sizeEvictsTheLeastRecentlyUsedAndNeverAPinnedCohort() {
        try (SeriesStore store = open(3L * SIZE + SIZE / 2, null)) {
            write(store, 1);
            write(store, 2);
            write(store, 3);
            store.addToCohort(CohortName.of("pinned-study"), List.of(key(1)));
            store.pin(CohortName.of("pinned-study"));
            assertTrue(store.lookup(key(2)).isPresent()); // 2 is now more recently used than 3
            clock.advance(Duration.ofMinutes(1));
            write(store, 4); // over the limit: 1 is the oldest but pinned; 3 is the least recently used
            assertEquals(keys(1, 2, 4), store.keys());
            SeriesStoreStatistics st = store.statistics();
            assertEquals(1, st.evictions());
            assertEquals(SIZE, st.bytesEvicted());
            assertEquals(3, st.seriesStored());
            assertEquals(3L * SIZE, st.bytesStored());

            write(store, 5); // evicts 2 (4 and 5 are newer, 1 pinned)
            assertEquals(keys(1, 4, 5), store.keys());
            write(store, 6);
            write(store, 7);
            assertEquals(keys(1, 6, 7), store.keys(), "the pinned series outlives every newer one");
        }
    }

    @Test
    void onlyPinnedSeriesLeftMeansTheStoreStaysOverItsLimit() {
        try (SeriesStore store = open(2L * SIZE, null)) {
            store.addToCohort(CohortName.of("keep"), List.of(key(1), key(2), key(3)));
            store.pin(CohortName.of("keep"));
            write(store, 1);
            write(store, 2);
            write(store, 3);
            EvictionResult r = store.evict();
            assertEquals(0, r.evicted());
            assertEquals(3, r.pinnedKept());
            assertEquals(3L * SIZE, r.bytesStored());
            assertEquals(keys(1, 2, 3), store.keys());
            store.unpin(CohortName.of("keep"));
            r = store.evict();
            assertEquals(2, r.evictedForSize(), "down to 90 % of the limit (18,000 bytes), not just under it");
            assertEquals(2L * SIZE, r.bytesFreed());
            assertEquals(keys(3), store.keys());
        }
    }

    @Test
    void ageEvictsOldUnpinnedSeriesAndPinsSurviveARestart() {
        Duration maxAge = Duration.ofDays(30);
        try (SeriesStore store = open(null, maxAge)) {
            write(store, 1);
            write(store, 2);
            clock.advance(Duration.ofDays(20));
            write(store, 3);
            store.addToCohort(CohortName.of("trial-42"), List.of(key(2)));
            store.pin(CohortName.of("trial-42"));
            store.addToCohort(CohortName.of("unpinned"), List.of(key(1)));
        }
        clock.advance(Duration.ofDays(15)); // 1 and 2 are 35 days old, 3 is 15
        try (SeriesStore store = open(null, maxAge)) { // opening runs an eviction pass
            assertEquals(keys(2, 3), store.keys());
            assertEquals(1, store.statistics().evictions());
            assertTrue(store.cohort(CohortName.of("trial-42")).orElseThrow().pinned(), "pins are durable");
            assertEquals(keys(1), store.cohort(CohortName.of("unpinned")).orElseThrow().series());
            assertTrue(store.lookup(key(2)).isPresent(), "an old pinned series is still served");
            store.unpin(CohortName.of("trial-42"));
            assertTrue(store.lookup(key(2)).isEmpty(), "too old once unpinned");
            EvictionResult r = store.evict();
            assertEquals(1, r.evictedForAge());
            assertEquals(0, r.evictedForSize());
            assertEquals(keys(3), store.keys());
        }
    }

    @Test
    void cohortsAreEditedDurablyAndCheckedForExistence() {
        CohortName c = CohortName.of("mr-prostate");
        try (SeriesStore store = open(null, null)) {
            assertThrows(IllegalArgumentException.class, () -> store.pin(c));
            assertThrows(IllegalArgumentException.class, () -> store.removeFromCohort(c, List.of(key(1))));
            Cohort added = store.addToCohort(c, List.of(key(3), key(1), key(2)));
            assertEquals(List.of(key(1), key(2), key(3)), List.copyOf(added.series()));
            assertFalse(added.pinned());
            store.pin(c);
            Cohort after = store.removeFromCohort(c, List.of(key(2)));
            assertTrue(after.pinned(), "membership changes keep the pin");
            assertEquals(keys(1, 3), after.series());
            store.addToCohort(CohortName.of("other"), List.of());
        }
        try (SeriesStore store = open(null, null)) {
            assertEquals(List.of(CohortName.of("mr-prostate"), CohortName.of("other")),
                    store.cohorts().stream().map(Cohort::name).toList());
            assertEquals(new Cohort(c, new TreeSet<>(keys(1, 3)), true), store.cohort(c).orElseThrow());
            assertTrue(store.deleteCohort(c));
            assertFalse(store.deleteCohort(c));
            assertTrue(store.cohort(c).isEmpty());
        }
        assertThrows(IllegalArgumentException.class, () -> CohortName.of("no spaces"));
        assertThrows(IllegalArgumentException.class, () -> CohortName.of("-leading"));
    }

    @Test
    void aDamagedCohortsFileStopsEvictionInsteadOfDroppingPins() throws Exception {
        try (SeriesStore store = open(null, Duration.ofDays(1))) {
            write(store, 1);
            store.addToCohort(CohortName.of("keep"), List.of(key(1)));
            store.pin(CohortName.of("keep"));
        }
        Path cohorts = dir.resolve("cohorts");
        Files.writeString(cohorts, Files.readString(cohorts).replace("pinned", "pinnet"));
        clock.advance(Duration.ofDays(3));
        try (SeriesStore store = open((long) SIZE, Duration.ofDays(1))) { // opens; its own eviction pass is skipped
            assertEquals(keys(1), store.keys());
            assertEquals(1, store.statistics().seriesStored());
            SeriesStoreException e = assertThrows(SeriesStoreException.class, store::evict);
            assertTrue(e.getMessage().contains("cohorts"), e.getMessage());
            assertTrue(store.lookup(key(1)).isPresent(), "pins unknown: an old series is still served");
            write(store, 2); // over the limit: a commit is not failed by the eviction it triggers
            assertEquals(keys(1, 2), store.keys());
        }
    }

    @Test
    void statisticsCountHitsMissesCommitsAndBytes() {
        try (SeriesStore store = open(null, null)) {
            assertEquals(new SeriesStoreStatistics(0, 0, 0, 0, 0, 0, 0, 0), store.statistics());
            assertTrue(store.lookup(key(1)).isEmpty());
            write(store, 1);
            write(store, 2);
            for (int i = 0; i < 3; i++) {
                assertTrue(store.lookup(key(1)).isPresent());
            }
            assertTrue(store.lookup(key(9)).isEmpty());
            assertTrue(store.contains(key(2)), "contains counts nothing");
            SeriesStoreStatistics st = store.statistics();
            assertEquals(3, st.hits());
            assertEquals(2, st.misses());
            assertEquals(2, st.commits());
            assertEquals(2, st.seriesStored());
            assertEquals(2L * SIZE, st.bytesStored());
            assertEquals(0.6, st.hitRate(), 1e-9);
            assertTrue(store.invalidate(key(1)));
            assertFalse(store.invalidate(key(1)));
            assertEquals(1, store.statistics().seriesStored());
            assertEquals(SIZE, store.statistics().bytesStored());
            assertEquals(0, store.statistics().evictions(), "an invalidation is not an eviction");
        }
        try (SeriesStore store = open(null, null)) {
            SeriesStoreStatistics st = store.statistics();
            assertEquals(0, st.hits());
            assertEquals(1, st.seriesStored(), "the size of the store is read back at open");
            assertEquals(SIZE, st.bytesStored());
        }
    }
}
