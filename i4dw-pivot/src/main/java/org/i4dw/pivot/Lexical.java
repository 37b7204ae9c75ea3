/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.pivot;

import org.i4dw.api.terminology.NodeType;

/**
 * The lexical forms {@code pivot-1.xsd} gives the typed values, checked by hand (a few
 * nanoseconds a value, no allocation). Each check accepts a subset of what the schema accepts, so
 * that a value the writer lets through always validates; the only strings the schema accepts and
 * these checks refuse are reduced-precision date-times ({@code 2024-02-30T10:00}) whose day does
 * not exist, which XML Schema 1.0 patterns cannot catch. Leading and trailing XML white space
 * (space, tab, line feed, carriage return) is accepted around every form, as the schema's
 * white-space collapsing does.
 */
final class Lexical {

    private Lexical() {
    }

    /**
     * Whether {@code value} is in the lexical space the schema gives {@code type}. The string
     * types (CODE, UIDREF, PNAME, TEXT, REFERENCE) take any string.
     */
    static boolean valid(NodeType type, String value) {
        switch (type) {
            case NUMBER:
                return isDouble(value);
            case DATE:
                return isDate(value);
            case TIME:
                return isTime(value);
            case DATETIME:
                return isDateTime(value);
            default:
                return true;
        }
    }

    /** How the schema describes a type's lexical form, for messages. */
    static String describe(NodeType type) {
        switch (type) {
            case NUMBER:
                return "a decimal number (xs:double: 12.5, -3, 1.0E-4, INF, -INF, NaN)";
            case DATE:
                return "an ISO date YYYY-MM-DD with a year from 0001 to 9999";
            case TIME:
                return "an ISO time HH:MM:SS, HH:MM:SS.fraction or HH:MM";
            case DATETIME:
                return "an ISO date-time YYYY-MM-DDTHH:MM[:SS[.fraction]] with an optional offset Z or +HH:MM up to 14:00";
            default:
                return "a string";
        }
    }

    private static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static int start(String s) {
        int i = 0;
        while (i < s.length() && space(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int end(String s, int start) {
        int e = s.length();
        while (e > start && space(s.charAt(e - 1))) {
            e--;
        }
        return e;
    }

    /** xs:double: {@code (+|-)?(d+(.d*)?|.d+)([Ee](+|-)?d+)?}, {@code INF}, {@code -INF}, {@code NaN}. */
    static boolean isDouble(String s) {
        int i = start(s);
        int e = end(s, i);
        if (i == e) {
            return false;
        }
        int n = e - i;
        if ((n == 3 && (s.startsWith("INF", i) || s.startsWith("NaN", i))) || (n == 4 && s.startsWith("-INF", i))) {
            return true;
        }
        char c = s.charAt(i);
        if (c == '+' || c == '-') {
            i++;
        }
        int digits = 0;
        while (i < e && digit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < e && s.charAt(i) == '.') {
            i++;
            while (i < e && digit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < e && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < e && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            while (i < e && digit(s.charAt(i))) {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == e;
    }

    /** {@code YYYY-MM-DD}, year 0001 to 9999, a day that exists. */
    static boolean isDate(String s) {
        int i = start(s);
        int e = end(s, i);
        return e - i == 10 && date(s, i);
    }

    /** {@code HH:MM}, {@code HH:MM:SS}, {@code HH:MM:SS.f+}. */
    static boolean isTime(String s) {
        int i = start(s);
        int e = end(s, i);
        return time(s, i, e) == e;
    }

    /** A date, {@code T}, a time as in {@link #isTime}, then an optional offset. */
    static boolean isDateTime(String s) {
        int i = start(s);
        int e = end(s, i);
        if (e - i < 16 || !date(s, i) || s.charAt(i + 10) != 'T') {
            return false;
        }
        int t = time(s, i + 11, e);
        if (t < 0) {
            return false;
        }
        if (t == e) {
            return true;
        }
        char c = s.charAt(t);
        if (c == 'Z') {
            return t + 1 == e;
        }
        if ((c != '+' && c != '-') || e - t != 6 || s.charAt(t + 3) != ':') {
            return false;
        }
        int hh = two(s, t + 1);
        int mm = two(s, t + 4);
        return hh >= 0 && mm >= 0 && mm <= 59 && (hh < 14 || (hh == 14 && mm == 0));
    }

    /** A valid date in the 10 characters at {@code i}. */
    private static boolean date(String s, int i) {
        int y1 = two(s, i);
        int y2 = two(s, i + 2);
        int month = two(s, i + 5);
        int day = two(s, i + 8);
        if (y1 < 0 || y2 < 0 || month < 1 || month > 12 || day < 1 || s.charAt(i + 4) != '-'
                || s.charAt(i + 7) != '-') {
            return false;
        }
        int year = y1 * 100 + y2;
        return year >= 1 && day <= monthLength(year, month);
    }

    private static int monthLength(int year, int month) {
        switch (month) {
            case 2:
                boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
                return leap ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /**
     * A time from {@code i}: returns the index after it, or -1. Stops before anything that is not
     * part of the time (an offset), which the caller checks.
     */
    private static int time(String s, int i, int e) {
        if (e - i < 5 || s.charAt(i + 2) != ':') {
            return -1;
        }
        int hh = two(s, i);
        int mm = two(s, i + 3);
        if (hh < 0 || hh > 23 || mm < 0 || mm > 59) {
            return -1;
        }
        i += 5;
        if (i == e || s.charAt(i) != ':') {
            return i;
        }
        if (e - i < 3) {
            return -1;
        }
        int ss = two(s, i + 1);
        if (ss < 0 || ss > 59) {
            return -1;
        }
        i += 3;
        if (i < e && s.charAt(i) == '.') {
            i++;
            int f = i;
            while (i < e && digit(s.charAt(i))) {
                i++;
            }
            if (i == f) {
                return -1;
            }
        }
        return i;
    }

    /** Two ASCII digits at {@code i} as a number, or -1. */
    private static int two(String s, int i) {
        if (i + 1 >= s.length()) {
            return -1;
        }
        char a = s.charAt(i);
        char b = s.charAt(i + 1);
        return digit(a) && digit(b) ? (a - '0') * 10 + (b - '0') : -1;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
