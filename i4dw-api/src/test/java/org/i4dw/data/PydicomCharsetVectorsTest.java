/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decodes the raw text values of D. Clunie's character set samples (as shipped with pydicom) and
 * compares with what pydicom decodes from the same bytes. The vectors are written by
 * {@code src/test/resources/charsets/make_vectors.py}; see the README there.
 */
class PydicomCharsetVectorsTest {

    /** One row of pydicom-vectors.tsv. */
    record Vector(String file, int tag, VR vr, List<String> terms, byte[] bytes, String pydicom) {
        @Override
        public String toString() {
            return file + " " + Tag.toString(tag) + " " + vr;
        }
    }

    static List<Vector> vectors() {
        List<Vector> out = new ArrayList<>();
        try (InputStream in = PydicomCharsetVectorsTest.class.getResourceAsStream("/charsets/pydicom-vectors.tsv");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            HexFormat hex = HexFormat.of();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                List<String> terms = Arrays.asList(f[3].split("\\\\", -1));
                out.add(new Vector(f[0], Integer.parseUnsignedInt(f[1], 16), VR.valueOf(f[2]), terms,
                        hex.parseHex(f[4]), new String(hex.parseHex(f[5]), StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Stream<Vector> vectorStream() {
        return vectors().stream();
    }

    @Test
    void everySampleFileContributesVectors() {
        List<Vector> all = vectors();
        assertEquals(125, all.size());
        assertEquals(13, all.stream().map(Vector::file).distinct().count());
    }

    /** Through DicomObject, as a reader sees it: decoded, split at backslashes, trimmed. */
    @ParameterizedTest
    @MethodSource("vectorStream")
    void decodesAsPydicomDoes(Vector v) {
        DicomObject obj = DicomObject.builder()
                .set(Tag.SpecificCharacterSet, VR.CS, v.terms().toArray(new String[0]))
                .setBytes(Tag.of(v.tag()), v.vr(), v.bytes())
                .build();
        List<String> ours = obj.strings(Tag.of(v.tag()));
        assertEquals(v.pydicom(), inPydicomForm(ours, v.vr()));
    }

    /** Our encoder writes the sample's bytes again, escape sequences included. */
    @ParameterizedTest
    @MethodSource("vectorStream")
    void encodesBackToTheSampleBytes(Vector v) {
        SpecificCharacterSet cs = SpecificCharacterSet.of(v.terms());
        String text = cs.decode(v.bytes(), v.vr());
        assertTrue(text.indexOf(GraphicSet.REPLACEMENT) < 0, "no byte was undecodable");
        byte[] again = cs.encode(text, v.vr());
        assertArrayEquals(expectedEncoding(v), again, () -> HexFormat.ofDelimiter(" ").formatHex(again));
    }

    /**
     * Our values joined as pydicom shows them. pydicom drops trailing empty PN component groups
     * ("王^小东=" reads as "王^小东"); we keep the value as written. The samples concerned are chrX1
     * and chrX2 (PS3.5 J.1 and J.3), whose names end with '='. Nothing else is normalized.
     */
    private static String inPydicomForm(List<String> values, VR vr) {
        List<String> out = new ArrayList<>(values.size());
        for (String value : values) {
            String s = value;
            while (vr == VR.PN && s.endsWith("=")) {
                s = s.substring(0, s.length() - 1);
            }
            out.add(s);
        }
        return String.join("\\", out);
    }

    /**
     * The sample bytes, except where the sample's writer spent an escape sequence that PS3.5 does
     * not require: chrKoreanMulti switches G0 back to ASCII (ESC ( B) though G0 never left it; our
     * encoder, like PS3.5 Annex I, only designates KS X 1001 to G1.
     */
    private static byte[] expectedEncoding(Vector v) {
        if (v.file().contains("KoreanMulti")) {
            return removeAll(v.bytes(), new byte[] {0x1B, 0x28, 0x42});
        }
        return v.bytes();
    }

    private static byte[] removeAll(byte[] bytes, byte[] pattern) {
        byte[] out = new byte[bytes.length];
        int n = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (i + pattern.length <= bytes.length
                    && Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                i += pattern.length - 1;
                continue;
            }
            out[n++] = bytes[i];
        }
        return Arrays.copyOf(out, n);
    }
}
