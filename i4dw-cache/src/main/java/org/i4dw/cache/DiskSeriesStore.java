/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;
import org.i4dw.spi.CachedInstance;
import org.i4dw.spi.CachedSeries;
import org.i4dw.spi.Cohort;
import org.i4dw.spi.CohortName;
import org.i4dw.spi.CorruptSeriesException;
import org.i4dw.spi.EvictionResult;
import org.i4dw.spi.IntegrityProblem;
import org.i4dw.spi.SeriesEvictedException;
import org.i4dw.spi.SeriesKey;
import org.i4dw.spi.SeriesManifest;
import org.i4dw.spi.SeriesStore;
import org.i4dw.spi.SeriesStoreException;
import org.i4dw.spi.SeriesStoreSettings;
import org.i4dw.spi.SeriesStoreStatistics;
import org.i4dw.spi.SeriesVerification;
import org.i4dw.spi.SeriesVerification.Finding;
import org.i4dw.spi.SeriesVerification.Status;
import org.i4dw.spi.SeriesWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code disk} store; see {@link DiskSeriesStoreProvider} for the layout and the rules. */
final class DiskSeriesStore implements SeriesStore {

    private static final Logger LOG = LoggerFactory.getLogger(DiskSeriesStore.class);

    static final String MARKER_FILE = "i4dw-series-store";
    static final String MARKER = "i4dw-series-store 1\n";
    static final String MANIFEST = "manifest";
    static final String INSTANCE_SUFFIX = ".dcm";
    /** How long a reader that found corruption waits for the key's lock to remove the copy. */
    private static final Duration CORRUPT_REMOVAL_WAIT = Duration.ofSeconds(1);

    /** What identifies one committed copy of a series: its manifest file's identity. */
    record Identity(Object fileKey, FileTime modified, long size) {
    }

    /** A manifest held in memory, with the identity of the file it was read from. */
    record Entry(SeriesManifest manifest, Identity identity) {
    }

    private record CohortsSnapshot(Identity identity, SortedMap<CohortName, Cohort> cohorts, Set<SeriesKey> pinned) {
    }

    private record Scanned(SeriesKey key, Entry entry, FileTime lastUsed) {
    }

    private final SeriesStoreSettings settings;
    private final Path root;
    private final Path seriesRoot;
    private final Path tmpRoot;
    private final Path trashRoot;
    private final Path cohortsFile;
    private final LockFile lockFile;
    private final Cache<SeriesKey, Entry> manifests;
    private final Set<Identity> knownCorrupt = ConcurrentHashMap.newKeySet();
    private final Set<DiskSeriesWriter> writers = ConcurrentHashMap.newKeySet();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder bytesEvicted = new LongAdder();
    private final LongAdder corruptions = new LongAdder();
    private final AtomicLong seriesStored = new AtomicLong();
    private final AtomicLong bytesStored = new AtomicLong();
    private volatile CohortsSnapshot cohortsCache;
    private volatile boolean closed;

    private DiskSeriesStore(SeriesStoreSettings settings, LockFile lockFile) {
        this.settings = settings;
        this.root = settings.location();
        this.seriesRoot = root.resolve("series");
        this.tmpRoot = root.resolve("tmp");
        this.trashRoot = root.resolve("trash");
        this.cohortsFile = root.resolve("cohorts");
        this.lockFile = lockFile;
        this.manifests = Caffeine.newBuilder().maximumSize(settings.hotManifests()).executor(Runnable::run).build();
    }

