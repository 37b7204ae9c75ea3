/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.i4dw.data.TransferSyntax;
import org.i4dw.spi.CachedInstance;
import org.i4dw.spi.CachedSeries;
import org.i4dw.spi.SeriesEvictedException;
import org.i4dw.spi.SeriesKey;
import org.i4dw.spi.SeriesStore;
import org.i4dw.spi.SeriesWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Writers of one key on several threads, through one store or two stores of one JVM, with readers running. */
class ConcurrencyTest {

    private static final int INSTANCES = 6;
    private static final int ROUNDS = 8;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} store(s)")
    @ValueSource(ints = {1, 2})
    void writersOfOneKeyEndWithOneWholeCopyAndReadersNeverSeeCorruption(int stores) throws Exception {
        SeriesKey key = SeriesKey.of("2.25.5001");
        List<SeriesStore> open = new ArrayList<>();
        for (int i = 0; i < stores; i++) {
            open.add(DiskSeriesStoreTest.open(dir));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger readsChecked = new AtomicInteger();
        AtomicInteger evictedWhileRead = new AtomicInteger();
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int writer = w;
                SeriesStore store = open.get(w % stores);
                writers.add(pool.submit(() -> {
                    for (int r = 0; r < ROUNDS; r++) {
                        try (SeriesWriter sw = store.begin(key)) {
                            for (int i = 0; i < INSTANCES; i++) {
                                sw.add(key + "." + (i + 1), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                                        StoreWriterMain.tagged(i, writer, r));
                            }
                            sw.commit();
                        }
                    }
                    return null;
                }));
            }
            SeriesStore readerStore = open.get(stores - 1);
            Future<?> reader = pool.submit(() -> {
                while (writing.get()) {
                    Optional<CachedSeries> hit = readerStore.lookup(key);
                    if (hit.isEmpty()) {
                        continue;
                    }
                    try {
                        Set<String> tags = new HashSet<>();
                        for (CachedInstance ci : hit.get().manifest().instances()) {
                            byte[] b = hit.get().readInstance(ci.sopInstanceUid());
                            tags.add(StoreWriterMain.tagOf(b));
                        }
                        assertEquals(1, tags.size(), "a copy mixes writers: " + tags);
                        readsChecked.incrementAndGet();
                    } catch (SeriesEvictedException e) {
                        evictedWhileRead.incrementAndGet(); // replaced while read: allowed, never "corrupt"
                    }
                }
                return null;
            });
            for (Future<?> f : writers) {
                f.get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            reader.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
            for (SeriesStore s : open) {
                assertEquals(0, s.statistics().corruptionsDetected(), "a replacement was taken for corruption");
                s.close();
            }
        }
        assertTrue(readsChecked.get() > 0, "the reader never read a whole copy");
        try (SeriesStore store = DiskSeriesStoreTest.open(dir)) {
            assertEquals(Set.of(key), store.keys());
            assertEquals(0, DiskSeriesStoreTest.count(dir.resolve("tmp")));
            assertEquals(0, DiskSeriesStoreTest.count(dir.resolve("trash")));
            assertTrue(store.verify(key).intact());
            CachedSeries s = store.lookup(key).orElseThrow();
            String tag = StoreWriterMain.tagOf(s.readInstance(key + ".1"));
            for (int i = 0; i < INSTANCES; i++) {
                byte[] b = s.readInstance(key + "." + (i + 1));
                assertArrayEquals(StoreWriterMain.tagged(i, Integer.parseInt(tag.substring(1, 4)),
                        Integer.parseInt(tag.substring(5))), b);
            }
            assertEquals(INSTANCES + 1, DiskSeriesStoreTest.count(dir.resolve("series").resolve(key.toString())));
        }
    }

    @ParameterizedTest(name = "{0} store(s)")
    @ValueSource(ints = {1, 2})
    void writersOfDifferentKeysDoNotWaitForEachOther(int stores) throws Exception {
        SeriesStore a = DiskSeriesStoreTest.open(dir);
        SeriesStore b = stores == 1 ? a : DiskSeriesStoreTest.open(dir);
        try {
            SeriesWriter first = a.begin(SeriesKey.of("2.25.5101"));
            SeriesWriter second = b.begin(SeriesKey.of("2.25.5102")); // would time out (10 min) if it waited
            second.add("2.25.5102.1", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Samples.bytes(1));
            first.add("2.25.5101.1", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Samples.bytes(0));
            second.commit();
            first.commit();
            assertEquals(Set.of(SeriesKey.of("2.25.5101"), SeriesKey.of("2.25.5102")), a.keys());
        } finally {
            a.close();
            b.close();
        }
    }
}
