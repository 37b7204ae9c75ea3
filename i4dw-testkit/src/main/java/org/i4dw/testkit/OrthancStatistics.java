/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit;

/**
 * Counts reported by Orthanc's {@code GET /statistics}.
 *
 * @param patients the number of patients
 * @param studies the number of studies
 * @param series the number of series
 * @param instances the number of instances
 * @param totalDiskSizeBytes the bytes Orthanc uses on disk for its attachments
 */
public record OrthancStatistics(long patients, long studies, long series, long instances,
        long totalDiskSizeBytes) {
}
