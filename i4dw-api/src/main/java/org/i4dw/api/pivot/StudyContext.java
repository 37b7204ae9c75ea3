/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api.pivot;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;

/**
 * The study a series belongs to, after de-identification.
 *
 * @param studyInstanceUid the (de-identified) Study Instance UID
 * @param studyDate the Study Date, or null
 * @param studyTime the Study Time, or null
 * @param studyDescription the Study Description, or null
 */
public record StudyContext(String studyInstanceUid, LocalDate studyDate, LocalTime studyTime,
        String studyDescription) {

    /** Requires the UID. */
    public StudyContext {
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
    }
}
