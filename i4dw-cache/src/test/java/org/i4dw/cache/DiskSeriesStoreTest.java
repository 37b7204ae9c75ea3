/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.data.TransferSyntax;
import org.i4dw.spi.CachedInstance;
import org.i4dw.spi.CachedSeries;
import org.i4dw.spi.ProviderRegistry;
import org.i4dw.spi.SeriesKey;
import org.i4dw.spi.SeriesManifest;
import org.i4dw.spi.SeriesStore;
import org.i4dw.spi.SeriesStoreProvider;
import org.i4dw.spi.SeriesStoreSettings;
import org.i4dw.spi.SeriesWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing, reading, aborting and replacing series, with real Part 10 files as instances. */
class DiskSeriesStoreTest {

    static final TransferSyntax JPEG_BASELINE = TransferSyntax.of("1.2.840.10008.1.2.4.50");

    @TempDir
    Path dir;

    static SeriesStore open(Path location) {
        return new DiskSeriesStoreProvider().open(SeriesStoreSettings.builder(location).build());
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static long count(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.count();
        }
    }

    /** Writes {@code n} sample files as series {@code key}, half from memory, half as streams. */
    static SeriesManifest write(SeriesStore store, SeriesKey key, long seriesNo, int first, int n) throws IOException {
        try (SeriesWriter w = store.begin(key)) {
            for (int i = 0; i < n; i++) {
                byte[] b = Samples.bytes(first + i);
                if (i % 2 == 0) {
                    w.add(Samples.sopUid(seriesNo, i), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, b);
                } else {
                    w.add(Samples.sopUid(seriesNo, i), JPEG_BASELINE, new ByteArrayInputStream(b));
                }
            }
            return w.commit();
        }
    }

    @Test
    void writeCommitReadIsByteExactAfterReopening() throws Exception {
        SeriesKey key = SeriesKey.of("2.25.1001");
        int n = Samples.files().size();
        SeriesManifest written;
        try (SeriesStore store = open(dir)) {
            written = write(store, key, 1001, 0, n);
        }
        try (SeriesStore store = open(dir)) {
            CachedSeries s = store.lookup(key).orElseThrow();
            assertEquals(written, s.manifest());
            assertEquals(n, s.manifest().instances().size());
            long total = 0;
            for (int i = 0; i < n; i++) {
                byte[] original = Files.readAllBytes(Samples.path(i));
                CachedInstance ci = s.manifest().instances().get(i);
                assertEquals(Samples.sopUid(1001, i), ci.sopInstanceUid(), "write order kept");
                assertEquals(i % 2 == 0 ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN : JPEG_BASELINE,
                        ci.transferSyntax());
                assertEquals(original.length, ci.size());
                assertEquals(sha256(original), ci.sha256());
                assertArrayEquals(original, s.readInstance(ci.sopInstanceUid()));
                try (InputStream in = s.openInstance(ci.sopInstanceUid())) {
                    assertArrayEquals(original, in.readAllBytes());
                }
                Path onDisk = dir.resolve("series").resolve(key.seriesInstanceUid())
                        .resolve(ci.sopInstanceUid() + ".dcm");
                assertEquals(-1L, Files.mismatch(onDisk, Samples.path(i)), "the file on disk is the sample");
                total += original.length;
            }
            assertEquals(total, s.manifest().totalBytes());
            assertTrue(store.verify(key).intact());
            assertEquals(1, store.statistics().seriesStored());
            assertEquals(total, store.statistics().bytesStored());
            assertEquals(0, count(dir.resolve("tmp")));
        }
    }

    @Test
    void aSeriesIsInvisibleUntilCommitted() throws Exception {
        SeriesKey key = SeriesKey.of("2.25.1002");
        try (SeriesStore store = open(dir); SeriesWriter w = store.begin(key)) {
            w.add(Samples.sopUid(1002, 0), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Samples.bytes(0));
            assertEquals(1, count(dir.resolve("tmp")), "written under a temporary name");
            assertFalse(store.contains(key));
            assertTrue(store.lookup(key).isEmpty());
            assertTrue(store.keys().isEmpty());
            w.commit();
            assertTrue(store.contains(key));
            assertEquals(List.of(key), List.copyOf(store.keys()));
            assertEquals(0, count(dir.resolve("tmp")));
        }
    }

