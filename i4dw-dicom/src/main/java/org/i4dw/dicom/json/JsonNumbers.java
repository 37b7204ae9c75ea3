/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.json;

/** Conversions between DICOM decimal and integer strings (DS, IS) and JSON number literals. */
final class JsonNumbers {

    private JsonNumbers() {
    }

    /**
     * The JSON number literal (RFC 8259 section 6) with the value of a DS or IS string, keeping its
     * digits as written: surrounding spaces and a leading '+' dropped, leading zeros of the integer
     * part removed, a missing integer part written as 0 and a trailing decimal point dropped. So
     * {@code "1.50"} gives {@code 1.50}, {@code "+1"} gives {@code 1}, {@code " .5"} gives
     * {@code 0.5}.
     *
     * @param value a DS or IS value
     * @return the literal, or null if the value is not a decimal number (e.g. {@code NaN}, {@code 1,5})
     */
    static String literal(String value) {
        String s = value.strip();
        int n = s.length();
        int i = 0;
        StringBuilder out = new StringBuilder(n + 1);
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            if (s.charAt(i) == '-') {
                out.append('-');
            }
            i++;
        }
        int intStart = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        int intEnd = i;
        int fracStart = -1;
        int fracEnd = -1;
        if (i < n && s.charAt(i) == '.') {
            i++;
            fracStart = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            fracEnd = i;
        }
        boolean hasFraction = fracStart >= 0 && fracEnd > fracStart;
        if (intEnd == intStart && !hasFraction) {
            return null;
        }
        int expStart = i;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int digits = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == digits) {
                return null;
            }
        }
        if (i != n) {
            return null;
        }
        int firstSignificant = intStart;
        while (firstSignificant < intEnd - 1 && s.charAt(firstSignificant) == '0') {
            firstSignificant++;
        }
        if (intEnd == intStart) {
            out.append('0');
        } else {
            out.append(s, firstSignificant, intEnd);
        }
        if (hasFraction) {
            out.append('.').append(s, fracStart, fracEnd);
        }
        out.append(s, expStart, n);
        return out.toString();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
