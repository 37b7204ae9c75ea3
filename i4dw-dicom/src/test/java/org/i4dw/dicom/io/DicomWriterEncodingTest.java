/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Inflater;
import org.i4dw.data.BulkData;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.TransferSyntax;
import org.i4dw.data.VR;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Byte-level rules of the writer, and the cases the main grid does not cover. */
class DicomWriterEncodingTest {

    @TempDir
    Path dir;

    private static byte[] dataset(DicomObject ds, TransferSyntax ts, WriteOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeDataset(out, ds, ts, options);
        return out.toByteArray();
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void oddValuesArePaddedWithTheirVrsPaddingByte() throws IOException {
        DicomObject ds = DicomObject.builder()
                .set(Tag.SOPInstanceUID, "1.2.3")
                .set(Tag.PatientID, "ID123")
                .setBytes(Tag.EncapsulatedDocument, VR.OB, new byte[] {7})
                .build();
        assertArrayEquals(hex("0800 1800 5549 0600 312e322e3300"
                + "1000 2000 4c4f 0600 4944313233 20"
                + "4200 1100 4f42 0000 02000000 0700"),
                dataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, WriteOptions.defaults()));
    }

    @Test
    void undefinedLengthsInImplicitVrUseDelimitationItems() throws IOException {
        DicomObject ds = DicomObject.builder().setSequence(Tag.ReferencedSeriesSequence, List.of(DicomObject.EMPTY))
                .build();
        WriteOptions undefined = WriteOptions.builder().undefinedLengthSequences(true).undefinedLengthItems(true)
                .build();
        assertArrayEquals(hex("0800 1511 ffffffff  feff 00e0 ffffffff  feff 0de0 00000000  feff dde0 00000000"),
                dataset(ds, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, undefined));
    }

    @Test
    void bigEndianSwapsHeadersItemsAndNumbersButNotBytes() throws IOException {
        DicomObject item = DicomObject.builder().setInts(Tag.Rows, VR.US, 0x0102).build();
        DicomObject ds = DicomObject.builder()
                .setTags(Tag.FrameIncrementPointer, Tag.FrameTime)
                .setSequence(Tag.ReferencedSeriesSequence, List.of(item))
                .setBytes(Tag.EncapsulatedDocument, VR.OB, new byte[] {1, 2})
                .setDoubles(Tag.of(0x00189087), VR.FD, 1.0)
                .build();
        assertArrayEquals(hex("0008 1115 5351 0000 00000012  fffe e000 0000000a  0028 0010 5553 0002 0102"
                + "0018 9087 4644 0008 3ff0000000000000"
                + "0028 0009 4154 0004 0018 1063"
                + "0042 0011 4f42 0000 00000002 0102"),
                dataset(ds, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, WriteOptions.defaults()));
    }

    @Test
    void deflatedDataSetIsRawDeflateOfExplicitLittleEndian() throws Exception {
        DicomObject ds = WriterFixtures.dataset();
        byte[] deflated = dataset(ds, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, WriteOptions.defaults());
        byte[] plain = dataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, WriteOptions.defaults());
        assertEquals(0, deflated.length % 2, "even length");
        Inflater inflater = new Inflater(true);
        inflater.setInput(deflated);
        byte[] out = new byte[plain.length + 100];
        int n = inflater.inflate(out);
        assertTrue(inflater.finished());
        inflater.end();
        assertArrayEquals(plain, Arrays.copyOf(out, n));

