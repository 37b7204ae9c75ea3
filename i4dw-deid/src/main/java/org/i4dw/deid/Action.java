/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.deid;

import java.util.Locale;
import org.i4dw.api.I4dwConfigurationException;

/**
 * The action codes of PS3.15 Table E.1-1, as an override names them ({@code .override("StudyDescription",
 * Action.KEEP)}, or {@code StudyDescription K} in an overrides file).
 */
public enum Action {
    /** D: replace with a non-zero length dummy value consistent with the VR. */
    DUMMY("D"),
    /** Z: replace with a zero-length value. */
    ZERO("Z"),
    /** X: remove. */
    REMOVE("X"),
    /** K: keep (a sequence is kept and its items are de-identified). */
    KEEP("K"),
    /** C: clean (see {@link Deidentifier} for what cleaning does for each kind of attribute). */
    CLEAN("C"),
    /** U: replace UIDs with keyed ones, consistently across objects. */
    REPLACE_UID("U");

    private final String code;

    Action(String code) {
        this.code = code;
    }

    /**
     * The standard's one-letter code.
     *
     * @return D, Z, X, K, C or U
     */
    public String code() {
        return code;
    }

    /**
     * The action of a code ({@code D}) or a constant name ({@code DUMMY}), case-insensitive.
     *
     * @param text the code or the name
     * @return the action
     * @throws I4dwConfigurationException naming the text when it is neither
     */
    public static Action parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        for (Action a : values()) {
            if (a.code.equals(t) || a.name().equals(t)) {
                return a;
            }
        }
        throw new I4dwConfigurationException("not a PS3.15 action code: '" + text + "' (D, Z, X, K, C or U)");
    }
}
