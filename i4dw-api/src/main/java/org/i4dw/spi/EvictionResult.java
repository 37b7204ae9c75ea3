/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

/**
 * What one eviction pass of a {@link SeriesStore} did.
 *
 * @param evictedForAge series removed because they were older than the maximum age
 * @param evictedForSize series removed, least recently used first, to bring a store that was over
 *     its size limit down to 90 % of it
 * @param bytesFreed the bytes of every removed series
 * @param pinnedKept series that would have been removed but belong to a pinned cohort
 * @param busySkipped series that would have been removed but were being written at that moment
 * @param bytesStored the store's size after the pass
 */
public record EvictionResult(int evictedForAge, int evictedForSize, long bytesFreed, int pinnedKept,
        int busySkipped, long bytesStored) {

    /**
     * Every series removed.
     *
     * @return {@code evictedForAge + evictedForSize}
     */
    public int evicted() {
        return evictedForAge + evictedForSize;
    }
}
