/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.i4dw.api.DicomParseException;
import org.i4dw.data.TransferSyntax;

/**
 * Reads DICOM Part 10 files and bare data sets (PS3.10, PS3.5) in Implicit VR LE, Explicit VR LE
 * and BE, Deflated Explicit VR LE and every encapsulated transfer syntax (pixel data kept as
 * fragments, never decoded).
 *
 * <p>Lenient with messy input, strict with broken input. Accepted irregularities (a missing
 * preamble or meta header, a wrong group length, odd lengths, a sequence encoded as UN, a VR that
 * disagrees with the dictionary, elements out of order) are returned as
 * {@link DicomFile#warnings()}. Broken input raises {@link DicomParseException} with the source,
 * the byte offset, the tag and the reason: a declared length larger than what is left is refused
 * before anything is allocated, sequence nesting is bounded by {@link ReadOptions#maxDepth()}, and
 * every loop consumes input, so no input makes the reader hang or run out of memory. Offsets in a
 * deflated data set count inflated bytes.
 *
 * <p>With {@link ReadOptions#headerOnly()} the reader stops at top-level (7FE0,0010) Pixel Data
 * (or Float / Double Float Pixel Data) and never reads its value: from a stream it takes nothing
 * beyond the Pixel Data tag; from a file it reads at most one 16 KiB buffer past the header. Reading from a file, bulk values larger than
 * {@link ReadOptions#bulkDataThreshold()} are kept as references to the file.
 *
 * <p>Stateless and thread-safe: every call reads one source.
 */
public final class DicomReader {

    private DicomReader() {
    }

    /**
     * Reads a Part 10 file (or, with a warning, a file without preamble or meta information).
     *
     * @param file the file
     * @param options how to read
     * @return what was read
     * @throws IOException if the file cannot be opened or read
     * @throws DicomParseException if the content is not a readable DICOM stream
     */
    public static DicomFile read(Path file, ReadOptions options) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return new Parser(DicomInput.of(ch, file), file.toString(), options).readPart10();
        }
    }

    /**
     * Reads a Part 10 stream. Bulk values are read into memory (there is no file to refer to),
     * unless skipped by a header-only read. The stream is not closed. A header-only read takes
     * from the stream only the bytes it needs, up to and including the 4-byte tag of Pixel Data, and
     * no byte of its value; a whole read may read ahead of the end of the data set.
     *
     * @param in the stream
     * @param source a name for messages (a file name or a safe label, never patient data)
     * @param options how to read
     * @return what was read
     * @throws IOException if the stream fails
     * @throws DicomParseException if the content is not a readable DICOM stream
     */
    public static DicomFile read(InputStream in, String source, ReadOptions options) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(options, "options");
        return new Parser(DicomInput.of(in), Objects.requireNonNull(source, "source"), options).readPart10();
    }

    /**
     * Reads a bare data set (no preamble, no meta information) encoded in {@code ts}, as a DIMSE
     * data set arrives. The stream is not closed.
     *
     * @param in the stream
     * @param source a name for messages
     * @param ts the transfer syntax of the data set
     * @param options how to read
     * @return what was read, with {@link org.i4dw.data.DicomObject#EMPTY} as meta information
     * @throws IOException if the stream fails
     * @throws DicomParseException if the content is not a readable data set
     */
    public static DicomFile readDataset(InputStream in, String source, TransferSyntax ts, ReadOptions options)
            throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(options, "options");
        return new Parser(DicomInput.of(in), Objects.requireNonNull(source, "source"), options).readBare(ts);
    }
}
