/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import java.util.function.Predicate;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.QueryLevel;
import org.i4dw.data.DicomObject;

/**
 * An open connection to one PACS (over a pool of associations, or HTTP connections for
 * DICOMweb): query and retrieve. Thread-safe; concurrency is bounded by
 * {@link TransportSettings#maxAssociations()}.
 */
public interface Transport extends AutoCloseable {

    /**
     * The PACS.
     *
     * @return its address
     */
    PacsAddress pacs();

    /**
     * Queries the PACS (Study Root; Patient Root at PATIENT level), handing each result to
     * {@code onResult} as it arrives; returning false from it cancels the query.
     *
     * @param level the query level
     * @param keys matching and return keys (the level is set by the transport)
     * @param onResult receives each result; false to stop
     * @return how the query ended
     * @throws org.i4dw.api.DicomNetworkException if the PACS cannot be reached, rejects, times out or fails
     */
    QueryOutcome query(QueryLevel level, DicomObject keys, Predicate<DicomObject> onResult);

    /**
     * Retrieves instances of one series (or one study), handing each to {@code consumer} as it
     * arrives.
     *
     * @param request what to retrieve and how
     * @param consumer receives each instance
     * @return counts, statuses and failures
     * @throws org.i4dw.api.DicomNetworkException if the PACS cannot be reached, rejects, times out or fails
     */
    RetrieveOutcome retrieve(RetrieveRequest request, InstanceConsumer consumer);

    /**
     * How {@link #query} reaches the PACS, as the batch report names it for series served by
     * queries alone (light mode).
     *
     * @return {@code C-FIND} (the default) or {@code QIDO-RS}
     */
    default String queryPath() {
        return "C-FIND";
    }

    /** Releases every association. */
    @Override
    void close();
}
