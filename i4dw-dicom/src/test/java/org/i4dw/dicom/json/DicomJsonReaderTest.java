/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.i4dw.api.DicomParseException;
import org.i4dw.data.BulkData;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Fragments;
import org.i4dw.data.SpecificCharacterSet;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DicomJsonReaderTest {

    private static DicomObject read(String json) {
        return DicomJsonReader.read(json, "test.json");
    }

    private static DicomParseException fails(String json) {
        return assertThrows(DicomParseException.class, () -> read(json));
    }

    private static byte[] raw(DicomObject ds, Tag tag) {
        ByteBuffer b = ds.element(tag).orElseThrow().bytes().orElseThrow();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    @Test
    void readsTextValuesWithNullsAsEmptyValues() {
        DicomObject ds = read("{\"00080008\":{\"vr\":\"CS\",\"Value\":[\"A\",null,\"B\"]},"
                + "\"00080020\":{\"vr\":\"DA\",\"Value\":[\"20240131\"]},\"00080050\":{\"vr\":\"SH\"},"
                + "\"00204000\":{\"vr\":\"LT\",\"Value\":[\"a\\\\b\\n\"]}}");
        assertEquals(List.of("A", "", "B"), ds.strings(Tag.ImageType));
        assertEquals("20240131", ds.string(Tag.StudyDate).orElseThrow());
        assertTrue(ds.contains(Tag.AccessionNumber));
        assertEquals(DicomElement.ValueKind.EMPTY, ds.element(Tag.AccessionNumber).orElseThrow().kind());
        assertEquals(List.of("a\\b\n"), ds.strings(Tag.of(0x00204000)));
        assertEquals(VR.LT, ds.vr(Tag.of(0x00204000)).orElseThrow());
    }

    @Test
    void readsPersonNamesFromComponentGroups() {
        DicomObject ds = read("{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Yamada^Tarou\","
                + "\"Ideographic\":\"山田^太郎\",\"Phonetic\":\"やまだ^たろう\"}]},"
                + "\"00101001\":{\"vr\":\"PN\",\"Value\":[{\"Ideographic\":\"I\"},{},null,{\"Alphabetic\":\"A\",\"Phonetic\":\"P\"}]}}");
        assertEquals("Yamada^Tarou=山田^太郎=やまだ^たろう", ds.string(Tag.PatientName).orElseThrow());
        assertEquals("山田", ds.personName(Tag.PatientName).orElseThrow().ideographic().family());
        assertEquals(List.of("=I", "", "", "A==P"), ds.strings(Tag.OtherPatientNames));
    }

    @Test
    void readsDecimalStringsAsTheLiteralWritten() {
        DicomObject ds = read("{\"00180050\":{\"vr\":\"DS\",\"Value\":[0.50,-1E-3,\" 7 \",null,12345678901234567890]},"
                + "\"00200011\":{\"vr\":\"IS\",\"Value\":[42,\"-3\",1.0E2]}}");
        assertEquals(List.of("0.50", "-1E-3", "7", "", "12345678901234567890"), ds.strings(Tag.SliceThickness));
        assertEquals(List.of("42", "-3", "100"), ds.strings(Tag.SeriesNumber));
    }

    @Test
    void readsBinaryNumbersWithTheirVrs() {
        DicomObject ds = read("{\"00091001\":{\"vr\":\"UL\",\"Value\":[4294967295]},"
                + "\"00091003\":{\"vr\":\"SV\",\"Value\":[-9223372036854775808,\"9223372036854775807\"]},"
                + "\"00091004\":{\"vr\":\"UV\",\"Value\":[18446744073709551615,1.8e1]},"
                + "\"00091010\":{\"vr\":\"FL\",\"Value\":[0.1,\"NaN\",\"Infinity\",-0.0]},"
                + "\"00091011\":{\"vr\":\"FD\",\"Value\":[4.9E-324,\"-Infinity\",\"2.5\"]},"
                + "\"00209165\":{\"vr\":\"AT\",\"Value\":[\"7FE00010\",\"0009ab10\"]},"
                + "\"00280010\":{\"vr\":\"US\",\"Value\":[65535]},"
                + "\"00280106\":{\"vr\":\"SS\",\"Value\":[-32768]}}");
        assertEquals(List.of("4294967295"), ds.strings(Tag.of(0x00091001)));
        assertEquals(List.of("-9223372036854775808", "9223372036854775807"), ds.strings(Tag.of(0x00091003)));
        assertEquals(List.of("18446744073709551615", "18"), ds.strings(Tag.of(0x00091004)));
        ByteBuffer fl = ds.element(Tag.of(0x00091010)).orElseThrow().bytes().orElseThrow();
        assertEquals(0.1f, fl.getFloat(0));
        assertTrue(Float.isNaN(fl.getFloat(4)));
        assertEquals(Float.POSITIVE_INFINITY, fl.getFloat(8));
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(fl.getFloat(12)));
        ByteBuffer fd = ds.element(Tag.of(0x00091011)).orElseThrow().bytes().orElseThrow();
        assertEquals(Double.MIN_VALUE, fd.getDouble(0));
        assertEquals(Double.NEGATIVE_INFINITY, fd.getDouble(8));
        assertEquals(2.5, fd.getDouble(16));
        assertEquals(List.of("7FE00010", "0009AB10"), ds.strings(Tag.of(0x00209165)));
        assertEquals(OptionalInt.of(65535), ds.integer(Tag.Rows));
        assertEquals(OptionalInt.of(-32768), ds.integer(Tag.of(0x00280106)));
    }

    @Test
    void readsNestedSequencesThatInheritTheCharacterSet() {
        DicomObject ds = read("{\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 100\"]},"
                + "\"0040A730\":{\"vr\":\"SQ\",\"Value\":[{\"0040A730\":{\"vr\":\"SQ\",\"Value\":[{},"
                + "{\"00080104\":{\"vr\":\"LO\",\"Value\":[\"Jörg\"]}}]}},{}]},"
                + "\"00081115\":{\"vr\":\"SQ\",\"Value\":[]}}");
        assertEquals(SpecificCharacterSet.of("ISO_IR 100"), ds.characterSet());
        List<DicomObject> items = ds.sequence(Tag.ContentSequence);
        assertEquals(2, items.size());
        assertTrue(items.get(1).isEmpty());
        DicomObject inner = items.get(0).sequence(Tag.ContentSequence).get(1);
        assertEquals("Jörg", inner.string(Tag.CodeMeaning).orElseThrow());
        assertEquals(SpecificCharacterSet.of("ISO_IR 100"), inner.characterSet());
        assertTrue(ds.contains(Tag.ReferencedSeriesSequence));
        assertTrue(ds.sequence(Tag.ReferencedSeriesSequence).isEmpty());
    }

    @Test
    void characterSetAfterASequenceStillAppliesToItsItems() {
        DicomObject ds = read("{\"0040A730\":{\"vr\":\"SQ\",\"Value\":[{}]},"
                + "\"00080005\":{\"vr\":\"CS\",\"Value\":[null,\"ISO 2022 IR 87\"]}}");
        assertEquals(List.of("", "ISO 2022 IR 87"), ds.characterSet().terms());
        assertEquals(ds.characterSet(), ds.sequence(Tag.ContentSequence).get(0).characterSet());
    }

    @Test
    void readsInlineBinary() {
        DicomObject ds = read("{\"00091002\":{\"vr\":\"UN\",\"InlineBinary\":\"z0x9c8v7\"},"
                + "\"7FE00010\":{\"vr\":\"OW\",\"InlineBinary\":\"AQACAA==\"},"
                + "\"00280010\":{\"vr\":\"US\",\"InlineBinary\":\"AAI=\"}}");
        assertArrayEquals(new byte[] {(byte) 0xCF, 0x4C, 0x7D, 0x73, (byte) 0xCB, (byte) 0xFB}, raw(ds, Tag.of(0x00091002)));
        assertArrayEquals(new byte[] {1, 0, 2, 0}, raw(ds, Tag.PixelData));
        assertEquals(OptionalInt.of(512), ds.integer(Tag.Rows));
    }

    @Test
    void readsEncapsulatedPixelDataAsFragments() {
        String b64 = "/v8A4AAAAAD+/wDgAgAAAAEC/v/d4AAAAAA=";
        DicomObject ds = read("{\"7FE00010\":{\"vr\":\"OB\",\"InlineBinary\":\"" + b64 + "\"}}");
        Fragments f = ds.fragments(Tag.PixelData).orElseThrow();
        assertEquals(0, f.basicOffsetTable().length());
        assertEquals(List.of(BulkData.of(new byte[] {1, 2})), f.fragments());
        DicomObject other = read("{\"00091002\":{\"vr\":\"OB\",\"InlineBinary\":\"" + b64 + "\"}}");
        assertTrue(other.fragments(Tag.of(0x00091002)).isEmpty(), "only pixel data is encapsulated");
    }

    @Test
    void bulkDataUrisAreKeptEmptyByDefault(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("x.dcm");
        Files.write(file, new byte[] {9, 1, 2, 3, 4});
        String json = "{\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"" + file.toUri() + "?offset=1&length=4\"},"
                + "\"00091002\":{\"vr\":\"OB\",\"BulkDataURI\":\"https://pacs/bulk/1\"},"
                + "\"00091003\":{\"vr\":\"LT\",\"BulkDataURI\":\"https://pacs/bulk/2\"}}";
        DicomObject ds = read(json);
        for (Tag t : List.of(Tag.PixelData, Tag.of(0x00091002), Tag.of(0x00091003))) {
            assertEquals(DicomElement.ValueKind.EMPTY, ds.element(t).orElseThrow().kind(), t.toString());
        }
        DicomObject restored = DicomJsonReader.read(new StringReader(json), "t", BulkDataUriPolicy.RESTORE_FILE_REFERENCES);
        BulkData ref = restored.bulkData(Tag.PixelData).orElseThrow();
        assertEquals(file, ref.file().orElseThrow());
        assertEquals(1, ref.offset());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, ref.bytes());
        assertEquals(DicomElement.ValueKind.EMPTY, restored.element(Tag.of(0x00091002)).orElseThrow().kind());
    }

    @Test
    void readsFromAReaderInSmallChunks() throws IOException {
        String json = "{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Ünïcödé^😀\"}]}}";
        Reader slow = new Reader() {
            private int pos;

            @Override
            public int read(char[] cbuf, int off, int len) {
                if (pos >= json.length()) {
                    return -1;
                }
                cbuf[off] = json.charAt(pos++);
                return 1;
            }

            @Override
            public void close() {
            }
        };
        assertEquals("Ünïcödé^😀", DicomJsonReader.read(slow, "slow").string(Tag.PatientName).orElseThrow());
    }

    @Test
    void readsAListOfDataSets() {
        List<DicomObject> list = DicomJsonReader.readList("[{},{\"00080060\":{\"vr\":\"CS\",\"Value\":[\"CT\"]}}]", "qido");
        assertEquals(2, list.size());
        assertEquals("CT", list.get(1).string(Tag.Modality).orElseThrow());
        DicomParseException e = assertThrows(DicomParseException.class, () -> read("[{}]"));
        assertTrue(e.reason().contains("readList"), e.getMessage());
    }

    @Test
    void unescapesStrings() {
        DicomObject ds = read("{\"00204000\":{\"vr\":\"LT\",\"Value\":[\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00\"]}}");
        assertEquals("q\" b\\ s/ \b\f\n\r\t é 😀", ds.strings(Tag.of(0x00204000)).get(0));
    }

    @Test
    void errorsSayWhereWhatAndWhichTag() {
        DicomParseException e = fails("{\"00100010\":{\"vr\":\"XX\",\"Value\":[\"Doe^John\"]}}");
        assertEquals("test.json", e.source());
        assertEquals(18, e.offset());
        assertEquals(OptionalInt.of(0x00100010), e.tag());
        assertEquals("unknown VR 'XX'", e.reason());
        assertEquals("test.json at byte 18 in (0010,0010): unknown VR 'XX'", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``|0|unexpected end of input, expected a JSON value",
        "`{`|1|unexpected end of input, expected a member name in double quotes",
        "`{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Doe`|46|unterminated string",
        "`{\"00100010\":{\"vr\":\"PN\"}`|23|unexpected end of input, expected ',' or '}' in an object",
        "`{\"00100010\":{\"vr\":\"PN\"}} x`|25|unexpected character 'x' after the end of the JSON value",
        "`{\"00100010\":{\"vr\":\"PN\",}}`|23|unexpected character '}', expected a member name in double quotes",
        "`{\"00280010\":{\"vr\":\"US\",\"Value\":[01]}}`|33|unexpected character '1', expected ',' or ']' in an array",
        "`{\"00280010\":{\"vr\":\"US\",\"Value\":[1.]}}`|34|unexpected character ']', expected a digit after the decimal point",
        "`{\"00280010\":{\"vr\":\"US\",\"Value\":[tru]}}`|32|invalid literal, expected 'true'",
        "`{\"00204000\":{\"vr\":\"LT\",\"Value\":[\"\\x\"]}}`|34|invalid escape '\\x'",
        "`{\"00204000\":{\"vr\":\"LT\",\"Value\":[\"\\u12\"]}}`|37|\\u must be followed by four hex digits",
        "`[]`|0|expected a JSON object (a data set), found an array; use readList for an array of data sets",
        "`{\"0010001\":{\"vr\":\"PN\"}}`|1|member name (of 7 characters) is not a tag of 8 hex digits GGGGEEEE",
        "`{\"0010001G\":{\"vr\":\"PN\"}}`|1|member name (of 8 characters) is not a tag of 8 hex digits GGGGEEEE",
        "`{\"00100010\":[]}`|12|an attribute must be a JSON object, found an array",
        "`{\"00100010\":{\"Value\":[]}}`|12|the attribute has no \"vr\"",
        "`{\"00100010\":{\"vr\":\"pn\"}}`|18|unknown VR 'pn'",
        "`{\"00100010\":{\"vr\":\"PN\",\"value\":[]}}`|23|unknown attribute member 'value'; expected vr, Value, InlineBinary or BulkDataURI",
        "`{\"00100010\":{\"vr\":\"PN\",\"vr\":\"PN\"}}`|23|attribute member vr appears twice",
        "`{\"00100010\":{\"vr\":\"PN\"},\"00100010\":{\"vr\":\"PN\"}}`|24|the attribute appears twice in one data set",
        "`{\"00100010\":{\"vr\":\"PN\",\"Value\":\"Doe\"}}`|31|\"Value\" must be an array, found a string",
        "`{\"00100010\":{\"vr\":\"PN\",\"Value\":[\"Doe^John\"]}}`|32|a PN value must be an object with Alphabetic, Ideographic and Phonetic, or null, found a string",
        "`{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetical\":\"Doe\"}]}}`|33|unknown PN component group (of 12 characters); expected Alphabetic, Ideographic or Phonetic",
        "`{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"a=b\"}]}}`|46|PN component group Alphabetic may not contain '=' or a backslash",
        "`{\"00080060\":{\"vr\":\"CS\",\"Value\":[1]}}`|32|expected a string or null for VR CS, found a number",
        "`{\"00080060\":{\"vr\":\"CS\",\"Value\":[\"A\\\\B\"]}}`|32|a CS value may not contain a backslash",
        "`{\"00204000\":{\"vr\":\"LT\",\"Value\":[\"a\",\"b\"]}}`|36|VR LT is single-valued but Value has 2 entries",
        "`{\"00280010\":{\"vr\":\"US\",\"Value\":[65536]}}`|32|number out of range for VR US (0 to 65535)",
        "`{\"00280010\":{\"vr\":\"US\",\"Value\":[-1]}}`|32|number out of range for VR US (0 to 65535)",
        "`{\"00280010\":{\"vr\":\"US\",\"Value\":[1.5]}}`|32|not an integer, VR US takes integers",
        "`{\"00280010\":{\"vr\":\"US\",\"Value\":[1e999999999]}}`|32|number out of range for VR US",
        "`{\"00280010\":{\"vr\":\"US\",\"Value\":[null]}}`|32|expected an integer for VR US, found null",
        "`{\"00280010\":{\"vr\":\"US\",\"Value\":[true]}}`|32|expected an integer for VR US, found true",
        "`{\"00091004\":{\"vr\":\"UV\",\"Value\":[18446744073709551616]}}`|32|number out of range for VR UV (0 to 18446744073709551615)",
        "`{\"00091010\":{\"vr\":\"FL\",\"Value\":[\"nan\"]}}`|32|expected a number, \"NaN\", \"Infinity\" or \"-Infinity\" for VR FL, found a string",
        "`{\"00209165\":{\"vr\":\"AT\",\"Value\":[\"7FE0001\"]}}`|32|an AT value must be a string of 8 hex digits GGGGEEEE, found a string",
        "`{\"0040A730\":{\"vr\":\"SQ\",\"Value\":[null]}}`|32|a sequence item must be a JSON object, found null",
        "`{\"7FE00010\":{\"vr\":\"OB\",\"Value\":[1]}}`|31|VR OB takes InlineBinary or BulkDataURI, not Value",
        "`{\"7FE00010\":{\"vr\":\"OB\",\"InlineBinary\":\"AQI*\"}}`|38|\"InlineBinary\" is not valid base64",
        "`{\"7FE00010\":{\"vr\":\"OB\",\"InlineBinary\":[\"AQI=\"]}}`|38|\"InlineBinary\" must be a base64 string, found an array",
        "`{\"7FE00010\":{\"vr\":\"OW\",\"InlineBinary\":\"AQID\"}}`|38|\"InlineBinary\" of VR OW has 3 bytes, not a multiple of 2",
        "`{\"00100010\":{\"vr\":\"PN\",\"InlineBinary\":\"AQID\"}}`|38|VR PN cannot have InlineBinary",
        "`{\"7FE00010\":{\"vr\":\"OB\",\"InlineBinary\":\"AQI=\",\"BulkDataURI\":\"x\"}}`|12|an attribute may have only one of Value, InlineBinary and BulkDataURI",
    })
    void malformedInputIsAParseExceptionWithOffsetAndReason(String json, long offset, String reason) {
        DicomParseException e = fails(json);
        assertEquals(reason, e.reason());
        assertEquals(offset, e.offset(), e.getMessage());
    }

    @Test
    void valuesFromTheInputNeverAppearInMessages() {
        for (String json : List.of(
                "{\"Doe^John\":{\"vr\":\"PN\"}}",
                "{\"00100010\":{\"vr\":\"PN\",\"Doe^John\":1}}",
                "{\"00100010\":{\"vr\":\"Doe^John\"}}",
                "{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Doe^John\":\"x\"}]}}",
                "{\"00100010\":{\"vr\":\"PN\",\"Value\":[\"Doe^John\"]}}",
                "{\"00100020\":{\"vr\":\"US\",\"Value\":[\"Doe^John\"]}}",
                "{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Doe^John=\"}]}}")) {
            DicomParseException e = fails(json);
            assertFalse(e.getMessage().contains("Doe"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 10, 100, 1000, 8192, 10000})
    void truncatedInputIsAParseException(int cut) {
        DicomObject.Builder b = DicomObject.builder().set(Tag.PatientName, VR.PN, "Doe^John=ドウ")
                .setDoubles(Tag.SliceThickness, VR.DS, 1.25)
                .setBytes(Tag.PixelData, VR.OW, new byte[6000]);
        for (int k = 0; k < 20; k++) {
            b.setSequence(Tag.of(0x00091000 | k), List.of(DicomObject.builder().set(Tag.CodeValue, VR.SH, "x").build()));
        }
        String json = DicomJsonWriter.builder().pretty(true).build().toJson(b.build());
        String truncated = json.substring(0, Math.min(cut, json.length() - 1));
        DicomParseException e = fails(truncated);
        assertTrue(e.reason().contains("end of input") || e.reason().contains("unterminated"), e.getMessage());
    }

    @Test
    void deeplyNestedJsonIsRefusedWithoutStackOverflow() {
        String arrays = "[".repeat(10000) + "]".repeat(10000);
        DicomParseException e = fails(arrays);
        assertEquals("JSON nested deeper than 256 levels", e.reason());
        assertEquals(256, e.offset());

        String objects = "{\"00100010\":".repeat(10000) + "{}" + "}".repeat(10000);
        assertEquals("JSON nested deeper than 256 levels", fails(objects).reason());

        StringBuilder sq = new StringBuilder();
        for (int k = 0; k < 10000; k++) {
            sq.append("{\"0040A730\":{\"vr\":\"SQ\",\"Value\":[");
        }
        assertEquals("JSON nested deeper than 256 levels", fails(sq.toString()).reason());
    }

    @Test
    void sequencesDeeperThanTheLimitAreRefused() {
        StringBuilder sq = new StringBuilder();
        int levels = DicomJsonReader.MAX_SEQUENCE_DEPTH + 1;
        for (int k = 0; k < levels; k++) {
            sq.append("{\"0040A730\":{\"vr\":\"SQ\",\"Value\":[");
        }
        sq.append("{}");
        for (int k = 0; k < levels; k++) {
            sq.append("]}}");
        }
        DicomParseException e = fails(sq.toString());
        assertEquals("sequences nested deeper than 64 levels", e.reason());
        assertEquals(OptionalInt.of(0x0040A730), e.tag());

        StringBuilder ok = new StringBuilder();
        for (int k = 0; k < DicomJsonReader.MAX_SEQUENCE_DEPTH; k++) {
            ok.append("{\"0040A730\":{\"vr\":\"SQ\",\"Value\":[");
        }
        ok.append("{}");
        for (int k = 0; k < DicomJsonReader.MAX_SEQUENCE_DEPTH; k++) {
            ok.append("]}}");
        }
        assertEquals(1, read(ok.toString()).size());
    }

    @Test
    void longNumberLiteralsAreRefused() {
        String json = "{\"00180050\":{\"vr\":\"DS\",\"Value\":[1" + "0".repeat(5000) + "]}}";
        assertEquals("number longer than 1024 characters", fails(json).reason());
    }

    @Test
    void controlCharactersInStringsAreRefused() {
        DicomParseException e = fails("{\"00204000\":{\"vr\":\"LT\",\"Value\":[\"a\nb\"]}}");
        assertEquals("unescaped control character U+000A in a string", e.reason());
    }

    @Test
    void readerErrorsPropagate() {
        Reader broken = new Reader() {
            @Override
            public int read(char[] cbuf, int off, int len) throws IOException {
                throw new IOException("disk gone");
            }

            @Override
            public void close() {
            }
        };
        assertEquals("disk gone", assertThrows(IOException.class, () -> DicomJsonReader.read(broken, "x")).getMessage());
    }
}
