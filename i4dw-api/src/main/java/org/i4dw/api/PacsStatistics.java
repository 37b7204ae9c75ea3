/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

import java.util.Objects;

/**
 * How one PACS behaved during a batch, as the engine saw it.
 *
 * @param pacs the PACS's AE title
 * @param operations queries and retrievals sent (retries included)
 * @param retries operations sent again after a transient failure
 * @param rejections associations the PACS rejected
 * @param timeouts operations that timed out
 * @param failures operations that failed for good (after retries, or at once when permanent)
 * @param medianLatencyMs the median time of an operation, in milliseconds
 * @param p95LatencyMs the 95th percentile, in milliseconds
 * @param lowestConcurrency the lowest number of operations allowed at once while the engine backed off
 * @param finalConcurrency the number allowed at the end of the batch
 * @param throttledMs time spent waiting for the requests-per-second ceiling, in milliseconds
 * @param learnedLimit the operations at once the PACS was found to accept when it rejected an
 *     association (transiently), which the ceiling exceeds only in rare probes; 0 when it never did
 */
public record PacsStatistics(String pacs, long operations, long retries, long rejections, long timeouts,
        long failures, double medianLatencyMs, double p95LatencyMs, int lowestConcurrency, int finalConcurrency,
        long throttledMs, int learnedLimit) {

    /** Requires the AE title. */
    public PacsStatistics {
        Objects.requireNonNull(pacs, "pacs");
    }
}
