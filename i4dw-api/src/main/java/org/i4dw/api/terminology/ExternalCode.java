/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api.terminology;

import java.util.Comparator;
import java.util.Objects;
import org.i4dw.data.Code;

/**
 * The code a coded node or value carries, with the external system a CDW maps it to.
 *
 * <p>Note that SRT codes (SNOMED RT identifiers such as {@code T-D4000}) are reported as
 * {@link CodingSystem#SNOMED_CT} with their original value; translating them to SNOMED CT concept
 * ids needs the SNOMED mapping table and is the CDW's concern.
 *
 * @param system the external system
 * @param scheme the Coding Scheme Designator as found in the data
 * @param value the Code Value
 * @param meaning the Code Meaning, possibly empty
 */
public record ExternalCode(CodingSystem system, String scheme, String value, String meaning)
        implements Comparable<ExternalCode> {

    private static final Comparator<ExternalCode> ORDER = Comparator.comparing(ExternalCode::scheme)
            .thenComparing(ExternalCode::value).thenComparing(ExternalCode::meaning);

    /** Requires non-null parts; the system must be the one of the scheme. */
    public ExternalCode {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(meaning, "meaning");
        if (system != CodingSystem.of(scheme)) {
            throw new IllegalArgumentException("coding scheme " + scheme + " is " + CodingSystem.of(scheme)
                    + ", not " + system);
        }
    }

    /**
     * The external code of a DICOM code.
     *
     * @param code the code
     * @return its external code
     */
    public static ExternalCode of(Code code) {
        return new ExternalCode(CodingSystem.of(code.scheme()), code.scheme(), code.value(), code.meaning());
    }

    /** Orders by scheme, value, then meaning. */
    @Override
    public int compareTo(ExternalCode o) {
        return ORDER.compare(this, o);
    }
}
