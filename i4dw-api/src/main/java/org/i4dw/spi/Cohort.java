/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A named set of series in a {@link SeriesStore}, as stored. The series of a pinned cohort are never
 * evicted, neither for size nor for age. A cohort may name series the store does not hold (yet).
 *
 * @param name the name
 * @param series its series, sorted (an immutable copy)
 * @param pinned whether its series are protected from eviction
 */
public record Cohort(CohortName name, SortedSet<SeriesKey> series, boolean pinned) {

    /** Copies the set. */
    public Cohort {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(series, "series");
        series = Collections.unmodifiableSortedSet(new TreeSet<>(series));
    }

    /**
     * Whether the cohort holds {@code key}.
     *
     * @param key the series
     * @return true if it is a member
     */
    public boolean contains(SeriesKey key) {
        return series.contains(key);
    }

    /**
     * A cohort with these members.
     *
     * @param name the name
     * @param series the members
     * @param pinned whether pinned
     * @return the cohort
     */
    public static Cohort of(CohortName name, Set<SeriesKey> series, boolean pinned) {
        return new Cohort(name, new TreeSet<>(series), pinned);
    }
}
