/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.terminology;

/** Parsing of the decimal strings DICOM numbers are written in, for the ranges of numeric nodes. */
final class Decimals {

    /** Powers of ten that doubles hold exactly. */
    private static final double[] POWERS = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22};

    private Decimals() {
    }

    /**
     * {@link Double#parseDouble(String)} of {@code s}, NaN if it is not a number. A plain decimal of
     * at most 15 digits ({@code [+-]digits[.digits]}, the usual DS and IS value) is the quotient of
     * two exact doubles, which IEEE division rounds correctly, so it gives the same double without
     * the general parser; anything else goes to the general parser.
     *
     * @param s the value
     * @return the number, or NaN
     */
    static double parseDouble(String s) {
        int n = s.length();
        int i = 0;
        boolean negative = false;
        if (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                mantissa = mantissa * 10 + (c - '0');
                if (++digits > 15) {
                    return general(s);
                }
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (c == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return general(s);
            }
        }
        if (digits == 0) {
            return general(s);
        }
        double d = fraction > 0 ? mantissa / POWERS[fraction] : mantissa;
        return negative ? -d : d;
    }

    private static double general(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
