/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.i4dw.data.TransferSyntax;
import org.i4dw.spi.CachedInstance;
import org.i4dw.spi.CachedSeries;
import org.i4dw.spi.Cohort;
import org.i4dw.spi.CohortName;
import org.i4dw.spi.SeriesKey;
import org.i4dw.spi.SeriesManifest;
import org.i4dw.spi.SeriesStore;
import org.i4dw.spi.SeriesWriter;

/** Properties of the manifest and cohorts formats and of the store's round trip. */
class StorePropertiesTest {

    @Provide
    Arbitrary<String> uids() {
        Arbitrary<String> component = Arbitraries.oneOf(Arbitraries.just("0"),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(12).filter(s -> s.charAt(0) != '0'));
        return component.list().ofMinSize(2).ofMaxSize(8).map(l -> String.join(".", l))
                .filter(s -> s.length() <= 64);
    }

    @Provide
    Arbitrary<SeriesManifest> manifests() {
        Arbitrary<CachedInstance> instance = Combinators.combine(uids(),
                Arbitraries.of("1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.4.50",
                        "1.2.840.10008.1.2.4.201"),
                Arbitraries.longs().between(0, Long.MAX_VALUE / 1000),
                Arbitraries.bytes().array(byte[].class).ofSize(32))
                .as((uid, ts, size, sha) -> new CachedInstance(uid, TransferSyntax.of(ts), size,
                        HexFormat.of().formatHex(sha)));
        Arbitrary<Instant> created = Arbitraries.longs().between(0, 4_102_444_800L)
                .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
        return Combinators.combine(uids().map(SeriesKey::of),
                instance.list().ofMaxSize(40).uniqueElements(CachedInstance::sopInstanceUid), created)
                .as(SeriesManifest::new);
    }

    @Property
    void aManifestReadsBackEqual(@ForAll("manifests") SeriesManifest m) throws Exception {
        assertEquals(m, ManifestCodec.decode(ManifestCodec.encode(m), m.key()));
    }

    @Property
    void anyChangedByteOfAManifestIsDetected(@ForAll("manifests") SeriesManifest m,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where, @ForAll @IntRange(min = 1, max = 255) int xor) {
        byte[] b = ManifestCodec.encode(m);
        b[where % b.length] ^= (byte) xor;
        assertThrows(ManifestFormatException.class, () -> ManifestCodec.decode(b, m.key()));
    }

    @Property
    void aTruncatedManifestIsDetected(@ForAll("manifests") SeriesManifest m,
            @ForAll @IntRange(min = 1, max = Integer.MAX_VALUE) int cut) {
        byte[] b = ManifestCodec.encode(m);
        byte[] shorter = java.util.Arrays.copyOf(b, b.length - 1 - (cut % b.length));
        assertThrows(ManifestFormatException.class, () -> ManifestCodec.decode(shorter, m.key()));
    }

    @Property
    void cohortsReadBackEqual(@ForAll @Size(max = 6) List<@IntRange(min = 0, max = 1000) Integer> sizes,
            @ForAll boolean pinned) throws Exception {
        Map<CohortName, Cohort> map = new TreeMap<>();
        int n = 0;
        for (int size : sizes) {
            Set<SeriesKey> keys = new TreeSet<>();
            for (int i = 0; i < size % 50; i++) {
                keys.add(SeriesKey.of("2.25." + n + "." + i));
            }
            CohortName name = CohortName.of("cohort-" + n++);
            map.put(name, Cohort.of(name, keys, pinned ^ (n % 2 == 0)));
        }
        assertEquals(map, CohortCodec.decode(CohortCodec.encode(map)));
    }

    @Property
    void validUidsAreKeysAndOthersAreRefused(@ForAll("uids") String uid, @ForAll char c) {
        assertEquals(uid, SeriesKey.of(uid).seriesInstanceUid());
        if ((c < '0' || c > '9') && c != '.') {
            assertThrows(IllegalArgumentException.class, () -> SeriesKey.of(uid + c));
            assertThrows(IllegalArgumentException.class, () -> SeriesKey.of(c + uid));
        }
    }

    @Property(tries = 25)
    void whatIsWrittenIsReadBackByteForByte(@ForAll @Size(min = 1, max = 8) List<@Size(max = 200_000) byte[]> contents,
            @ForAll boolean asStreams) throws Exception {
        Path dir = Files.createTempDirectory("i4dw-store-property");
        try (SeriesStore store = DiskSeriesStoreTest.open(dir)) {
            SeriesKey key = SeriesKey.of("2.25.6001");
            List<String> shas = new ArrayList<>();
            try (SeriesWriter w = store.begin(key)) {
                for (int i = 0; i < contents.size(); i++) {
                    byte[] b = contents.get(i);
                    shas.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)));
                    if (asStreams) {
                        InputStream in = new ByteArrayInputStream(b);
                        w.add("2.25.6001." + (i + 1), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, in);
                    } else {
                        w.add("2.25.6001." + (i + 1), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, b);
                    }
                }
                w.commit();
            }
            CachedSeries s = store.lookup(key).orElseThrow();
            for (int i = 0; i < contents.size(); i++) {
                CachedInstance ci = s.manifest().instances().get(i);
                assertEquals(shas.get(i), ci.sha256());
                assertEquals(contents.get(i).length, ci.size());
                assertArrayEquals(contents.get(i), s.readInstance(ci.sopInstanceUid()));
                try (InputStream in = s.openInstance(ci.sopInstanceUid())) {
                    assertArrayEquals(contents.get(i), in.readAllBytes());
                }
            }
            assertTrue(store.verify(key).intact());
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) throws IOException {
        FileOps.deleteTree(dir);
    }
}
