/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.terminology;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Optional;
import org.i4dw.data.DicomDates;

/**
 * The canonical lexical forms of {@link org.i4dw.api.pivot.PivotElement} values, from DICOM
 * values as {@link org.i4dw.data.DicomObject#strings} gives them. Each method returns null when
 * the value is not of its type, so that the caller keeps it as TEXT.
 */
final class Lexical {

    /** Longest exponent accepted; a larger one is not a DICOM number (DS has 16 characters). */
    private static final int MAX_EXPONENT = 9_999;

    private Lexical() {
    }

    /**
     * A number ({@code [+-]digits[.digits][(e|E)[+-]digits]}, at least one digit before the
     * exponent) as its exact decimal value, without binary rounding: no leading zeros, no trailing
     * fraction zeros, no {@code +}, zero as {@code 0}; written plainly when the leading digit's
     * power of ten is between -3 and 20 ({@code 12.5}, {@code -3}, {@code 0.001},
     * {@code 4294967295}), else in the scientific form Java writes doubles in ({@code 1.0E-4},
     * {@code 1.25E21}).
     *
     * @param s the value
     * @return the canonical form, or null if {@code s} is not a number
     */
    static String number(String s) {
        if (isCanonicalNumber(s)) {
            return s;
        }
        int n = s.length();
        int i = 0;
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        StringBuilder digits = new StringBuilder(n);
        int fraction = 0;
        boolean point = false;
        boolean any = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                any = true;
                if (digits.length() > 0 || c != '0') {
                    digits.append(c);
                }
                if (point) {
                    fraction++;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (!any) {
            return null;
        }
        long exponent = 0;
        if (i < n) {
            char c = s.charAt(i);
            if (c != 'e' && c != 'E') {
                return null;
            }
            i++;
            boolean negativeExponent = false;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                negativeExponent = s.charAt(i) == '-';
                i++;
            }
            if (i == n) {
                return null;
            }
            for (; i < n; i++) {
                char d = s.charAt(i);
                if (d < '0' || d > '9') {
                    return null;
                }
                exponent = exponent * 10 + (d - '0');
                if (exponent > MAX_EXPONENT) {
                    return null;
                }
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        // value = digits x 10^(exponent - fraction), digits without leading zeros
        if (digits.length() == 0) {
            return "0";
        }
        long scale = exponent - fraction;
        int len = digits.length();
        while (digits.charAt(len - 1) == '0') {
            len--;
            scale++;
        }
        digits.setLength(len);
        long adjusted = len - 1 + scale;
        StringBuilder out = new StringBuilder(len + 8);
        if (negative) {
            out.append('-');
        }
        if (adjusted < -3 || adjusted > 20) {
            out.append(digits.charAt(0)).append('.');
            if (len > 1) {
                out.append(digits, 1, len);
            } else {
                out.append('0');
            }
            return out.append('E').append(adjusted).toString();
        }
        if (scale >= 0) {
            out.append(digits);
            for (long k = 0; k < scale; k++) {
                out.append('0');
            }
        } else if (adjusted >= 0) {
            int whole = (int) adjusted + 1;
            out.append(digits, 0, whole).append('.').append(digits, whole, len);
        } else {
            out.append("0.");
            for (long k = -1; k > adjusted; k--) {
                out.append('0');
            }
            out.append(digits);
        }
        return out.toString();
    }

    /**
     * True if {@code s} is already in the canonical form of {@link #number(String)}: an optional
     * {@code -}, {@code 0} or digits not starting with 0 (at most 21), an optional fraction not
     * ending with 0, a leading digit's power of ten from -3 to 20, not {@code -0}.
     */
    private static boolean isCanonicalNumber(String s) {
        int n = s.length();
        int i = s.startsWith("-") ? 1 : 0;
        int wholeStart = i;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        int whole = i - wholeStart;
        if (whole == 0 || whole > 21 || whole > 1 && s.charAt(wholeStart) == '0') {
            return false;
        }
        boolean zero = s.charAt(wholeStart) == '0';
        if (i == n) {
            return !zero || wholeStart == 0;
        }
        if (s.charAt(i) != '.' || i == n - 1 || s.charAt(n - 1) == '0') {
            return false;
        }
        int firstNonZero = -1;
        for (int k = i + 1; k < n; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
            if (firstNonZero < 0 && c != '0') {
                firstNonZero = k - i;
            }
        }
        return !zero || firstNonZero <= 3;
    }

    /**
     * A DA value as ISO {@code yyyy-MM-dd}.
     *
     * @param s the value
     * @return the date, or null if {@code s} is not a valid date
     */
    static String date(String s) {
        Optional<LocalDate> d = DicomDates.parseDate(s);
        return d.isPresent() ? d.get().toString() : null;
    }

    /**
     * A TM value as ISO {@code HH:mm:ss}, with the fraction of a second when it is not zero, without
     * trailing zeros ({@code 14:05:09.25}); omitted minutes and seconds are zero.
     *
     * @param s the value
     * @return the time, or null if {@code s} is not a valid time
     */
    static String time(String s) {
        Optional<LocalTime> t = DicomDates.parseTime(s);
        return t.isPresent() ? time(new StringBuilder(16), t.get()).toString() : null;
    }

    /**
     * A DT value as ISO {@code yyyy-MM-ddTHH:mm:ss[.fraction]}, followed by its UTC offset
     * ({@code +01:00}) when DICOM gave one; omitted components take their lowest value.
     *
     * @param s the value
     * @return the date-time, or null if {@code s} is not a valid date-time
     */
    static String dateTime(String s) {
        Optional<LocalDateTime> dt = DicomDates.parseDateTime(s);
        if (dt.isEmpty()) {
            return null;
        }
        String v = s.strip();
        int sign = Math.max(v.lastIndexOf('+'), v.lastIndexOf('-'));
        String offset = "";
        if (sign > 0) {
            String z = v.substring(sign + 1);
            if (z.length() != 4 || !digits(z)) {
                return null;
            }
            int hours = Integer.parseInt(z.substring(0, 2));
            int minutes = Integer.parseInt(z.substring(2));
            if (hours > 14 || minutes > 59) {
                return null;
            }
            offset = v.charAt(sign) + z.substring(0, 2) + ":" + z.substring(2);
        }
        StringBuilder out = new StringBuilder(32).append(dt.get().toLocalDate()).append('T');
        return time(out, dt.get().toLocalTime()).append(offset).toString();
    }

    private static StringBuilder time(StringBuilder out, LocalTime t) {
        two(out, t.getHour()).append(':');
        two(out, t.getMinute()).append(':');
        two(out, t.getSecond());
        int nanos = t.getNano();
        if (nanos != 0) {
            String f = Integer.toString(1_000_000_000 + nanos).substring(1);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            out.append('.').append(f, 0, end);
        }
        return out;
    }

    private static StringBuilder two(StringBuilder out, int v) {
        return out.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
