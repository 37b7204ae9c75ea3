/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.TransferSyntax;
import org.i4dw.data.VR;

/**
 * Writes DICOM: Part 10 files (PS3.10 section 7) and bare data sets (PS3.5 sections 7 and 8,
 * Annex A) in any transfer syntax: Implicit VR Little Endian, Explicit VR Little Endian,
 * Explicit VR Big Endian, Deflated Explicit VR Little Endian, and the encapsulated (compressed)
 * ones, whose pixel data must be {@link org.i4dw.data.Fragments}.
 *
 * <p>Encoding rules:
 * <ul>
 * <li>Values are padded to even length with {@link VR#paddingByte()}: a space for text, NUL for
 *     UI and binary values. Fragments are padded with NUL too.</li>
 * <li>Text held as a Java string is encoded with the character set in force where it is
 *     written: the item's own Specific Character Set (0008,0005) if it has one, else the
 *     enclosing data set's, as a reader will decode it (PS3.5 6.1.2.5.1). So an item built in
 *     code needs no {@code inheritCharacterSet}. Text held as bytes is written as it is: it must
 *     already be in that character set, as it is in data sets that were read.</li>
 * <li>In Explicit VR Big Endian, binary numbers are byte-swapped by their word size (US, SS and
 *     OW by 2; UL, SL, FL, OF, OL by 4; FD, OD, SV, UV, OV by 8; AT as two 16-bit numbers);
 *     OB and UN are bytes and are not swapped.</li>
 * <li>A value longer than 65534 bytes whose VR has a 16-bit length in explicit VR (say a big US
 *     lookup table) is written with VR UN and a 32-bit length, as PS3.5 section 6.2.2 allows;
 *     its bytes are the little endian ones, as UN always is. Implicit VR needs no such change.</li>
 * <li>Sequences and items get their computed length, or undefined length and a delimitation
 *     item (see {@link WriteOptions}); items and delimiters have the implicit-style header, in
 *     the transfer syntax's byte order. Lengths are computed from what is known (bulk data
 *     reports its length) without reading bulk values; values are then streamed.</li>
 * <li>Encapsulated pixel data is written as (7FE0,0010) with undefined length, one item for the
 *     Basic Offset Table, one per fragment, and a Sequence Delimitation Item (PS3.5 A.4).
 *     Fragments in a native transfer syntax, and native pixel data in a compressed one, are an
 *     {@link IllegalArgumentException} raised before anything is written. In Encapsulated
 *     Uncompressed Explicit VR Little Endian native pixel data is encapsulated here, one fragment
 *     per frame with an empty Basic Offset Table.</li>
 * <li>Elements of group 0002 in the data set are left out: the file meta information is
 *     written only from its own argument. Group length elements (gggg,0000) of the data set are
 *     left out or recomputed, see {@link WriteOptions#groupLengths()}.</li>
 * </ul>
 *
 * <p>Output goes through a buffer; the caller's stream is flushed but never closed. If writing
 * fails half way (an I/O error, or a text value the character set cannot encode), what was
 * written is incomplete; {@link #writeFile(Path, DicomObject, TransferSyntax)} then deletes the
 * file. Exception messages name tags and transfer syntaxes, never values.
 *
 * <p>Stateless and thread-safe.
 */
public final class DicomWriter {

    /**
     * I4DW's Implementation Class UID (0002,0012), a UUID-derived UID under 2.25 (PS3.5 B.2),
     * generated once.
     */
    public static final String IMPLEMENTATION_CLASS_UID = "2.25.11373479597476888744773855827694515403";

    /** I4DW's Implementation Version Name (0002,0013). */
    public static final String IMPLEMENTATION_VERSION_NAME = "I4DW_010";

    private static final int PREAMBLE_LENGTH = 128;
    private static final byte[] DICM = {'D', 'I', 'C', 'M'};

    private DicomWriter() {
    }

    /**
     * Writes a Part 10 file with generated file meta information
     * ({@link #createFileMetaInformation(DicomObject, TransferSyntax)}) and the default
     * {@link WriteOptions}. The file is created or replaced; if writing fails it is deleted.
     *
     * @param file where to write
     * @param dataset the data set; its group 0002 elements, if any, are left out
     * @param ts the transfer syntax of the data set
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if the data set cannot be encoded in {@code ts} (see the
     *     class description), or lacks SOP Class UID or SOP Instance UID
     */
    public static void writeFile(Path file, DicomObject dataset, TransferSyntax ts) throws IOException {
        writeFile(file, null, dataset, ts, WriteOptions.defaults());
    }

