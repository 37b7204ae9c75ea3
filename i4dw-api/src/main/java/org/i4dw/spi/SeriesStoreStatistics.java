/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

/**
 * Counters of one open {@link SeriesStore} (since it was opened), and the size of the store as a
 * whole (every process's series).
 *
 * @param hits lookups that found the series
 * @param misses lookups that did not (including series too old, or found corrupt)
 * @param commits series committed through this store
 * @param evictions series this store removed by eviction
 * @param bytesEvicted the bytes of those series
 * @param corruptionsDetected series this store found corrupt on read or verification
 * @param seriesStored series in the store, as of its last scan plus this store's own changes since
 * @param bytesStored their total size in bytes, on the same terms
 */
public record SeriesStoreStatistics(long hits, long misses, long commits, long evictions, long bytesEvicted,
        long corruptionsDetected, long seriesStored, long bytesStored) {

    /**
     * The share of lookups that hit.
     *
     * @return hits over lookups, or 0 when there was none
     */
    public double hitRate() {
        long lookups = hits + misses;
        return lookups == 0 ? 0 : (double) hits / lookups;
    }
}
