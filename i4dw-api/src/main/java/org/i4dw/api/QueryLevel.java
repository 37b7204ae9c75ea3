/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

/** The Query/Retrieve level (PS3.4 C.6), the value of (0008,0052) QueryRetrieveLevel. */
public enum QueryLevel {
    /** Patient level (Patient Root only). */
    PATIENT,
    /** Study level. */
    STUDY,
    /** Series level. */
    SERIES,
    /** Instance level, called IMAGE in the standard. */
    IMAGE;

    /** The code string sent in (0008,0052). */
    public String code() {
        return name();
    }
}
