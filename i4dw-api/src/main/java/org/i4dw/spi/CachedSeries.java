/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import java.io.InputStream;

/**
 * A series found in a {@link SeriesStore}: its manifest, and its instances read from the local
 * disk, never from the PACS. Every read checks the instance's size and SHA-256 against the
 * manifest. Thread-safe; holds no open file, so it needs no closing.
 *
 * <p>A series can be evicted, invalidated or replaced by another store while a caller holds this
 * handle: reads then fail with {@link SeriesEvictedException}. On Linux an instance stream that is
 * already open stays readable.
 */
public interface CachedSeries {

    /**
     * The series.
     *
     * @return its key
     */
    SeriesKey key();

    /**
     * What the series holds.
     *
     * @return its manifest
     */
    SeriesManifest manifest();

    /**
     * Reads one instance whole and checks it before returning it.
     *
     * @param sopInstanceUid the de-identified SOP Instance UID, one of {@link #manifest()}
     * @return the bytes of the Part 10 file, exactly as written
     * @throws IllegalArgumentException if the series has no such instance
     * @throws CorruptSeriesException if the bytes do not match the manifest (the entry is then
     *     invalidated)
     * @throws SeriesEvictedException if the series was removed meanwhile
     * @throws SeriesStoreException if the disk fails
     */
    byte[] readInstance(String sopInstanceUid);

    /**
     * Opens one instance as a stream that checks the size and SHA-256 of what it gives as it goes:
     * a mismatch is thrown as {@link CorruptSeriesException} (unchecked) by the read that reaches
     * the end of the file, before end of stream is reported; the caller then discards what it read.
     * The caller closes the stream.
     *
     * @param sopInstanceUid the de-identified SOP Instance UID, one of {@link #manifest()}
     * @return the stream of the Part 10 file
     * @throws IllegalArgumentException if the series has no such instance
     * @throws CorruptSeriesException if the file is missing while the series is there (the entry is
     *     then invalidated)
     * @throws SeriesEvictedException if the series was removed meanwhile
     * @throws SeriesStoreException if the disk fails
     */
    InputStream openInstance(String sopInstanceUid);
}
