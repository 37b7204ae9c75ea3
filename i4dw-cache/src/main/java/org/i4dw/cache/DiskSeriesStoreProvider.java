/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cache;

import org.i4dw.spi.SeriesStore;
import org.i4dw.spi.SeriesStoreProvider;
import org.i4dw.spi.SeriesStoreSettings;

/**
 * The {@code disk} series store (module i4dw-cache): whole de-identified series in a local folder.
 *
 * <h2>Layout of the store's folder</h2>
 * <pre>
 * i4dw-series-store           marker with the format version ("i4dw-series-store 1")
 * store.lock                  lock file (byte-range locks, see below); empty
 * series/&lt;key&gt;/manifest       the manifest of a committed series (format below)
 * series/&lt;key&gt;/&lt;SOP Instance UID&gt;.dcm   its instances, each a de-identified Part 10 file, byte for byte
 * tmp/&lt;key&gt;.&lt;nonce&gt;/         a series being written (never read by lookups)
 * trash/&lt;key&gt;.&lt;nonce&gt;/       a series being deleted (evicted, invalidated or replaced)
 * cohorts                     cohorts and pins (format below)
 * </pre>
 * {@code <key>} is the de-identified Series Instance UID; UIDs hold only digits and dots, so they
 * are safe file names.
 *
 * <h2>Commit</h2>
 * Each instance is written into the temporary folder and forced to disk (fsync) before
 * {@code add} returns; its SHA-256 is computed as it is written. {@code commit} writes and forces
 * the manifest, forces the temporary folder, moves an existing copy of the series (if any) to
 * {@code trash/}, renames the temporary folder to {@code series/<key>} (an atomic rename within
 * one file system) and forces {@code series/}. A series is therefore visible whole or not at all;
 * a crash leaves at most a folder in {@code tmp/} or {@code trash/}, which the next
 * {@link #open open} removes (a temporary folder only if no live writer holds its key's lock).
 *
 * <h2>Manifest</h2>
 * US-ASCII lines ending in LF:
 * <pre>
 * i4dw-series-manifest 1
 * series &lt;Series Instance UID&gt;
 * created &lt;ISO-8601 instant of the commit, UTC&gt;
 * instances &lt;count&gt;
 * total-bytes &lt;sum of the instance sizes&gt;
 * instance &lt;SHA-256, 64 hex digits&gt; &lt;size&gt; &lt;SOP Instance UID&gt; &lt;Transfer Syntax UID&gt;   (one per instance, in write order)
 * manifest-sha256 &lt;SHA-256 of every byte before this line&gt;
 * </pre>
 * The cohorts file has the same shape: {@code i4dw-cohorts 1}, then per cohort a line
 * {@code cohort <name> pinned|unpinned} followed by one {@code series <key>} line per member, and
 * a last line {@code cohorts-sha256 <hex>}. It is replaced atomically (write, fsync, rename) under
 * the store lock. A damaged cohorts file stops eviction (pins unknown) until it is restored or
 * deleted.
 *
 * <h2>Reads and integrity</h2>
 * Manifests are held in memory (a bounded Caffeine cache, {@link SeriesStoreSettings#hotManifests()})
 * and re-read when the manifest file on disk is no longer the one read (file key, time, size).
 * Every instance read is checked against the manifest's size and SHA-256; a mismatch, a missing
 * file or a damaged manifest is counted, logged with the de-identified key, and the copy is
 * removed (under its key's lock) or, if a writer holds that lock, no longer returned by lookups.
 * A lookup touches the series folder's modification time: eviction for size removes the least
 * recently used series first.
 *
 * <h2>Locking</h2>
 * {@code store.lock} carries exclusive {@link java.nio.channels.FileLock}s on one-byte regions:
 * region 0 for the store (eviction passes, cohort changes, clean-up of cohort temporaries), and
 * for each series key a region derived from the SHA-256 of the key, held by its writer from
 * {@code begin} to commit or abort and briefly by eviction and invalidation. The locks exclude
 * writers in other processes; within one JVM every store on the same location shares one channel
 * on the lock file (closing another channel would release the process's locks), and regions are
 * claimed in memory first. Readers take no lock. A process killed with its locks releases them
 * with its descriptors.
 *
 * <h2>Eviction</h2>
 * When a commit takes the store over {@link SeriesStoreSettings#maxBytes()}, when the store is
 * opened and when {@link SeriesStore#evict()} is called: unpinned series older than
 * {@link SeriesStoreSettings#maxAge()} are removed, then, if the store is over its size limit,
 * unpinned series, least recently used first, until it is within 90 % of the limit. Series of a pinned cohort are never removed;
 * a series being written is skipped. The size counted is the sum of instance sizes (manifests and
 * folders are not counted).
 */
public final class DiskSeriesStoreProvider implements SeriesStoreProvider {

    /** The provider id. */
    public static final String ID = "disk";

    /** For {@link java.util.ServiceLoader}. */
    public DiskSeriesStoreProvider() {
        // stateless
    }

    /** {@value #ID}. */
    @Override
    public String id() {
        return ID;
    }

    /** The version of this artifact. */
    @Override
    public String version() {
        Package p = DiskSeriesStoreProvider.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    /**
     * Opens (creating if needed) the store at {@link SeriesStoreSettings#location()}, removes what
     * crashed writers left there and runs an eviction pass.
     *
     * @param settings where and how large
     * @return the store; close it
     * @throws org.i4dw.spi.SeriesStoreException if the folder cannot be created, read or locked,
     *     or holds a store of another format version
     */
    @Override
    public SeriesStore open(SeriesStoreSettings settings) {
        return DiskSeriesStore.open(settings);
    }
}
