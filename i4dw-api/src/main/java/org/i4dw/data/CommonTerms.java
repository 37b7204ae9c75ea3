/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

import java.util.Arrays;

/**
 * The code strings that walks of Structured Reports read at every content item, each held once:
 * decoding one of them gives this String rather than a new one, so the walks that compare or
 * look them up (de-identification keeps items by value type, the terminology types nodes by it)
 * neither allocate nor hash it again. Immutable and thread-safe.
 *
 * <p>The terms: Value Type (PS3.3 C.17.3.2.1), Relationship Type (C.17.3.2.4), Continuity Of
 * Content (C.18.8.1.1), Completion Flag and Verification Flag (C.17.2.1), and the Modality of
 * a Structured Report.
 */
final class CommonTerms {

    private static final String[] TERMS = {
        "CONTAINER", "CODE", "NUM", "TEXT", "DATE", "TIME", "DATETIME", "UIDREF", "PNAME", "IMAGE", "COMPOSITE",
        "WAVEFORM", "SCOORD", "SCOORD3D", "TCOORD", "TABLE",
        "CONTAINS", "HAS PROPERTIES", "HAS OBS CONTEXT", "HAS ACQ CONTEXT", "INFERRED FROM", "SELECTED FROM",
        "HAS CONCEPT MOD",
        "SEPARATE", "CONTINUOUS", "COMPLETE", "PARTIAL", "VERIFIED", "UNVERIFIED", "SR"};

    private static final int MAX_LENGTH = 16;
    /** The terms by length and first letter (A to Z). */
    private static final String[][] BY_LENGTH_AND_FIRST = new String[(MAX_LENGTH + 1) * 26][];

    static {
        for (String t : TERMS) {
            int k = t.length() * 26 + t.charAt(0) - 'A';
            String[] old = BY_LENGTH_AND_FIRST[k];
            String[] now = old == null ? new String[1] : Arrays.copyOf(old, old.length + 1);
            now[now.length - 1] = t;
            BY_LENGTH_AND_FIRST[k] = now;
        }
    }

    private CommonTerms() {
    }

    /**
     * The held String equal to the ASCII bytes {@code b[start, end)}, or null if they are none of
     * the terms.
     */
    static String of(byte[] b, int start, int end) {
        int length = end - start;
        int first = b[start] - 'A';
        if (length > MAX_LENGTH || first < 0 || first >= 26) {
            return null;
        }
        String[] candidates = BY_LENGTH_AND_FIRST[length * 26 + first];
        if (candidates == null) {
            return null;
        }
        for (String t : candidates) {
            if (equals(t, b, start)) {
                return t;
            }
        }
        return null;
    }

    private static boolean equals(String term, byte[] b, int start) {
        for (int i = 1, n = term.length(); i < n; i++) {
            if (b[start + i] != term.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
