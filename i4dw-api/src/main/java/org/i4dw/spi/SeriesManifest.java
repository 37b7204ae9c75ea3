/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a store holds of one series: every instance with its size and SHA-256, in the order they
 * were written, and when the series was committed. Immutable.
 *
 * @param key the series
 * @param instances its instances, in the order written (an immutable copy; SOP Instance UIDs unique)
 * @param created when the series was committed (its age for eviction counts from here)
 */
public record SeriesManifest(SeriesKey key, List<CachedInstance> instances, Instant created) {

    /**
     * Copies the list and checks that no SOP Instance UID appears twice.
     *
     * @throws IllegalArgumentException if an instance UID appears twice
     */
    public SeriesManifest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(created, "created");
        instances = List.copyOf(instances);
        Set<String> seen = new HashSet<>();
        for (CachedInstance i : instances) {
            if (!seen.add(i.sopInstanceUid())) {
                throw new IllegalArgumentException("series " + key + " lists instance " + i.sopInstanceUid()
                        + " twice");
            }
        }
    }

    /**
     * The sum of the instances' sizes.
     *
     * @return the series' size in bytes
     */
    public long totalBytes() {
        long total = 0;
        for (CachedInstance i : instances) {
            total += i.size();
        }
        return total;
    }

    /**
     * The instance with this SOP Instance UID.
     *
     * @param sopInstanceUid the de-identified UID
     * @return the instance, or empty if the series has none with that UID
     */
    public Optional<CachedInstance> instance(String sopInstanceUid) {
        for (CachedInstance i : instances) {
            if (i.sopInstanceUid().equals(sopInstanceUid)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
