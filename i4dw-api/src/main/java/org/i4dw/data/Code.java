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
        Optional<String> v = item.string(Tag.CodeValue);
        if (v.isEmpty()) {
            v = item.string(Tag.LongCodeValue);
        }
        if (v.isEmpty()) {
            v = item.string(Tag.URNCodeValue);
        }
        Optional<String> scheme = item.string(Tag.CodingSchemeDesignator);
        if (v.isEmpty() || scheme.isEmpty() && item.string(Tag.URNCodeValue).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Code(v.get(), scheme.orElse(""), item.string(Tag.CodingSchemeVersion).orElse(""),
                item.string(Tag.CodeMeaning).orElse("")));
    }

    /** {@code (value, scheme, "meaning")}, the usual way codes are written in the standard. */
    @Override
    public String toString() {
        return "(" + value + ", " + scheme + ", \"" + meaning + "\")";
    }
}
