/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.i4dw.data.TransferSyntax;
import org.i4dw.spi.CachedInstance;
import org.i4dw.spi.SeriesKey;
import org.i4dw.spi.SeriesManifest;
import org.i4dw.spi.SeriesStoreException;
import org.i4dw.spi.SeriesWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes one series into its temporary folder; holds the key's lock until commit or abort. */
final class DiskSeriesWriter implements SeriesWriter {

    private static final Logger LOG = LoggerFactory.getLogger(DiskSeriesWriter.class);
    private static final String NO_SHA = "0".repeat(64);
    private static final int CHUNK = 64 * 1024;

    private enum State { OPEN, COMMITTED, ABORTED }

    private final DiskSeriesStore store;
    private final SeriesKey key;
    private final LockFile.Lease lease;
    private final Path tmp;
    private final Map<String, CachedInstance> instances = new LinkedHashMap<>();
    private State state = State.OPEN;
    private byte[] buffer;

    DiskSeriesWriter(DiskSeriesStore store, SeriesKey key, LockFile.Lease lease, Path tmp) {
        this.store = store;
        this.key = key;
        this.lease = lease;
        this.tmp = tmp;
    }

    @Override
    public SeriesKey key() {
        return key;
    }

    private void checkOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("the writer of series " + key + " was " + state.name().toLowerCase()
                    + "; begin a new one");
        }
    }

    /** Checks the UID (it names a file) before anything is written. */
    private static void checkUid(String sopInstanceUid, TransferSyntax ts) {
        new CachedInstance(sopInstanceUid, ts, 0, NO_SHA);
    }

    @Override
    public synchronized CachedInstance add(String sopInstanceUid, TransferSyntax transferSyntax, InputStream part10)
            throws IOException {
        Objects.requireNonNull(part10, "part10");
        checkOpen();
        checkUid(sopInstanceUid, transferSyntax);
        instances.remove(sopInstanceUid);
        Path file = tmp.resolve(sopInstanceUid + DiskSeriesStore.INSTANCE_SUFFIX);
        MessageDigest md = FileOps.sha256();
        if (buffer == null) {
            buffer = new byte[CHUNK];
        }
        long size = 0;
        IOException sourceFailure = null;
        try (FileChannel ch = open(file)) {
            while (true) {
                int n;
                try {
                    n = part10.read(buffer);
                } catch (IOException e) {
                    sourceFailure = e;
                    break;
                }
                if (n < 0) {
                    break;
                }
                md.update(buffer, 0, n);
                writeFully(ch, ByteBuffer.wrap(buffer, 0, n));
                size += n;
            }
            if (sourceFailure == null) {
                ch.force(true);
            }
        } catch (IOException e) {
            deleteQuietly(file);
            throw new SeriesStoreException("series store at " + store.root() + ": cannot write instance "
                    + sopInstanceUid + " of series " + key + ": " + e, e);
        }
        if (sourceFailure != null) {
            deleteQuietly(file);
            throw sourceFailure;
        }
        CachedInstance ci = new CachedInstance(sopInstanceUid, transferSyntax, size, FileOps.hex(md.digest()));
        instances.put(sopInstanceUid, ci);
        return ci;
    }

    @Override
    public synchronized CachedInstance add(String sopInstanceUid, TransferSyntax transferSyntax, byte[] part10) {
        Objects.requireNonNull(part10, "part10");
        checkOpen();
        checkUid(sopInstanceUid, transferSyntax);
        instances.remove(sopInstanceUid);
        Path file = tmp.resolve(sopInstanceUid + DiskSeriesStore.INSTANCE_SUFFIX);
        try (FileChannel ch = open(file)) {
            writeFully(ch, ByteBuffer.wrap(part10));
            ch.force(true);
        } catch (IOException e) {
            deleteQuietly(file);
            throw new SeriesStoreException("series store at " + store.root() + ": cannot write instance "
                    + sopInstanceUid + " of series " + key + ": " + e, e);
        }
        CachedInstance ci = new CachedInstance(sopInstanceUid, transferSyntax, part10.length,
                FileOps.hex(FileOps.sha256().digest(part10)));
        instances.put(sopInstanceUid, ci);
        return ci;
    }

    private static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    @Override
    public synchronized int instanceCount() {
        return instances.size();
    }

    @Override
    public SeriesManifest commit() {
        SeriesManifest m;
        synchronized (this) {
            checkOpen();
            if (instances.isEmpty()) {
                throw new IllegalStateException("series " + key + " has no instance to commit");
            }
            try {
                m = store.commitLocked(key, new ArrayList<>(instances.values()), tmp);
                state = State.COMMITTED;
            } catch (IOException | RuntimeException e) {
                abort();
                if (e instanceof SeriesStoreException) {
                    throw (SeriesStoreException) e;
                }
                throw new SeriesStoreException("series store at " + store.root() + ": cannot commit series " + key
                        + ": " + e, e);
            }
            DiskSeriesStore.closeQuietly(lease);
        }
        store.writerDone(this, true);
        return m;
    }

    @Override
    public void abort() {
        synchronized (this) {
            if (state != State.OPEN) {
                return;
            }
            state = State.ABORTED;
            try {
                FileOps.deleteTree(tmp);
            } catch (IOException e) {
                LOG.warn("series store {}: cannot remove the temporary folder of series {} ({}); it goes at the next "
                        + "open", store.root(), key, e.toString());
            }
            DiskSeriesStore.closeQuietly(lease);
        }
        store.writerDone(this, false);
    }

    @Override
    public void close() {
        abort();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", file, e.toString());
        }
    }
}
