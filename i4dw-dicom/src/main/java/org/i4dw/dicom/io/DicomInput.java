/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A buffered byte source with absolute positions, over a file channel (seekable, size known, so
 * large values can be skipped and referenced) or an input stream (size unknown, values read in
 * bounded chunks so a lying length never allocates more than what actually arrives).
 *
 * <p>Over a stream the buffer starts at the size the stream says is available (at least 256
 * bytes) and doubles, up to 16 KiB, each time it has to be refilled: a command set or a C-FIND
 * answer of a few hundred bytes costs a buffer of its size, a large header a few doublings.
 */
final class DicomInput {

    /** The largest buffer, and the one used over files. */
    static final int BUFFER = 16 * 1024;
    /** The smallest first buffer over a stream. */
    static final int MIN_BUFFER = 256;
    /** Largest chunk allocated at once when the source size is unknown. */
    private static final int CHUNK = 1 << 20;

    private final InputStream in;
    private final FileChannel channel;
    private final Path file;
    private final long size;
    private byte[] buf;
    private int pos;
    private int lim;
    /** Absolute position of buf[0]. */
    private long bufStart;
    private boolean bigEndian;
    /** Read from the stream only the bytes asked for, never ahead (header-only reads of streams). */
    private boolean exact;
    /** Whether the last fill filled the whole buffer (the next one grows it). */
    private boolean filledUp;

    private DicomInput(InputStream in, FileChannel channel, Path file, long size, int buffer) {
        this.in = in;
        this.channel = channel;
        this.file = file;
        this.size = size;
        this.buf = new byte[buffer];
    }

    static DicomInput of(InputStream in) {
        int available;
        try {
            available = in.available();
        } catch (IOException e) {
            available = 0; // only a hint; the read that follows reports the failure
        }
        return new DicomInput(in, null, null, -1, Math.max(MIN_BUFFER, Math.min(BUFFER, available)));
    }

    static DicomInput of(FileChannel channel, Path file) throws IOException {
        long size = channel.size();
        return new DicomInput(null, channel, file, size, (int) Math.max(MIN_BUFFER, Math.min(BUFFER, size)));
    }

    /** The buffer's current size (for tests). */
    int bufferSize() {
        return buf.length;
    }

    /**
     * From now on, read from a stream only the bytes that are needed, so that a header-only read
     * stops right after the Pixel Data tag. No effect on files (reading ahead in a file is free).
     */
    void exact(boolean exact) {
        this.exact = exact && channel == null;
    }

    /** The file behind this input, or null for a stream. */
    Path file() {
        return file;
    }

    /** Total size, -1 when unknown. */
    long size() {
        return size;
    }

    void bigEndian(boolean bigEndian) {
        this.bigEndian = bigEndian;
    }

    boolean bigEndian() {
        return bigEndian;
    }

    long position() {
        return bufStart + pos;
    }

    /** Bytes left when the size is known, else Long.MAX_VALUE. */
    long remaining() {
        return size < 0 ? Long.MAX_VALUE : size - position();
    }

