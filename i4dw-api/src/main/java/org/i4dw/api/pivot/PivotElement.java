/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api.pivot;

import java.util.Objects;
import org.i4dw.api.terminology.NodeType;

/**
 * One structured element of a pivot document: one value of one attribute (or SR content item),
 * named by the code of its DCMEHOP node.
 *
 * <p>The value is written in a canonical lexical form for its type: NUMBER as a decimal
 * ({@code 12.5}, {@code -3}, {@code 1.0E-4}); DATE as ISO {@code 2024-03-01}; TIME as ISO
 * {@code 14:05:09} or {@code 14:05:09.25}; DATETIME as ISO local date-time, with an offset when
 * DICOM gave one; CODE as the code value (the triplet is in {@link #coded()}); TEXT, UIDREF, PNAME
 * as the text. A value that does not parse as its type is kept as TEXT, never dropped.
 *
 * @param code the DCMEHOP node code, e.g. {@code 0008,0060} or {@code DCM:113701/DCM:113819/...}
 * @param type the node type (never CONTAINER: containers have no values)
 * @param value the value in its canonical lexical form
 * @param unit the unit (UCUM) for a NUMBER when known, else null
 * @param coded the coded value for a CODE, else null
 * @param occurrence which occurrence of the node in the document, from 1 (repeated sequence items
 *     or SR content items with the same concept path count up)
 * @param valueIndex which value of a multi-valued attribute, from 1
 */
public record PivotElement(String code, NodeType type, String value, String unit, CodedValue coded, int occurrence,
        int valueIndex) {

    /** Checks the parts. */
    public PivotElement {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (type == NodeType.CONTAINER) {
            throw new IllegalArgumentException("a container has no value: " + code);
        }
        if (occurrence < 1 || valueIndex < 1) {
            throw new IllegalArgumentException("occurrence and valueIndex count from 1, got " + occurrence + " and "
                    + valueIndex + " for " + code);
        }
    }

    /**
     * A single-valued, first-occurrence element.
     *
     * @param code the node code
     * @param type the type
     * @param value the value
     * @return the element
     */
    public static PivotElement of(String code, NodeType type, String value) {
        return new PivotElement(code, type, value, null, null, 1, 1);
    }
}
