/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.i4dw.spi.CachedInstance;
import org.i4dw.spi.CachedSeries;
import org.i4dw.spi.IntegrityProblem;
import org.i4dw.spi.SeriesKey;
import org.i4dw.spi.SeriesManifest;
import org.i4dw.spi.SeriesStoreException;

/** A series found in a {@link DiskSeriesStore}, read from its folder with every read checked. */
final class DiskCachedSeries implements CachedSeries {

    private static final int CHUNK = 64 * 1024;

    private final DiskSeriesStore store;
    private final SeriesKey key;
    private final DiskSeriesStore.Entry entry;

    DiskCachedSeries(DiskSeriesStore store, SeriesKey key, DiskSeriesStore.Entry entry) {
        this.store = store;
        this.key = key;
        this.entry = entry;
    }

    @Override
    public SeriesKey key() {
        return key;
    }

    @Override
    public SeriesManifest manifest() {
        return entry.manifest();
    }

    private CachedInstance instance(String sopInstanceUid) {
        return entry.manifest().instance(sopInstanceUid).orElseThrow(() -> new IllegalArgumentException(
                "cached series " + key + " has no instance " + sopInstanceUid));
    }

    @Override
    public byte[] readInstance(String sopInstanceUid) {
        CachedInstance ci = instance(sopInstanceUid);
        Path file = store.instancePath(key, sopInstanceUid);
        byte[] data;
        MessageDigest md = FileOps.sha256();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size != ci.size()) {
                throw store.readFailure(key, entry, sopInstanceUid, IntegrityProblem.SIZE_MISMATCH);
            }
            data = new byte[(int) size];
            int off = 0;
            while (off < data.length) { // hashed chunk by chunk while the chunk is in the CPU cache
                int n = ch.read(ByteBuffer.wrap(data, off, Math.min(CHUNK, data.length - off)));
                if (n < 0) {
                    throw store.readFailure(key, entry, sopInstanceUid, IntegrityProblem.SIZE_MISMATCH);
                }
                md.update(data, off, n);
                off += n;
            }
        } catch (NoSuchFileException gone) {
            throw store.readFailure(key, entry, sopInstanceUid, IntegrityProblem.MISSING_INSTANCE);
        } catch (IOException e) {
            throw new SeriesStoreException("series store at " + store.root() + ": cannot read instance "
                    + sopInstanceUid + " of series " + key + ": " + e, e);
        }
        if (!Arrays.equals(md.digest(), HexFormat.of().parseHex(ci.sha256()))) {
            throw store.readFailure(key, entry, sopInstanceUid, IntegrityProblem.CHECKSUM_MISMATCH);
        }
        return data;
    }

    @Override
    public InputStream openInstance(String sopInstanceUid) {
        CachedInstance ci = instance(sopInstanceUid);
        Path file = store.instancePath(key, sopInstanceUid);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException gone) {
            throw store.readFailure(key, entry, sopInstanceUid, IntegrityProblem.MISSING_INSTANCE);
        } catch (IOException e) {
            throw new SeriesStoreException("series store at " + store.root() + ": cannot open instance "
                    + sopInstanceUid + " of series " + key + ": " + e, e);
        }
        return new VerifyingInputStream(Channels.newInputStream(ch), ci.size(), HexFormat.of().parseHex(ci.sha256()),
                problem -> store.readFailure(key, entry, sopInstanceUid, problem));
    }

    @Override
    public String toString() {
        return "CachedSeries[" + key + ", " + entry.manifest().instances().size() + " instances]";
    }
}
