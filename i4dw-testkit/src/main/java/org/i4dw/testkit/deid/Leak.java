/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit.deid;

import java.util.Objects;

/**
 * An identifying value of the original that survives in the de-identified object: where it came
 * from, where it was found and how. Never holds the value itself, so a leak can be printed in a
 * test report or a CI log.
 *
 * @param source the attribute of the original that held the value
 * @param foundAt the attribute of the de-identified object where it was found
 * @param kind how it was found
 */
public record Leak(AttributePath source, AttributePath foundAt, Kind kind) {

    /** How a value was found. */
    public enum Kind {
        /** A whole value of the output (one value of a multi-valued attribute) equals it. */
        WHOLE_VALUE,
        /** It appears inside a longer text value of the output, as a word or words. */
        IN_TEXT,
        /** A person name component of the original is a component of a person name of the output. */
        NAME_COMPONENT
    }

    /**
     * A leak.
     *
     * @param source the attribute of the original that held the value
     * @param foundAt the attribute of the de-identified object where it was found
     * @param kind how it was found
     */
    public Leak {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(foundAt, "foundAt");
        Objects.requireNonNull(kind, "kind");
    }

    /** In words, without the value: "the value of (0010,0010) PatientName survives as a whole value at ...". */
    @Override
    public String toString() {
        String how;
        switch (kind) {
            case WHOLE_VALUE: how = "as a whole value"; break;
            case IN_TEXT: how = "inside the text"; break;
            default: how = "as a person name component"; break;
        }
        return "the value of " + source.describe() + " survives " + how + " at " + foundAt.describe();
    }
}
