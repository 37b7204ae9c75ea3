/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.i4dw.api.DicomParseException;
import org.i4dw.data.BulkData;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.TransferSyntax;
import org.i4dw.data.VR;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader on hand-made streams: each test builds exactly the encoding it is about. */
class DicomReaderTest {

    private static final ReadOptions FULL = ReadOptions.defaults();
    private static final ReadOptions HEADER = ReadOptions.builder().headerOnly(true).build();

    @TempDir
    Path tmp;

    private static DicomFile read(byte[] bytes, ReadOptions options) throws IOException {
        return DicomReader.read(new ByteArrayInputStream(bytes), "test", options);
    }

    private static StreamBuilder explicitLe() {
        return StreamBuilder.part10(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
    }

    @Test
    void readsMetaAndDatasetOfExplicitLittleEndian() throws IOException {
        byte[] b = explicitLe().text(0x00080060, "CS", "MR").text(0x00100010, "PN", "Doe^John")
                .us(0x00280010, 512).bytes();
        DicomFile f = read(b, FULL);
        assertEquals(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, f.transferSyntax());
        assertEquals("1.2.3.4", f.fileMetaInformation().string(Tag.MediaStorageSOPInstanceUID).orElseThrow());
        assertEquals("MR", f.dataset().string(Tag.Modality).orElseThrow());
        assertEquals("Doe", f.dataset().personName(Tag.PatientName).orElseThrow().alphabetic().family());
        assertEquals(512, f.dataset().integer(Tag.Rows).orElseThrow());
        assertTrue(f.warnings().isEmpty(), f.warnings().toString());
    }

    @Test
    void headerOnlyFromAStreamTakesNothingBeyondThePixelDataTag() throws IOException {
        StreamBuilder s = explicitLe().text(0x00080060, "CS", "CT").us(0x00280010, 2);
        int pixelDataAt = s.size();
        byte[] pixels = new byte[1 << 20];
        s.header(0x7FE00010, "OW", pixels.length).raw(pixels).text(0xFFFCFFFC, "OB", "xx");
        CountingStream in = new CountingStream(new ByteArrayInputStream(s.bytes()));
        DicomFile f = DicomReader.read(in, "test", HEADER);
        assertTrue(f.pixelDataSkipped());
        assertFalse(f.dataset().contains(Tag.PixelData));
        assertEquals("CT", f.dataset().string(Tag.Modality).orElseThrow());
        assertEquals(pixelDataAt + 4, in.count, "bytes taken from the stream");
    }

    @Test
    void headerOnlyStillReadsPixelDataInsideSequenceItems() throws IOException {
        byte[] b = explicitLe().header(0x00880200, "SQ", -1).item(-1).us(0x00280010, 4)
                .element(0x7FE00010, "OB", new byte[] {1, 2, 3, 4}).itemEnd().sequenceEnd()
                .element(0x7FE00010, "OB", new byte[] {9, 9}).bytes();
        DicomFile f = read(b, HEADER);
        DicomObject icon = f.dataset().item(Tag.IconImageSequence).orElseThrow();
        assertArrayEquals(new byte[] {1, 2, 3, 4}, icon.element(Tag.PixelData).orElseThrow().bytes().map(bb -> {
            byte[] a = new byte[bb.remaining()];
            bb.get(a);
            return a;
        }).orElseThrow());
        assertFalse(f.dataset().contains(Tag.PixelData));
    }

    @Test
    void largeValuesOfAFileAreReferencedNotRead(@TempDir Path dir) throws IOException {
        byte[] pixels = new byte[200_000];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i;
        }
        StreamBuilder s = explicitLe().us(0x00280010, 2);
        int valueAt = s.size() + 12;
        byte[] b = s.header(0x7FE00010, "OW", pixels.length).raw(pixels).bytes();
        Path file = dir.resolve("big.dcm");
        Files.write(file, b);
        DicomFile f = DicomReader.read(file, ReadOptions.builder().bulkDataThreshold(1024).build());
        BulkData bulk = f.dataset().bulkData(Tag.PixelData).orElseThrow();
        assertFalse(bulk.isInMemory());
        assertEquals(valueAt, bulk.offset());
        assertEquals(pixels.length, bulk.length());
        assertArrayEquals(pixels, bulk.bytes());
        DicomFile inMemory = DicomReader.read(file, ReadOptions.builder().bulkDataThreshold(Integer.MAX_VALUE).build());
        assertEquals(inMemory.dataset(), f.dataset());
    }

