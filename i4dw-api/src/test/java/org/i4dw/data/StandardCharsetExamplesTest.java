/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The encoded examples of PS3.5 Annexes H (Japanese), I (Korean), J (Unicode UTF-8, GB18030, GBK)
 * and K (GB 2312), with their bytes as printed in the standard. Decoding must give the text, and
 * where the example uses only the escape sequences PS3.5 6.1.2.5.3 requires, encoding the text must
 * give the bytes exactly.
 */
class StandardCharsetExamplesTest {

    private static final String JAPANESE_H31 = "59 61 6d 61 64 61 5e 54 61 72 6f 75 3d"
            + " 1b 24 42 3b 33 45 44 1b 28 42 5e 1b 24 42 42 40 4f 3a 1b 28 42 3d"
            + " 1b 24 42 24 64 24 5e 24 40 1b 28 42 5e 1b 24 42 24 3f 24 6d 24 26 1b 28 42";
    private static final String JAPANESE_H32 = "d4 cf c0 de 5e c0 db b3 3d"
            + " 1b 24 42 3b 33 45 44 1b 28 4a 5e 1b 24 42 42 40 4f 3a 1b 28 4a 3d"
            + " 1b 24 42 24 64 24 5e 24 40 1b 28 4a 5e 1b 24 42 24 3f 24 6d 24 26 1b 28 4a";
    private static final String KOREAN_I2 = "48 6f 6e 67 5e 47 69 6c 64 6f 6e 67 3d"
            + " 1b 24 29 43 fb f3 5e 1b 24 29 43 d1 ce d4 d7 3d 1b 24 29 43 c8 ab 5e 1b 24 29 43 b1 e6 b5 bf";
    /** As the bytes have it: no space before 中文 (the standard's rendering shows one). */
    private static final String LINES_WITH_ZHONGWEN =
            "The first line includes中文.\r\nThe second line includes中文, too.\r\nThe third line.\r\n";
    private static final String UTF8_J2 = "54 68 65 20 66 69 72 73 74 20 6c 69 6e 65 20 69 6e 63 6c 75 64 65 73"
            + " e4 b8 ad e6 96 87 2e 0d 0a 54 68 65 20 73 65 63 6f 6e 64 20 6c 69 6e 65 20 69 6e 63 6c 75 64 65 73"
            + " e4 b8 ad e6 96 87 2c 20 74 6f 6f 2e 0d 0a 54 68 65 20 74 68 69 72 64 20 6c 69 6e 65 2e 0d 0a";
    private static final String GB18030_J4 = "54 68 65 20 66 69 72 73 74 20 6c 69 6e 65 20 69 6e 63 6c 75 64 65 73"
            + " d6 d0 ce c4 2e 0d 0a 54 68 65 20 73 65 63 6f 6e 64 20 6c 69 6e 65 20 69 6e 63 6c 75 64 65 73"
            + " d6 d0 ce c4 2c 20 74 6f 6f 2e 0d 0a 54 68 65 20 74 68 69 72 64 20 6c 69 6e 65 2e 0d 0a";
    private static final String GB2312_K2 = "5a 68 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d"
            + " 1b 24 29 41 d5 c5 5e 1b 24 29 41 d0 a1 b6 ab 3d 20";
    private static final String GB2312_K3 = "31 2e 1b 24 29 41 b5 da d2 bb d0 d0 ce c4 d7 d6 a1 a3 0d 0a"
            + " 32 2e 1b 24 29 41 b5 da b6 fe d0 d0 ce c4 d7 d6 a1 a3 0d 0a"
            + " 33 2e 1b 24 29 41 b5 da c8 fd d0 d0 ce c4 d7 d6 a1 a3 0d 0a";
    /** The same text as printed in PS3.5 2015c K.3, which also switched G0 back to ASCII before CR LF. */
    private static final String GB2312_K3_2015 = "31 2e 1b 24 29 41 b5 da d2 bb d0 d0 ce c4 d7 d6 a1 a3 1b 28 42 0d 0a"
            + " 32 2e 1b 24 29 41 b5 da b6 fe d0 d0 ce c4 d7 d6 a1 a3 1b 28 42 0d 0a"
            + " 33 2e 1b 24 29 41 b5 da c8 fd d0 d0 ce c4 d7 d6 a1 a3 1b 28 42 0d 0a 20";
    private static final String GB2312_LINES = "1.第一行文字。\r\n2.第二行文字。\r\n3.第三行文字。\r\n";

