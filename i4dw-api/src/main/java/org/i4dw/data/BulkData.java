/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A large binary value (pixel data, a big OB/OW/UN, one fragment of encapsulated pixel data) held
 * either in memory or as a reference to a byte range of a file, so that it is never copied
 * needlessly and, in header-only reads, never read at all.
 *
 * <p>In memory, multi-byte words are little endian. A file reference records the byte order of
 * the file ({@link #bigEndian()}) and the VR's unit size, so {@link #bytes()} can return little
 * endian words either way.
 */
public final class BulkData {

    private final byte[] inline;
    private final Path file;
    private final long offset;
    private final long length;
    private final boolean bigEndian;
    private final int unitSize;

    private BulkData(byte[] inline, Path file, long offset, long length, boolean bigEndian, int unitSize) {
        this.inline = inline;
        this.file = file;
        this.offset = offset;
        this.length = length;
        this.bigEndian = bigEndian;
        this.unitSize = unitSize;
    }

    /** In-memory bytes; the array is copied. */
    public static BulkData of(byte[] bytes) {
        return new BulkData(bytes.clone(), null, 0, bytes.length, false, 1);
    }

    /**
     * In-memory bytes without a copy: the caller hands the array over and must not change it
     * afterwards. For codecs that have just read the value.
     */
    public static BulkData adopt(byte[] bytes) {
        return new BulkData(Objects.requireNonNull(bytes, "bytes"), null, 0, bytes.length, false, 1);
    }

    /**
     * A reference to {@code length} bytes at {@code offset} of {@code file}.
     *
     * @param bigEndian true if the words are big endian in the file (Explicit VR Big Endian)
     * @param unitSize the word size to swap when {@code bigEndian} (2 for OW, 4 for OF/OL, 8 for OD/OV)
     */
    public static BulkData ofFile(Path file, long offset, long length, boolean bigEndian, int unitSize) {
        Objects.requireNonNull(file, "file");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must be >= 0, got " + offset + ", " + length);
        }
        return new BulkData(null, file, offset, length, bigEndian, Math.max(1, unitSize));
    }

    /** The length in bytes. */
    public long length() {
        return length;
    }

    /** The file this value lives in, if it is a reference. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The byte offset in {@link #file()}, 0 for in-memory data. */
    public long offset() {
        return offset;
    }

    /** True if the referenced words are big endian in the file. */
    public boolean bigEndian() {
        return bigEndian;
    }

    /** True if the bytes are in memory. */
    public boolean isInMemory() {
        return inline != null;
    }

    /**
     * The bytes, little endian, as a new array (reads the file for a reference).
     *
     * @throws IOException if the referenced file cannot be read or is shorter than recorded
     */
    public byte[] bytes() throws IOException {
        if (inline != null) {
            return inline.clone();
        }
        if (length > Integer.MAX_VALUE - 16) {
            throw new IOException("bulk data of " + length + " bytes in " + file + " is too large for one array");
        }
        byte[] b = new byte[(int) length];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.wrap(b);
            long pos = offset;
            while (buf.hasRemaining()) {
                int n = ch.read(buf, pos);
                if (n < 0) {
                    throw new IOException(file + " ends at byte " + pos + ", before the end of bulk data at "
                            + (offset + length));
                }
                pos += n;
            }
        }
        if (bigEndian && unitSize > 1) {
            ByteOrderUtil.swap(b, unitSize);
        }
        return b;
    }

    /** A read-only view of in-memory bytes without a copy, or empty for a file reference. */
    public Optional<ByteBuffer> inMemory() {
        return inline == null ? Optional.empty() : Optional.of(ByteBuffer.wrap(inline).asReadOnlyBuffer());
    }

    /**
     * An input stream over the bytes (little endian).
     *
     * @throws IOException if the referenced file cannot be read
     */
    public InputStream open() throws IOException {
        return new ByteArrayInputStream(inline != null ? inline : bytes());
    }

    /** Equal when the content is equal (file references are read to compare). */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof BulkData)) {
            return false;
        }
        BulkData other = (BulkData) o;
        if (length != other.length) {
            return false;
        }
        try {
            return Arrays.equals(inline != null ? inline : bytes(), other.inline != null ? other.inline : other.bytes());
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public int hashCode() {
        return Long.hashCode(length);
    }

    /** Says where the data is and how long, never its content. */
    @Override
    public String toString() {
        return inline != null ? "BulkData[" + length + " bytes in memory]"
                : "BulkData[" + length + " bytes at " + offset + " of " + file.getFileName() + "]";
    }
}