    @Test
    void aLengthBeyondTheEndOfTheFileIsRefusedWithItsOffsetAndTag(@TempDir Path dir) throws IOException {
        StreamBuilder s = explicitLe().text(0x00080060, "CS", "MR");
        int at = s.size();
        byte[] b = s.header(0x00181030, "LO", 0xFFF0).raw(new byte[10]).bytes();
        Path file = dir.resolve("lying.dcm");
        Files.write(file, b);
        DicomParseException e = assertThrows(DicomParseException.class, () -> DicomReader.read(file, FULL));
        assertEquals(at, e.offset());
        assertEquals(0x00181030, e.tag().orElseThrow());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.reason().contains("65520"), e.reason());
    }

    @Test
    void aHugeDeclaredLengthOnAStreamDoesNotAllocateIt() {
        byte[] b = explicitLe().header(0x00420011, "OB", 0xFFFFFFF0L).raw(new byte[100]).bytes();
        DicomParseException e = assertThrows(DicomParseException.class, () -> read(b, FULL));
        assertTrue(e.reason().contains("end of data"), e.reason());
    }

    @Test
    void aValueThatOverrunsItsItemIsRefused() {
        byte[] b = explicitLe().header(0x00400275, "SQ", 24).item(16).text(0x00081030, "LO", "0123456789ABCDEF")
                .bytes();
        DicomParseException e = assertThrows(DicomParseException.class, () -> read(b, FULL));
        assertEquals(0x00081030, e.tag().orElseThrow());
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        StreamBuilder s = explicitLe();
        int depth = 100;
        for (int i = 0; i < depth; i++) {
            s.header(0x00400275, "SQ", -1).item(-1);
        }
        for (int i = 0; i < depth; i++) {
            s.itemEnd().sequenceEnd();
        }
        byte[] b = s.bytes();
        DicomParseException e = assertThrows(DicomParseException.class, () -> read(b, FULL));
        assertTrue(e.reason().contains("deeper than 64"), e.reason());
        ReadOptions deep = ReadOptions.builder().maxDepth(200).build();
        assertDoesNotThrowIo(() -> read(b, deep));
    }

    @Test
    void definedAndUndefinedLengthSequencesNestAndMatch() throws IOException {
        StreamBuilder undefined = explicitLe();
        undefined.header(0x00400275, "SQ", -1).item(-1).text(0x00321060, "LO", "Head")
                .header(0x00321064, "SQ", -1).item(-1).text(0x00080100, "SH", "T-1234").itemEnd().item(-1).itemEnd()
                .sequenceEnd().itemEnd().item(-1).itemEnd().sequenceEnd();
        StreamBuilder inner = StreamBuilder.dataset(true, false).text(0x00080100, "SH", "T-1234");
        int innerItem = inner.size();
        StreamBuilder innerSeq = StreamBuilder.dataset(true, false).item(innerItem).raw(inner.bytes()).item(0);
        StreamBuilder item1 = StreamBuilder.dataset(true, false).text(0x00321060, "LO", "Head")
                .header(0x00321064, "SQ", innerSeq.size()).raw(innerSeq.bytes());
        StreamBuilder seq = StreamBuilder.dataset(true, false).item(item1.size()).raw(item1.bytes()).item(0);
        StreamBuilder defined = explicitLe().header(0x00400275, "SQ", seq.size()).raw(seq.bytes());
        DicomFile a = read(undefined.bytes(), FULL);
        DicomFile b = read(defined.bytes(), FULL);
        assertEquals(a.dataset(), b.dataset());
        List<DicomObject> items = a.dataset().sequence(Tag.RequestAttributesSequence);
        assertEquals(2, items.size());
        assertTrue(items.get(1).isEmpty());
        assertEquals("T-1234", items.get(0).sequence(Tag.RequestedProcedureCodeSequence).get(0)
                .string(Tag.CodeValue).orElseThrow());
        assertTrue(a.warnings().isEmpty(), a.warnings().toString());
    }

    @Test
    void bigEndianNumbersAndTagsComeOutLittleEndian() throws IOException {
        StreamBuilder s = StreamBuilder.part10(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid());
        s.encoding(true, true).us(0x00280010, 0x1234).header(0x00209165, "AT", 4).u16(0x0018).u16(0x9176)
                .header(0x7FE00010, "OW", 4).u16(0xABCD).u16(0x0102);
        DicomFile f = read(s.bytes(), FULL);
        assertEquals(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, f.transferSyntax());
        assertEquals(0x1234, f.dataset().integer(Tag.Rows).orElseThrow());
        assertEquals(List.of("00189176"), f.dataset().strings(Tag.DimensionIndexPointer));
        byte[] pixels = f.dataset().element(Tag.PixelData).orElseThrow().bytes().map(bb -> {
            byte[] a = new byte[bb.remaining()];
            bb.get(a);
            return a;
        }).orElseThrow();
        assertArrayEquals(new byte[] {(byte) 0xCD, (byte) 0xAB, 0x02, 0x01}, pixels);
    }

    @Test
    void deflatedDataSetIsInflated() throws IOException {
        StreamBuilder body = StreamBuilder.dataset(true, false).text(0x00080060, "CS", "US")
                .text(0x00100020, "LO", "ID-42 ");
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(z, new Deflater(Deflater.DEFAULT_COMPRESSION, true))) {
            d.write(body.bytes());
        }
        byte[] b = StreamBuilder.part10(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid()).raw(z.toByteArray())
                .bytes();
        DicomFile f = read(b, FULL);
        assertEquals("US", f.dataset().string(Tag.Modality).orElseThrow());
        assertEquals("ID-42", f.dataset().string(Tag.PatientID).orElseThrow());
    }

    /** Found by DicomReaderFuzzTest: the inflater's ZipException escaped as an I/O failure. */
    @Test
    void aDeflatedDataSetThatIsNotDeflateDataIsAParseErrorNotAZipException() {
        byte[] notDeflated = StreamBuilder.dataset(true, false).text(0x00080060, "CS", "MR")
                .text(0x00100020, "LO", "ID-42 ").bytes();
        DicomParseException bare = assertThrows(DicomParseException.class, () -> DicomReader.readDataset(
                new ByteArrayInputStream(notDeflated), "test", TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, FULL));
        assertTrue(bare.reason().contains("not a valid deflate stream"), bare.getMessage());
        byte[] part10 = StreamBuilder.part10(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid()).raw(notDeflated)
                .bytes();
        DicomParseException file = assertThrows(DicomParseException.class, () -> read(part10, FULL));
        assertEquals("test", file.source());
    }

    @Test
    void aSequenceEncodedAsUnWithUndefinedLengthIsReadAsImplicitItems() throws IOException {
        StreamBuilder s = explicitLe();
        s.header(0x00081115, "UN", -1).encoding(false, false).item(-1).text(0x00081150, "UI", "1.2.840.10008.5.1.4.1.1.4\0")
                .itemEnd().sequenceEnd().encoding(true, false).text(0x00100010, "PN", "X^Y");
        DicomFile f = read(s.bytes(), FULL);
        assertEquals("1.2.840.10008.5.1.4.1.1.4", f.dataset().item(Tag.ReferencedSeriesSequence).orElseThrow()
                .string(Tag.ReferencedSOPClassUID).orElseThrow());
        assertEquals(VR.SQ, f.dataset().vr(Tag.ReferencedSeriesSequence).orElseThrow());
        assertEquals("X", f.dataset().personName(Tag.PatientName).orElseThrow().alphabetic().family());
        assertTrue(f.warnings().stream().anyMatch(w -> w.message().contains("UN")), f.warnings().toString());
    }

    @Test
    void aFileWithoutPreambleOrMetaIsReadAsABareDataSetWithAWarning() throws IOException {
        byte[] b = StreamBuilder.dataset(false, false).text(0x00080060, "CS", "CT").us(0x00280010, 7).bytes();
        DicomFile f = read(b, FULL);
        assertEquals(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, f.transferSyntax());
        assertEquals(7, f.dataset().integer(Tag.Rows).orElseThrow());
        assertFalse(f.warnings().isEmpty());
    }

    @Test
    void implicitEncodingUnderAnExplicitTransferSyntaxIsReadWithAWarning() throws IOException {
        StreamBuilder s = explicitLe().encoding(false, false).text(0x00080060, "CS", "CT").us(0x00280010, 7);
        DicomFile f = read(s.bytes(), FULL);
        assertEquals("CT", f.dataset().string(Tag.Modality).orElseThrow());
        assertEquals(7, f.dataset().integer(Tag.Rows).orElseThrow());
        assertTrue(f.warnings().stream().anyMatch(w -> w.message().contains("implicit")), f.warnings().toString());
    }

    @Test
    void encapsulatedPixelDataKeepsItsFragments() throws IOException {
        StreamBuilder s = StreamBuilder.part10("1.2.840.10008.1.2.4.50").us(0x00280010, 1)
                .header(0x7FE00010, "OB", -1).item(0).item(4).raw(new byte[] {1, 2, 3, 4}).item(2)
                .raw(new byte[] {5, 6}).sequenceEnd();
        DicomFile f = read(s.bytes(), FULL);
        assertTrue(f.transferSyntax().isEncapsulated());
        var frags = f.dataset().fragments(Tag.PixelData).orElseThrow();
        assertEquals(0, frags.basicOffsetTable().length());
        assertEquals(2, frags.fragments().size());
        assertArrayEquals(new byte[] {5, 6}, frags.fragments().get(1).bytes());
    }

    @Test
    void oddLengthsAndOutOfOrderTagsAreWarningsNotErrors() throws IOException {
        byte[] b = explicitLe().text(0x00100010, "PN", "Odd").text(0x00080060, "CS", "MR").bytes();
        DicomFile f = read(b, FULL);
        assertEquals("MR", f.dataset().string(Tag.Modality).orElseThrow());
        assertEquals(2, f.warnings().size(), f.warnings().toString());
    }

    @Test
    void unexpectedDelimitersAreErrorsWithTheirOffset() {
        StreamBuilder s = explicitLe().text(0x00080060, "CS", "MR");
        int at = s.size();
        byte[] b = s.sequenceEnd().bytes();
        DicomParseException e = assertThrows(DicomParseException.class, () -> read(b, FULL));
        assertEquals(at, e.offset());
    }

    @Test
    void characterSetOfTheDataSetIsInheritedByItems() throws IOException {
        byte[] latin1 = "Müller".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] b = explicitLe().text(0x00080005, "CS", "ISO_IR 100").header(0x00400275, "SQ", -1).item(-1)
                .element(0x00321032, "PN", latin1).itemEnd().sequenceEnd().bytes();
        DicomFile f = read(b, FULL);
        assertEquals("Müller", f.dataset().item(Tag.RequestAttributesSequence).orElseThrow()
                .string(Tag.RequestingPhysician).orElseThrow());
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void assertDoesNotThrowIo(IoAction a) {
        try {
            a.run();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Counts the bytes a reader takes from a stream. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int r = super.read();
            if (r >= 0) {
                count++;
            }
            return r;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            if (r > 0) {
                count += r;
            }
            return r;
        }
    }
}
