/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

import org.i4dw.data.Tag;

/**
 * Query/Retrieve levels (PS3.4 C.4.1.1.3.1), the value of Query/Retrieve Level (0008,0052).
 */
public enum QueryLevel {

    /** PATIENT (Patient Root only). */
    PATIENT(Tag.PatientID),
    /** STUDY. */
    STUDY(Tag.StudyInstanceUID),
    /** SERIES. */
    SERIES(Tag.SeriesInstanceUID),
    /** IMAGE (instances of any kind). */
    IMAGE(Tag.SOPInstanceUID);

    private final Tag uniqueKey;

    QueryLevel(Tag uniqueKey) {
        this.uniqueKey = uniqueKey;
    }

    /**
     * The value of Query/Retrieve Level (0008,0052): {@code PATIENT}, {@code STUDY}, {@code SERIES}
     * or {@code IMAGE}.
     *
     * @return the code string
     */
    public String value() {
        return name();
    }

    /**
     * The unique key of the level: Patient ID, Study, Series or SOP Instance UID.
     *
     * @return the tag
     */
    public Tag uniqueKey() {
        return uniqueKey;
    }
}
