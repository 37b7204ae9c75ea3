/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.terminology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Canonical lexical forms of pivot element values. */
class LexicalTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "12.50|12.5", "12.5|12.5", "-3|-3", "+007|7", "0|0", "-0.000|0", "000.000|0", "100|100", "1e2|100",
        "1.5E+2|150", "5.|5", ".5|0.5", "-.25|-0.25", "0.001|0.001", "0.0001|1.0E-4", "0.00012|1.2E-4",
        "1.0E-4|1.0E-4", "3.0|3", "4294967295|4294967295", "18446744073709551615|18446744073709551615",
        "123456789012345678901|123456789012345678901", "1234567890123456789012|1.234567890123456789012E21", "1E21|1.0E21", "-2.5e-7|-2.5E-7",
        "0.976562|0.976562", "1.0E10|10000000000", "-0.5|-0.5", "0.05|0.05", "-0|0", "100.25|100.25", "0.0|0",
        "-0.0001|-1.0E-4", "10|10", "1.|1", "2.220446049250313E-16|2.220446049250313E-16"})
    void numbersAreExactDecimalsWithoutPadding(String in, String out) {
        String c = Lexical.number(in);
        assertEquals(out, c);
        assertEquals(0, new BigDecimal(in.strip()).compareTo(new BigDecimal(c)), "value changed");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "+", "-", ".", "abc", "1.2.3", "1e", "1e+", "1x", "NaN", "Infinity", "1,5", "0x10",
        "1e99999", "--1", "1 2"})
    void nonNumbersAreNull(String in) {
        assertNull(Lexical.number(in));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {"20240301|2024-03-01", "2024.03.01|2024-03-01", "19000101|1900-01-01"})
    void datesAreIso(String in, String out) {
        assertEquals(out, Lexical.date(in));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"20241345", "2024031", "20240230", "yesterday", "2024-03"})
    void invalidDatesAreNull(String in) {
        assertNull(Lexical.date(in));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {"140509|14:05:09", "140509.25|14:05:09.25", "140509.250000|14:05:09.25",
        "140509.000000|14:05:09", "1405|14:05:00", "14|14:00:00", "14:05:09|14:05:09", "000000.000001|00:00:00.000001"})
    void timesAreIso(String in, String out) {
        assertEquals(out, Lexical.time(in));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"25", "1460", "140599", "1", "14.5.5", "noon"})
    void invalidTimesAreNull(String in) {
        assertNull(Lexical.time(in));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {"20240301140509|2024-03-01T14:05:09",
        "20240301140509.5+0100|2024-03-01T14:05:09.5+01:00", "20240301140509-0530|2024-03-01T14:05:09-05:30",
        "2024|2024-01-01T00:00:00", "202403011405|2024-03-01T14:05:00",
        "20180105172103.083003|2018-01-05T17:21:03.083003"})
    void dateTimesAreIsoWithTheirOffset(String in, String out) {
        assertEquals(out, Lexical.dateTime(in));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"2024-03-01", "20240301140509+01", "20240301140509+2500", "20241301", "abc"})
    void invalidDateTimesAreNull(String in) {
        assertNull(Lexical.dateTime(in));
    }

    /** Any decimal, however written, gives its exact value in a form that is its own canonical form. */
    @Property(tries = 3000)
    void numbersKeepTheirValueAndCanonicalFormsAreFixedPoints(@ForAll long unscaled,
            @ForAll @IntRange(min = -40, max = 40) int scale, @ForAll @IntRange(min = 0, max = 3) int style,
            @ForAll @IntRange(min = 0, max = 2) int zeros) {
        BigDecimal d = new BigDecimal(BigInteger.valueOf(unscaled), scale);
        String written;
        switch (style) {
            case 0: written = d.toString(); break;
            case 1: written = d.toPlainString(); break;
            case 2: written = d.toEngineeringString(); break;
            default: written = (d.signum() >= 0 ? "+" : "-") + "0".repeat(zeros) + d.abs().toPlainString()
                    + (d.scale() > 0 ? "0".repeat(zeros) : ""); break;
        }
        String c = Lexical.number(written);
        assertEquals(0, d.compareTo(new BigDecimal(c)), written + " -> " + c);
        assertEquals(c, Lexical.number(c), "not a fixed point: " + c);
        assertEquals(c.contains("E"), d.signum() != 0 && (d.precision() - d.scale() - 1 < -3
                || d.precision() - d.scale() - 1 > 20), c);
    }
}
