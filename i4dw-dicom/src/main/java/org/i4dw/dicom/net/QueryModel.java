/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import org.i4dw.api.QueryLevel;

/**
 * The Query/Retrieve information models (PS3.4 C.6) and their FIND, MOVE and GET SOP classes.
 */
public enum QueryModel {

    /** Patient Root: patient, study, series, image levels. */
    PATIENT_ROOT("1.2.840.10008.5.1.4.1.2.1.1", "1.2.840.10008.5.1.4.1.2.1.2", "1.2.840.10008.5.1.4.1.2.1.3"),
    /** Study Root: study, series, image levels. */
    STUDY_ROOT("1.2.840.10008.5.1.4.1.2.2.1", "1.2.840.10008.5.1.4.1.2.2.2", "1.2.840.10008.5.1.4.1.2.2.3");

    private final String find;
    private final String move;
    private final String get;

    QueryModel(String find, String move, String get) {
        this.find = find;
        this.move = move;
        this.get = get;
    }

    /**
     * The C-FIND SOP class UID.
     *
     * @return the UID
     */
    public String findSopClass() {
        return find;
    }

    /**
     * The C-MOVE SOP class UID.
     *
     * @return the UID
     */
    public String moveSopClass() {
        return move;
    }

    /**
     * The C-GET SOP class UID.
     *
     * @return the UID
     */
    public String getSopClass() {
        return get;
    }

    /**
     * Whether this model has the level (Study Root has no PATIENT level).
     *
     * @param level a level
     * @return true if a query at that level is valid in this model
     */
    public boolean supports(QueryLevel level) {
        return this == PATIENT_ROOT || level != QueryLevel.PATIENT;
    }
}
