/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.i4dw.data.VR;

/**
 * A buffered sink for one encoding: numbers in the transfer syntax's byte order, a count of the
 * bytes written, and word swapping on the way through. Never closes the stream it writes to.
 *
 * <p>The buffer starts small and doubles as the encoding needs it, up to 64 KiB, after which it
 * is drained to the stream: a command set or a C-FIND identifier (a few hundred bytes) costs a
 * buffer of its size, not 64 KiB of zeroed memory.
 */
final class EncodedOutput {

    /** The first buffer: holds a command set or a small identifier whole. */
    static final int INITIAL_BUFFER = 512;
    /** The largest buffer; beyond it the bytes go to the stream. */
    static final int MAX_BUFFER = 64 * 1024;

    private final OutputStream out;
    private byte[] buf = new byte[INITIAL_BUFFER];
    private int pos;
    private long written;
    private boolean bigEndian;

    EncodedOutput(OutputStream out, boolean bigEndian) {
        this.out = out;
        this.bigEndian = bigEndian;
    }

    /** Switches the byte order of the numbers written from now on. */
    void bigEndian(boolean bigEndian) {
        this.bigEndian = bigEndian;
    }

    /** Bytes written so far, buffered or not. */
    long position() {
        return written;
    }

    void write8(int b) throws IOException {
        if (pos == buf.length) {
            makeRoom(1);
        }
        buf[pos++] = (byte) b;
        written++;
    }

    void write16(int v) throws IOException {
        if (bigEndian) {
            write8(v >>> 8);
            write8(v);
        } else {
            write8(v);
            write8(v >>> 8);
        }
    }

    void write32(int v) throws IOException {
        if (bigEndian) {
            write16(v >>> 16);
            write16(v);
        } else {
            write16(v);
            write16(v >>> 16);
        }
    }

    /** A tag: group then element, each a 16-bit number. */
    void writeTag(int tag) throws IOException {
        write16(tag >>> 16);
        write16(tag);
    }

    /** The two ASCII letters of a VR, the same in either byte order. */
    void writeVr(VR vr) throws IOException {
        int code = vr.code();
        write8(code >>> 8);
        write8(code);
    }

    void write(byte[] b, int off, int len) throws IOException {
        if (len > buf.length - pos) {
            makeRoom(len);
        }
        if (len > buf.length - pos) {
            // larger than the largest buffer: straight to the stream
            drain();
            out.write(b, off, len);
            written += len;
            return;
        }
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        written += len;
    }

    /**
     * Writes {@code len} bytes with the bytes of each {@code unit}-byte word reversed; a trailing
     * partial word is written as it is.
     */
    void writeSwapped(byte[] b, int off, int len, int unit) throws IOException {
        if (unit <= 1) {
            write(b, off, len);
            return;
        }
        int whole = len - len % unit;
        int i = 0;
        while (i < whole) {
            if (buf.length - pos < unit) {
                makeRoom(whole - i);
            }
            int n = Math.min(whole - i, (buf.length - pos) / unit * unit);
            for (int w = 0; w < n; w += unit) {
                for (int k = 0; k < unit; k++) {
                    buf[pos + w + k] = b[off + i + w + unit - 1 - k];
                }
            }
            pos += n;
            written += n;
            i += n;
        }
        write(b, off + whole, len - whole);
    }

    /** Writes the buffered bytes to the stream and flushes it. */
    void flush() throws IOException {
        drain();
        out.flush();
    }

    /**
     * Makes room for {@code len} more bytes if the buffer can grow to hold them (doubling, up to
     * {@link #MAX_BUFFER}); else drains the buffer, after which at least {@code min(len,
     * MAX_BUFFER)} bytes fit.
     */
    private void makeRoom(int len) throws IOException {
        if (buf.length < MAX_BUFFER) {
            long need = (long) pos + len;
            int size = buf.length;
            while (size < need && size < MAX_BUFFER) {
                size <<= 1;
            }
            buf = Arrays.copyOf(buf, size);
            if (need <= size) {
                return;
            }
        }
        drain();
    }

    private void drain() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }
}
