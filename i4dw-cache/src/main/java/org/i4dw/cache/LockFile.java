/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lock file of a store location, shared by every store open on it in this JVM, with exclusive
 * locks on one-byte regions of it: region 0 for the store (eviction, cohorts, clean-up), one region
 * per series key for its writer.
 *
 * <p>Why one shared channel per file and JVM, held in a JVM-wide table: POSIX record locks belong
 * to the process, and closing <em>any</em> descriptor of the file releases all of the process's
 * locks on it (the {@link FileChannel} javadoc warns of this). Two stores of one JVM with their own
 * channels would silently drop each other's locks, so the channel is shared and closed only when
 * the last store of the JVM on that location closes. The table mirrors that JVM-wide resource and
 * holds nothing else. Within the JVM, a region is first claimed in {@link #claimed} (the JDK
 * refuses a second lock of an overlapping region in one JVM anyway); across processes the record
 * lock excludes. Waiting is by polling {@link FileChannel#tryLock}, because a blocking
 * {@link FileChannel#lock} would close the shared channel if its thread were interrupted.
 */
final class LockFile {

    /** Region of the store-wide lock. */
    static final long STORE_REGION = 0;

    private static final Map<Path, LockFile> OPEN = new HashMap<>(); // guarded by OPEN

    private final Path path;
    private final FileChannel channel;
    private final Map<Long, Boolean> claimed = new ConcurrentHashMap<>();
    private int references; // guarded by OPEN

    private LockFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** The lock file at {@code path} (created if missing), shared in this JVM; release with {@link #close()}. */
    static LockFile open(Path path) throws IOException {
        if (!Files.exists(path)) {
            try {
                Files.createFile(path);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // created meanwhile by another store
            }
        }
        Path real = path.toRealPath();
        synchronized (OPEN) {
            LockFile lf = OPEN.get(real);
            if (lf == null) {
                lf = new LockFile(real, FileChannel.open(real, StandardOpenOption.WRITE));
                OPEN.put(real, lf);
            }
            lf.references++;
            return lf;
        }
    }

    /** Drops this store's reference; the channel closes with the last one. */
    void close() throws IOException {
        synchronized (OPEN) {
            if (--references == 0) {
                OPEN.remove(path);
                channel.close();
            }
        }
    }

    /** The region of a series key: past the store region, from the first 62 bits of SHA-256 of the key. */
    static long regionOf(String key) {
        byte[] h = FileOps.sha256().digest(key.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (h[i] & 0xFF);
        }
        return (v & 0x3FFF_FFFF_FFFF_FFFFL) + 16;
    }

    /** Takes the region if it is free now, in this JVM and in every other process. */
    Lease tryLock(long region) throws IOException {
        if (claimed.putIfAbsent(region, Boolean.TRUE) != null) {
            return null;
        }
        boolean ok = false;
        try {
            FileLock lock = channel.tryLock(region, 1, false);
            if (lock == null) {
                return null;
            }
            ok = true;
            return new Lease(region, lock);
        } catch (OverlappingFileLockException e) {
            return null;
        } finally {
            if (!ok) {
                claimed.remove(region);
            }
        }
    }

    /**
     * Takes the region, waiting up to {@code timeout}.
     *
     * @return the lease, or null if the timeout passed
     * @throws InterruptedException if interrupted while waiting
     */
    Lease lock(long region, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMillis = 1;
        while (true) {
            Lease lease = tryLock(region);
            if (lease != null) {
                return lease;
            }
            if (System.nanoTime() - deadline >= 0) {
                return null;
            }
            Thread.sleep(pauseMillis);
            pauseMillis = Math.min(pauseMillis * 2, 20);
        }
    }

    /** A held region; release it exactly once. */
    final class Lease implements AutoCloseable {
        private final long region;
        private final FileLock lock;
        private boolean released;

        private Lease(long region, FileLock lock) {
            this.region = region;
            this.lock = lock;
        }

        /** Releases the region (idempotent). */
        @Override
        public synchronized void close() throws IOException {
            if (released) {
                return;
            }
            released = true;
            try {
                if (lock.isValid()) {
                    lock.release();
                }
            } finally {
                claimed.remove(region);
            }
        }
    }
}
