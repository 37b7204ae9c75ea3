/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

/**
 * A kind of {@link SeriesStore}: provider {@code disk} (module i4dw-cache) keeps series in a local
 * folder. Needed by {@link org.i4dw.api.Mode#CACHING}. Implementations are thread-safe.
 */
public interface SeriesStoreProvider extends Provider {

    /**
     * Opens a store; the caller closes it. Creates the location if missing and removes what a
     * crashed writer left there.
     *
     * @param settings where and how large
     * @return the store
     * @throws SeriesStoreException if the location cannot be created, read or written
     */
    SeriesStore open(SeriesStoreSettings settings);
}
