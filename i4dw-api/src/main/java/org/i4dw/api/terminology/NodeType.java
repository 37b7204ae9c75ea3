/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api.terminology;

/**
 * The type of a terminology node. Attribute nodes take it from the VR (NUMBER for DS, IS, FL,
 * FD, SL, SS, UL, US, SV, UV; DATE for DA; TIME for TM; DATETIME for DT; CODE for CS and for code
 * sequences; CONTAINER for other sequences; TEXT for the rest); Structured Report nodes from the
 * content item's value type.
 *
 * <p>When one code is seen with two types (rare: a code sequence that is sometimes empty, a concept
 * used with two value types) the type declared first here wins, so the result does not depend on
 * arrival order.
 */
public enum NodeType {
    /** A coded value: CS, a code sequence, or an SR CODE item. */
    CODE,
    /** A number: the numeric VRs, or an SR NUM item. */
    NUMBER,
    /** A date (DA, SR DATE). */
    DATE,
    /** A time (TM, SR TIME). */
    TIME,
    /** A date and time (DT, SR DATETIME). */
    DATETIME,
    /** A UID (SR UIDREF). */
    UIDREF,
    /** A person name (SR PNAME). */
    PNAME,
    /** Text and everything else. */
    TEXT,
    /** A reference to images, waveforms, coordinates or other composite objects (SR). */
    REFERENCE,
    /** A container: a sequence of attributes, an SR CONTAINER, a document title, a top node. */
    CONTAINER
}
