/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api.terminology;

import java.util.Objects;
import java.util.Optional;

/**
 * One value of a node's value set and the number of distinct documents it was seen in.
 *
 * @param value the value: the string for CS and indexed text, {@code <scheme>:<code value>} for a code
 * @param meaning the Code Meaning for a code, else the value itself
 * @param code the external code for a coded value, empty for plain strings
 * @param documents the number of distinct documents with this value
 */
public record ValueCount(String value, String meaning, Optional<ExternalCode> code, long documents) {

    /** Requires non-null parts and a positive count. */
    public ValueCount {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(meaning, "meaning");
        Objects.requireNonNull(code, "code");
        if (documents < 1) {
            throw new IllegalArgumentException("documents must be at least 1, got " + documents);
        }
    }
}