    /**
     * Writes a Part 10 file to a path, as {@link #writeFile(OutputStream, DicomObject, DicomObject,
     * TransferSyntax, WriteOptions)} does to a stream. The file is created or replaced; if writing
     * fails it is deleted.
     *
     * @param file where to write
     * @param fileMeta the file meta information, or null to generate it
     * @param dataset the data set; its group 0002 elements, if any, are left out
     * @param ts the transfer syntax of the data set
     * @param options how to encode the data set
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if the data set cannot be encoded in {@code ts}, or the
     *     file meta information is not all group 0002
     */
    public static void writeFile(Path file, DicomObject fileMeta, DicomObject dataset, TransferSyntax ts,
            WriteOptions options) throws IOException {
        Objects.requireNonNull(file, "file");
        boolean done = false;
        try (OutputStream out = Files.newOutputStream(file)) {
            writeFile(out, fileMeta, dataset, ts, options);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Writes a Part 10 file: a 128-byte preamble of zeros, "DICM", the file meta information
     * (group 0002) in Explicit VR Little Endian with a correct File Meta Information Group Length
     * (0002,0000), then the data set in {@code ts} (deflated for the deflated transfer syntax).
     *
     * <p>The file meta information written is {@code fileMeta} (or, if null, one generated by
     * {@link #createFileMetaInformation(DicomObject, TransferSyntax)}) with Transfer Syntax UID
     * (0002,0010) set to {@code ts}, (0002,0000) recomputed, and, when absent, File Meta
     * Information Version (0002,0001) and I4DW's Implementation Class UID (0002,0012) and
     * Implementation Version Name (0002,0013) added. Other elements are written as given.
     *
     * @param out the stream; flushed, not closed
     * @param fileMeta the file meta information, or null to generate it
     * @param dataset the data set; its group 0002 elements, if any, are left out
     * @param ts the transfer syntax of the data set
     * @param options how to encode the data set
     * @throws IOException if the stream cannot be written
     * @throws IllegalArgumentException if the data set cannot be encoded in {@code ts}, if
     *     {@code fileMeta} holds an element outside group 0002, or if it is null and the data set
     *     lacks SOP Class UID or SOP Instance UID
     */
    public static void writeFile(OutputStream out, DicomObject fileMeta, DicomObject dataset, TransferSyntax ts,
            WriteOptions options) throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(options, "options");
        DicomObject meta = completeFileMeta(fileMeta == null ? createFileMetaInformation(dataset, ts) : fileMeta, ts);
        DataSetEncoder encoder = new DataSetEncoder(ts, options);
        encoder.check(dataset, true);

        EncodedOutput head = new EncodedOutput(out, false);
        head.write(new byte[PREAMBLE_LENGTH], 0, PREAMBLE_LENGTH);
        head.write(DICM, 0, DICM.length);
        DataSetEncoder metaEncoder =
                new DataSetEncoder(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, WriteOptions.defaults());
        long metaLength = metaEncoder.contentLength(meta, false, meta.characterSet());
        head.writeTag(Tag.FileMetaInformationGroupLength.value());
        head.writeVr(VR.UL);
        head.write16(4);
        head.write32((int) metaLength);
        metaEncoder.writeContent(head, meta, false, meta.characterSet());
        head.flush();
        writeBody(out, encoder, dataset, ts);
    }

    /**
     * Writes a bare data set, without preamble or file meta information, as a network transfer
     * or a DICOMDIR-less store needs it; deflated when {@code ts} is deflated.
     *
     * @param out the stream; flushed, not closed
     * @param dataset the data set; its group 0002 elements, if any, are left out
     * @param ts the transfer syntax to encode it in
     * @param options how to encode it
     * @throws IOException if the stream cannot be written
     * @throws IllegalArgumentException if the data set cannot be encoded in {@code ts} (see the
     *     class description)
     */
    public static void writeDataset(OutputStream out, DicomObject dataset, TransferSyntax ts, WriteOptions options)
            throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(options, "options");
        DataSetEncoder encoder = new DataSetEncoder(ts, options);
        encoder.check(dataset, true);
        writeBody(out, encoder, dataset, ts);
    }

    /**
     * File meta information for a data set (PS3.10 section 7.1): File Meta Information Version
     * (0002,0001) = 00\01 (OB), Media Storage SOP Class UID (0002,0002) and Instance UID
     * (0002,0003) from the data set's SOP Class UID (0008,0016) and SOP Instance UID (0008,0018),
     * Transfer Syntax UID (0002,0010), and I4DW's Implementation Class UID (0002,0012) and
     * Implementation Version Name (0002,0013). The group length (0002,0000) is left out: the
     * writer computes it.
     *
     * @param dataset the data set the meta information describes
     * @param ts the transfer syntax the data set will be written in
     * @return the group 0002 elements
     * @throws IllegalArgumentException if the data set has no SOP Class UID or SOP Instance UID
     */
    public static DicomObject createFileMetaInformation(DicomObject dataset, TransferSyntax ts) {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(ts, "ts");
        String sopClass = dataset.string(Tag.SOPClassUID).orElseThrow(() -> new IllegalArgumentException(
                "the data set has no SOP Class UID (0008,0016), which a Part 10 file needs for (0002,0002)"));
        String sopInstance = dataset.string(Tag.SOPInstanceUID).orElseThrow(() -> new IllegalArgumentException(
                "the data set has no SOP Instance UID (0008,0018), which a Part 10 file needs for (0002,0003)"));
        return DicomObject.builder()
                .setBytes(Tag.FileMetaInformationVersion, VR.OB, new byte[] {0, 1})
                .set(Tag.MediaStorageSOPClassUID, VR.UI, sopClass)
                .set(Tag.MediaStorageSOPInstanceUID, VR.UI, sopInstance)
                .set(Tag.TransferSyntaxUID, VR.UI, ts.uid())
                .set(Tag.ImplementationClassUID, VR.UI, IMPLEMENTATION_CLASS_UID)
                .set(Tag.ImplementationVersionName, VR.SH, IMPLEMENTATION_VERSION_NAME)
                .build();
    }

    private static DicomObject completeFileMeta(DicomObject fileMeta, TransferSyntax ts) {
        for (DicomElement e : fileMeta) {
            if (e.tag().group() != 0x0002) {
                throw new IllegalArgumentException("the file meta information holds " + Tag.toString(e.tagValue())
                        + ", which is not in group 0002: put it in the data set");
            }
        }
        DicomObject.Builder b = fileMeta.toBuilder()
                .remove(Tag.FileMetaInformationGroupLength)
                .set(Tag.TransferSyntaxUID, VR.UI, ts.uid());
        if (!b.contains(Tag.FileMetaInformationVersion)) {
            b.setBytes(Tag.FileMetaInformationVersion, VR.OB, new byte[] {0, 1});
        }
        if (!b.contains(Tag.ImplementationClassUID)) {
            b.set(Tag.ImplementationClassUID, VR.UI, IMPLEMENTATION_CLASS_UID);
            if (!b.contains(Tag.ImplementationVersionName)) {
                b.set(Tag.ImplementationVersionName, VR.SH, IMPLEMENTATION_VERSION_NAME);
            }
        }
        return b.build();
    }

    /** The data set after the meta information, deflated (RFC 1951, no zlib wrapper) when the syntax says so. */
    private static void writeBody(OutputStream out, DataSetEncoder encoder, DicomObject dataset, TransferSyntax ts)
            throws IOException {
        encoder.frames(dataset);
        if (!ts.isDeflated()) {
            EncodedOutput body = new EncodedOutput(out, ts.isBigEndian());
            encoder.writeContent(body, dataset, true, dataset.characterSet());
            body.flush();
            return;
        }
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            CountingShield counted = new CountingShield(out);
            DeflaterOutputStream deflated = new DeflaterOutputStream(counted, deflater, 64 * 1024);
            EncodedOutput body = new EncodedOutput(deflated, false);
            encoder.writeContent(body, dataset, true, dataset.characterSet());
            body.flush();
            deflated.finish();
            if ((counted.count & 1) != 0) {
                // keep the stream even-length; an inflater stops at the final block and never sees it
                out.write(0);
            }
            out.flush();
        } finally {
            deflater.end();
        }
    }

    /** Counts bytes on their way to the caller's stream, and never closes it. */
    private static final class CountingShield extends FilterOutputStream {

        private long count;

        CountingShield(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
