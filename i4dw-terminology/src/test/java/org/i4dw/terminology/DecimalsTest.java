/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.terminology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The decimal fast path gives exactly the double the JDK's parser gives. */
class DecimalsTest {

    @Property(tries = 5000)
    void plainDecimalsParseAsTheJdkParsesThem(@ForAll long unscaled, @ForAll @IntRange(min = 0, max = 20) int scale,
            @ForAll boolean plus) {
        String s = new BigDecimal(BigInteger.valueOf(unscaled % 10_000_000_000_000_000L), scale).toPlainString();
        if (plus && !s.startsWith("-")) {
            s = "+" + s;
        }
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(Decimals.parseDouble(s)),
                s);
    }

    @Property(tries = 5000)
    void anyStringParsesAsTheJdkParsesIt(@ForAll("numberish") String s) {
        double expected;
        try {
            expected = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            expected = Double.NaN;
        }
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(Decimals.parseDouble(s)), s);
    }

    @Provide
    Arbitrary<String> numberish() {
        return Arbitraries.strings().withChars("0123456789.-+eE ").ofMaxLength(20);
    }
}