    @Test
    void abortAndCloseWithoutCommitLeaveNothingAndFreeTheKey() throws Exception {
        SeriesKey key = SeriesKey.of("2.25.1003");
        try (SeriesStore store = open(dir)) {
            SeriesWriter w = store.begin(key);
            for (int i = 0; i < 3; i++) {
                w.add(Samples.sopUid(1003, i), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Samples.bytes(i));
            }
            w.abort();
            w.abort(); // idempotent
            assertThrows(IllegalStateException.class,
                    () -> w.add(Samples.sopUid(1003, 9), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, new byte[1]));
            assertThrows(IllegalStateException.class, w::commit);
            try (SeriesWriter w2 = store.begin(key)) { // the lock was released: no wait
                w2.add(Samples.sopUid(1003, 0), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Samples.bytes(0));
            } // closed without commit
            assertEquals(0, count(dir.resolve("tmp")));
            assertEquals(0, count(dir.resolve("series")));
            assertTrue(store.lookup(key).isEmpty());
            assertEquals(0, store.statistics().commits());
            assertEquals(0, store.statistics().seriesStored());
        }
    }

    @Test
    void commitOfAnEmptySeriesIsRefused() {
        try (SeriesStore store = open(dir); SeriesWriter w = store.begin(SeriesKey.of("2.25.1004"))) {
            assertThrows(IllegalStateException.class, w::commit);
        }
    }

    @Test
    void anInstanceWrittenTwiceIsReplaced() throws Exception {
        SeriesKey key = SeriesKey.of("2.25.1005");
        try (SeriesStore store = open(dir)) {
            try (SeriesWriter w = store.begin(key)) {
                w.add("2.25.1005.1", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Samples.bytes(0));
                w.add("2.25.1005.2", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Samples.bytes(1));
                w.add("2.25.1005.1", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Samples.bytes(2));
                assertEquals(2, w.instanceCount());
                w.commit();
            }
            CachedSeries s = store.lookup(key).orElseThrow();
            assertEquals(List.of("2.25.1005.2", "2.25.1005.1"),
                    s.manifest().instances().stream().map(CachedInstance::sopInstanceUid).toList());
            assertArrayEquals(Samples.bytes(2), s.readInstance("2.25.1005.1"));
        }
    }

    @Test
    void aFailingSourceStreamFailsOnlyThatInstance() throws Exception {
        SeriesKey key = SeriesKey.of("2.25.1006");
        byte[] sample = Samples.bytes(3);
        InputStream broken = new InputStream() {
            int given;

            @Override
            public int read() throws IOException {
                if (given == 1000) {
                    throw new IOException("association aborted by the PACS");
                }
                return sample[given++] & 0xFF;
            }
        };
        try (SeriesStore store = open(dir)) {
            try (SeriesWriter w = store.begin(key)) {
                w.add("2.25.1006.1", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Samples.bytes(0));
                IOException e = assertThrows(IOException.class,
                        () -> w.add("2.25.1006.2", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, broken));
                assertEquals("association aborted by the PACS", e.getMessage());
                assertEquals(1, w.instanceCount());
                w.commit();
            }
            SeriesManifest m = store.lookup(key).orElseThrow().manifest();
            assertEquals(1, m.instances().size());
            assertFalse(Files.exists(dir.resolve("series/2.25.1006/2.25.1006.2.dcm")));
        }
    }

    @Test
    void aSecondCommitOfAKeyReplacesTheFirst() throws Exception {
        SeriesKey key = SeriesKey.of("2.25.1007");
        try (SeriesStore store = open(dir)) {
            write(store, key, 1007, 0, 4);
            SeriesManifest second = write(store, key, 1007, 10, 2);
            CachedSeries s = store.lookup(key).orElseThrow();
            assertEquals(second, s.manifest());
            assertArrayEquals(Samples.bytes(10), s.readInstance(Samples.sopUid(1007, 0)));
            assertEquals(2, count(dir.resolve("series").resolve(key.seriesInstanceUid())) - 1, "old files gone");
            assertEquals(1, store.statistics().seriesStored());
            assertEquals(second.totalBytes(), store.statistics().bytesStored());
            assertEquals(0, count(dir.resolve("trash")));
        }
    }

