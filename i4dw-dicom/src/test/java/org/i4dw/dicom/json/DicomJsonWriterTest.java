/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.data.BulkData;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Fragments;
import org.i4dw.data.SpecificCharacterSet;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DicomJsonWriterTest {

    private static final DicomJsonWriter WRITER = DicomJsonWriter.builder().build();

    private static String json(DicomObject.Builder b) {
        return WRITER.toJson(b.build());
    }

    @Test
    void emptyDataSetIsEmptyObject() {
        assertEquals("{}", WRITER.toJson(DicomObject.EMPTY));
        assertEquals("{}", DicomJsonWriter.builder().pretty(true).build().toJson(DicomObject.EMPTY));
    }

    @Test
    void textValuesAreStringsInTagOrderWithUpperCaseHexKeys() {
        DicomObject.Builder b = DicomObject.builder()
                .set(Tag.SeriesDescription, VR.LO, "Séries")
                .set(Tag.StudyDate, VR.DA, "20240131")
                .set(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY");
        assertEquals("{\"00080008\":{\"vr\":\"CS\",\"Value\":[\"ORIGINAL\",\"PRIMARY\"]},"
                + "\"00080020\":{\"vr\":\"DA\",\"Value\":[\"20240131\"]},"
                + "\"0008103E\":{\"vr\":\"LO\",\"Value\":[\"Séries\"]}}", json(b));
    }

    @Test
    void emptyValuesHaveNoValueMember() {
        DicomObject.Builder b = DicomObject.builder()
                .setEmpty(Tag.StudyDate, VR.DA)
                .set(Tag.AccessionNumber, VR.SH, "")
                .setEmpty(Tag.Rows, VR.US)
                .setEmpty(Tag.ReferencedSeriesSequence, VR.SQ)
                .setEmpty(Tag.PixelData, VR.OW)
                .setEmpty(Tag.PatientName, VR.PN);
        assertEquals("{\"00080020\":{\"vr\":\"DA\"},\"00080050\":{\"vr\":\"SH\"},\"00081115\":{\"vr\":\"SQ\"},"
                + "\"00100010\":{\"vr\":\"PN\"},\"00280010\":{\"vr\":\"US\"},\"7FE00010\":{\"vr\":\"OW\"}}", json(b));
    }

    @Test
    void emptyValuesAmongOthersAreNull() {
        DicomObject.Builder b = DicomObject.builder().set(Tag.ImageType, VR.CS, "A", "", "B", "");
        assertEquals("{\"00080008\":{\"vr\":\"CS\",\"Value\":[\"A\",null,\"B\",null]}}", json(b));
    }

    @Test
    void singleValuedTextKeepsBackslashes() {
        DicomObject.Builder b = DicomObject.builder()
                .set(Tag.of(0x00204000), VR.LT, "a\\b")
                .set(Tag.of(0x00081190), VR.UR, "http://h/x\\y");
        assertEquals("{\"00081190\":{\"vr\":\"UR\",\"Value\":[\"http://h/x\\\\y\"]},"
                + "\"00204000\":{\"vr\":\"LT\",\"Value\":[\"a\\\\b\"]}}", json(b));
    }

    @Test
    void personNameGroupsAreObjectsWithOnlyNonEmptyGroups() {
        DicomObject.Builder b = DicomObject.builder()
                .set(Tag.PatientName, VR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう")
                .set(Tag.OtherPatientNames, VR.PN, "=Ideo^Only", "", "Alpha==Phon");
        assertEquals("{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Yamada^Tarou\","
                + "\"Ideographic\":\"山田^太郎\",\"Phonetic\":\"やまだ^たろう\"}]},"
                + "\"00101001\":{\"vr\":\"PN\",\"Value\":[{\"Ideographic\":\"Ideo^Only\"},{},"
                + "{\"Alphabetic\":\"Alpha\",\"Phonetic\":\"Phon\"}]}}", json(b));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.50|1.50", "+1|1", "' 3 '|3", "-.5|-0.5", "007|7", "5.|5", "1e3|1e3", "-2.5E-04|-2.5E-04",
        "0|0", "-0|-0", "00.25|0.25"})
    void decimalStringsAreNumbersWithTheirDigits(String ds, String number) {
        DicomObject.Builder b = DicomObject.builder().set(Tag.SliceThickness, VR.DS, ds);
        assertEquals("{\"00180050\":{\"vr\":\"DS\",\"Value\":[" + number + "]}}", json(b));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"NaN", "1,5", "abc", ".", "1e", "--1", "0x10", "Infinity"})
    void decimalStringsThatAreNotNumbersAreWrittenAsStrings(String ds) {
        DicomObject.Builder b = DicomObject.builder().set(Tag.SliceThickness, VR.DS, ds);
        assertEquals("{\"00180050\":{\"vr\":\"DS\",\"Value\":[\"" + ds + "\"]}}", json(b));
    }

    @Test
    void integerStringsAreNumbers() {
        DicomObject.Builder b = DicomObject.builder().set(Tag.SeriesNumber, VR.IS, "+12", "", "-3", "x");
        assertEquals("{\"00200011\":{\"vr\":\"IS\",\"Value\":[12,null,-3,\"x\"]}}", json(b));
    }

    @Test
    void binaryIntegersAreNumbersIncludingUnsignedAndSixtyFourBit() {
        DicomObject.Builder b = DicomObject.builder()
                .setInts(Tag.Rows, VR.US, 65535, 0)
                .setInts(Tag.of(0x00280106), VR.SS, -32768, 32767)
                .setInts(Tag.of(0x00091001), VR.UL, 0xFFFFFFFFL)
                .setInts(Tag.of(0x00091002), VR.SL, Integer.MIN_VALUE)
                .setInts(Tag.of(0x00091003), VR.SV, Long.MIN_VALUE, Long.MAX_VALUE)
                .setInts(Tag.of(0x00091004), VR.UV, -1L, 1L << 63, 9007199254740993L);
        assertEquals("{\"00091001\":{\"vr\":\"UL\",\"Value\":[4294967295]},"
                + "\"00091002\":{\"vr\":\"SL\",\"Value\":[-2147483648]},"
                + "\"00091003\":{\"vr\":\"SV\",\"Value\":[-9223372036854775808,9223372036854775807]},"
                + "\"00091004\":{\"vr\":\"UV\",\"Value\":[18446744073709551615,9223372036854775808,9007199254740993]},"
                + "\"00280010\":{\"vr\":\"US\",\"Value\":[65535,0]},"
                + "\"00280106\":{\"vr\":\"SS\",\"Value\":[-32768,32767]}}", json(b));
    }

    @Test
    void floatsAreNumbersAndNaNAndInfinitiesAreStrings() {
        DicomObject.Builder b = DicomObject.builder()
                .setDoubles(Tag.of(0x00091010), VR.FL, 0.1, Float.NaN, Double.POSITIVE_INFINITY, -0.0, 1e10)
                .setDoubles(Tag.of(0x00091011), VR.FD, 0.1, Double.NaN, Double.NEGATIVE_INFINITY, 4.9e-324);
        assertEquals("{\"00091010\":{\"vr\":\"FL\",\"Value\":[0.1,\"NaN\",\"Infinity\",-0.0,1.0E10]},"
                + "\"00091011\":{\"vr\":\"FD\",\"Value\":[0.1,\"NaN\",\"-Infinity\",4.9E-324]}}", json(b));
    }

    @Test
    void attributeTagsAreHexStrings() {
        DicomObject.Builder b = DicomObject.builder().setTags(Tag.of(0x00209165), Tag.PixelData, Tag.of(0x0009AB10));
        assertEquals("{\"00209165\":{\"vr\":\"AT\",\"Value\":[\"7FE00010\",\"0009AB10\"]}}", json(b));
    }

    @Test
    void binaryNumbersOfAWrongLengthAreRefusedNotTruncated() {
        DicomObject ds = DicomObject.builder().setBytes(Tag.Rows, VR.US, new byte[] {1, 2, 3}).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WRITER.toJson(ds));
        assertEquals("(0028,0010) US value has 3 bytes, not a multiple of 2", e.getMessage());
    }

    @Test
    void groupLengthsAreLeftOutAndPrivateElementsWritten() {
        DicomObject.Builder b = DicomObject.builder()
                .setInts(Tag.of(0x00080000), VR.UL, 42)
                .set(Tag.of(0x00190010), VR.LO, "ACME 1.0")
                .set(Tag.of(0x00191001), VR.SH, "private");
        assertEquals("{\"00190010\":{\"vr\":\"LO\",\"Value\":[\"ACME 1.0\"]},"
                + "\"00191001\":{\"vr\":\"SH\",\"Value\":[\"private\"]}}", json(b));
    }

    @Test
    void sequencesAreArraysOfItemsWithEmptyItemsAsEmptyObjects() {
        DicomObject inner = DicomObject.builder().set(Tag.CodeValue, VR.SH, "121").build();
        DicomObject middle = DicomObject.builder().setSequence(Tag.ConceptNameCodeSequence, List.of(inner)).build();
        DicomObject.Builder b = DicomObject.builder()
                .setSequence(Tag.ContentSequence, List.of(middle, DicomObject.EMPTY));
        assertEquals("{\"0040A730\":{\"vr\":\"SQ\",\"Value\":[{\"0040A043\":{\"vr\":\"SQ\",\"Value\":["
                + "{\"00080100\":{\"vr\":\"SH\",\"Value\":[\"121\"]}}]}},{}]}}", json(b));
    }

    @Test
    void sequencesNestedTooDeeplyAreRefused() {
        DicomObject ds = DicomObject.EMPTY;
        for (int k = 0; k <= DicomJsonWriter.MAX_DEPTH + 1; k++) {
            ds = DicomObject.builder().setSequence(Tag.ContentSequence, List.of(ds)).build();
        }
        DicomObject deep = ds;
        assertThrows(IllegalArgumentException.class, () -> WRITER.toJson(deep));
    }

    @Test
    void stringsAreEscaped() {
        DicomObject.Builder b = DicomObject.builder()
                .set(Tag.of(0x00204000), VR.LT, "quote\" backslash\\ tab\t nl\n nul\0x \u001f del\u007f é 😀 \u2028");
        assertEquals("{\"00204000\":{\"vr\":\"LT\",\"Value\":[\"quote\\\" backslash\\\\ tab\\u0009 nl\\u000A nul\\u0000x "
                + "\\u001F del\u007f é 😀 \u2028\"]}}", json(b));
    }

    @Test
    void unpairedSurrogatesAreEscaped() {
        DicomObject.Builder b = DicomObject.builder().set(Tag.of(0x00204000), VR.LT, "a\uD800b\uDC00");
        assertEquals("{\"00204000\":{\"vr\":\"LT\",\"Value\":[\"a\\uD800b\\uDC00\"]}}", json(b));
    }

    @Test
    void textIsDecodedWithTheCharacterSetAndItemsInheritIt() {
        SpecificCharacterSet latin1 = SpecificCharacterSet.of("ISO_IR 100");
        DicomObject item = DicomObject.builder().inheritCharacterSet(latin1)
                .setBytes(Tag.CodeMeaning, VR.LO, "Jörg".getBytes(StandardCharsets.ISO_8859_1)).build();
        DicomObject.Builder b = DicomObject.builder()
                .set(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100")
                .setBytes(Tag.PatientName, VR.PN, "Müller^Hans".getBytes(StandardCharsets.ISO_8859_1))
                .setSequence(Tag.ConceptNameCodeSequence, List.of(item));
        assertEquals("{\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 100\"]},"
                + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Müller^Hans\"}]},"
                + "\"0040A043\":{\"vr\":\"SQ\",\"Value\":[{\"00080104\":{\"vr\":\"LO\",\"Value\":[\"Jörg\"]}}]}}", json(b));
    }

    @Test
    void utf8TextIsDecoded() {
        DicomObject.Builder b = DicomObject.builder()
                .set(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192")
                .setBytes(Tag.PatientName, VR.PN, "Wang^XiaoDong=王^小東".getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 192\"]},\"00100010\":{\"vr\":\"PN\",\"Value\":"
                + "[{\"Alphabetic\":\"Wang^XiaoDong\",\"Ideographic\":\"王^小東\"}]}}", json(b));
    }

    @Test
    void iso2022JapaneseIsDecodedToUnicode() {
        SpecificCharacterSet jis = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        String name = "Yamada^Tarou=山田^太郎=やまだ^たろう";
        byte[] encoded = jis.encode(name, VR.PN);
        assertTrue(new String(encoded, StandardCharsets.ISO_8859_1).contains("\u001b$B"), "uses escape sequences");
        DicomObject.Builder b = DicomObject.builder()
                .set(Tag.SpecificCharacterSet, VR.CS, "", "ISO 2022 IR 87")
                .setBytes(Tag.PatientName, VR.PN, encoded);
        assertEquals("{\"00080005\":{\"vr\":\"CS\",\"Value\":[null,\"ISO 2022 IR 87\"]},\"00100010\":{\"vr\":\"PN\","
                + "\"Value\":[{\"Alphabetic\":\"Yamada^Tarou\",\"Ideographic\":\"山田^太郎\",\"Phonetic\":\"やまだ^たろう\"}]}}",
                json(b));
    }

    @Test
    void bulkValuesAreInlineBase64OfLittleEndianBytes() {
        DicomObject.Builder b = DicomObject.builder()
                .setInts(Tag.Rows, VR.US, 1)
                .setBytes(Tag.of(0x00091002), VR.UN, new byte[] {(byte) 0xCF, 0x4C, 0x7D, 0x73, (byte) 0xCB, (byte) 0xFB})
                .setBulkData(Tag.PixelData, VR.OW, BulkData.of(new byte[] {1, 0, 2, 0}));
        assertEquals("{\"00091002\":{\"vr\":\"UN\",\"InlineBinary\":\"z0x9c8v7\"},"
                + "\"00280010\":{\"vr\":\"US\",\"Value\":[1]},"
                + "\"7FE00010\":{\"vr\":\"OW\",\"InlineBinary\":\"AQACAA==\"}}", json(b));
    }

    @Test
    void encapsulatedPixelDataIsTheBase64OfTheItemsAndDelimiter() {
        Fragments f = new Fragments(List.of(BulkData.of(new byte[0]), BulkData.of(new byte[] {1, 2})));
        DicomObject ds = DicomObject.builder().setFragments(Tag.PixelData.value(), VR.OB, f).build();
        String json = WRITER.toJson(ds);
        String b64 = json.substring(json.indexOf("InlineBinary\":\"") + 15, json.lastIndexOf('"'));
        byte[] expected = {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, 0, 0, 0, 0,
            (byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, 2, 0, 0, 0, 1, 2,
            (byte) 0xFE, (byte) 0xFF, (byte) 0xDD, (byte) 0xE0, 0, 0, 0, 0};
        assertEquals(Base64.getEncoder().encodeToString(expected), b64);
        assertEquals("{\"7FE00010\":{\"vr\":\"OB\"}}",
                DicomJsonWriter.builder().bulkData(BulkDataMode.OMIT).build().toJson(ds));
    }

    @Test
    void omitModeLeavesOnlyTheVrUnlessUnderTheThreshold() {
        DicomObject ds = DicomObject.builder()
                .setBytes(Tag.of(0x00091002), VR.OB, new byte[] {1, 2, 3, 4})
                .setBytes(Tag.of(0x00091003), VR.OB, new byte[] {1, 2, 3, 4, 5})
                .setDoubles(Tag.of(0x00091004), VR.FD, 1.5).build();
        DicomJsonWriter omit = DicomJsonWriter.builder().bulkData(BulkDataMode.OMIT).build();
        assertEquals("{\"00091002\":{\"vr\":\"OB\"},\"00091003\":{\"vr\":\"OB\"},"
                + "\"00091004\":{\"vr\":\"FD\",\"Value\":[1.5]}}", omit.toJson(ds));
        DicomJsonWriter threshold = DicomJsonWriter.builder().bulkData(BulkDataMode.OMIT).inlineThreshold(4).build();
        assertEquals("{\"00091002\":{\"vr\":\"OB\",\"InlineBinary\":\"AQIDBA==\"},\"00091003\":{\"vr\":\"OB\"},"
                + "\"00091004\":{\"vr\":\"FD\",\"Value\":[1.5]}}", threshold.toJson(ds));
    }

    @Test
    void uriModeWritesFileUrisForFileReferencesAndInlinesTheRest(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a b.dcm");
        Files.write(file, new byte[] {9, 9, 1, 2, 3, 4, 9});
        DicomObject ds = DicomObject.builder()
                .setBytes(Tag.of(0x00091002), VR.OB, new byte[] {1, 2})
                .setBulkData(Tag.PixelData, VR.OW, BulkData.ofFile(file, 2, 4, false, 2)).build();
        String json = DicomJsonWriter.builder().bulkData(BulkDataMode.URI).build().toJson(ds);
        assertEquals("{\"00091002\":{\"vr\":\"OB\",\"InlineBinary\":\"AQI=\"},\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\""
                + file.toUri() + "?offset=2&length=4\"}}", json);
        assertTrue(json.contains("a%20b.dcm"), json);
    }

    @Test
    void uriFunctionGetsThePathToTheValue() {
        DicomObject item = DicomObject.builder().setBytes(Tag.of(0x00091002), VR.OB, new byte[] {1, 2}).build();
        DicomObject ds = DicomObject.builder()
                .setSequence(Tag.of(0x00091001), List.of(DicomObject.EMPTY, item))
                .setBytes(Tag.PixelData, VR.OW, new byte[] {1, 2, 3, 4}).build();
        List<String> seen = new ArrayList<>();
        DicomJsonWriter w = DicomJsonWriter.builder().bulkData(BulkDataMode.URI).bulkDataUris(ref -> {
            seen.add(ref.path() + " " + ref.tag() + " " + ref.vr() + " " + ref.length());
            return ref.path().isEmpty() ? "https://pacs/bulk/" + WriterHex.of(ref.tag()) : null;
        }).build();
        assertEquals("{\"00091001\":{\"vr\":\"SQ\",\"Value\":[{},{\"00091002\":{\"vr\":\"OB\",\"InlineBinary\":\"AQI=\"}}]},"
                + "\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"https://pacs/bulk/7FE00010\"}}", w.toJson(ds));
        assertEquals(List.of("[Step[sequence=(0009,1001), item=1]] (0009,1002) OB 2", "[] (7FE0,0010) OW 4"), seen);
    }

    /** Test helper: a tag as the writer names it. */
    private static final class WriterHex {
        static String of(Tag t) {
            return DicomJsonWriter.hex8(t.value());
        }
    }

    @Test
    void prettyOutputIsIndented() {
        DicomObject ds = DicomObject.builder()
                .set(Tag.ImageType, VR.CS, "A", "B")
                .setSequence(Tag.ContentSequence, List.of(DicomObject.EMPTY))
                .setEmpty(Tag.StudyDate, VR.DA).build();
        String expected = String.join("\n",
                "{",
                "  \"00080008\": {",
                "    \"vr\": \"CS\",",
                "    \"Value\": [",
                "      \"A\",",
                "      \"B\"",
                "    ]",
                "  },",
                "  \"00080020\": {",
                "    \"vr\": \"DA\"",
                "  },",
                "  \"0040A730\": {",
                "    \"vr\": \"SQ\",",
                "    \"Value\": [",
                "      {}",
                "    ]",
                "  }",
                "}");
        assertEquals(expected, DicomJsonWriter.builder().pretty(true).build().toJson(ds));
    }

    @Test
    void builderChecksSettingsWhenSetAndTheirCombinationInBuild() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DicomJsonWriter.builder().inlineThreshold(-1));
        assertEquals("inlineThreshold must be >= 0 bytes, got -1", e.getMessage());
        assertThrows(NullPointerException.class, () -> DicomJsonWriter.builder().bulkData(null));
        I4dwConfigurationException c = assertThrows(I4dwConfigurationException.class,
                () -> DicomJsonWriter.builder().bulkDataUris(ref -> "x").build());
        assertTrue(c.getMessage().contains("INLINE_BINARY"), c.getMessage());
    }

    @Test
    void writesToAnAppendable() throws IOException {
        StringBuilder sb = new StringBuilder("prefix ");
        WRITER.write(DicomObject.builder().set(Tag.Modality, VR.CS, "CT").build(), sb);
        assertEquals("prefix {\"00080060\":{\"vr\":\"CS\",\"Value\":[\"CT\"]}}", sb.toString());
    }
}
