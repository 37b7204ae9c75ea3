/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.i4dw.data.TransferSyntax;
import org.i4dw.spi.CachedSeries;
import org.i4dw.spi.CorruptSeriesException;
import org.i4dw.spi.IntegrityProblem;
import org.i4dw.spi.SeriesEvictedException;
import org.i4dw.spi.SeriesKey;
import org.i4dw.spi.SeriesStore;
import org.i4dw.spi.SeriesVerification;
import org.i4dw.spi.SeriesWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged cached file is detected on read and on verification, reported, and its series invalidated. */
class IntegrityTest {

    @TempDir
    Path dir;

    private final SeriesKey key = SeriesKey.of("2.25.2001");

    private Path instanceFile(int i) {
        return dir.resolve("series").resolve(key.seriesInstanceUid()).resolve(Samples.sopUid(2001, i) + ".dcm");
    }

    /** Flips one bit of the byte at {@code offset} (negative: from the end). */
    private static void flipByte(Path file, long offset) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long pos = offset >= 0 ? offset : raf.length() + offset;
            raf.seek(pos);
            int b = raf.read();
            raf.seek(pos);
            raf.write(b ^ 0x01);
        }
    }

    @Test
    void aFlippedByteIsDetectedOnReadAndTheSeriesInvalidated() throws Exception {
        try (SeriesStore store = DiskSeriesStoreTest.open(dir)) {
            DiskSeriesStoreTest.write(store, key, 2001, 0, 5);
        }
        flipByte(instanceFile(2), 4000); // in pixel data: the header still parses
        try (SeriesStore store = DiskSeriesStoreTest.open(dir)) {
            CachedSeries s = store.lookup(key).orElseThrow();
            assertArrayEquals(Samples.bytes(0), s.readInstance(Samples.sopUid(2001, 0)), "intact instances read");
            CorruptSeriesException e = assertThrows(CorruptSeriesException.class,
                    () -> s.readInstance(Samples.sopUid(2001, 2)));
            assertEquals(key, e.key());
            assertEquals(Optional.of(Samples.sopUid(2001, 2)), e.sopInstanceUid());
            assertEquals(IntegrityProblem.CHECKSUM_MISMATCH, e.problem());
            assertTrue(store.lookup(key).isEmpty(), "invalidated: the engine fetches it again");
            assertFalse(Files.exists(dir.resolve("series").resolve(key.seriesInstanceUid())));
            assertEquals(1, store.statistics().corruptionsDetected());
            assertEquals(1, store.statistics().hits());
            assertEquals(1, store.statistics().misses());
            assertEquals(0, store.statistics().seriesStored());
            assertEquals(SeriesVerification.Status.NOT_CACHED, store.verify(key).status());
            DiskSeriesStoreTest.write(store, key, 2001, 0, 5); // re-fetched
            assertTrue(store.verify(key).intact());
        }
    }

    @Test
    void aFlippedByteIsDetectedByAStreamBeforeItsEnd() throws Exception {
        try (SeriesStore store = DiskSeriesStoreTest.open(dir)) {
            DiskSeriesStoreTest.write(store, key, 2001, 0, 2);
            flipByte(instanceFile(1), -1); // last byte
            CachedSeries s = store.lookup(key).orElseThrow();
            try (InputStream in = s.openInstance(Samples.sopUid(2001, 1))) {
                CorruptSeriesException e = assertThrows(CorruptSeriesException.class, in::readAllBytes);
                assertEquals(IntegrityProblem.CHECKSUM_MISMATCH, e.problem());
                assertThrows(CorruptSeriesException.class, in::read, "keeps failing, never a clean end");
            }
            assertTrue(store.lookup(key).isEmpty());
        }
    }

    @Test
    void verifyFindsEveryDamagedInstance() throws Exception {
        try (SeriesStore store = DiskSeriesStoreTest.open(dir)) {
            DiskSeriesStoreTest.write(store, key, 2001, 0, 6);
            assertTrue(store.verify(key).intact());
            flipByte(instanceFile(1), 200);
            try (RandomAccessFile raf = new RandomAccessFile(instanceFile(3).toFile(), "rw")) {
                raf.setLength(raf.length() - 10); // truncated
            }
            Files.delete(instanceFile(5));
            SeriesVerification v = store.verify(key);
            assertEquals(SeriesVerification.Status.CORRUPT, v.status());
            assertEquals(List.of(
                    new SeriesVerification.Finding(Samples.sopUid(2001, 1), IntegrityProblem.CHECKSUM_MISMATCH),
                    new SeriesVerification.Finding(Samples.sopUid(2001, 3), IntegrityProblem.SIZE_MISMATCH),
                    new SeriesVerification.Finding(Samples.sopUid(2001, 5), IntegrityProblem.MISSING_INSTANCE)),
                    v.findings());
            assertFalse(store.contains(key));
            assertEquals(1, store.statistics().corruptionsDetected());
        }
    }

    @Test
    void aTruncatedOrMissingFileIsDetectedOnRead() throws Exception {
        try (SeriesStore store = DiskSeriesStoreTest.open(dir)) {
            DiskSeriesStoreTest.write(store, key, 2001, 0, 3);
            try (RandomAccessFile raf = new RandomAccessFile(instanceFile(0).toFile(), "rw")) {
                raf.setLength(100);
            }
            CachedSeries s = store.lookup(key).orElseThrow();
            assertEquals(IntegrityProblem.SIZE_MISMATCH, assertThrows(CorruptSeriesException.class,
                    () -> s.readInstance(Samples.sopUid(2001, 0))).problem());

            DiskSeriesStoreTest.write(store, key, 2001, 0, 3);
            Files.delete(instanceFile(1));
            CachedSeries s2 = store.lookup(key).orElseThrow();
            assertEquals(IntegrityProblem.MISSING_INSTANCE, assertThrows(CorruptSeriesException.class,
                    () -> s2.openInstance(Samples.sopUid(2001, 1))).problem());
            assertTrue(store.lookup(key).isEmpty());
            assertEquals(2, store.statistics().corruptionsDetected());
        }
    }

    @Test
    void aDamagedManifestIsAMissAndIsRemoved() throws Exception {
        try (SeriesStore store = DiskSeriesStoreTest.open(dir)) {
            DiskSeriesStoreTest.write(store, key, 2001, 0, 2);
        }
        Path manifest = dir.resolve("series").resolve(key.seriesInstanceUid()).resolve("manifest");
        String text = Files.readString(manifest);
        Files.writeString(manifest, text.replace("instances 2", "instances 3"));
        try (SeriesStore store = DiskSeriesStoreTest.open(dir)) { // the opening scan finds it
            assertFalse(store.contains(key));
            assertEquals(1, store.statistics().corruptionsDetected());
        }
        try (SeriesStore store = DiskSeriesStoreTest.open(dir)) {
            DiskSeriesStoreTest.write(store, key, 2001, 0, 2);
            Files.writeString(manifest, Files.readString(manifest).replace("created ", "created  "));
            assertTrue(store.lookup(key).isEmpty());
            assertEquals(1, store.statistics().corruptionsDetected());
            assertEquals(1, store.statistics().misses());
        }
    }

    @Test
    void corruptionFoundWhileTheKeyIsBeingRewrittenIsNotServedAgain() throws Exception {
        try (SeriesStore store = DiskSeriesStoreTest.open(dir)) {
            DiskSeriesStoreTest.write(store, key, 2001, 0, 2);
            flipByte(instanceFile(0), 300);
            CachedSeries s = store.lookup(key).orElseThrow();
            try (SeriesWriter w = store.begin(key)) { // this thread holds the key: the copy cannot be removed now
                assertThrows(CorruptSeriesException.class, () -> s.readInstance(Samples.sopUid(2001, 0)));
                assertTrue(store.lookup(key).isEmpty(), "known corrupt, not served");
                w.add(Samples.sopUid(2001, 0), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Samples.bytes(0));
                w.commit();
            }
            CachedSeries fresh = store.lookup(key).orElseThrow();
            assertArrayEquals(Samples.bytes(0), fresh.readInstance(Samples.sopUid(2001, 0)));
        }
    }

    @Test
    void aSeriesRemovedWhileReadIsReportedAsEvictedNotCorrupt() throws Exception {
        try (SeriesStore a = DiskSeriesStoreTest.open(dir); SeriesStore b = DiskSeriesStoreTest.open(dir)) {
            DiskSeriesStoreTest.write(a, key, 2001, 0, 2);
            CachedSeries s = a.lookup(key).orElseThrow();
            assertTrue(b.invalidate(key));
            SeriesEvictedException e = assertThrows(SeriesEvictedException.class,
                    () -> s.readInstance(Samples.sopUid(2001, 0)));
            assertEquals(key, e.key());
            DiskSeriesStoreTest.write(b, key, 2001, 5, 2); // replaced by another store with other bytes
            CachedSeries stale = s;
            assertThrows(SeriesEvictedException.class, () -> stale.readInstance(Samples.sopUid(2001, 1)));
            assertEquals(0, a.statistics().corruptionsDetected());
            assertTrue(a.verify(key).intact(), "the new copy was not taken for corrupt");
        }
    }
}
