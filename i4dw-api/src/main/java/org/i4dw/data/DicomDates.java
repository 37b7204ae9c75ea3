/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Optional;

/**
 * Parsing of DA, TM and DT values (PS3.5 Table 6.2-1), lenient with the legacy forms PS3.5 still
 * mentions ("YYYY.MM.DD", "HH:MM:SS") and with omitted trailing components.
 */
public final class DicomDates {

    private DicomDates() {
    }

    /** A DA value {@code YYYYMMDD} (or legacy {@code YYYY.MM.DD}); empty if it is not a valid date. */
    public static Optional<LocalDate> parseDate(String value) {
        String v = value.strip().replace(".", "").replace("-", "");
        if (v.length() != 8 || !digits(v, 0, 8)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(num(v, 0, 4), num(v, 4, 6), num(v, 6, 8)));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * A TM value {@code HH[MM[SS[.F{1,6}]]]} (or legacy {@code HH:MM:SS.frac}); omitted components
     * are zero; empty if it is not a valid time.
     */
    public static Optional<LocalTime> parseTime(String value) {
        String v = value.strip().replace(":", "");
        int dot = v.indexOf('.');
        String main = dot < 0 ? v : v.substring(0, dot);
        String frac = dot < 0 ? "" : v.substring(dot + 1);
        if (main.isEmpty() || main.length() % 2 != 0 || main.length() > 6 || !digits(main, 0, main.length())
                || frac.length() > 9 || !digits(frac, 0, frac.length())) {
            return Optional.empty();
        }
        int h = num(main, 0, 2);
        int m = main.length() >= 4 ? num(main, 2, 4) : 0;
        int s = main.length() >= 6 ? num(main, 4, 6) : 0;
        if (s == 60) {
            s = 59; // a leap second, allowed by PS3.5
        }
        int nanos = frac.isEmpty() ? 0 : Integer.parseInt((frac + "000000000").substring(0, 9));
        try {
            return Optional.of(LocalTime.of(h, m, s, nanos));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * A DT value {@code YYYY[MM[DD[HH[MM[SS[.F{1,6}]]]]]][&ZZXX]}; omitted components take their
     * lowest value; the UTC offset, if any, is ignored (the local date-time is returned).
     */
    public static Optional<LocalDateTime> parseDateTime(String value) {
        String v = value.strip();
        int sign = Math.max(v.indexOf('+'), v.indexOf('-'));
        if (sign > 0) {
            v = v.substring(0, sign);
        }
        int dot = v.indexOf('.');
        String main = dot < 0 ? v : v.substring(0, dot);
        if (main.length() < 4 || main.length() > 14 || main.length() % 2 != 0 || !digits(main, 0, main.length())) {
            return Optional.empty();
        }
        int year = num(main, 0, 4);
        int month = main.length() >= 6 ? num(main, 4, 6) : 1;
        int day = main.length() >= 8 ? num(main, 6, 8) : 1;
        LocalTime time = LocalTime.MIDNIGHT;
        if (main.length() > 8) {
            Optional<LocalTime> t = parseTime(v.substring(8));
            if (t.isEmpty()) {
                return Optional.empty();
            }
            time = t.get();
        }
        try {
            return Optional.of(LocalDateTime.of(LocalDate.of(year, month, day), time));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int num(String s, int from, int to) {
        return Integer.parseInt(s.substring(from, to));
    }
}
