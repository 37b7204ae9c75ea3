/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api.pivot;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The series a document describes, after de-identification, and what was retrieved of it.
 *
 * @param seriesInstanceUid the (de-identified) Series Instance UID
 * @param seriesNumber the Series Number, or null
 * @param modality the Modality, or null
 * @param seriesDescription the Series Description, or null
 * @param seriesDate the Series Date, or null
 * @param bodyPartExamined the Body Part Examined, or null
 * @param sopClassUid the SOP Class UID of the instance read, or null (light mode)
 * @param instancesExpected the number of instances the PACS reports for the series, or null when
 *     it does not say
 * @param instancesRetrieved instances retrieved (0 in light mode, 1 in routine mode)
 */
public record SeriesContext(String seriesInstanceUid, Integer seriesNumber, String modality,
        String seriesDescription, LocalDate seriesDate, String bodyPartExamined, String sopClassUid,
        Integer instancesExpected, int instancesRetrieved) {

    /** Requires the UID and a count that is not negative. */
    public SeriesContext {
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        if (instancesRetrieved < 0 || (instancesExpected != null && instancesExpected < 0)) {
            throw new IllegalArgumentException("instance counts cannot be negative");
        }
    }
}
