/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rules of PS3.5 6.1 that the examples of the standard do not show, and what happens with bad bytes. */
class SpecificCharacterSetTest {

    private static final SpecificCharacterSet JAPANESE = SpecificCharacterSet.of("", "ISO 2022 IR 87");
    private static final SpecificCharacterSet KOREAN = SpecificCharacterSet.of("", "ISO 2022 IR 149");

    private static byte[] hex(String s) {
        return HexFormat.ofDelimiter(" ").parseHex(s);
    }

    private static String decode(SpecificCharacterSet cs, String hex, VR vr) {
        return cs.decode(hex(hex), vr);
    }

    @Test
    void controlCharacterReturnsG0ToTheInitialSet() {
        // ESC $ B 山 CR LF A: the kanji mode ends at CR even without ESC ( B
        assertEquals("山\r\nA", decode(JAPANESE, "1b 24 42 3b 33 0d 0a 41", VR.LT));
    }

    @Test
    void personNameDelimiterReturnsG1ToTheInitialSet() {
        // KS X 1001 must be designated again after '^' (PS3.5 I.2); without it the bytes are invalid
        assertEquals("김^\uFFFD\uFFFD", decode(KOREAN, "1b 24 29 43 b1 e8 5e c8 f1", VR.PN));
        assertEquals("김=\uFFFD\uFFFD", decode(KOREAN, "1b 24 29 43 b1 e8 3d c8 f1", VR.PN));
    }

    @Test
    void backslashResetsOnlyWhereItIsAValueDelimiter() {
        assertEquals("김\\\uFFFD\uFFFD", decode(KOREAN, "1b 24 29 43 b1 e8 5c c8 f1", VR.LO));
        assertEquals("김\\희", decode(KOREAN, "1b 24 29 43 b1 e8 5c c8 f1", VR.LT));
    }

    @Test
    void caretIsOnlyADelimiterInPersonNames() {
        assertEquals("김^희", decode(KOREAN, "1b 24 29 43 b1 e8 5e c8 f1", VR.LO));
    }

    @Test
    void kanjiWhoseBytesContainBackslashStaysOneValue() {
        char kanji = GraphicSet.JIS_X0208.decode2(0x5C, 0x21);
        assertTrue(Character.isIdeographic(kanji), "row 0x5C of JIS X 0208 is kanji");
        byte[] encoded = JAPANESE.encode(kanji + "\\B", VR.LO);
        assertArrayEquals(hex("1b 24 42 5c 21 1b 28 42 5c 42"), encoded);
        DicomObject obj = DicomObject.builder()
                .set(Tag.SpecificCharacterSet, VR.CS, "", "ISO 2022 IR 87")
                .setBytes(Tag.InstitutionName, VR.LO, encoded)
                .build();
        assertEquals(List.of(String.valueOf(kanji), "B"), obj.strings(Tag.InstitutionName));
    }

    @Test
    void unknownEscapeSequenceBecomesOneReplacementCharacter() {
        assertEquals("A\uFFFDB^C", decode(JAPANESE, "41 1b 28 5a 42 5e 43", VR.PN));
        assertEquals("A\uFFFD\uFFFD\uFFFD^C", decode(JAPANESE, "41 1b 24 29 5a a1 a1 5e 43", VR.PN));
    }

    @Test
    void truncatedOrBrokenEscapeSequenceKeepsTheFollowingBytes() {
        assertEquals("A\uFFFD", decode(JAPANESE, "41 1b", VR.PN));
        assertEquals("A\uFFFD$", decode(JAPANESE, "41 1b 24", VR.PN));
        assertEquals("A\uFFFD\n", decode(JAPANESE, "41 1b 0a", VR.LT));
    }

    @Test
    void truncatedPairBecomesReplacementAndTheDelimiterSurvives() {
        assertEquals("\uFFFD", decode(JAPANESE, "1b 24 42 3b", VR.PN));
        assertEquals("\uFFFD\r", decode(JAPANESE, "1b 24 42 3b 0d", VR.LT));
        assertEquals("\uFFFD^A", decode(KOREAN, "1b 24 29 43 b1 5e 41", VR.PN));
    }

