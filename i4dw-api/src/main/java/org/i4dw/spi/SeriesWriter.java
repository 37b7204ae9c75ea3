/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import java.io.IOException;
import java.io.InputStream;
import org.i4dw.data.TransferSyntax;

/**
 * Writes one series into a {@link SeriesStore}, instance by instance as they arrive from the PACS,
 * under a temporary name that no lookup sees. {@link #commit()} makes the whole series visible at
 * once; {@link #abort()} (or {@link #close()} without a commit) leaves nothing. While a writer is
 * open it holds the lock of its key: no other writer, in this or another process, writes the same
 * series. Not thread-safe: one thread at a time (it may move between threads).
 */
public interface SeriesWriter extends AutoCloseable {

    /**
     * The series being written.
     *
     * @return its key
     */
    SeriesKey key();

    /**
     * Writes one instance from a stream, read to its end (not closed). Writing an instance UID a
     * second time replaces the first copy.
     *
     * @param sopInstanceUid the de-identified SOP Instance UID
     * @param transferSyntax the transfer syntax of the file's data set
     * @param part10 the de-identified Part 10 file
     * @return the instance as the manifest will list it (size and SHA-256 of what was read)
     * @throws IOException if reading {@code part10} fails (the source's fault); the instance is
     *     then not part of the series, the writer stays usable
     * @throws IllegalArgumentException if the UID is not a DICOM UID
     * @throws IllegalStateException if the writer was committed or aborted
     * @throws SeriesStoreException if the store's disk fails
     */
    CachedInstance add(String sopInstanceUid, TransferSyntax transferSyntax, InputStream part10) throws IOException;

    /**
     * Writes one instance from memory. Writing an instance UID a second time replaces the first copy.
     *
     * @param sopInstanceUid the de-identified SOP Instance UID
     * @param transferSyntax the transfer syntax of the file's data set
     * @param part10 the de-identified Part 10 file
     * @return the instance as the manifest will list it
     * @throws IllegalArgumentException if the UID is not a DICOM UID
     * @throws IllegalStateException if the writer was committed or aborted
     * @throws SeriesStoreException if the store's disk fails
     */
    CachedInstance add(String sopInstanceUid, TransferSyntax transferSyntax, byte[] part10);

    /**
     * How many distinct instances were written so far.
     *
     * @return the count
     */
    int instanceCount();

    /**
     * Makes the series visible: every file and the manifest are forced to disk (fsync), the series
     * folder is renamed into place and its parent directory forced, then the key's lock is released.
     * A series already stored under the same key is replaced by this one. Afterwards the store may
     * evict other series if it is over its size limit.
     *
     * @return the manifest of the committed series
     * @throws IllegalStateException if nothing was written, or the writer was committed or aborted
     * @throws SeriesStoreException if the disk fails (the series is then not visible, the writer
     *     is aborted)
     */
    SeriesManifest commit();

    /**
     * Drops everything written and releases the key's lock. Does nothing after a commit or abort.
     */
    void abort();

    /** Aborts unless committed; never throws. */
    @Override
    void close();
}
