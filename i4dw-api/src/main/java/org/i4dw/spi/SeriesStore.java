/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * A store of whole de-identified series on local disk, for {@link org.i4dw.api.Mode#CACHING}: a
 * series found here is served without any traffic to the PACS. Opened by a
 * {@link SeriesStoreProvider}; thread-safe; several stores (in one JVM or in several processes) may
 * share one location.
 *
 * <p>Guarantees: a series is visible whole or not at all (a crash while writing leaves nothing
 * visible); every read is checked against the SHA-256 of the manifest, and a series found corrupt
 * is invalidated so that the caller fetches it again; the series of a pinned {@link Cohort} are
 * never evicted.
 *
 * <p>How the batch engine uses it, per series (the key is the de-identified Series Instance UID):
 * <pre>{@code
 * Optional<CachedSeries> hit = store.lookup(key);
 * if (hit.isPresent()) {
 *     try {
 *         ... read hit.get().readInstance(uid) for each instance of hit.get().manifest() ...
 *         return;                                   // nothing sent to the PACS
 *     } catch (CorruptSeriesException | SeriesEvictedException e) {
 *         // the entry is gone; fall through and fetch it again
 *     }
 * }
 * try (SeriesWriter w = store.begin(key)) {        // waits while another writer holds the key
 *     if (store.contains(key)) { ... another bridge committed it meanwhile: w.abort(), look up again ... }
 *     ... for each instance as it arrives: w.add(sopUid, transferSyntax, deidentifiedPart10) ...
 *     w.commit();                                    // or let close() abort on failure
 * }
 * }</pre>
 */
public interface SeriesStore extends AutoCloseable {

    /**
     * The settings the store was opened with.
     *
     * @return the settings
     */
    SeriesStoreSettings settings();

    /**
     * Finds a committed series. Counts a hit or a miss. A series older than the maximum age that no
     * pinned cohort holds is a miss. Reads only the local disk (and memory).
     *
     * @param key the series
     * @return the series, or empty
     * @throws SeriesStoreException if the disk fails
     */
    Optional<CachedSeries> lookup(SeriesKey key);

    /**
     * Whether a committed series is stored under {@code key}, without counting a hit or miss and
     * without reading its instances.
     *
     * @param key the series
     * @return true if it is stored (age not considered)
     */
    boolean contains(SeriesKey key);

    /**
     * Starts writing a series, taking the key's lock (exclusive across every store and process
     * using this location); waits up to {@link SeriesStoreSettings#lockTimeout()} if another
     * writer holds it.
     *
     * @param key the series
     * @return the writer; the caller commits or aborts it
     * @throws SeriesStoreException if the lock cannot be had in time or the disk fails
     * @throws IllegalStateException if the store is closed
     */
    SeriesWriter begin(SeriesKey key);

    /**
     * Reads every instance of a series and checks its size and SHA-256 against the manifest. A
     * corrupt series is invalidated.
     *
     * @param key the series
     * @return the verdict, with what is wrong
     * @throws SeriesStoreException if the disk fails
     */
    SeriesVerification verify(SeriesKey key);

    /**
     * Removes a series (pinned or not), e.g. because the caller knows it is stale.
     *
     * @param key the series
     * @return true if a series was removed
     * @throws SeriesStoreException if the lock cannot be had in time or the disk fails
     */
    boolean invalidate(SeriesKey key);

    /**
     * Every committed series.
     *
     * @return their keys, sorted
     * @throws SeriesStoreException if the disk fails
     */
    SortedSet<SeriesKey> keys();

    /**
     * Adds series to a cohort, creating it (unpinned) if it does not exist. Stored durably before
     * this returns.
     *
     * @param cohort the cohort
     * @param series the series to add (they need not be stored)
     * @return the cohort as stored
     * @throws SeriesStoreException if the lock cannot be had in time or the disk fails
     */
    Cohort addToCohort(CohortName cohort, Collection<SeriesKey> series);

    /**
     * Removes series from a cohort (the series themselves stay in the store).
     *
     * @param cohort the cohort
     * @param series the series to remove
     * @return the cohort as stored
     * @throws IllegalArgumentException if there is no such cohort
     * @throws SeriesStoreException if the lock cannot be had in time or the disk fails
     */
    Cohort removeFromCohort(CohortName cohort, Collection<SeriesKey> series);

    /**
     * Deletes a cohort (its series stay in the store, no longer protected by it).
     *
     * @param cohort the cohort
     * @return true if it existed
     * @throws SeriesStoreException if the lock cannot be had in time or the disk fails
     */
    boolean deleteCohort(CohortName cohort);

    /**
     * Pins a cohort: its series are never evicted (neither for size nor for age) while it is pinned.
     *
     * @param cohort the cohort
     * @return the cohort as stored
     * @throws IllegalArgumentException if there is no such cohort
     * @throws SeriesStoreException if the lock cannot be had in time or the disk fails
     */
    Cohort pin(CohortName cohort);

    /**
     * Unpins a cohort: its series are evicted like any other.
     *
     * @param cohort the cohort
     * @return the cohort as stored
     * @throws IllegalArgumentException if there is no such cohort
     * @throws SeriesStoreException if the lock cannot be had in time or the disk fails
     */
    Cohort unpin(CohortName cohort);

    /**
     * One cohort as stored.
     *
     * @param cohort the name
     * @return the cohort, or empty
     * @throws SeriesStoreException if the disk fails
     */
    Optional<Cohort> cohort(CohortName cohort);

    /**
     * Every cohort as stored, by name.
     *
     * @return the cohorts
     * @throws SeriesStoreException if the disk fails
     */
    List<Cohort> cohorts();

    /**
     * Runs an eviction pass now: removes unpinned series older than the maximum age, then, if the
     * store is over its size limit, the least recently used unpinned series until it is at or
     * under 90 % of the limit (so that a full store is not scanned at every commit). A commit that
     * takes the store over its limit runs one by itself, and so does opening the store; a failure of
     * such a pass is logged, not thrown.
     *
     * @return what was removed
     * @throws SeriesStoreException if the disk fails, the store lock cannot be had in time, or the
     *     cohorts cannot be read (pins unknown: nothing is evicted)
     */
    EvictionResult evict();

    /**
     * The counters of this store and the size of the whole store.
     *
     * @return a snapshot
     */
    SeriesStoreStatistics statistics();

    /**
     * Closes the store: open writers are aborted, locks released. Idempotent.
     */
    @Override
    void close();
}
