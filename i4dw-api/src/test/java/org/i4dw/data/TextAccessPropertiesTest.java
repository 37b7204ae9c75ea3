/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Text values read from bytes: {@link DicomObject#strings(Tag)}, {@link DicomObject#string(Tag)}
 * and {@link Code#of(DicomObject)}, which split and trim before decoding when the character set
 * allows it, give what PS3.5 6.2 says of the decoded value: split at backslashes (multi-valued VRs),
 * trailing spaces and NULs removed, leading spaces removed (multi-valued VRs but UC).
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

    @Property(tries = 3000)
    void bytesReadAsTheStandardSays(@ForAll("cases") Case c) {
        DicomObject o = c.object();
        List<String> expected = expected(o, c.vr(), c.bytes());
        assertEquals(expected, o.strings(Tag.of(TAG)));
        Optional<String> first = expected.isEmpty() || expected.get(0).isEmpty() ? Optional.empty()
                : Optional.of(expected.get(0));
        assertEquals(first, o.string(Tag.of(TAG)));
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

    /** A code read in one pass over its item is the code read attribute by attribute. */
    @Property(tries = 1000)
    void codesAreTheirAttributes(@ForAll("cases") Case value, @ForAll("cases") Case meaning, @ForAll boolean withScheme,
            @ForAll boolean withLongValue) {
        DicomObject.Builder b = DicomObject.builder();
        if (!value.charset().isEmpty()) {
            b.set(Tag.SpecificCharacterSet, VR.CS, value.charset().toArray(new String[0]));
        }
        b.adoptBytes(Tag.CodeValue.value(), VR.SH, value.bytes().clone())
                .adoptBytes(Tag.CodeMeaning.value(), VR.LO, meaning.bytes().clone())
                .set(Tag.ContextIdentifier, VR.CS, "4031");
        if (withScheme) {
            b.adoptBytes(Tag.CodingSchemeDesignator.value(), VR.SH, "DCM ".getBytes(StandardCharsets.US_ASCII));
        }
        if (withLongValue) {
            b.set(Tag.LongCodeValue, VR.UC, "a long code value");
        }
        DicomObject item = b.build();
        Optional<String> v = item.string(Tag.CodeValue).or(() -> item.string(Tag.LongCodeValue));
        Optional<Code> expected = v.isEmpty() || item.string(Tag.CodingSchemeDesignator).isEmpty() ? Optional.empty()
                : Optional.of(new Code(v.get(), "DCM", "", item.string(Tag.CodeMeaning).orElse("")));
        assertEquals(expected, Code.of(item));
        DicomObject parent = DicomObject.builder().setSequence(Tag.ConceptNameCodeSequence, List.of(item)).build();
        assertEquals(expected, parent.code(Tag.ConceptNameCodeSequence));
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
}