    /** Opens the store: folders made, marker checked, crash leftovers removed, an eviction pass run. */
    static DiskSeriesStore open(SeriesStoreSettings settings) {
        Path root = settings.location();
        LockFile lockFile;
        try {
            Files.createDirectories(root);
            checkMarker(root);
            for (String d : new String[] {"series", "tmp", "trash"}) {
                Files.createDirectories(root.resolve(d));
            }
            lockFile = LockFile.open(root.resolve("store.lock"));
        } catch (IOException e) {
            throw new SeriesStoreException("cannot open the series store at " + root + ": " + e, e);
        }
        DiskSeriesStore store = new DiskSeriesStore(settings, lockFile);
        try {
            store.removeLeftovers();
            store.evictQuietly("at open");
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private static void checkMarker(Path root) throws IOException {
        Path marker = root.resolve(MARKER_FILE);
        try {
            Files.write(marker, MARKER.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            String content = Files.readString(marker, StandardCharsets.US_ASCII);
            if (!content.equals(MARKER) && !content.isEmpty()) {
                throw new SeriesStoreException("the series store at " + root + " has format '" + content.strip()
                        + "', this version reads '" + MARKER.strip() + "'");
            }
        }
    }

    // ---------------------------------------------------------------- paths, identities, manifests

    Path seriesDir(SeriesKey key) {
        return seriesRoot.resolve(key.seriesInstanceUid());
    }

    Path instancePath(SeriesKey key, String sopInstanceUid) {
        return seriesDir(key).resolve(sopInstanceUid + INSTANCE_SUFFIX);
    }

    Path root() {
        return root;
    }

    private static Identity identityOf(Path file) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Identity(a.fileKey(), a.lastModifiedTime(), a.size());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * The committed copy of {@code key}, from memory if the manifest file on disk is still the one
     * read, else read again.
     *
     * @return the entry, or null if the series is not stored
     * @throws ManifestFormatException if the manifest cannot be read
     */
    private Entry current(SeriesKey key) throws IOException {
        Path mf = seriesDir(key).resolve(MANIFEST);
        Identity id = identityOf(mf);
        if (id == null) {
            manifests.invalidate(key);
            return null;
        }
        Entry e = manifests.getIfPresent(key);
        if (e != null && e.identity().equals(id)) {
            return e;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(mf);
        } catch (NoSuchFileException gone) {
            manifests.invalidate(key);
            return null;
        }
        e = new Entry(ManifestCodec.decode(bytes, key), id);
        manifests.put(key, e);
        return e;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the series store at " + root + " is closed");
        }
    }

    private SeriesStoreException diskFailure(String what, IOException e) {
        return new SeriesStoreException("series store at " + root + ": cannot " + what + ": " + e, e);
    }

    // ---------------------------------------------------------------- lookups

    @Override
    public SeriesStoreSettings settings() {
        return settings;
    }

    @Override
    public Optional<CachedSeries> lookup(SeriesKey key) {
        ensureOpen();
        Entry e;
        try {
            e = current(key);
        } catch (ManifestFormatException bad) {
            corruptManifest(key, bad);
            misses.increment();
            return Optional.empty();
        } catch (IOException io) {
            throw diskFailure("read the manifest of series " + key, io);
        }
        if (e == null || knownCorrupt.contains(e.identity())) {
            misses.increment();
            return Optional.empty();
        }
        if (expired(e.manifest(), settings.clock().instant()) && !pinnedForLookup(key)) {
            misses.increment();
            return Optional.empty();
        }
        try {
            Files.setLastModifiedTime(seriesDir(key), FileTime.from(settings.clock().instant()));
        } catch (NoSuchFileException gone) {
            misses.increment();
            return Optional.empty();
        } catch (IOException io) {
            LOG.debug("series store {}: cannot mark series {} as used: {}", root, key, io.toString());
        }
        hits.increment();
        return Optional.of(new DiskCachedSeries(this, key, e));
    }

    @Override
    public boolean contains(SeriesKey key) {
        ensureOpen();
        return Files.exists(seriesDir(key).resolve(MANIFEST));
    }

    private boolean expired(SeriesManifest m, Instant now) {
        return settings.maxAge().map(age -> m.created().plus(age).isBefore(now)).orElse(false);
    }

    /** Whether a pinned cohort holds the key; a damaged cohorts file protects everything. */
    private boolean pinnedForLookup(SeriesKey key) {
        try {
            return readCohorts().pinned().contains(key);
        } catch (SeriesStoreException e) {
            LOG.warn("{}", e.getMessage());
            return true;
        }
    }

    // ---------------------------------------------------------------- corruption

    /** The exception a reader throws when an instance does not match: corrupt, or the copy is gone. */
    RuntimeException readFailure(SeriesKey key, Entry read, String sopInstanceUid, IntegrityProblem problem) {
        Identity now;
        try {
            now = identityOf(seriesDir(key).resolve(MANIFEST));
        } catch (IOException e) {
            return diskFailure("check series " + key, e);
        }
        if (now == null || !now.equals(read.identity())) {
            return new SeriesEvictedException(key);
        }
        markCorrupt(key, read.identity(), problem + " in instance " + sopInstanceUid);
        return new CorruptSeriesException(key, sopInstanceUid, problem);
    }

    private void corruptManifest(SeriesKey key, ManifestFormatException bad) {
        try {
            Identity id = identityOf(seriesDir(key).resolve(MANIFEST));
            if (id != null) {
                markCorrupt(key, id, "unreadable manifest (" + bad.getMessage() + ")");
            }
        } catch (IOException e) {
            LOG.warn("series store {}: cannot check series {}: {}", root, key, e.toString());
        }
    }

    /** Counts, remembers and (if its lock is free soon) removes a corrupt copy. */
    private void markCorrupt(SeriesKey key, Identity id, String what) {
        if (knownCorrupt.add(id)) {
            corruptions.increment();
            LOG.warn("series store {}: series {} is corrupt: {}; invalidated", root, key, what);
        }
        manifests.invalidate(key);
        try {
            LockFile.Lease lease = lockFile.lock(LockFile.regionOf(key.seriesInstanceUid()), CORRUPT_REMOVAL_WAIT);
            if (lease == null) {
                LOG.info("series store {}: corrupt series {} is being rewritten; left to its writer", root, key);
                return;
            }
            try (lease) {
                if (id.equals(identityOf(seriesDir(key).resolve(MANIFEST)))) {
                    long bytes = directoryBytes(seriesDir(key));
                    removeLocked(key, bytes);
                }
            }
            knownCorrupt.remove(id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("series store {}: cannot remove corrupt series {}: {}", root, key, e.toString());
        }
    }

    private static long directoryBytes(Path dir) throws IOException {
        long total = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + INSTANCE_SUFFIX)) {
            for (Path p : ds) {
                try {
                    total += Files.size(p);
                } catch (NoSuchFileException gone) {
                    // counted as nothing
                }
            }
        } catch (NoSuchFileException gone) {
            return 0;
        }
        return total;
    }

    /** Removes a committed series; the caller holds the key's lock. */
    private void removeLocked(SeriesKey key, long bytes) throws IOException {
        Path dir = seriesDir(key);
        Path trash = trashRoot.resolve(key.seriesInstanceUid() + "." + FileOps.nonce());
        try {
            Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException gone) {
            return;
        }
        FileOps.fsyncDirectory(seriesRoot);
        manifests.invalidate(key);
        seriesStored.decrementAndGet();
        bytesStored.addAndGet(-bytes);
        FileOps.deleteTree(trash);
    }

    // ---------------------------------------------------------------- writing

    @Override
    public SeriesWriter begin(SeriesKey key) {
        ensureOpen();
        LockFile.Lease lease;
        try {
            lease = lockFile.lock(LockFile.regionOf(key.seriesInstanceUid()), settings.lockTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SeriesStoreException("interrupted while waiting for the lock of series " + key + " in the "
                    + "series store at " + root);
        } catch (IOException e) {
            throw diskFailure("lock series " + key, e);
        }
        if (lease == null) {
            throw new SeriesStoreException("series " + key + " is being written by another writer of the series "
                    + "store at " + root + "; its lock was not free within " + settings.lockTimeout());
        }
        Path tmp = tmpRoot.resolve(key.seriesInstanceUid() + "." + FileOps.nonce());
        try {
            Files.createDirectory(tmp);
        } catch (IOException e) {
            closeQuietly(lease);
            throw diskFailure("create a temporary folder for series " + key, e);
        }
        DiskSeriesWriter w = new DiskSeriesWriter(this, key, lease, tmp);
        writers.add(w);
        return w;
    }

    /**
     * Makes a written series visible; called by its writer, which holds the key's lock.
     *
     * @return the manifest
     */
    SeriesManifest commitLocked(SeriesKey key, List<CachedInstance> instances, Path tmp) throws IOException {
        Instant now = settings.clock().instant();
        SeriesManifest m = new SeriesManifest(key, instances, now);
        try (FileChannel ch = FileChannel.open(tmp.resolve(MANIFEST), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(ManifestCodec.encode(m));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.setLastModifiedTime(tmp, FileTime.from(now));
        FileOps.fsyncDirectory(tmp);
        Path target = seriesDir(key);
        long replacedBytes = -1;
        Path trash = null;
        if (Files.exists(target)) {
            Entry old;
            try {
                old = current(key);
            } catch (ManifestFormatException bad) {
                old = null;
            }
            replacedBytes = old != null ? old.manifest().totalBytes() : directoryBytes(target);
            trash = trashRoot.resolve(key.seriesInstanceUid() + "." + FileOps.nonce());
            Files.move(target, trash, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        FileOps.fsyncDirectory(seriesRoot); // the rename is durable; tmp/ and trash/ need no fsync: a
                                            // leftover there after a crash is removed at the next open
        Identity id = identityOf(target.resolve(MANIFEST));
        if (id != null) {
            manifests.put(key, new Entry(m, id));
        }
        commits.increment();
        if (trash != null) {
            bytesStored.addAndGet(m.totalBytes() - replacedBytes);
            FileOps.deleteTree(trash);
        } else {
            seriesStored.incrementAndGet();
            bytesStored.addAndGet(m.totalBytes());
        }
        return m;
    }

    /** Called by a writer once it has released its lock. */
    void writerDone(DiskSeriesWriter w, boolean committed) {
        writers.remove(w);
        if (committed && !closed && settings.maxBytes().isPresent()
                && bytesStored.get() > settings.maxBytes().getAsLong()) {
            evictQuietly("after a commit");
        }
    }

    /**
     * An eviction pass the caller did not ask for (at open, after a commit): a failure is logged,
     * never thrown, so that a commit that succeeded is not reported as failed. The size and the
     * statistics are read anyway.
     */
    private void evictQuietly(String when) {
        try {
            evict();
        } catch (SeriesStoreException e) {
            LOG.error("series store {}: eviction {} failed, nothing evicted: {}", root, when, e.getMessage());
            try {
                List<Scanned> all = scan();
                seriesStored.set(all.size());
                bytesStored.set(all.stream().mapToLong(x -> x.entry().manifest().totalBytes()).sum());
            } catch (IOException | RuntimeException io) {
                LOG.warn("series store {}: cannot measure the store: {}", root, io.toString());
            }
        }
    }

    // ---------------------------------------------------------------- verification, removal, listing

    @Override
    public SeriesVerification verify(SeriesKey key) {
        ensureOpen();
        for (int attempt = 0; ; attempt++) {
            Entry e;
            try {
                e = current(key);
            } catch (ManifestFormatException bad) {
                corruptManifest(key, bad);
                return new SeriesVerification(key, Status.CORRUPT,
                        List.of(new Finding(null, IntegrityProblem.UNREADABLE_MANIFEST)));
            } catch (IOException io) {
                throw diskFailure("read the manifest of series " + key, io);
            }
            if (e == null) {
                return new SeriesVerification(key, Status.NOT_CACHED, List.of());
            }
            List<Finding> findings = new ArrayList<>();
            for (CachedInstance ci : e.manifest().instances()) {
                IntegrityProblem p = check(instancePath(key, ci.sopInstanceUid()), ci);
                if (p != null) {
                    findings.add(new Finding(ci.sopInstanceUid(), p));
                }
            }
            if (findings.isEmpty()) {
                return new SeriesVerification(key, Status.INTACT, List.of());
            }
            Identity now;
            try {
                now = identityOf(seriesDir(key).resolve(MANIFEST));
            } catch (IOException io) {
                throw diskFailure("check series " + key, io);
            }
            if (!e.identity().equals(now) && attempt < 3) {
                continue; // replaced or removed while it was read: verify what is there now
            }
            markCorrupt(key, e.identity(), findings.size() + " instance(s) at fault, first "
                    + findings.get(0).problem() + " in " + findings.get(0).sopInstanceUid());
            return new SeriesVerification(key, Status.CORRUPT, findings);
        }
    }

    private IntegrityProblem check(Path file, CachedInstance ci) {
        try (InputStream in = Files.newInputStream(file)) {
            var md = FileOps.sha256();
            byte[] buf = new byte[64 * 1024];
            long n = 0;
            int r;
            while ((r = in.read(buf)) > 0) {
                md.update(buf, 0, r);
                n += r;
            }
            if (n != ci.size()) {
                return IntegrityProblem.SIZE_MISMATCH;
            }
            return Arrays.equals(md.digest(), HexFormat.of().parseHex(ci.sha256())) ? null
                    : IntegrityProblem.CHECKSUM_MISMATCH;
        } catch (NoSuchFileException gone) {
            return IntegrityProblem.MISSING_INSTANCE;
        } catch (IOException io) {
            throw diskFailure("read instance " + ci.sopInstanceUid() + " of series " + file.getParent().getFileName(),
                    io);
        }
    }

    @Override
    public boolean invalidate(SeriesKey key) {
        ensureOpen();
        try {
            LockFile.Lease lease = lockFile.lock(LockFile.regionOf(key.seriesInstanceUid()), settings.lockTimeout());
            if (lease == null) {
                throw new SeriesStoreException("series " + key + " is being written by another writer of the series "
                        + "store at " + root + "; its lock was not free within " + settings.lockTimeout());
            }
            try (lease) {
                if (!Files.exists(seriesDir(key))) {
                    manifests.invalidate(key);
                    return false;
                }
                Entry e;
                try {
                    e = current(key);
                } catch (ManifestFormatException bad) {
                    e = null;
                }
                removeLocked(key, e != null ? e.manifest().totalBytes() : directoryBytes(seriesDir(key)));
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SeriesStoreException("interrupted while waiting for the lock of series " + key + " in the "
                    + "series store at " + root);
        } catch (IOException e) {
            throw diskFailure("remove series " + key, e);
        }
    }

    @Override
    public SortedSet<SeriesKey> keys() {
        ensureOpen();
        SortedSet<SeriesKey> out = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(seriesRoot)) {
            for (Path p : ds) {
                SeriesKey k = keyOrNull(p.getFileName().toString());
                if (k != null) {
                    out.add(k);
                }
            }
        } catch (IOException e) {
            throw diskFailure("list the series", e);
        }
        return out;
    }

    private static SeriesKey keyOrNull(String name) {
        try {
            return SeriesKey.of(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- cohorts

    private CohortsSnapshot readCohorts() {
        try {
            Identity id = identityOf(cohortsFile);
            if (id == null) {
                return new CohortsSnapshot(null, new TreeMap<>(), Set.of());
            }
            CohortsSnapshot c = cohortsCache;
            if (c != null && id.equals(c.identity())) {
                return c;
            }
            SortedMap<CohortName, Cohort> map = CohortCodec.decode(Files.readAllBytes(cohortsFile));
            Set<SeriesKey> pinned = new HashSet<>();
            for (Cohort co : map.values()) {
                if (co.pinned()) {
                    pinned.addAll(co.series());
                }
            }
            c = new CohortsSnapshot(id, map, Set.copyOf(pinned));
            cohortsCache = c;
            return c;
        } catch (NoSuchFileException gone) {
            return new CohortsSnapshot(null, new TreeMap<>(), Set.of());
        } catch (ManifestFormatException bad) {
            throw new SeriesStoreException("the cohorts file " + cohortsFile + " is damaged (" + bad.getMessage()
                    + "); nothing is evicted until it is restored, or deleted to drop every cohort and pin", bad);
        } catch (IOException e) {
            throw diskFailure("read the cohorts file", e);
        }
    }

    /** Changes one cohort under the store lock and writes the file atomically. */
    private Cohort changeCohort(CohortName name, UnaryOperator<Cohort> change) {
        ensureOpen();
        try (LockFile.Lease lease = storeLock()) {
            SortedMap<CohortName, Cohort> map = new TreeMap<>(readCohorts().cohorts());
            Cohort updated = change.apply(map.get(name));
            if (updated == null) {
                map.remove(name);
            } else {
                map.put(name, updated);
            }
            Path tmp = root.resolve("cohorts." + FileOps.nonce() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(CohortCodec.encode(map));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, cohortsFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            FileOps.fsyncDirectory(root);
            return updated;
        } catch (IOException e) {
            throw diskFailure("write the cohorts file", e);
        }
    }

    private LockFile.Lease storeLock() throws IOException {
        try {
            LockFile.Lease lease = lockFile.lock(LockFile.STORE_REGION, settings.lockTimeout());
            if (lease == null) {
                throw new SeriesStoreException("the series store at " + root + " is locked by another store (an "
                        + "eviction or a cohort change) for longer than " + settings.lockTimeout());
            }
            return lease;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SeriesStoreException("interrupted while waiting for the lock of the series store at " + root);
        }
    }

    @Override
    public Cohort addToCohort(CohortName cohort, Collection<SeriesKey> series) {
        List<SeriesKey> add = List.copyOf(series);
        return changeCohort(cohort, old -> {
            TreeSet<SeriesKey> s = old == null ? new TreeSet<>() : new TreeSet<>(old.series());
            s.addAll(add);
            return new Cohort(cohort, s, old != null && old.pinned());
        });
    }

    @Override
    public Cohort removeFromCohort(CohortName cohort, Collection<SeriesKey> series) {
        List<SeriesKey> remove = List.copyOf(series);
        return changeCohort(cohort, old -> {
            TreeSet<SeriesKey> s = new TreeSet<>(existing(cohort, old).series());
            s.removeAll(remove);
            return new Cohort(cohort, s, old.pinned());
        });
    }

    @Override
    public boolean deleteCohort(CohortName cohort) {
        boolean[] existed = new boolean[1];
        changeCohort(cohort, old -> {
            existed[0] = old != null;
            return null;
        });
        return existed[0];
    }

    @Override
    public Cohort pin(CohortName cohort) {
        return changeCohort(cohort, old -> new Cohort(cohort, existing(cohort, old).series(), true));
    }

    @Override
    public Cohort unpin(CohortName cohort) {
        return changeCohort(cohort, old -> new Cohort(cohort, existing(cohort, old).series(), false));
    }

    private Cohort existing(CohortName name, Cohort c) {
        if (c == null) {
            throw new IllegalArgumentException("the series store at " + root + " has no cohort '" + name + "'");
        }
        return c;
    }

    @Override
    public Optional<Cohort> cohort(CohortName cohort) {
        ensureOpen();
        return Optional.ofNullable(readCohorts().cohorts().get(cohort));
    }

    @Override
    public List<Cohort> cohorts() {
        ensureOpen();
        return List.copyOf(readCohorts().cohorts().values());
    }

    // ---------------------------------------------------------------- eviction and clean-up

    @Override
    public EvictionResult evict() {
        ensureOpen();
        int forAge = 0;
        int forSize = 0;
        long freed = 0;
        int busy = 0;
        Set<SeriesKey> pinnedKept = new HashSet<>();
        try (LockFile.Lease lease = storeLock()) {
            Set<SeriesKey> pinned = readCohorts().pinned();
            List<Scanned> kept = new ArrayList<>();
            Instant now = settings.clock().instant();
            for (Scanned s : scan()) {
                if (!expired(s.entry().manifest(), now)) {
                    kept.add(s);
                } else if (pinned.contains(s.key())) {
                    pinnedKept.add(s.key());
                    kept.add(s);
                } else if (tryRemove(s)) {
                    forAge++;
                    freed += s.entry().manifest().totalBytes();
                } else {
                    busy++;
                    kept.add(s);
                }
            }
            long total = kept.stream().mapToLong(s -> s.entry().manifest().totalBytes()).sum();
            long max = settings.maxBytes().orElse(Long.MAX_VALUE);
            if (total > max) {
                long target = lowWatermark(max);
                kept.sort(Comparator.comparing(Scanned::lastUsed)
                        .thenComparing(s -> s.entry().manifest().created()).thenComparing(Scanned::key));
                List<Scanned> remaining = new ArrayList<>();
                for (Scanned s : kept) {
                    if (total <= target) {
                        remaining.add(s);
                    } else if (pinned.contains(s.key())) {
                        pinnedKept.add(s.key());
                        remaining.add(s);
                    } else if (tryRemove(s)) {
                        forSize++;
                        long b = s.entry().manifest().totalBytes();
                        freed += b;
                        total -= b;
                    } else {
                        busy++;
                        remaining.add(s);
                    }
                }
                kept = remaining;
            }
            seriesStored.set(kept.size());
            bytesStored.set(total);
            evictions.add(forAge + forSize);
            bytesEvicted.add(freed);
            if (forAge + forSize > 0) {
                LOG.info("series store {}: evicted {} series for age and {} for size ({} bytes); {} pinned kept, "
                        + "{} busy", root, forAge, forSize, freed, pinnedKept.size(), busy);
            }
            return new EvictionResult(forAge, forSize, freed, pinnedKept.size(), busy, total);
        } catch (IOException e) {
            throw diskFailure("evict", e);
        }
    }

    /**
     * What an eviction for size brings the store down to: 90 % of its limit, so that a store at its
     * limit is not scanned again at every commit.
     */
    static long lowWatermark(long maxBytes) {
        return maxBytes - maxBytes / 10;
    }

    /** Every committed, readable series; unreadable ones are handled as corrupt and left out. */
    private List<Scanned> scan() throws IOException {
        List<Scanned> out = new ArrayList<>();
        for (SeriesKey key : keys()) {
            Entry e;
            try {
                e = current(key);
            } catch (ManifestFormatException bad) {
                corruptManifest(key, bad);
                continue;
            }
            if (e == null) {
                continue;
            }
            FileTime used;
            try {
                used = Files.getLastModifiedTime(seriesDir(key));
            } catch (NoSuchFileException gone) {
                continue;
            }
            out.add(new Scanned(key, e, used));
        }
        return out;
    }

    /** Removes a scanned series if its lock is free and it is still the copy scanned. */
    private boolean tryRemove(Scanned s) throws IOException {
        LockFile.Lease lease = lockFile.tryLock(LockFile.regionOf(s.key().seriesInstanceUid()));
        if (lease == null) {
            return false;
        }
        try (lease) {
            if (!s.entry().identity().equals(identityOf(seriesDir(s.key()).resolve(MANIFEST)))) {
                return false;
            }
            removeLocked(s.key(), s.entry().manifest().totalBytes());
            return true;
        }
    }

    /**
     * Removes what crashed writers left: temporary series folders whose key is not locked (a live
     * writer holds its key's lock), trash, and temporary cohorts files (under the store lock).
     */
    private void removeLeftovers() {
        int removed = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tmpRoot)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                int dot = name.lastIndexOf('.');
                SeriesKey key = dot > 0 ? keyOrNull(name.substring(0, dot)) : null;
                if (key == null) {
                    continue; // not ours
                }
                LockFile.Lease lease = lockFile.tryLock(LockFile.regionOf(key.seriesInstanceUid()));
                if (lease == null) {
                    continue; // its writer is alive
                }
                try (lease) {
                    FileOps.deleteTree(p);
                    removed++;
                }
            }
            try (DirectoryStream<Path> trash = Files.newDirectoryStream(trashRoot)) {
                for (Path p : trash) {
                    FileOps.deleteTree(p);
                    removed++;
                }
            }
            try (LockFile.Lease lease = storeLock();
                    DirectoryStream<Path> tmpCohorts = Files.newDirectoryStream(root, "cohorts.*.tmp")) {
                for (Path p : tmpCohorts) {
                    Files.deleteIfExists(p);
                    removed++;
                }
            }
        } catch (IOException e) {
            throw diskFailure("remove what an interrupted writer left", e);
        }
        if (removed > 0) {
            LOG.info("series store {}: removed {} unfinished temporary entries", root, removed);
        }
    }

    // ---------------------------------------------------------------- statistics, close

    @Override
    public SeriesStoreStatistics statistics() {
        return new SeriesStoreStatistics(hits.sum(), misses.sum(), commits.sum(), evictions.sum(),
                bytesEvicted.sum(), corruptions.sum(), seriesStored.get(), bytesStored.get());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (DiskSeriesWriter w : List.copyOf(writers)) {
            w.close();
        }
        manifests.invalidateAll();
        try {
            lockFile.close();
        } catch (IOException e) {
            LOG.warn("series store {}: cannot close its lock file: {}", root, e.toString());
        }
    }

    static void closeQuietly(LockFile.Lease lease) {
        try {
            lease.close();
        } catch (IOException e) {
            LOG.warn("cannot release a series store lock: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "DiskSeriesStore[" + root + "]";
    }
}
