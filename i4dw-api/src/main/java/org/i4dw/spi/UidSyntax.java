/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import java.util.Objects;

/** The UID syntax of PS3.5 section 9.1, checked for the keys of the series store. */
final class UidSyntax {

    private UidSyntax() {
    }

    /**
     * Checks {@code uid}: 1 to 64 characters, components of digits separated by single dots, no
     * component with a leading zero unless it is "0".
     *
     * @param uid the UID
     * @param what what the UID is, for the message
     * @return {@code uid}
     * @throws IllegalArgumentException if it is not a valid UID; the message shows the value (store
     *     keys and instance UIDs are de-identified, safe to show)
     */
    static String check(String uid, String what) {
        Objects.requireNonNull(uid, what);
        String problem = problem(uid);
        if (problem != null) {
            throw new IllegalArgumentException(what + " '" + uid + "' is not a DICOM UID: " + problem);
        }
        return uid;
    }

    private static String problem(String uid) {
        int n = uid.length();
        if (n == 0) {
            return "empty";
        }
        if (n > 64) {
            return n + " characters, at most 64 allowed";
        }
        int componentStart = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || uid.charAt(i) == '.') {
                int len = i - componentStart;
                if (len == 0) {
                    return "empty component at position " + i;
                }
                if (len > 1 && uid.charAt(componentStart) == '0') {
                    return "component with a leading zero at position " + componentStart;
                }
                componentStart = i + 1;
            } else {
                char c = uid.charAt(i);
                if (c < '0' || c > '9') {
                    return "character other than a digit or '.' at position " + i;
                }
            }
        }
        return null;
    }
}
