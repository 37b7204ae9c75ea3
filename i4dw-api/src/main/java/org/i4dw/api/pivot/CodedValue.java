/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api.pivot;

import java.util.Objects;

/**
 * A coded value as DICOM carries it (Code Value, Coding Scheme Designator, Code Meaning).
 *
 * @param scheme the coding scheme designator, e.g. {@code DCM}, {@code SCT}, {@code LN}
 * @param code the code value
 * @param meaning the code meaning (may be empty)
 */
public record CodedValue(String scheme, String code, String meaning) {

    /** Requires non-null parts. */
    public CodedValue {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(meaning, "meaning");
    }
}
