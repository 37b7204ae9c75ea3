/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * decode(encode(s)) == s for random strings drawn from each character set's repertoire, with
 * delimiters and control characters mixed in; and decoding random bytes never throws.
 */
class SpecificCharacterSetPropertiesTest {

    private static final List<VR> VRS = List.of(VR.PN, VR.LO, VR.SH, VR.LT, VR.ST, VR.UT, VR.UC);
    private static final String SINGLE_BYTE = "100 101 109 110 144 127 126 138 148 203 13 166";

    /** A character set and the characters it can represent. */
    record Repertoire(SpecificCharacterSet charset, String characters) {
        @Override
        public String toString() {
            return charset.toString();
        }
    }

    /** A value to round-trip. */
    record Case(Repertoire repertoire, VR vr, String text) {
    }

    @Property(tries = 1500)
    void singleByteAndIso2022SetsRoundTrip(@ForAll("iso2022Cases") Case c) {
        SpecificCharacterSet cs = c.repertoire().charset();
        assertEquals(c.text(), cs.decode(cs.encode(c.text(), c.vr()), c.vr()));
    }

    @Property(tries = 500)
    void unicodeSetsRoundTripAnyText(@ForAll("unicodeCases") Case c) {
        SpecificCharacterSet cs = c.repertoire().charset();
        assertEquals(c.text(), cs.decode(cs.encode(c.text(), c.vr()), c.vr()));
    }

    @Property(tries = 500)
    void decodingArbitraryBytesNeverThrows(@ForAll("charsets") Repertoire r, @ForAll("vrs") VR vr,
            @ForAll("bytes") byte[] bytes) {
        assertNotNull(r.charset().decode(bytes, vr));
    }

    @Provide
    Arbitrary<Case> iso2022Cases() {
        return cases(iso2022Repertoires());
    }

