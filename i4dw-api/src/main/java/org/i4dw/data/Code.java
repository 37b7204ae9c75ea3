/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

import java.util.Objects;
import java.util.Optional;

/**
 * A coded concept (PS3.3 Table 8.8-1): code value, coding scheme designator, optional scheme
 * version, and code meaning. The value comes from Code Value, Long Code Value or URN Code Value,
 * whichever the item carries.
 *
 * @param value the code value
 * @param scheme the coding scheme designator (DCM, SCT, LN, UCUM...)
 * @param schemeVersion the coding scheme version, or {@code ""}
 * @param meaning the code meaning, or {@code ""}
 */
public record Code(String value, String scheme, String schemeVersion, String meaning) {

    /** Requires non-null parts. */
    public Code {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(schemeVersion, "schemeVersion");
        Objects.requireNonNull(meaning, "meaning");
    }

    /** The code of a code sequence item, or empty if it carries no code value or scheme. */
    public static Optional<Code> of(DicomObject item) {
        return read(item, null);
    }

    /**
     * {@link #of(DicomObject)}, with the strings taken from {@code pool} (see {@link TextPool}).
     *
     * @param item the code sequence item
     * @param pool the pool of the calling thread
     * @return the code, or empty if the item carries no code value or scheme
     */
    public static Optional<Code> of(DicomObject item, TextPool pool) {
        return read(item, Objects.requireNonNull(pool, "pool"));
    }

    /** The code of {@code item}, its strings from {@code pool} when not null. */
    private static Optional<Code> read(DicomObject item, TextPool pool) {
        String v = item.stringOrNull(Tag.CodeValue.value(), pool);
        if (v == null) {
            v = item.stringOrNull(Tag.LongCodeValue.value(), pool);
        }
        if (v == null) {
            v = item.stringOrNull(Tag.URNCodeValue.value(), pool);
        }
        if (v == null) {
            return Optional.empty();
        }
        String scheme = item.stringOrNull(Tag.CodingSchemeDesignator.value(), pool);
        if (scheme == null && item.stringOrNull(Tag.URNCodeValue.value(), pool) == null) {
            return Optional.empty();
        }
        return Optional.of(new Code(v, orEmpty(scheme), orEmpty(item.stringOrNull(Tag.CodingSchemeVersion.value(), pool)),
                orEmpty(item.stringOrNull(Tag.CodeMeaning.value(), pool))));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** {@code (value, scheme, "meaning")}, the usual way codes are written in the standard. */
    @Override
    public String toString() {
        return "(" + value + ", " + scheme + ", \"" + meaning + "\")";
    }
}
