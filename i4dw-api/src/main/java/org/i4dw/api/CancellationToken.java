/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

/**
 * Cancels a running batch from another thread: no accession number starts after
 * {@link #cancel()}, waits (back-off, rate limits) end at once, and operations already sent to
 * the PACS finish. Every accession number still gets its outcome: those not started are
 * {@link AccessionOutcome.Status#CANCELLED}. Thread-safe; one token per batch.
 */
public final class CancellationToken {

    private volatile boolean cancelled;

    /** A token not yet cancelled. */
    public CancellationToken() {
    }

    /** Cancels the batch; calling it again does nothing. */
    public void cancel() {
        cancelled = true;
    }

    /**
     * Whether {@link #cancel()} was called.
     *
     * @return true once cancelled
     */
    public boolean isCancelled() {
        return cancelled;
    }
}
