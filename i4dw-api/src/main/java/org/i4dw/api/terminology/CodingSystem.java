/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api.terminology;

import java.util.Locale;
import java.util.Objects;

/**
 * The external coding systems a CDW maps to, from DICOM coding scheme designators (PS3.16 8):
 * SRT, SCT and SNM3 are SNOMED CT, LN is LOINC, DCM is DICOM, UCUM is UCUM, RADLEX is RadLex;
 * anything else is {@link #OTHER} and keeps its designator.
 */
public enum CodingSystem {
    /** SNOMED CT (designators SCT, SRT, SNM3). */
    SNOMED_CT,
    /** LOINC (designator LN). */
    LOINC,
    /** DICOM's own codes (designator DCM). */
    DICOM,
    /** Unified Code for Units of Measure (designator UCUM). */
    UCUM,
    /** RadLex (designator RADLEX). */
    RADLEX,
    /** Any other scheme, e.g. a private one. */
    OTHER;

    /**
     * The system of a coding scheme designator.
     *
     * @param designator the Coding Scheme Designator, e.g. {@code SRT}
     * @return the system, {@link #OTHER} when unknown
     */
    public static CodingSystem of(String designator) {
        Objects.requireNonNull(designator, "designator");
        switch (designator.trim().toUpperCase(Locale.ROOT)) {
            case "SCT":
            case "SRT":
            case "SNM3":
                return SNOMED_CT;
            case "LN":
                return LOINC;
            case "DCM":
                return DICOM;
            case "UCUM":
                return UCUM;
            case "RADLEX":
                return RADLEX;
            default:
                return OTHER;
        }
    }
}
