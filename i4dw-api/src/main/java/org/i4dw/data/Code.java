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

    private static final int CODE_VALUE = Tag.CodeValue.value();
    private static final int CODING_SCHEME_DESIGNATOR = Tag.CodingSchemeDesignator.value();
    private static final int CODING_SCHEME_VERSION = Tag.CodingSchemeVersion.value();
    private static final int CODE_MEANING = Tag.CodeMeaning.value();
    private static final int LONG_CODE_VALUE = Tag.LongCodeValue.value();
    private static final int URN_CODE_VALUE = Tag.URNCodeValue.value();

    /** Requires non-null parts. */
    public Code {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(schemeVersion, "schemeVersion");
        Objects.requireNonNull(meaning, "meaning");
    }

    /**
     * The code of a code sequence item, or empty if it carries no code value or scheme. One pass
     * over the item's elements, which are few and sorted by tag, rather than a search per attribute.
     */
    public static Optional<Code> of(DicomObject item) {
        int value = -1;
        int scheme = -1;
        int version = -1;
        int meaning = -1;
        int longValue = -1;
        int urnValue = -1;
        for (int i = 0, n = item.size(); i < n; i++) {
            int t = item.tagAt(i);
            if (Integer.compareUnsigned(t, URN_CODE_VALUE) > 0) {
                break;
            }
            if (t == CODE_VALUE) {
                value = i;
            } else if (t == CODING_SCHEME_DESIGNATOR) {
                scheme = i;
            } else if (t == CODING_SCHEME_VERSION) {
                version = i;
            } else if (t == CODE_MEANING) {
                meaning = i;
            } else if (t == LONG_CODE_VALUE) {
                longValue = i;
            } else if (t == URN_CODE_VALUE) {
                urnValue = i;
            }
        }
        String v = string(item, value);
        if (v == null) {
            v = string(item, longValue);
        }
        String urn = string(item, urnValue);
        if (v == null) {
            v = urn;
        }
        if (v == null) {
            return Optional.empty();
        }
        String s = string(item, scheme);
        if (s == null && urn == null) {
            return Optional.empty();
        }
        return Optional.of(new Code(v, orEmpty(s), orEmpty(string(item, version)),
                orEmpty(string(item, meaning))));
    }

    private static String string(DicomObject item, int index) {
        return index < 0 ? null : item.stringAt(index);
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
