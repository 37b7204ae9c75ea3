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
 * @param modality the series' Modality (0008,0060) as the PACS listed it, or null: a hint a
 *        transport may use to prepare the retrieval (the DIMSE transport proposes only that
 *        modality's storage classes for a C-GET of one instance); never a filter
 */
public record RetrieveRequest(String studyInstanceUid, String seriesInstanceUid, InstanceSelection selection,
        boolean headerOnly, String modality) {

    /**
     * A request without a modality hint.
     *
     * @param studyInstanceUid the study
     * @param seriesInstanceUid the series, or null for the whole study
     * @param selection one instance per series or all
     * @param headerOnly true to read each instance only up to Pixel Data
     */
    public RetrieveRequest(String studyInstanceUid, String seriesInstanceUid, InstanceSelection selection,
            boolean headerOnly) {
        this(studyInstanceUid, seriesInstanceUid, selection, headerOnly, null);
    }

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