    /** An example: where it is in PS3.5, (0008,0005), the VR, the bytes, the text. */
    record Example(String section, List<String> terms, VR vr, String hex, String text, boolean exactEncoding) {
        @Override
        public String toString() {
            return section + " " + String.join("\\", terms);
        }

        byte[] bytes() {
            return HexFormat.ofDelimiter(" ").parseHex(hex);
        }
    }

    static Stream<Example> examples() {
        return Stream.of(
                new Example("H.3.1", List.of("", "ISO 2022 IR 87"), VR.PN, JAPANESE_H31,
                        "Yamada^Tarou=山田^太郎=やまだ^たろう", true),
                new Example("H.3.2", List.of("ISO 2022 IR 13", "ISO 2022 IR 87"), VR.PN, JAPANESE_H32,
                        "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", true),
                new Example("I.2", List.of("", "ISO 2022 IR 149"), VR.PN, KOREAN_I2,
                        "Hong^Gildong=洪^吉洞=홍^길동", true),
                new Example("J.1", List.of("ISO_IR 192"), VR.PN,
                        "57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d e7 8e 8b 5e e5 b0 8f e6 9d b1 3d",
                        "Wang^XiaoDong=王^小東=", true),
                new Example("J.2", List.of("ISO_IR 192"), VR.LT, UTF8_J2, LINES_WITH_ZHONGWEN, true),
                new Example("J.3", List.of("GB18030"), VR.PN,
                        "57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d cd f5 5e d0 a1 b6 ab 3d",
                        "Wang^XiaoDong=王^小东=", true),
                new Example("J.3 as GBK", List.of("GBK"), VR.PN,
                        "57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d cd f5 5e d0 a1 b6 ab 3d",
                        "Wang^XiaoDong=王^小东=", true),
                new Example("J.4", List.of("GB18030"), VR.LT, GB18030_J4, LINES_WITH_ZHONGWEN, true),
                new Example("J.4 as GBK", List.of("GBK"), VR.LT, GB18030_J4, LINES_WITH_ZHONGWEN, true),
                new Example("K.2", List.of("", "ISO 2022 IR 58"), VR.PN, GB2312_K2, "Zhang^XiaoDong=张^小东= ", true),
                new Example("K.3", List.of("", "ISO 2022 IR 58"), VR.LT, GB2312_K3, GB2312_LINES, true),
                new Example("K.3 (2015c)", List.of("", "ISO 2022 IR 58"), VR.LT, GB2312_K3_2015, GB2312_LINES + " ",
                        false));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void decodesTheExample(Example e) {
        assertEquals(e.text(), SpecificCharacterSet.of(e.terms()).decode(e.bytes(), e.vr()));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void encodesTheTextBackToItsBytes(Example e) {
        SpecificCharacterSet cs = SpecificCharacterSet.of(e.terms());
        byte[] encoded = cs.encode(e.text(), e.vr());
        if (e.exactEncoding()) {
            assertArrayEquals(e.bytes(), encoded, () -> HexFormat.ofDelimiter(" ").formatHex(encoded));
        } else {
            assertEquals(e.text(), cs.decode(encoded, e.vr()));
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void personNameComponentsComeApart(Example e) {
        if (e.vr() != VR.PN) {
            return;
        }
        DicomObject obj = DicomObject.builder()
                .set(Tag.SpecificCharacterSet, VR.CS, e.terms().toArray(new String[0]))
                .setBytes(Tag.PatientName, VR.PN, e.bytes())
                .build();
        PersonName name = obj.personName(Tag.PatientName).orElseThrow();
        String[] groups = e.text().strip().split("=", -1);
        assertEquals(groups[1].split("\\^")[0], name.ideographic().family());
        assertEquals(groups[1].split("\\^")[1], name.ideographic().given());
        assertEquals(groups[0].split("\\^")[0], name.alphabetic().family());
    }
}
