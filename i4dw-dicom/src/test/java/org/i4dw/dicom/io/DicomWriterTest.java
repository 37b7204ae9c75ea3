/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.io;

import static org.i4dw.dicom.io.WriterFixtures.le16;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.i4dw.data.DicomObject;
import org.i4dw.data.TransferSyntax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Writes data sets built in code in every native transfer syntax, with defined and undefined
 * lengths, and checks with dcmtk (dcmdump, dcm2json) that they read back as written.
 */
class DicomWriterTest {

    @TempDir
    Path dir;

    static Stream<Arguments> grid() {
        return Stream.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN)
                .flatMap(ts -> Stream.of(Arguments.of(ts, false), Arguments.of(ts, true)));
    }

    static WriteOptions options(boolean undefined) {
        return WriteOptions.builder().undefinedLengthSequences(undefined).undefinedLengthItems(undefined).build();
    }

    private Path write(DicomObject ds, TransferSyntax ts, WriteOptions options) throws IOException {
        Path f = dir.resolve("out.dcm");
        DicomWriter.writeFile(f, null, ds, ts, options);
        return f;
    }

    /** dcmdump must read the file without a complaint. */
    static String dump(Path f) throws Exception {
        return Dcmtk.run("dcmdump", "+L", f.toString()).requireClean().stdout();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Path f) throws Exception {
        return (Map<String, Object>) org.i4dw.testkit.Json.parse(Dcmtk.run("dcm2json", f.toString()).requireClean().stdout());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> attr(Map<String, Object> ds, String tag) {
        Object a = ds.get(tag);
        assertTrue(a instanceof Map, () -> tag + " is missing from dcm2json's output: " + ds.keySet());
        return (Map<String, Object>) a;
    }

    @SuppressWarnings("unchecked")
    static List<Object> values(Map<String, Object> ds, String tag) {
        return (List<Object>) attr(ds, tag).get("Value");
    }

    static Object first(Map<String, Object> ds, String tag) {
        return values(ds, tag).get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> item(Map<String, Object> ds, String tag, int index) {
        return (Map<String, Object>) values(ds, tag).get(index);
    }

    static byte[] inlineBinary(Map<String, Object> ds, String tag) {
        Object b = attr(ds, tag).get("InlineBinary");
        assertTrue(b instanceof String, () -> tag + " has no InlineBinary: " + attr(ds, tag));
        return Base64.getDecoder().decode((String) b);
    }

    static void assertNumbers(List<Object> actual, double... expected) {
        assertEquals(expected.length, actual.size(), "number of values");
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], ((BigDecimal) actual.get(k)).doubleValue(), Math.abs(expected[k]) * 1e-12,
                    "value " + k);
        }
    }

    /** A value dcm2json gives as a typed value or, when dcmtk does not know the tag (implicit VR), as UN bytes. */
    static void assertValueOrBytes(Map<String, Object> ds, String tag, Object value, byte[] bytes) {
        Map<String, Object> a = attr(ds, tag);
        if (a.containsKey("InlineBinary")) {
            assertEquals("UN", a.get("vr"), tag + " as bytes");
            assertArrayEquals(bytes, inlineBinary(ds, tag), tag);
        } else {
            assertEquals(value, first(ds, tag).toString(), tag);
        }
    }

    @ParameterizedTest(name = "{0}, undefined lengths {1}")
    @MethodSource("grid")
    void dcmtkReadsBackWhatWasWritten(TransferSyntax ts, boolean undefined) throws Exception {
        Path f = write(WriterFixtures.dataset(), ts, options(undefined));
        String dump = dump(f);
        Map<String, Object> j = json(f);

        assertTrue(dump.contains("# Used TransferSyntax: " + (ts.isBigEndian() ? "Big Endian Explicit"
                : ts.isDeflated() ? "Deflated Explicit VR Little Endian"
                : ts.isExplicitVr() ? "Little Endian Explicit" : "Little Endian Implicit")), dump);
        assertTrue(dump.contains("Sequence with " + (undefined ? "undefined" : "explicit") + " length"), dump);
        // text, dates, UIDs (odd length, NUL padded), person names in ISO_IR 100
        assertEquals(WriterFixtures.SOP_INSTANCE, first(j, "00080018"));
        assertEquals("20240131", first(j, "00080020"));
        assertEquals("101530.123", first(j, "00080030"));
        assertEquals(Map.of("Alphabetic", WriterFixtures.PATIENT_NAME), first(j, "00100010"));
        assertEquals(Map.of("Alphabetic", WriterFixtures.PHYSICIAN), first(j, "00080090"));
        assertEquals("ID123", first(j, "00100020"));
        assertEquals("MONOCHROME2", first(j, "00280004"));
        // numbers as text and binary, in the transfer syntax's byte order
        assertNumbers(values(j, "00101020"), 1.75);
        assertNumbers(values(j, "00101030"), 72.5);
        assertNumbers(values(j, "00281050"), 40, 400);
        assertNumbers(values(j, "00200013"), 7);
        assertNumbers(values(j, "00280010"), 4);
        assertNumbers(values(j, "00280011"), 3);
        assertNumbers(values(j, "00280100"), 16);
        assertNumbers(values(j, "00081161"), 1, 70000, 4294967295L);
        assertNumbers(values(j, "00189219"), -45);
        assertNumbers(values(j, "00189089"), 0.5, -0.25, 1e-300);
        assertEquals(List.of("00181063", "00181065"), values(j, "00280009"));
        assertValueOrBytes(j, "0008040D", "1099511627781", new byte[] {5, 0, 0, 0, 0, 1, 0, 0});
        // private creator and private element (unknown to dcmtk: UN in implicit VR)
        assertEquals(WriterFixtures.PRIVATE_CREATOR, first(j, "00090010"));
        assertValueOrBytes(j, "00091001", WriterFixtures.PRIVATE_VALUE,
                (WriterFixtures.PRIVATE_VALUE + " ").getBytes(StandardCharsets.US_ASCII));
        // OB padded with NUL; OW and pixel data come back as the same little endian words
        assertArrayEquals(new byte[] {1, 2, 3, (byte) 0xFE, (byte) 0xFF, 0}, inlineBinary(j, "00420011"));
        assertArrayEquals(le16(WriterFixtures.OW_VALUE), inlineBinary(j, "00281201"));
        assertArrayEquals(le16(WriterFixtures.PIXELS), inlineBinary(j, "7FE00010"));
        assertTrue(dump.contains(
                "(7fe0,0010) OW 0102\\0304\\0506\\0708\\090a\\0b0c\\0d0e\\0f10\\1112\\1314\\1516\\fffe"), dump);
        assertTrue(dump.contains("(0028,1201) OW 0102\\ffee\\8001"), dump);
        // the 3-level sequence, with empty items and an empty sequence
        List<Object> series = values(j, "00081115");
        assertEquals(2, series.size());
        assertEquals(Map.of(), series.get(1));
        Map<String, Object> s0 = item(j, "00081115", 0);
        assertEquals("1.2.3.4", first(s0, "0020000E"));
        assertEquals(Map.of("vr", "SQ"), attr(s0, "00081140"));
        Map<String, Object> instance = item(s0, "0008114A", 0);
        assertEquals("1.2.3.4.5", first(instance, "00081155"));
        assertEquals(WriterFixtures.SOP_CLASS, first(instance, "00081150"));
        List<Object> codes = values(instance, "0040A170");
        assertEquals(2, codes.size());
        assertEquals(Map.of(), codes.get(1));
        Map<String, Object> code = item(instance, "0040A170", 0);
        assertEquals("121311", first(code, "00080100"));
        assertEquals("DCM", first(code, "00080102"));
        assertEquals(WriterFixtures.CODE_MEANING, first(code, "00080104"));
    }

    @ParameterizedTest(name = "{0}, undefined lengths {1}")
    @MethodSource("grid")
    void metaGroupLengthIsExact(TransferSyntax ts, boolean undefined) throws Exception {
        Path f = write(WriterFixtures.dataset(), ts, options(undefined));
        byte[] b = Files.readAllBytes(f);
        for (int k = 0; k < 128; k++) {
            assertEquals(0, b[k], "preamble byte " + k);
        }
        assertEquals("DICM", new String(b, 128, 4, StandardCharsets.US_ASCII));
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x0002, buf.getShort(132));
        assertEquals(0x0000, buf.getShort(134));
        assertEquals("UL", new String(b, 136, 2, StandardCharsets.US_ASCII));
        assertEquals(4, buf.getShort(138));
        int metaEnd = 144 + buf.getInt(140);
        // walk the meta elements (all short or long explicit VR LE headers) up to the announced end
        int p = 144;
        while (p < metaEnd) {
            assertEquals(0x0002, buf.getShort(p), "group of the element at " + p);
            String vr = new String(b, p + 4, 2, StandardCharsets.US_ASCII);
            p += "OB".equals(vr) ? 12 + buf.getInt(p + 8) : 8 + (buf.getShort(p + 6) & 0xFFFF);
        }
        assertEquals(metaEnd, p, "the group length ends on an element boundary");
        if (!ts.isDeflated()) {
            ByteBuffer body = ByteBuffer.wrap(b)
                    .order(ts.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            assertEquals(0x0008, body.getShort(metaEnd), "the data set starts right after the meta information");
        }
        assertEquals(0, b.length % 2, "even file length");
    }

    /**
     * The example of PS3.5 H.3.1, checked against the bytes dcmdump prints. (dcm2json cannot be
     * the oracle here: Debian's dcmtk converts through glibc iconv, which lacks ISO 2022 IR 87.)
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("nativeSyntaxes")
    void japaneseIso2022PersonName(TransferSyntax ts) throws Exception {
        Path f = write(WriterFixtures.japanese(), ts, WriteOptions.defaults());
        String dump = dump(f);
        String esc = "\u001b";
        String expected = "Yamada^Tarou=" + esc + "$B;3ED" + esc + "(B^" + esc + "$BB@O:" + esc + "(B="
                + esc + "$B$d$^$@" + esc + "(B^" + esc + "$B$?$m$&" + esc + "(B";
        assertTrue(dump.contains("(0010,0010) PN [" + expected + "]"), dump);
        assertTrue(dump.contains("(0008,0005) CS [\\ISO 2022 IR 87]"), dump);
    }

    static Stream<TransferSyntax> nativeSyntaxes() {
        return Stream.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
    }

    @ParameterizedTest(name = "undefined lengths {0}")
    @ValueSource(booleans = {false, true})
    void jpegBaselineFragmentsWithBasicOffsetTable(boolean undefined) throws Exception {
        Path f = write(WriterFixtures.jpeg(), TransferSyntax.of("1.2.840.10008.1.2.4.50"), options(undefined));
        String dump = dump(f);
        assertTrue(dump.contains("=JPEGBaseline"), dump);
        assertTrue(dump.contains("(7fe0,0010) OB (PixelSequence #=3)"), dump);
        assertTrue(dump.contains("(fffe,e000) pi 00\\00\\00\\00\\12\\00\\00\\00"), dump);
        assertTrue(dump.contains("(fffe,e000) pi ff\\d8\\01\\02\\03\\04\\05\\ff\\d9\\00"), dump);
        assertTrue(dump.contains("(fffe,e000) pi ff\\d8\\09\\08\\07\\06\\ff\\d9"), dump);
        assertTrue(dump.contains("(fffe,e0dd) na (SequenceDelimitationItem)"), dump);
        byte[] b = Files.readAllBytes(f);
        byte[] tail = java.util.Arrays.copyOfRange(b, b.length - 8, b.length);
        assertArrayEquals(new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xDD, (byte) 0xE0, 0, 0, 0, 0}, tail);
    }

    @Test
    void fragmentsInANativeSyntaxAreRefusedBeforeAnythingIsWritten() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DicomWriter.writeFile(out,
                null, WriterFixtures.jpeg(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, WriteOptions.defaults()));
        assertTrue(e.getMessage().contains("(7FE0,0010)"), e.getMessage());
        assertTrue(e.getMessage().contains("1.2.840.10008.1.2.1"), e.getMessage());
        assertEquals(0, out.size());
    }

    @Test
    void nativePixelDataInACompressedSyntaxIsRefused() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DicomWriter.writeDataset(out,
                WriterFixtures.dataset(), TransferSyntax.of("1.2.840.10008.1.2.4.50"), WriteOptions.defaults()));
        assertTrue(e.getMessage().contains("(7FE0,0010)"), e.getMessage());
        assertTrue(e.getMessage().contains("1.2.840.10008.1.2.4.50"), e.getMessage());
        assertEquals(0, out.size());
    }
}
