/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of a cohort in a {@link SeriesStore}: 1 to 64 characters, ASCII letters, digits, '.',
 * '_' and '-', starting with a letter or digit (e.g. {@code prostate-mr-2026}). A name is a label
 * chosen by the study team, never patient data.
 *
 * @param value the name
 */
public record CohortName(String value) implements Comparable<CohortName> {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /**
     * Checks the name.
     *
     * @throws IllegalArgumentException if the name is empty, longer than 64 characters or holds
     *     another character; the message shows the value given
     */
    public CohortName {
        Objects.requireNonNull(value, "cohort name");
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("cohort name '" + value + "' must be 1 to 64 characters of "
                    + "A-Z, a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
        }
    }

    /**
     * The cohort named {@code value}.
     *
     * @param value the name
     * @return the name
     * @throws IllegalArgumentException if it is not a valid cohort name
     */
    public static CohortName of(String value) {
        return new CohortName(value);
    }

    /** Orders names by their text. */
    @Override
    public int compareTo(CohortName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