    @Test
    void upperHalfWithoutG1SetIsReplaced() {
        assertEquals("A\uFFFDB", decode(JAPANESE, "41 e9 42", VR.LO));
    }

    @Test
    void escapeOfAnUndeclaredDicomSetIsStillHonoured() {
        assertEquals("é", decode(JAPANESE, "1b 2d 41 e9", VR.LO));
    }

    @Test
    void jisX0212ViaG0() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87", "ISO 2022 IR 159");
        char kanji = GraphicSet.JIS_X0212.decode2(0x30, 0x21);
        assertEquals("丂", String.valueOf(kanji));
        byte[] encoded = cs.encode("山丂", VR.LO);
        assertArrayEquals(hex("1b 24 42 3b 33 1b 24 28 44 30 21 1b 28 42"), encoded);
        assertEquals("山丂", cs.decode(encoded, VR.LO));
    }

    @Test
    void firstDeclaredSetWinsAndG1IsRestoredBeforeDelimiters() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 100", "ISO 2022 IR 101", "ISO 2022 IR 87");
        // × is in Latin-1 and in JIS X 0208: Latin-1 is declared first
        assertArrayEquals(hex("d7"), cs.encode("×", VR.LO));
        // ł is only in Latin-2; Latin-1 is designated again before '^'
        byte[] encoded = cs.encode("ł^é山", VR.PN);
        assertArrayEquals(hex("1b 2d 42 b3 1b 2d 41 5e e9 1b 24 42 3b 33 1b 28 42"), encoded);
        assertEquals("ł^é山", cs.decode(encoded, VR.PN));
    }

    @Test
    void isoIr13ReadsBackslashAsTheValueDelimiter() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 13");
        assertFalse(cs.usesCodeExtensions());
        assertEquals("ﾔﾏ\\A~", decode(cs, "d4 cf 5c 41 7e", VR.LO));
        assertArrayEquals(hex("d4 cf 5c 41"), cs.encode("ﾔﾏ\\A", VR.LO));
    }

    @Test
    void decodesARangeOfALargerArray() {
        byte[] bytes = hex("00 00 1b 24 42 3b 33 1b 28 42 ff");
        assertEquals("山", JAPANESE.decode(bytes, 2, 8, VR.LO));
        assertThrows(IndexOutOfBoundsException.class, () -> JAPANESE.decode(bytes, 8, 8, VR.LO));
    }

    @Test
    void characterOutsideEveryDeclaredSetIsRejectedWithoutShowingTheText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JAPANESE.encode("Kim^한", VR.PN));
        assertTrue(e.getMessage().contains("PN"), e.getMessage());
        assertTrue(e.getMessage().contains("ISO 2022 IR 87"), e.getMessage());
        assertTrue(e.getMessage().contains("index 4"), e.getMessage());
        assertFalse(e.getMessage().contains("Kim") || e.getMessage().contains("한"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ISO_IR 6"})
    void defaultRepertoireWritesAsciiOnly(String term) {
        SpecificCharacterSet cs = term.isEmpty() ? SpecificCharacterSet.DEFAULT : SpecificCharacterSet.of(term);
        assertArrayEquals(hex("41 5e 42"), cs.encode("A^B", VR.PN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cs.encode("Zoë", VR.LO));
        assertTrue(e.getMessage().contains("LO") && e.getMessage().contains("index 2"), e.getMessage());
        assertFalse(e.getMessage().contains("Zo"), e.getMessage());
        // reading stays lenient: the upper half is kept as ISO-8859-1
        assertEquals("Zoë", cs.decode(hex("5a 6f eb"), VR.LO));
    }

    @Test
    void singleByteSetRejectsWhatItCannotEncode() {
        SpecificCharacterSet latin1 = SpecificCharacterSet.of("ISO_IR 100");
        assertArrayEquals(hex("e9"), latin1.encode("é", VR.LO));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> latin1.encode("ał", VR.LO));
        assertTrue(e.getMessage().contains("index 1") && e.getMessage().contains("ISO_IR 100"), e.getMessage());
    }

    @Test
    void utf8RejectsUnpairedSurrogate() {
        SpecificCharacterSet utf8 = SpecificCharacterSet.of("ISO_IR 192");
        assertThrows(IllegalArgumentException.class, () -> utf8.encode("a\uD800b", VR.LO));
        assertEquals("a\uFFFDb", utf8.decode(hex("61 ff 62"), VR.LO));
    }

    @Test
    void escCannotBeWrittenWithCodeExtensions() {
        assertThrows(IllegalArgumentException.class, () -> JAPANESE.encode("a\u001bb", VR.LT));
    }

    @Test
    void multiByteSetWithoutExtensionsIgnoresFurtherTerms() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 192", "ISO 2022 IR 87");
        assertFalse(cs.usesCodeExtensions());
        assertEquals(List.of("ISO 2022 IR 87"), cs.unknownTerms());
        assertEquals("王", cs.decode(hex("e7 8e 8b"), VR.PN));
    }

    @Test
    void unknownTermIsReportedReadAsLatin1AndWritesAsciiOnly() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 999");
        assertEquals(List.of("ISO_IR 999"), cs.unknownTerms());
        assertEquals("é", cs.decode(hex("e9"), VR.LO));
        assertArrayEquals(hex("41"), cs.encode("A", VR.LO));
        assertThrows(IllegalArgumentException.class, () -> cs.encode("é", VR.LO));

        SpecificCharacterSet withExtensions = SpecificCharacterSet.of("", "ISO 2022 IR 999");
        assertEquals(List.of("ISO 2022 IR 999"), withExtensions.unknownTerms());
        assertThrows(IllegalArgumentException.class, () -> withExtensions.encode("é", VR.LO));
    }

    @Test
    void supportedTermsAreKnown() {
        for (String n : List.of("6", "100", "101", "109", "110", "144", "127", "126", "138", "148", "203", "13",
                "166")) {
            assertEquals(List.of(), SpecificCharacterSet.of("ISO_IR " + n).unknownTerms(), n);
            assertEquals(List.of(), SpecificCharacterSet.of("ISO 2022 IR " + n).unknownTerms(), n);
        }
        assertEquals(List.of(), SpecificCharacterSet.of("", "ISO 2022 IR 87", "ISO 2022 IR 159",
                "ISO 2022 IR 149", "ISO 2022 IR 58").unknownTerms());
        for (String t : List.of("ISO_IR 192", "GB18030", "GBK")) {
            assertEquals(List.of(), SpecificCharacterSet.of(t).unknownTerms(), t);
        }
        assertEquals(List.of("ISO_IR 87"), SpecificCharacterSet.of("ISO_IR 87").unknownTerms());
    }

    @Test
    void termsAreNormalized() {
        SpecificCharacterSet cs = SpecificCharacterSet.of(" iso_ir 100 ");
        assertEquals(List.of("ISO_IR 100"), cs.terms());
        assertEquals(SpecificCharacterSet.of("ISO_IR 100"), cs);
        assertEquals("ISO_IR 100", cs.toString());
        assertEquals(SpecificCharacterSet.DEFAULT, SpecificCharacterSet.of(" "));
    }

    @Test
    void textOfOtherVrsKeepsEveryByte() {
        assertEquals("\u00e9", JAPANESE.decode(hex("e9"), VR.CS));
        assertArrayEquals(hex("e9"), JAPANESE.encode("\u00e9", VR.CS));
        assertThrows(IllegalArgumentException.class, () -> JAPANESE.encode("\u0142", VR.CS));
    }

    @Test
    void largeValuesAreCodedInLinearTime() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            sb.append(i % 3 == 0 ? "山田" : i % 3 == 1 ? "^ab" : "=やまだ");
        }
        String text = sb.toString();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            byte[] encoded = JAPANESE.encode(text, VR.PN);
            assertEquals(text, JAPANESE.decode(encoded, VR.PN));
        });
    }
}
