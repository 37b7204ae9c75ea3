/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import java.util.Objects;

/**
 * A series found by {@link SeriesStore#lookup} was removed (evicted, invalidated or replaced, by
 * this or another store or process) before all of it was read. Nothing is corrupt; the caller
 * looks it up again or re-fetches it.
 */
public class SeriesEvictedException extends SeriesStoreException {

    private static final long serialVersionUID = 1L;

    private final SeriesKey key;

    /**
     * For a series that is gone.
     *
     * @param key the series
     */
    public SeriesEvictedException(SeriesKey key) {
        super("cached series " + Objects.requireNonNull(key, "key") + " was removed from the store while it was "
                + "read; look it up again or fetch it");
        this.key = key;
    }

    /**
     * The series that is gone.
     *
     * @return its key
     */
    public SeriesKey key() {
        return key;
    }
}