    /**
     * Ensures {@code n <= BUFFER} bytes are buffered, growing the buffer if needed.
     *
     * @return false if the source ends first
     */
    boolean fill(int n) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            bufStart += pos;
            lim -= pos;
            pos = 0;
        }
        if (buf.length < BUFFER && (n > buf.length || filledUp && !exact)) {
            // the last read filled the buffer: the data set is larger than the buffer so far
            int grown = buf.length;
            while (grown < n || grown == buf.length) {
                grown <<= 1;
            }
            buf = Arrays.copyOf(buf, Math.min(BUFFER, grown));
        }
        while (lim < n) {
            int r = readSource(buf, lim, exact ? n - lim : buf.length - lim);
            if (r < 0) {
                return false;
            }
            lim += r;
        }
        filledUp = lim == buf.length;
        return true;
    }

    private int readSource(byte[] b, int off, int len) throws IOException {
        if (channel != null) {
            return channel.read(ByteBuffer.wrap(b, off, len), bufStart + lim);
        }
        int r = in.read(b, off, len);
        while (r == 0) {
            r = in.read(b, off, len);
        }
        return r;
    }

    /** True when no byte is left. */
    boolean atEnd() throws IOException {
        return !fill(1);
    }

    /** The byte at {@code k} bytes ahead, or -1 past the end; does not consume. */
    int peek(int k) throws IOException {
        if (!fill(k + 1)) {
            return -1;
        }
        return buf[pos + k] & 0xFF;
    }

    int u8() throws IOException {
        require(1);
        return buf[pos++] & 0xFF;
    }

    int u16() throws IOException {
        require(2);
        int a = buf[pos] & 0xFF;
        int b = buf[pos + 1] & 0xFF;
        pos += 2;
        return bigEndian ? a << 8 | b : b << 8 | a;
    }

    int u16le() throws IOException {
        require(2);
        int v = buf[pos] & 0xFF | (buf[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    /** Four bytes as an unsigned value in a long. */
    long u32() throws IOException {
        require(4);
        long v;
        if (bigEndian) {
            v = (buf[pos] & 0xFFL) << 24 | (buf[pos + 1] & 0xFF) << 16 | (buf[pos + 2] & 0xFF) << 8 | buf[pos + 3] & 0xFF;
        } else {
            v = (buf[pos + 3] & 0xFFL) << 24 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 1] & 0xFF) << 8 | buf[pos] & 0xFF;
        }
        pos += 4;
        return v;
    }

    /** A tag: two 16-bit numbers in the current byte order. */
    int tag() throws IOException {
        int g = u16();
        int e = u16();
        return g << 16 | e;
    }

    /** A tag peeked {@code k} bytes ahead in the current byte order, or -1 past the end (-1 is not a valid data element tag). */
    long peekTag(int k) throws IOException {
        if (!fill(k + 4)) {
            return -1;
        }
        int p = pos + k;
        int g;
        int e;
        if (bigEndian) {
            g = (buf[p] & 0xFF) << 8 | buf[p + 1] & 0xFF;
            e = (buf[p + 2] & 0xFF) << 8 | buf[p + 3] & 0xFF;
        } else {
            g = (buf[p + 1] & 0xFF) << 8 | buf[p] & 0xFF;
            e = (buf[p + 3] & 0xFF) << 8 | buf[p + 2] & 0xFF;
        }
        return (long) (g << 16 | e) & 0xFFFFFFFFL;
    }

    private void require(int n) throws IOException {
        if (!fill(n)) {
            throw new EOFException();
        }
    }

    /**
     * Reads {@code len} bytes into a new array. With an unknown size the array grows as data arrives
     * (at most 1 MiB ahead of what was read), so a declared length never allocates blindly.
     *
     * @throws EOFException if the source ends first
     */
    byte[] bytes(long len) throws IOException {
        if (len > Integer.MAX_VALUE - 16) {
            throw new EOFException();
        }
        int n = (int) len;
        if (size >= 0 && len > remaining()) {
            throw new EOFException();
        }
        byte[] out = new byte[size >= 0 ? n : Math.min(n, CHUNK)];
        int done = 0;
        while (done < n) {
            if (done == out.length) {
                out = Arrays.copyOf(out, (int) Math.min(n, (long) out.length + Math.max(CHUNK, out.length)));
            }
            int avail = lim - pos;
            if (avail > 0) {
                int k = Math.min(avail, out.length - done);
                System.arraycopy(buf, pos, out, done, k);
                pos += k;
                done += k;
                continue;
            }
            int want = out.length - done;
            if (want >= buf.length || exact) {
                // large read straight into the target, past the (empty) buffer
                bufStart += pos;
                pos = 0;
                lim = 0;
                int r = readDirect(out, done, want);
                if (r < 0) {
                    throw new EOFException();
                }
                bufStart += r;
                done += r;
            } else if (!fill(1)) {
                throw new EOFException();
            }
        }
        return out;
    }

    private int readDirect(byte[] b, int off, int len) throws IOException {
        if (channel != null) {
            return channel.read(ByteBuffer.wrap(b, off, len), bufStart);
        }
        int r = in.read(b, off, len);
        while (r == 0) {
            r = in.read(b, off, len);
        }
        return r;
    }

    /**
     * Skips {@code n} bytes: a seek on a file, a read-and-discard on a stream.
     *
     * @throws EOFException if the source ends first
     */
    void skip(long n) throws IOException {
        long avail = lim - pos;
        if (n <= avail) {
            pos += (int) n;
            return;
        }
        if (channel != null) {
            if (n > remaining()) {
                throw new EOFException();
            }
            bufStart = position() + n;
            pos = 0;
            lim = 0;
            return;
        }
        long left = n - avail;
        bufStart += lim;
        pos = 0;
        lim = 0;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new EOFException();
            }
            left -= r;
            bufStart += r;
        }
    }

    /** The rest of the source as a stream (buffered bytes first), for the deflated data set. */
    InputStream rest() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                return fill(1) ? buf[pos++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (lim - pos == 0 && !fill(1)) {
                    return -1;
                }
                int k = Math.min(len, lim - pos);
                System.arraycopy(buf, pos, b, off, k);
                pos += k;
                return k;
            }
        };
    }
}