    @Provide
    Arbitrary<Case> unicodeCases() {
        List<Repertoire> all = new ArrayList<>();
        for (String term : List.of("ISO_IR 192", "GB18030")) {
            all.add(new Repertoire(SpecificCharacterSet.of(term), null));
        }
        Arbitrary<String> anyText = Arbitraries.integers().between(1, 0x10FFFF)
                .filter(cp -> cp < 0xD800 || cp > 0xDFFF)
                .list().ofMaxSize(30)
                .map(cps -> new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size()));
        Arbitrary<Case> unicode = Arbitraries.of(all)
                .flatMap(r -> Arbitraries.of(VRS).flatMap(vr -> anyText.map(s -> new Case(r, vr, s))));
        return Arbitraries.oneOf(unicode, cases(List.of(gbk())));
    }

    @Provide
    Arbitrary<Repertoire> charsets() {
        List<Repertoire> all = new ArrayList<>(iso2022Repertoires());
        all.add(new Repertoire(SpecificCharacterSet.of("ISO_IR 192"), ""));
        all.add(new Repertoire(SpecificCharacterSet.of("GB18030"), ""));
        all.add(new Repertoire(SpecificCharacterSet.DEFAULT, ""));
        return Arbitraries.of(all);
    }

    @Provide
    Arbitrary<VR> vrs() {
        return Arbitraries.of(VRS);
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        // mostly the bytes that matter: ESC, escape sequence letters, delimiters, both halves
        Arbitrary<Byte> interesting = Arbitraries.of((byte) 0x1B, (byte) '$', (byte) '(', (byte) ')', (byte) '-',
                (byte) 'B', (byte) 'C', (byte) 'A', (byte) 'D', (byte) 'J', (byte) 'I', (byte) '\\', (byte) '^',
                (byte) '=', (byte) 0x0D, (byte) 0x21, (byte) 0xB0, (byte) 0xA1);
        return Arbitraries.oneOf(interesting, Arbitraries.bytes()).list().ofMaxSize(40).map(list -> {
            byte[] b = new byte[list.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = list.get(i);
            }
            return b;
        });
    }

    private static Arbitrary<Case> cases(List<Repertoire> repertoires) {
        return Arbitraries.of(repertoires).flatMap(r -> Arbitraries.of(VRS).flatMap(vr -> Arbitraries.strings()
                .withChars(r.characters().toCharArray())
                .ofMaxLength(30)
                .map(s -> new Case(r, vr, s))));
    }

    private static List<Repertoire> iso2022Repertoires() {
        List<Repertoire> out = new ArrayList<>();
        for (String n : SINGLE_BYTE.split(" ")) {
            out.add(repertoire(List.of("ISO_IR " + n)));
            out.add(repertoire(List.of("ISO 2022 IR " + n)));
        }
        out.add(repertoire(List.of("ISO_IR 6")));
        out.add(repertoire(List.of("", "ISO 2022 IR 87")));
        out.add(repertoire(List.of("", "ISO 2022 IR 87", "ISO 2022 IR 159")));
        out.add(repertoire(List.of("ISO 2022 IR 13", "ISO 2022 IR 87")));
        out.add(repertoire(List.of("", "ISO 2022 IR 149")));
        out.add(repertoire(List.of("ISO 2022 IR 149")));
        out.add(repertoire(List.of("", "ISO 2022 IR 58")));
        out.add(repertoire(List.of("ISO 2022 IR 100", "ISO 2022 IR 144", "ISO 2022 IR 87")));
        out.add(repertoire(List.of("ISO 2022 IR 6", "ISO 2022 IR 101", "ISO 2022 IR 126", "ISO 2022 IR 149",
                "ISO 2022 IR 58")));
        out.add(repertoire(List.of("ISO 2022 IR 13", "ISO 2022 IR 148", "ISO 2022 IR 159")));
        return out;
    }

    /** ASCII (graphic and the controls of text) plus every set the terms declare. */
    private static Repertoire repertoire(List<String> terms) {
        SpecificCharacterSet cs = SpecificCharacterSet.of(terms);
        Set<Character> chars = new LinkedHashSet<>();
        for (char c : "\r\n\t\f".toCharArray()) {
            chars.add(c);
        }
        for (char c = 0x20; c < 0x7F; c++) {
            chars.add(c);
        }
        for (String term : terms) {
            String t = term.replace("ISO_IR ", "ISO 2022 IR ");
            GraphicSet set = setOf(t);
            if (set != null) {
                for (char c : set.repertoire().toCharArray()) {
                    chars.add(c);
                }
            }
        }
        StringBuilder sb = new StringBuilder(chars.size());
        chars.forEach(sb::append);
        return new Repertoire(cs, sb.toString());
    }

    private static GraphicSet setOf(String term) {
        switch (term) {
            case "ISO 2022 IR 100": return GraphicSet.LATIN_1;
            case "ISO 2022 IR 101": return GraphicSet.LATIN_2;
            case "ISO 2022 IR 109": return GraphicSet.LATIN_3;
            case "ISO 2022 IR 110": return GraphicSet.LATIN_4;
            case "ISO 2022 IR 144": return GraphicSet.CYRILLIC;
            case "ISO 2022 IR 127": return GraphicSet.ARABIC;
            case "ISO 2022 IR 126": return GraphicSet.GREEK;
            case "ISO 2022 IR 138": return GraphicSet.HEBREW;
            case "ISO 2022 IR 148": return GraphicSet.LATIN_5;
            case "ISO 2022 IR 203": return GraphicSet.LATIN_9;
            case "ISO 2022 IR 13": return GraphicSet.JIS_X0201_KATAKANA;
            case "ISO 2022 IR 166": return GraphicSet.THAI;
            case "ISO 2022 IR 87": return GraphicSet.JIS_X0208;
            case "ISO 2022 IR 159": return GraphicSet.JIS_X0212;
            case "ISO 2022 IR 149": return GraphicSet.KS_X1001;
            case "ISO 2022 IR 58": return GraphicSet.GB2312;
            default: return null;
        }
    }

    /** Every character that a two-byte GBK code decodes to, plus ASCII. */
    private static Repertoire gbk() {
        Charset gbk = Charset.forName("GBK");
        StringBuilder sb = new StringBuilder();
        for (char c = 0x20; c < 0x7F; c++) {
            sb.append(c);
        }
        byte[] two = new byte[2];
        for (int b1 = 0x81; b1 <= 0xFE; b1++) {
            for (int b2 = 0x40; b2 <= 0xFE; b2++) {
                if (b2 == 0x7F) {
                    continue;
                }
                two[0] = (byte) b1;
                two[1] = (byte) b2;
                String s = new String(two, gbk);
                if (s.length() == 1 && s.charAt(0) != '\uFFFD') {
                    sb.append(s.charAt(0));
                }
            }
        }
        return new Repertoire(SpecificCharacterSet.of("GBK"), sb.toString());
    }
}
