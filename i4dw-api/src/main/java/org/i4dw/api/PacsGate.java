/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What stands between the batch engine and one PACS: a ceiling on operations at once that backs
 * off when the PACS slows down or rejects associations and recovers slowly, a requests-per-second
 * ceiling, retries with exponential backoff and jitter for transient failures only, and the
 * statistics of it all. Thread-safe.
 *
 * <p>A PACS that rejects associations (transient rejection) teaches the gate its limit: the
 * ceiling comes down to the number of our operations still at work when it rejected, and is
 * raised above that only by rare probes (see {@link #learnLimit()}), so that rejections, and the
 * retries they cost, stay few after the first ones.
 *
 * <p>Transient: timeouts, rejected or aborted associations, a PACS that cannot be reached or
 * breaks the connection, the "refused: out of resources" statuses (A7xxH), and HTTP 429, 502, 503
 * and 504 from a DICOMweb server (after the transport's own Retry-After retries). Permanent: every
 * other failure status, configuration errors, bad input. Only transient failures are retried.
 */
final class PacsGate {

    private static final Logger LOG = LoggerFactory.getLogger(PacsBridge.class);

    /** Healthy operations needed, per allowed operation, before the ceiling goes up by one. */
    private static final int RECOVERY_PER_STEP = 8;

    /** The least time between two back-offs, so one burst of slow answers halves the ceiling once. */
    private static final long BACKOFF_SPACING_NANOS = 1_000_000_000L;

    /** An operation slower than this many times the healthy average counts as a sign of overload. */
    private static final double SLOW_FACTOR = 4.0;

    /**
     * How many times more healthy operations a step above the learned association limit needs
     * than an ordinary step of recovery, at first; doubled each time such a probe is rejected.
     */
    private static final int PROBE_FACTOR = 8;

    /** The most the probe factor grows to. */
    private static final int MAX_PROBE_FACTOR = 1024;

    private final String ae;
    private final int max;
    private final boolean adaptive;
    private final Duration slowThreshold;
    private final int retries;
    private final Duration backoff;
    private final double requestsPerSecond;

    private int limit;
    private int inUse;
    private int healthyStreak;
    private long lastBackoff;
    private double baselineNanos;
    private int lowest;
    private int learned;
    private int probeFactor = PROBE_FACTOR;

    private long nextPermitNanos;
    private long throttledNanos;

    private long operations;
    private long retried;
    private long rejections;
    private long timeouts;
    private long failures;
    private final LatencyHistogram latencies = new LatencyHistogram();

    PacsGate(String ae, int max, boolean adaptive, Duration slowThreshold, int retries, Duration backoff,
            double requestsPerSecond) {
        this.ae = ae;
        this.max = max;
        this.adaptive = adaptive;
        this.slowThreshold = slowThreshold;
        this.retries = retries;
        this.backoff = backoff;
        this.requestsPerSecond = requestsPerSecond;
        this.limit = max;
        this.lowest = max;
    }

    /** Thrown when the waiting thread was interrupted or the batch cancelled. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("stopped", null, false, false);
        }
    }

    /**
     * Runs one operation under the gate, retrying transient failures.
     *
     * @param operation the query or retrieval
     * @param cancelled tells whether the batch was cancelled
     * @return its result
     * @throws I4dwException the last failure when every attempt failed or the failure is permanent
     * @throws Stopped when interrupted or cancelled while waiting
     */
    <T> T call(Supplier<T> operation, Supplier<Boolean> cancelled) {
        for (int attempt = 0; ; attempt++) {
            acquire(cancelled);
            long t0 = System.nanoTime();
            RuntimeException failure = null;
            T result = null;
            try {
                result = operation.get();
            } catch (RuntimeException e) {
                failure = e;
            }
            long nanos = System.nanoTime() - t0;
            boolean transientFailure = failure instanceof I4dwException && isTransient((I4dwException) failure);
            release(nanos, failure);
            if (failure == null) {
                return result;
            }
            if (!transientFailure || attempt >= retries || cancelled.get()) {
                synchronized (this) {
                    failures++;
                }
                throw failure;
            }
            synchronized (this) {
                retried++;
            }
            long base = backoff.toNanos() << Math.min(attempt, 16);
            long sleep = (long) (Math.min(base, Duration.ofSeconds(30).toNanos())
                    * (0.5 + ThreadLocalRandom.current().nextDouble()));
            LOG.info("{}: transient failure ({}), attempt {} of {}, retrying in {} ms", ae,
                    failure.getClass().getSimpleName(), attempt + 1, retries + 1, sleep / 1_000_000);
            sleep(sleep, cancelled);
        }
    }

    static boolean isTransient(I4dwException e) {
        if (e instanceof HttpStatusException) {
            int http = ((HttpStatusException) e).httpStatus();
            return http == 429 || http == 502 || http == 503 || http == 504;
        }
        if (e instanceof DicomStatusException) {
            return (((DicomStatusException) e).status() & 0xFF00) == 0xA700;
        }
        if (e instanceof AssociationRejectedException) {
            return ((AssociationRejectedException) e).isTransient() || ((AssociationRejectedException) e).result() == 1
                    && ((AssociationRejectedException) e).source() == 3;
        }
        return e instanceof DicomNetworkException;
    }

    private void acquire(Supplier<Boolean> cancelled) {
        if (cancelled.get()) {
            throw new Stopped(); // a cancelled batch sends nothing more
        }
        synchronized (this) {
            while (inUse >= limit) {
                if (cancelled.get()) {
                    throw new Stopped();
                }
                try {
                    wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Stopped();
                }
            }
            inUse++;
        }
        if (requestsPerSecond > 0) {
            long wait;
            synchronized (this) {
                long now = System.nanoTime();
                long interval = (long) (1e9 / requestsPerSecond);
                long at = Math.max(now, nextPermitNanos);
                nextPermitNanos = at + interval;
                wait = at - now;
                throttledNanos += wait;
            }
            if (wait > 0) {
                try {
                    sleep(wait, cancelled);
                } catch (Stopped s) {
                    synchronized (this) {
                        inUse--;
                        notifyAll();
                    }
                    throw s;
                }
            }
        }
    }

    private synchronized void release(long nanos, RuntimeException failure) {
        inUse--;
        operations++;
        latencies.add(nanos);
        boolean overload = false;
        if (failure instanceof AssociationRejectedException) {
            rejections++;
            if (adaptive && isTransient((AssociationRejectedException) failure)) {
                learnLimit();
            } else {
                overload = true;
            }
        } else if (failure instanceof DicomTimeoutException) {
            timeouts++;
            overload = true;
        } else if (failure == null) {
            boolean slow = nanos > slowThreshold.toNanos()
                    || (baselineNanos > 0 && nanos > SLOW_FACTOR * baselineNanos && nanos > 50_000_000L);
            if (slow) {
                overload = true;
            } else {
                baselineNanos = baselineNanos == 0 ? nanos : 0.9 * baselineNanos + 0.1 * nanos;
            }
        }
        if (adaptive) {
            long now = System.nanoTime();
            if (overload) {
                healthyStreak = 0;
                if (now - lastBackoff > BACKOFF_SPACING_NANOS && limit > 1) {
                    limit = Math.max(1, limit / 2);
                    lowest = Math.min(lowest, limit);
                    lastBackoff = now;
                    LOG.info("{} is under strain: at most {} operations at once", ae, limit);
                }
            } else if (failure == null && limit < max && ++healthyStreak >= RECOVERY_PER_STEP * limit
                    * (learned > 0 && limit >= learned ? probeFactor : 1)) {
                healthyStreak = 0;
                if (learned > 0 && limit > learned) {
                    learned = limit; // the probe held: the PACS takes this many
                }
                limit++;
                if (learned > 0 && limit > learned) {
                    LOG.info("{} has been healthy at {} operations at once: trying {}", ae, learned, limit);
                } else {
                    LOG.info("{} is healthy again: at most {} operations at once", ae, limit);
                }
            }
        }
        notifyAll();
    }

    /**
     * A transient association rejection: the PACS holds no more associations than ours still at
     * work (each was accepted), so the ceiling comes down to that many (at least 1) at once, and
     * stays there: recovery above it, a probe, needs {@link #PROBE_FACTOR} times more healthy
     * operations than an ordinary step, and a rejected probe doubles that factor. Holds the lock.
     */
    private void learnLimit() {
        int accepted = Math.max(1, inUse);
        if (learned > 0 && limit > learned) {
            probeFactor = Math.min(MAX_PROBE_FACTOR, probeFactor * 2);
        }
        int before = learned;
        learned = learned == 0 ? accepted : Math.min(learned, accepted);
        limit = Math.min(limit, learned);
        lowest = Math.min(lowest, limit);
        healthyStreak = 0;
        if (learned != before) {
            LOG.info("{} rejected an association with {} other operations of ours at work: at most {} at once "
                    + "from now on", ae, inUse, learned);
        }
    }

    private static void sleep(long nanos, Supplier<Boolean> cancelled) {
        long end = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = end - System.nanoTime()) {
            if (cancelled.get()) {
                throw new Stopped();
            }
            try {
                Thread.sleep(Math.min(200, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Stopped();
            }
        }
    }

    /** The current ceiling on operations at once. */
    synchronized int limit() {
        return limit;
    }

    synchronized PacsStatistics statistics() {
        return new PacsStatistics(ae, operations, retried, rejections, timeouts, failures,
                latencies.percentile(0.5) / 1e6, latencies.percentile(0.95) / 1e6, lowest, limit,
                throttledNanos / 1_000_000, learned);
    }

    /** Latencies in logarithmic buckets (about 4% wide), from 1 µs to about 20 minutes. */
    static final class LatencyHistogram {
        private static final double GROWTH = 1.04;
        private static final int BUCKETS = 530;
        private final long[] counts = new long[BUCKETS];
        private long total;

        void add(long nanos) {
            double micros = Math.max(1, nanos / 1000.0);
            int b = (int) Math.min(BUCKETS - 1, Math.floor(Math.log(micros) / Math.log(GROWTH)));
            counts[b]++;
            total++;
        }

        double percentile(double p) {
            if (total == 0) {
                return 0;
            }
            long rank = (long) Math.ceil(p * total);
            long seen = 0;
            for (int b = 0; b < BUCKETS; b++) {
                seen += counts[b];
                if (seen >= rank) {
                    return Math.pow(GROWTH, b + 0.5) * 1000;
                }
            }
            return Math.pow(GROWTH, BUCKETS) * 1000;
        }
    }
}
