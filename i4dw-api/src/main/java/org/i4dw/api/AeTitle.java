/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

import java.util.Objects;

/**
 * A DICOM Application Entity title (PS3.5 AE): 1 to 16 characters of the default repertoire, no
 * backslash, no control character, not only spaces. Leading and trailing spaces are not
 * significant and are removed.
 *
 * @param value the title, stripped
 */
public record AeTitle(String value) {

    /**
     * Checks and strips the title.
     *
     * @throws I4dwConfigurationException if the title is empty, longer than 16 characters or holds
     *     a character an AE title may not hold; the message shows the value given
     */
    public AeTitle {
        Objects.requireNonNull(value, "AE title");
        String v = value.strip();
        if (v.isEmpty()) {
            throw new I4dwConfigurationException("AE title is blank: '" + value + "'");
        }
        if (v.length() > 16) {
            throw new I4dwConfigurationException("AE title '" + v + "' has " + v.length()
                    + " characters; at most 16 are allowed");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '\\') {
                throw new I4dwConfigurationException("AE title '" + v + "' holds a character an AE title may "
                        + "not hold at position " + i + " (only printable ASCII, no backslash)");
            }
        }
        value = v;
    }

    /**
     * The title {@code value}.
     *
     * @param value the title
     * @return the AE title
     * @throws I4dwConfigurationException if it is not a valid AE title
     */
    public static AeTitle of(String value) {
        return new AeTitle(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
