/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import java.util.Objects;
import java.util.Optional;
import org.i4dw.api.InstanceSelection;

/**
 * What to retrieve: a series (or a whole study when no series is given), all of it or one
 * instance, with or without pixel data.
 *
 * @param studyInstanceUid the study
 * @param seriesInstanceUid the series, or null for the whole study
 * @param selection one instance per series or all
 * @param headerOnly true to read each instance only up to Pixel Data
 */
public record RetrieveRequest(String studyInstanceUid, String seriesInstanceUid, InstanceSelection selection,
        boolean headerOnly) {

    /** Checks the UIDs. */
    public RetrieveRequest {
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        Objects.requireNonNull(selection, "selection");
        if (studyInstanceUid.isBlank()) {
            throw new IllegalArgumentException("studyInstanceUid is blank");
        }
    }

    /** The series, if one is named. */
    public Optional<String> series() {
        return Optional.ofNullable(seriesInstanceUid);
    }
}
