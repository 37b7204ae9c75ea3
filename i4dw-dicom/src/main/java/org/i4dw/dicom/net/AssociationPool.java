/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.i4dw.api.AeTitle;
import org.i4dw.api.AssociationRejectedException;
import org.i4dw.api.DicomNetworkException;
import org.i4dw.api.DicomStatusException;
import org.i4dw.api.DicomTimeoutException;
import org.i4dw.api.PacsAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The associations with one PACS, kept per {@link AssociationProfile} and reused across
 * operations. At most {@code max} associations are open at once, in use or idle, whatever their
 * profile: this is the PACS-protection limit. A borrower waits for a free one up to the borrow
 * timeout; an idle association of another profile is released to make room.
 *
 * <p>When the PACS rejects a new association (its own limit may be below ours), the idle
 * association unused the longest is released, so that a later attempt finds room: an idle
 * association would otherwise hold one of the PACS's slots, until the idle timeout, while an
 * operation of another profile is rejected again and again. A transient rejection also teaches
 * the pool a cap: the associations of ours open when it came (at least one). For
 * {@link #CAP_HOLD} after the last such rejection the pool keeps no more than that open, in use
 * or idle: an operation of another profile then releases an idle association before it opens its
 * own instead of being rejected. After that time the cap is lifted, so a PACS whose other clients
 * have gone is used fully again (at the cost of one rejection if it has not).
 *
 * <p>An association given back for release (a cancelled C-GET's, say) is released on a
 * background thread: the operation returns without waiting for the PACS's A-RELEASE-RP and close,
 * and the association counts as open until they came.
 *
 * <p>Idle associations are released after {@link NetworkOptions#idleTimeout()}, by a daemon
 * thread and when met at borrow. {@link #execute} runs one operation: an association the peer
 * closed while it sat idle is replaced once, and the operation retried once, if the operation
 * says it is still safe to retry.
 */
final class AssociationPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AssociationPool.class);

    private final PacsAddress pacs;
    private final AeTitle calling;
    private final NetworkOptions options;
    private final int max;
    private final Duration borrowTimeout;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<AssociationProfile, Deque<Association>> idle = new HashMap<>();
    private final Map<AssociationProfile, AssociatePdu> requests = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<AssociationProfile, byte[]> requestBytes = new java.util.concurrent.ConcurrentHashMap<>();
    private final ScheduledExecutorService reaper;
    /** Releases the associations given back for release, off the operations' threads. */
    private final java.util.concurrent.ExecutorService releaser;
    /** Associations open or being opened: in use plus idle. */
    private int open;
    private int idleCount;
    private int peakOpen;
    private final java.util.concurrent.atomic.AtomicLong opened = new java.util.concurrent.atomic.AtomicLong();
    private boolean closed;
    /** The associations the PACS took at most when it last rejected one transiently; 0: none learned. */
    private int cap;
    /** When {@link #cap} lapses, in {@link System#nanoTime()}. */
    private long capUntil;

    /** How long a cap learned from a transient rejection holds after the last such rejection. */
    static final Duration CAP_HOLD = Duration.ofSeconds(60);

    /** An association lent to one operation; {@code reused} when it served an earlier one. */
    record Lease(Association association, AssociationProfile profile, boolean reused) {
    }

    /** What an operation tells the pool about retrying it. */
    static final class Attempt {
        private boolean retryable = true;

        /** From now on a failure must not be retried (a result was handed to the caller, for example). */
        void noRetry() {
            retryable = false;
        }

        boolean retryable() {
            return retryable;
        }

        private boolean release;

        /**
         * Release the association when the operation ends instead of keeping it for the next one:
         * for states some PACS do not recover from on the same association (dcmtk's dcmqrscp keeps
         * its index locked after a cancelled C-GET until the association ends).
         */
        void releaseAfter() {
            release = true;
        }

        boolean releasing() {
            return release;
        }
    }

    /** One DIMSE operation on a lent association. */
    interface Operation<T> {
        T run(Association association, Attempt attempt);
    }

    AssociationPool(PacsAddress pacs, AeTitle calling, NetworkOptions options, int max, Duration borrowTimeout) {
        this.pacs = Objects.requireNonNull(pacs, "pacs");
        this.calling = Objects.requireNonNull(calling, "calling");
        this.options = Objects.requireNonNull(options, "options");
        this.borrowTimeout = Objects.requireNonNull(borrowTimeout, "borrowTimeout");
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        this.max = max;
        long period = Math.max(50, Math.min(options.idleTimeout().toMillis() / 4, 5_000));
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "i4dw-pool-" + pacs.aeTitle());
            t.setDaemon(true);
            return t;
        });
        reaper.scheduleWithFixedDelay(this::releaseExpired, period, period, TimeUnit.MILLISECONDS);
        this.releaser = new java.util.concurrent.ThreadPoolExecutor(0, max, 5, TimeUnit.SECONDS,
                new java.util.concurrent.SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "i4dw-release-" + pacs.aeTitle());
                    t.setDaemon(true);
                    return t;
                }, new java.util.concurrent.ThreadPoolExecutor.AbortPolicy());
    }

    PacsAddress pacs() {
        return pacs;
    }

    NetworkOptions options() {
        return options;
    }

    /**
     * Runs {@code op} on a pooled association of {@code profile} and returns the association to
     * the pool if it is still healthy. On a network failure of a reused association, while
     * {@link Attempt#retryable()}, opens a new association once and runs {@code op} again.
     */
    <T> T execute(AssociationProfile profile, Operation<T> op) {
        Lease lease = borrow(profile, false);
        Attempt attempt = new Attempt();
        try {
            return runOn(lease, op, attempt);
        } catch (DicomNetworkException e) {
            if (!lease.reused() || !attempt.retryable() || !stale(e)) {
                throw e;
            }
            LOG.debug("pooled association with {} failed ({}); retrying once on a new association", pacs,
                    e.getClass().getSimpleName());
            Lease fresh = borrow(profile, true);
            try {
                return runOn(fresh, op, new Attempt());
            } catch (RuntimeException again) {
                again.addSuppressed(e);
                throw again;
            }
        }
    }

    private <T> T runOn(Lease lease, Operation<T> op, Attempt attempt) {
        boolean healthy = false;
        try {
            T result = op.run(lease.association(), attempt);
            healthy = true;
            return result;
        } catch (DicomStatusException e) {
            healthy = true; // a failure status ends the operation; the association is fine
            throw e;
        } finally {
            giveBack(lease, healthy, !attempt.releasing());
        }
    }

    /** Failures that an association closed while idle produces; timeouts and rejections are not. */
    private static boolean stale(DicomNetworkException e) {
        return !(e instanceof DicomTimeoutException) && !(e instanceof AssociationRejectedException)
                && !(e instanceof DicomStatusException);
    }

    /**
     * Lends an association of {@code profile}: an idle one unless {@code fresh}, otherwise a new
     * one, waiting up to the borrow timeout while {@code max} are open.
     *
     * @throws DicomTimeoutException if none becomes free in time
     */
    Lease borrow(AssociationProfile profile, boolean fresh) {
        List<Association> toRelease = new ArrayList<>();
        Lease lease = null;
        long deadline = System.nanoTime() + borrowTimeout.toNanos();
        lock.lock();
        try {
            while (true) {
                requireNotClosed();
                Deque<Association> mine = idle.get(profile);
                while (!fresh && mine != null && !mine.isEmpty()) {
                    Association a = mine.pollFirst();
                    idleCount--;
                    if (usable(a)) {
                        lease = new Lease(a, profile, true);
                        break;
                    }
                    open--;
                    toRelease.add(a);
                }
                if (lease != null) {
                    break;
                }
                if (open < ceiling()) {
                    open++;
                    peakOpen = Math.max(peakOpen, open);
                    break;
                }
                Association victim = oldestIdle();
                if (victim != null) {
                    toRelease.add(victim); // its slot goes to the new association
                    break;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new DicomTimeoutException("all " + max + " associations with " + pacs
                            + " stayed in use for the borrow timeout of " + borrowTimeout.toMillis() + " ms");
                }
                try {
                    changed.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DicomNetworkException("interrupted while waiting for a free association with " + pacs, e);
                }
            }
        } finally {
            lock.unlock();
            for (Association a : toRelease) {
                a.release();
            }
        }
        if (lease != null) {
            return lease;
        }
        try {
            Association a = Association.open(pacs, request(profile), requestBytes.get(profile), options);
            opened.incrementAndGet();
            LOG.debug("opened a {} association {} -> {}", profile.name(), calling, pacs);
            return new Lease(a, profile, false);
        } catch (RuntimeException e) {
            Association victim = null;
            lock.lock();
            try {
                open--;
                if (e instanceof AssociationRejectedException) {
                    if (((AssociationRejectedException) e).isTransient()) {
                        learnCap();
                    }
                    // the PACS's own limit may be below ours, with an idle association of ours
                    // holding one of its slots: give the one unused the longest back, so that a
                    // retry finds room
                    victim = oldestIdle();
                    if (victim != null) {
                        open--;
                    }
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            if (victim != null) {
                LOG.info("{} rejected an association while one of ours was idle: releasing it", pacs);
                victim.release();
            }
            throw e;
        }
    }

    /**
     * The A-ASSOCIATE-RQ of a profile, built and encoded once per pool (a C-GET profile proposes
     * 128 contexts and their role selections).
     */
    private AssociatePdu request(AssociationProfile profile) {
        return requests.computeIfAbsent(profile, p -> {
            AssociatePdu rq = Association.request(pacs, calling, p.contexts(), p.roles(), options);
            requestBytes.put(p, rq.encode(Association.A_ASSOCIATE_RQ));
            return rq;
        });
    }

    /**
     * The most associations this pool opens now: {@code max}, or the cap a transient rejection
     * taught while it holds. Holds the lock.
     */
    private int ceiling() {
        if (cap > 0 && System.nanoTime() - capUntil >= 0) {
            LOG.info("no association with {} rejected for {} s: up to {} open at once again", pacs,
                    CAP_HOLD.toSeconds(), max);
            cap = 0;
        }
        return cap > 0 ? Math.min(cap, max) : max;
    }

    /**
     * A transient rejection: the PACS took the associations of ours open now and no more, so the
     * pool keeps at most that many (at least one) for {@link #CAP_HOLD}. Holds the lock.
     */
    private void learnCap() {
        int took = Math.max(1, open);
        if (cap == 0 || took < cap) {
            LOG.info("{} rejected an association with {} of ours open: keeping at most {} open for {} s", pacs,
                    open, took, CAP_HOLD.toSeconds());
            cap = took;
        }
        capUntil = System.nanoTime() + CAP_HOLD.toNanos();
    }

    /** The cap a transient rejection taught, while it holds; 0 when none does. */
    int learnedCap() {
        lock.lock();
        try {
            ceiling(); // lifts a cap that has lapsed
            return cap;
        } finally {
            lock.unlock();
        }
    }

    /** Removes the idle association unused the longest, or returns null. Holds the lock. */
    private Association oldestIdle() {
        Deque<Association> from = null;
        for (Deque<Association> d : idle.values()) {
            if (!d.isEmpty() && (from == null || d.peekLast().lastUsed() < from.peekLast().lastUsed())) {
                from = d;
            }
        }
        if (from == null) {
            return null;
        }
        idleCount--;
        return from.pollLast();
    }

    private boolean usable(Association a) {
        return a.isOpen() && System.nanoTime() - a.lastUsed() < options.idleTimeout().toNanos();
    }

    /**
     * Takes back a lent association: kept for reuse when {@code healthy} and open, otherwise
     * aborted (or released, when healthy but the pool is closed).
     */
    void giveBack(Lease lease, boolean healthy) {
        giveBack(lease, healthy, true);
    }

    /**
     * Returns a lent association: kept for reuse if healthy and {@code reusable}; else, if
     * healthy, released in the background (the operation's caller does not wait for the
     * A-RELEASE-RP and the PACS's close, but the association counts as open until they came, so
     * the limits still hold); else aborted.
     */
    void giveBack(Lease lease, boolean healthy, boolean reusable) {
        Association a = lease.association();
        boolean keep;
        boolean politely;
        lock.lock();
        try {
            keep = healthy && reusable && !closed && a.isOpen() && open <= ceiling();
            politely = healthy && a.isOpen();
            if (keep) {
                idle.computeIfAbsent(lease.profile(), p -> new ArrayDeque<>()).addFirst(a);
                idleCount++;
            } else if (!politely) {
                open--;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (!keep && politely) {
            releaseInBackground(a);
        } else if (!keep) {
            a.abort();
        }
    }

    /** Releases {@code a} on a releaser thread (at once if none can take it), then frees its place. */
    private void releaseInBackground(Association a) {
        Runnable release = () -> {
            try {
                a.release();
            } finally {
                lock.lock();
                try {
                    open--;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        };
        try {
            releaser.execute(release);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            release.run();
        }
    }

    /** Releases idle associations unused for longer than the idle timeout. */
    void releaseExpired() {
        List<Association> expired = new ArrayList<>();
        lock.lock();
        try {
            for (Deque<Association> d : idle.values()) {
                for (Iterator<Association> it = d.iterator(); it.hasNext();) {
                    Association a = it.next();
                    if (!usable(a)) {
                        it.remove();
                        idleCount--;
                        open--;
                        expired.add(a);
                    }
                }
            }
            if (!expired.isEmpty()) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        for (Association a : expired) {
            LOG.debug("releasing an idle association with {}", pacs);
            a.release();
        }
    }

    /** Associations open now, in use or idle. */
    int openCount() {
        lock.lock();
        try {
            return open;
        } finally {
            lock.unlock();
        }
    }

    /** Idle associations now. */
    int idleCount() {
        lock.lock();
        try {
            return idleCount;
        } finally {
            lock.unlock();
        }
    }

    /** Associations this pool has opened so far. */
    long openedCount() {
        return opened.get();
    }

    /** The most associations open at once so far. */
    int peakOpen() {
        lock.lock();
        try {
            return peakOpen;
        } finally {
            lock.unlock();
        }
    }

    private void requireNotClosed() {
        if (closed) {
            throw new DicomNetworkException("the association pool for " + pacs + " is closed");
        }
    }

    /** Releases every idle association; associations in use are aborted when given back. */
    @Override
    public void close() {
        List<Association> all = new ArrayList<>();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            for (Deque<Association> d : idle.values()) {
                all.addAll(d);
                open -= d.size();
                d.clear();
            }
            idleCount = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        reaper.shutdownNow();
        for (Association a : all) {
            a.release();
        }
        // releases still under way end within the ARTIM timeout (then they abort)
        releaser.shutdown();
        try {
            if (!releaser.awaitTermination(options.artimTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS)) {
                LOG.info("releases of associations with {} still under way at close", pacs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