        // in a file only the data set is deflated: the meta information stays readable
        Path f = dir.resolve("deflated.dcm");
        DicomWriter.writeFile(f, ds, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] file = Files.readAllBytes(f);
        assertEquals("DICM", new String(file, 128, 4, StandardCharsets.US_ASCII));
        assertArrayEquals(deflated, Arrays.copyOfRange(file, file.length - deflated.length, file.length));
        String dump = DicomWriterTest.dump(f);
        assertTrue(dump.contains("# Used TransferSyntax: Deflated Explicit VR Little Endian"), dump);
    }

    static List<TransferSyntax> plainSyntaxes() {
        return List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plainSyntaxes")
    void bareDataSetIsReadByDcmdump(TransferSyntax ts) throws Exception {
        Path f = dir.resolve("bare.dcm");
        try (OutputStream out = Files.newOutputStream(f)) {
            DicomWriter.writeDataset(out, WriterFixtures.dataset(), ts,
                    WriteOptions.builder().undefinedLengthSequences(true).build());
        }
        String flag = ts.isBigEndian() ? "-tb" : ts.isExplicitVr() ? "-te" : "-ti";
        String dump = Dcmtk.run("dcmdump", "-f", flag, "+L", f.toString()).requireClean().stdout();
        assertTrue(dump.contains("(0008,0018) UI [" + WriterFixtures.SOP_INSTANCE + "]"), dump);
        assertTrue(dump.contains("(7fe0,0010) OW 0102\\0304"), dump);
        assertFalse(dump.contains("(0002,"), dump);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plainSyntaxes")
    void valueTooLongForAShortHeaderIsWrittenAsUnInExplicitVr(TransferSyntax ts) throws Exception {
        long[] values = new long[20000]; // 80000 bytes of UL, more than a 16-bit length can say
        for (int k = 0; k < values.length; k++) {
            values[k] = 0x01020304L + k;
        }
        DicomObject ds = WriterFixtures.dataset().toBuilder()
                .setInts(WriterFixtures.SIMPLE_FRAME_LIST, VR.UL, values).build();
        Path f = dir.resolve("long.dcm");
        DicomWriter.writeFile(f, ds, ts);
        DicomWriterTest.dump(f);
        Map<String, Object> j = DicomWriterTest.json(f);
        Map<String, Object> a = DicomWriterTest.attr(j, "00081161");
        if (ts.isExplicitVr()) {
            assertEquals("UN", a.get("vr"));
            byte[] b = DicomWriterTest.inlineBinary(j, "00081161");
            assertEquals(80000, b.length);
            assertArrayEquals(new byte[] {4, 3, 2, 1, 5, 3, 2, 1}, Arrays.copyOf(b, 8), "little endian, as UN is");
        } else {
            List<Object> v = DicomWriterTest.values(j, "00081161");
            assertEquals(20000, v.size());
            assertEquals(0x01020304L + 19999, ((java.math.BigDecimal) v.get(19999)).longValueExact());
        }
    }

    @Test
    void computedGroupLengthsMatchDcmconv() throws Exception {
        DicomObject ds = WriterFixtures.dataset().toBuilder()
                .setInts(Tag.of(0x00080000), VR.UL, 12345) // stale: must not survive
                .build();
        Path ours = dir.resolve("ours.dcm");
        DicomWriter.writeFile(ours, null, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                WriteOptions.builder().groupLengths(WriteOptions.GroupLengths.COMPUTE).build());
        Path dropped = dir.resolve("dropped.dcm");
        DicomWriter.writeFile(dropped, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Path theirs = dir.resolve("theirs.dcm");
        Dcmtk.run("dcmconv", "+g", dropped.toString(), theirs.toString()).requireClean();

        List<String> ourLengths = groupLengths(DicomWriterTest.dump(ours));
        List<String> theirLengths = groupLengths(DicomWriterTest.dump(theirs));
        assertTrue(ourLengths.size() > 10, ourLengths.toString());
        assertEquals(theirLengths, ourLengths);
        assertEquals(List.of(), groupLengths(DicomWriterTest.dump(dropped)));
    }

    private static List<String> groupLengths(String dump) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\([0-9a-f]{4},0000\\) UL \\d+").matcher(dump);
        while (m.find()) {
            if (!m.group().startsWith("(0002,")) { // dcmconv writes its own implementation UID and name
                out.add(m.group());
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plainSyntaxes")
    void bulkDataFileReferencesAreStreamedInEitherByteOrder(TransferSyntax ts) throws Exception {
        int words = 100_003; // several chunks, and an odd number of words
        byte[] le = new byte[words * 2];
        for (int k = 0; k < words; k++) {
            le[2 * k] = (byte) k;
            le[2 * k + 1] = (byte) (k >>> 8 | 0x80);
        }
        byte[] be = le.clone();
        for (int k = 0; k < le.length; k += 2) {
            be[k] = le[k + 1];
            be[k + 1] = le[k];
        }
        Path source = dir.resolve("source.raw");
        byte[] content = new byte[3 + le.length + be.length];
        System.arraycopy(le, 0, content, 3, le.length);
        System.arraycopy(be, 0, content, 3 + le.length, be.length);
        Files.write(source, content);

        DicomObject inMemory = WriterFixtures.dataset().toBuilder()
                .setBulkData(Tag.PixelData, VR.OW, BulkData.of(le)).build();
        DicomObject leRef = inMemory.toBuilder()
                .setBulkData(Tag.PixelData, VR.OW, BulkData.ofFile(source, 3, le.length, false, 2)).build();
        DicomObject beRef = inMemory.toBuilder()
                .setBulkData(Tag.PixelData, VR.OW, BulkData.ofFile(source, 3 + le.length, be.length, true, 2)).build();
        byte[] expected = dataset(inMemory, ts, WriteOptions.defaults());
        assertArrayEquals(expected, dataset(leRef, ts, WriteOptions.defaults()));
        assertArrayEquals(expected, dataset(beRef, ts, WriteOptions.defaults()));
        byte[] tail = Arrays.copyOfRange(expected, expected.length - 4, expected.length);
        byte lo1 = (byte) (words - 2);
        byte hi1 = (byte) ((words - 2) >>> 8 | 0x80);
        byte lo2 = (byte) (words - 1);
        byte hi2 = (byte) ((words - 1) >>> 8 | 0x80);
        assertArrayEquals(ts.isBigEndian() ? new byte[] {hi1, lo1, hi2, lo2} : new byte[] {lo1, hi1, lo2, hi2}, tail);
    }

    @Test
    void oddLengthFileReferenceIsPaddedAndAMissingTailIsAnIoError() throws Exception {
        Path source = dir.resolve("odd.raw");
        Files.write(source, new byte[] {9, 1, 2, 3});
        DicomObject ds = DicomObject.builder()
                .setBulkData(Tag.EncapsulatedDocument, VR.OB, BulkData.ofFile(source, 1, 3, false, 1)).build();
        assertArrayEquals(hex("4200 1100 4f42 0000 04000000 01020300"),
                dataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, WriteOptions.defaults()));
        DicomObject truncated = DicomObject.builder()
                .setBulkData(Tag.EncapsulatedDocument, VR.OB, BulkData.ofFile(source, 1, 30, false, 1)).build();
        IOException e = assertThrows(IOException.class,
                () -> dataset(truncated, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, WriteOptions.defaults()));
        assertTrue(e.getMessage().contains("(0042,0011)"), e.getMessage());
    }

    @Test
    void theCallersStreamIsFlushedButNotClosed() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = new FilterOutputStream(sink) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        DicomWriter.writeFile(out, null, WriterFixtures.dataset(), TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
                WriteOptions.defaults());
        DicomWriter.writeDataset(out, WriterFixtures.dataset(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                WriteOptions.defaults());
        assertFalse(closed[0]);
        assertTrue(sink.size() > 600);
    }

    @Test
    void group0002InTheDataSetIsLeftOutAndTheMetaSaysTheRealSyntax() throws Exception {
        DicomObject ds = WriterFixtures.dataset().toBuilder()
                .set(Tag.TransferSyntaxUID, VR.UI, "1.2.840.10008.1.2.2")
                .set(Tag.SourceApplicationEntityTitle, VR.AE, "SNEAKY")
                .build();
        DicomObject meta = DicomObject.builder()
                .set(Tag.MediaStorageSOPClassUID, VR.UI, WriterFixtures.SOP_CLASS)
                .set(Tag.MediaStorageSOPInstanceUID, VR.UI, WriterFixtures.SOP_INSTANCE)
                .set(Tag.SourceApplicationEntityTitle, VR.AE, "I4DW_SCU")
                .set(Tag.TransferSyntaxUID, VR.UI, "1.2.3")
                .setInts(Tag.FileMetaInformationGroupLength, VR.UL, 1)
                .build();
        Path f = dir.resolve("meta.dcm");
        DicomWriter.writeFile(f, meta, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, WriteOptions.defaults());
        String dump = DicomWriterTest.dump(f);
        assertTrue(dump.contains("(0002,0010) UI =LittleEndianExplicit"), dump);
        assertTrue(dump.contains("(0002,0016) AE [I4DW_SCU]"), dump);
        assertFalse(dump.contains("SNEAKY"), dump);
        assertTrue(dump.contains("(0002,0001) OB 00\\01"), dump);
        assertTrue(dump.contains("(0002,0012) UI [" + DicomWriter.IMPLEMENTATION_CLASS_UID + "]"), dump);
        assertEquals(1, dump.split("\\(0002,0010\\)", -1).length - 1, dump);
    }

    @Test
    void createdFileMetaInformation() {
        DicomObject meta = DicomWriter.createFileMetaInformation(WriterFixtures.dataset(),
                TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
        java.nio.ByteBuffer version = meta.element(Tag.FileMetaInformationVersion).orElseThrow().bytes().orElseThrow();
        assertEquals(java.nio.ByteBuffer.wrap(new byte[] {0, 1}), version);
        assertEquals(VR.OB, meta.vr(Tag.FileMetaInformationVersion).orElseThrow());
        assertEquals(WriterFixtures.SOP_CLASS, meta.string(Tag.MediaStorageSOPClassUID).orElseThrow());
        assertEquals(WriterFixtures.SOP_INSTANCE, meta.string(Tag.MediaStorageSOPInstanceUID).orElseThrow());
        assertEquals("1.2.840.10008.1.2.2", meta.string(Tag.TransferSyntaxUID).orElseThrow());
        assertEquals(DicomWriter.IMPLEMENTATION_CLASS_UID, meta.string(Tag.ImplementationClassUID).orElseThrow());
        assertEquals("I4DW_010", meta.string(Tag.ImplementationVersionName).orElseThrow());
        assertTrue(DicomWriter.IMPLEMENTATION_CLASS_UID.matches("2\\.25\\.[1-9][0-9]{0,38}"));
    }

    @Test
    void badMetaInputsSayWhatIsWrong() {
        DicomObject noSopClass = WriterFixtures.dataset().toBuilder().remove(Tag.SOPClassUID).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DicomWriter.createFileMetaInformation(noSopClass, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        assertTrue(e.getMessage().contains("(0008,0016)"), e.getMessage());
        DicomObject wrongMeta = DicomObject.builder().set(Tag.PatientID, "X").build();
        e = assertThrows(IllegalArgumentException.class, () -> DicomWriter.writeFile(new ByteArrayOutputStream(),
                wrongMeta, WriterFixtures.dataset(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                WriteOptions.defaults()));
        assertTrue(e.getMessage().contains("(0010,0020)"), e.getMessage());
        assertFalse(e.getMessage().contains("X\""), e.getMessage());
    }

    @Test
    void unencodableTextNamesTheTagNotTheValueAndTheFileIsRemoved() {
        DicomObject ds = DicomObject.builder()
                .set(Tag.SOPClassUID, WriterFixtures.SOP_CLASS)
                .set(Tag.SOPInstanceUID, WriterFixtures.SOP_INSTANCE)
                .set(Tag.PatientName, "Zoë^Secret")
                .build();
        Path f = dir.resolve("bad.dcm");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DicomWriter.writeFile(f, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        assertTrue(e.getMessage().contains("(0010,0010)"), e.getMessage());
        assertFalse(e.getMessage().contains("Secret"), e.getMessage());
        assertFalse(Files.exists(f));
    }

    @Test
    void itemAndDelimiterTagsAreNotDataElements() {
        DicomObject ds = DicomObject.builder().setBytes(Tag.of(0xFFFEE000), VR.UN, new byte[2]).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dataset(ds,
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, WriteOptions.defaults()));
        assertTrue(e.getMessage().contains("(FFFE,E000)"), e.getMessage());
    }

    @Test
    void encapsulatedUncompressedGetsOneFragmentPerFrame() throws Exception {
        DicomObject ds = WriterFixtures.dataset().toBuilder().setInts(Tag.NumberOfFrames, VR.IS, 2).build();
        byte[] b = dataset(ds, TransferSyntax.ENCAPSULATED_UNCOMPRESSED, WriteOptions.defaults());
        byte[] pixels = WriterFixtures.le16(WriterFixtures.PIXELS);
        byte[] expected = new byte[12 + 8 + 2 * (8 + 12) + 8];
        System.arraycopy(hex("e07f 1000 4f42 0000 ffffffff  feff 00e0 00000000"), 0, expected, 0, 20);
        System.arraycopy(hex("feff 00e0 0c000000"), 0, expected, 20, 8);
        System.arraycopy(pixels, 0, expected, 28, 12);
        System.arraycopy(hex("feff 00e0 0c000000"), 0, expected, 40, 8);
        System.arraycopy(pixels, 12, expected, 48, 12);
        System.arraycopy(hex("feff dde0 00000000"), 0, expected, 60, 8);
        assertArrayEquals(expected, Arrays.copyOfRange(b, b.length - expected.length, b.length));

        DicomObject threeFrames = ds.toBuilder().setInts(Tag.NumberOfFrames, VR.IS, 5).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dataset(threeFrames,
                TransferSyntax.ENCAPSULATED_UNCOMPRESSED, WriteOptions.defaults()));
        assertTrue(e.getMessage().contains("(0028,0008)"), e.getMessage());
    }

    @Test
    void writeOptionsDefaultsAndBuilder() {
        WriteOptions d = WriteOptions.defaults();
        assertFalse(d.undefinedLengthSequences());
        assertFalse(d.undefinedLengthItems());
        assertEquals(WriteOptions.GroupLengths.DROP, d.groupLengths());
        WriteOptions o = WriteOptions.builder().undefinedLengthItems(true)
                .groupLengths(WriteOptions.GroupLengths.COMPUTE).build();
        assertEquals(o, o.toBuilder().build());
        assertNotEquals(d, o);
        assertThrows(NullPointerException.class, () -> WriteOptions.builder().groupLengths(null));
    }

    @Test
    void aMissingDcmtkToolFailsWithTheInstallHint() {
        org.opentest4j.AssertionFailedError e = assertThrows(org.opentest4j.AssertionFailedError.class,
                () -> Dcmtk.run("dcmdump-that-does-not-exist"));
        assertTrue(e.getMessage().contains("dcmtk is not installed: apt-get install -y dcmtk"), e.getMessage());
    }
}
