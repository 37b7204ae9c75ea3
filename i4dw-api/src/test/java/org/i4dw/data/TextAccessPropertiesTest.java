/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Text values read from bytes: {@link DicomObject#strings(Tag)}, {@link DicomObject#string(Tag)}
 * and their pooled forms, which split and trim before decoding when the character set allows it,
 * give what PS3.5 6.2 says of the decoded value: split at backslashes (multi-valued VRs), trailing
 * spaces and NULs removed, leading spaces removed (multi-valued VRs but UC).
 */
class TextAccessPropertiesTest {

    private static final int TAG = 0x00091001;
    private static final List<List<String>> CHARSETS = List.of(List.of(), List.of("ISO_IR 100"), List.of("ISO_IR 101"),
            List.of("ISO_IR 144"), List.of("ISO_IR 192"), List.of("GB18030"), List.of("GBK"), List.of("ISO_IR 13"),
            List.of("", "ISO 2022 IR 87"), List.of("ISO 2022 IR 6", "ISO 2022 IR 100"), List.of("ISO_IR 166"));
    private static final List<VR> VRS = List.of(VR.AE, VR.AS, VR.CS, VR.DA, VR.DS, VR.DT, VR.IS, VR.LO, VR.LT, VR.PN,
            VR.SH, VR.ST, VR.TM, VR.UC, VR.UI, VR.UR, VR.UT);

    /** One element's bytes under a character set. */
    record Case(List<String> charset, VR vr, byte[] bytes) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(charset + " " + vr + " [");
            for (byte b : bytes) {
                sb.append(String.format("%02X ", b & 0xFF));
            }
            return sb.append(']').toString();
        }

        DicomObject object() {
            DicomObject.Builder b = DicomObject.builder();
            if (!charset.isEmpty()) {
                b.set(Tag.SpecificCharacterSet, VR.CS, charset.toArray(new String[0]));
            }
            return b.adoptBytes(TAG, vr, bytes.clone()).build();
        }
    }

    /** The values as PS3.5 6.2 defines them, from the whole decoded value. */
    private static List<String> expected(DicomObject o, VR vr, byte[] bytes) {
        String s = o.characterSet().decode(bytes, vr);
        List<String> parts = new ArrayList<>();
        if (!vr.isMultiValuedText()) {
            parts.add(s);
        } else {
            int start = 0;
            for (int k = 0; k <= s.length(); k++) {
                if (k == s.length() || s.charAt(k) == '\\') {
                    parts.add(s.substring(start, k));
                    start = k + 1;
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            int end = p.length();
            while (end > 0 && (p.charAt(end - 1) == ' ' || p.charAt(end - 1) == '\0')) {
                end--;
            }
            int start = 0;
            while (vr.isMultiValuedText() && vr != VR.UC && start < end && p.charAt(start) == ' ') {
                start++;
            }
            out.add(p.substring(start, end));
        }
        return out.size() == 1 && out.get(0).isEmpty() ? List.of() : out;
    }

    private final TextPool pool = new TextPool(64);

    @Property(tries = 3000)
    void bytesReadAsTheStandardSays(@ForAll("cases") Case c) {
        DicomObject o = c.object();
        List<String> expected = expected(o, c.vr(), c.bytes());
        assertEquals(expected, o.strings(Tag.of(TAG)));
        Optional<String> first = expected.isEmpty() || expected.get(0).isEmpty() ? Optional.empty()
                : Optional.of(expected.get(0));
        assertEquals(first, o.string(Tag.of(TAG)));
        assertEquals(first, o.string(Tag.of(TAG), pool), "pooled");
        assertTrue(pool.size() <= 64);
    }

    /** Without code extensions, decoding is the JDK's decoding with the term's charset (ASCII fast path included). */
    @Property(tries = 1000)
    void singleCharsetsDecodeAsTheJdk(@ForAll("cases") Case c) {
        String term = c.charset().isEmpty() ? "" : c.charset().get(0);
        java.nio.charset.Charset jdk = SpecificCharacterSet.charsetOf(term);
        if (c.charset().size() > 1 || jdk == null || !c.vr().usesSpecificCharacterSet()) {
            return;
        }
        assertEquals(new String(c.bytes(), jdk), c.object().characterSet().decode(c.bytes(), c.vr()));
    }

    @Property(tries = 1000)
    void pooledCodesAreTheCodes(@ForAll("cases") Case value, @ForAll("cases") Case meaning) {
        DicomObject.Builder b = DicomObject.builder();
        if (!value.charset().isEmpty()) {
            b.set(Tag.SpecificCharacterSet, VR.CS, value.charset().toArray(new String[0]));
        }
        DicomObject item = b.adoptBytes(Tag.CodeValue.value(), VR.SH, value.bytes().clone())
                .adoptBytes(Tag.CodingSchemeDesignator.value(), VR.SH, "DCM ".getBytes(StandardCharsets.US_ASCII))
                .adoptBytes(Tag.CodeMeaning.value(), VR.LO, meaning.bytes().clone()).build();
        assertEquals(Code.of(item), Code.of(item, pool));
        DicomObject parent = DicomObject.builder().setSequence(Tag.ConceptNameCodeSequence, List.of(item)).build();
        assertEquals(parent.code(Tag.ConceptNameCodeSequence), parent.code(Tag.ConceptNameCodeSequence, pool));
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Byte> interesting = Arbitraries.of((byte) ' ', (byte) 0, (byte) '\\', (byte) 'A', (byte) '1',
                (byte) '.', (byte) 0x1B, (byte) 0x24, (byte) 0x42, (byte) 0x28, (byte) 0xC3, (byte) 0xA9, (byte) 0x81,
                (byte) 0x5C);
        Arbitrary<byte[]> bytes = Arbitraries.oneOf(interesting, Arbitraries.bytes()).list().ofMaxSize(24)
                .map(l -> {
                    byte[] a = new byte[l.size()];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = l.get(i);
                    }
                    return a;
                });
        return Arbitraries.of(CHARSETS)
                .flatMap(cs -> Arbitraries.of(VRS).flatMap(vr -> bytes.map(b -> new Case(cs, vr, b))));
    }

    @Test
    void aPoolGivesOneInstancePerValueAcrossObjects() {
        TextPool p = new TextPool(2);
        DicomObject a = DicomObject.builder().adoptBytes(Tag.CodeValue.value(), VR.SH, "113838".getBytes(StandardCharsets.US_ASCII))
                .adoptBytes(Tag.CodeMeaning.value(), VR.LO, " DLP ".getBytes(StandardCharsets.US_ASCII)).build();
        DicomObject b = DicomObject.builder().adoptBytes(Tag.CodeValue.value(), VR.SH, "113838  ".getBytes(StandardCharsets.US_ASCII))
                .adoptBytes(Tag.CodeMeaning.value(), VR.LO, "DLP".getBytes(StandardCharsets.US_ASCII))
                .adoptBytes(Tag.CodingSchemeDesignator.value(), VR.SH, "DCM ".getBytes(StandardCharsets.US_ASCII)).build();
        String value = a.string(Tag.CodeValue, p).orElseThrow();
        assertSame(value, b.string(Tag.CodeValue, p).orElseThrow());
        assertSame(a.string(Tag.CodeMeaning, p).orElseThrow(), b.string(Tag.CodeMeaning, p).orElseThrow());
        assertEquals(2, p.size());
        assertEquals("DCM", b.string(Tag.CodingSchemeDesignator, p).orElseThrow(), "full: decoded, not kept");
        assertEquals(2, p.size());
        DicomObject latin = DicomObject.builder().set(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100")
                .adoptBytes(Tag.CodeMeaning.value(), VR.LO, new byte[] {'M', (byte) 0xFC, 'l', 'l', 'e', 'r'}).build();
        assertEquals("Müller", latin.string(Tag.CodeMeaning, new TextPool(4)).orElseThrow(), "not ASCII: decoded");
        assertThrows(IllegalArgumentException.class, () -> new TextPool(0));
        assertThrows(NullPointerException.class, () -> a.string(Tag.CodeValue, null));
    }
}