    @Test
    void invalidUidsAreRefusedBeforeAnythingIsWritten() {
        assertThrows(IllegalArgumentException.class, () -> SeriesKey.of("1.2.03"));
        assertThrows(IllegalArgumentException.class, () -> SeriesKey.of("../../etc"));
        assertThrows(IllegalArgumentException.class, () -> SeriesKey.of("1." + "2".repeat(63)));
        try (SeriesStore store = open(dir); SeriesWriter w = store.begin(SeriesKey.of("2.25.1008"))) {
            assertThrows(IllegalArgumentException.class,
                    () -> w.add("2.25/x", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, new byte[1]));
            assertEquals(0, w.instanceCount());
        }
    }

    @Test
    void settingsAreCheckedWhenSet() throws IOException {
        SeriesStoreSettings.Builder b = SeriesStoreSettings.builder(dir);
        assertThrows(I4dwConfigurationException.class, () -> b.maxBytes(0));
        assertThrows(I4dwConfigurationException.class, () -> b.maxBytes(-5));
        assertThrows(I4dwConfigurationException.class, () -> b.maxAge(java.time.Duration.ZERO));
        assertThrows(I4dwConfigurationException.class, () -> b.maxAge(java.time.Duration.ofDays(-1)));
        assertThrows(I4dwConfigurationException.class, () -> b.hotManifests(-1));
        assertThrows(I4dwConfigurationException.class, () -> b.lockTimeout(java.time.Duration.ZERO));
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        I4dwConfigurationException e = assertThrows(I4dwConfigurationException.class,
                () -> SeriesStoreSettings.builder(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        SeriesStoreSettings s = b.maxBytes(1000).build();
        assertEquals(Optional.empty(), s.maxAge());
        assertEquals(1000, s.maxBytes().getAsLong());
        assertTrue(s.location().isAbsolute());
    }

    @Test
    void aStoreOfAnotherFormatIsRefused() throws IOException {
        Files.writeString(dir.resolve(DiskSeriesStore.MARKER_FILE), "i4dw-series-store 2\n");
        var e = assertThrows(org.i4dw.spi.SeriesStoreException.class, () -> open(dir));
        assertTrue(e.getMessage().contains("i4dw-series-store 2"), e.getMessage());
    }

    @Test
    void theProviderIsFoundByServiceLoaderAsDisk() throws Exception {
        ProviderRegistry<SeriesStoreProvider> reg = ProviderRegistry.builder(SeriesStoreProvider.class, "i4dw-cache")
                .build();
        SeriesStoreProvider p = reg.get("disk");
        assertEquals(DiskSeriesStoreProvider.class, p.getClass());
        try (SeriesStore store = p.open(SeriesStoreSettings.builder(dir.resolve("new/store")).build())) {
            write(store, SeriesKey.of("2.25.1009"), 1009, 0, 1);
            assertTrue(store.contains(SeriesKey.of("2.25.1009")));
        }
    }

    @Test
    void aClosedStoreRefusesWork() {
        SeriesStore store = open(dir);
        store.close();
        store.close();
        assertThrows(IllegalStateException.class, () -> store.begin(SeriesKey.of("2.25.1")));
        assertThrows(IllegalStateException.class, () -> store.lookup(SeriesKey.of("2.25.1")));
    }

    @Test
    void closingTheStoreAbortsItsOpenWriters() throws Exception {
        SeriesStore store = open(dir);
        SeriesWriter w = store.begin(SeriesKey.of("2.25.1010"));
        w.add("2.25.1010.1", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Samples.bytes(0));
        store.close();
        assertEquals(0, count(dir.resolve("tmp")));
        assertThrows(IllegalStateException.class, w::commit);
    }
}
