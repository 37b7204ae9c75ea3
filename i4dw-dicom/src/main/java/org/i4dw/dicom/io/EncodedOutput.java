/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.io;

import java.io.IOException;
import java.io.OutputStream;
import org.i4dw.data.VR;

/**
 * A buffered sink for one encoding: numbers in the transfer syntax's byte order, a count of the
 * bytes written, and word swapping on the way through. Never closes the stream it writes to.
 */
final class EncodedOutput {

    private static final int BUFFER_SIZE = 64 * 1024;

    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER_SIZE];
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
            drain();
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
        if (len >= buf.length) {
            drain();
            out.write(b, off, len);
            written += len;
            return;
        }
        if (len > buf.length - pos) {
            drain();
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
                drain();
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

    private void drain() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }
}
