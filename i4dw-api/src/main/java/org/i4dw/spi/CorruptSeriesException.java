/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * A cached series failed its integrity check while it was read: the bytes on disk are not what was
 * committed. By the time this is thrown the store has invalidated the entry (a later
 * {@link SeriesStore#lookup} misses), so the caller re-fetches the series from the PACS. The
 * fault is the local disk's.
 */
public class CorruptSeriesException extends SeriesStoreException {

    private static final long serialVersionUID = 1L;

    private final SeriesKey key;
    private final String sopInstanceUid;
    private final IntegrityProblem problem;

    /**
     * With the series, the instance and what is wrong.
     *
     * @param key the series
     * @param sopInstanceUid the de-identified instance, or null when the manifest is at fault
     * @param problem what is wrong
     */
    public CorruptSeriesException(SeriesKey key, String sopInstanceUid, IntegrityProblem problem) {
        super("cached series " + Objects.requireNonNull(key, "key") + " is corrupt: "
                + Objects.requireNonNull(problem, "problem")
                + (sopInstanceUid == null ? "" : " in instance " + sopInstanceUid)
                + "; the entry was invalidated, fetch the series again");
        this.key = key;
        this.sopInstanceUid = sopInstanceUid;
        this.problem = problem;
    }

    /**
     * The corrupt series.
     *
     * @return its key
     */
    public SeriesKey key() {
        return key;
    }

    /**
     * The instance at fault.
     *
     * @return its de-identified SOP Instance UID, or empty when the manifest is at fault
     */
    public Optional<String> sopInstanceUid() {
        return Optional.ofNullable(sopInstanceUid);
    }

    /**
     * What is wrong.
     *
     * @return the problem
     */
    public IntegrityProblem problem() {
        return problem;
    }
}
