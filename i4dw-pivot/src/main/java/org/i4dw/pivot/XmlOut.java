/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.pivot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 XML text straight into a byte buffer, flushed to an {@link OutputStream} when full or
 * when asked: markup given as pre-encoded ASCII, strings escaped for element content or attribute
 * values. Not thread-safe.
 *
 * <p>Escaping: {@code &}, {@code <} and {@code >} everywhere, {@code "} in attributes; tab, line
 * feed and carriage return as character references in attributes (attribute-value normalization
 * would turn them into spaces), carriage return also in content (end-of-line handling would turn
 * it into a line feed). Characters XML 1.0 cannot carry (C0 controls other than tab, line feed and
 * carriage return, U+FFFE, U+FFFF, unpaired surrogates) become U+FFFD.
 */
final class XmlOut {

    /** Bytes one character takes at most once escaped ({@code &quot;}). */
    private static final int MAX_BYTES_PER_CHAR = 6;

    private static final byte[][] CONTENT = new byte[128][];
    private static final byte[][] ATTRIBUTE = new byte[128][];
    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};
    /** 1 for an ASCII character written as it is, per table (a byte load is cheaper than a null check). */
    private static final byte[] CONTENT_PLAIN = new byte[128];
    private static final byte[] ATTRIBUTE_PLAIN = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            CONTENT[c] = REPLACEMENT;
            ATTRIBUTE[c] = REPLACEMENT;
        }
        CONTENT['\t'] = null;
        CONTENT['\n'] = null;
        CONTENT['\r'] = ascii("&#13;");
        ATTRIBUTE['\t'] = ascii("&#9;");
        ATTRIBUTE['\n'] = ascii("&#10;");
        ATTRIBUTE['\r'] = ascii("&#13;");
        for (byte[][] table : new byte[][][] {CONTENT, ATTRIBUTE}) {
            table['&'] = ascii("&amp;");
            table['<'] = ascii("&lt;");
            table['>'] = ascii("&gt;");
        }
        ATTRIBUTE['"'] = ascii("&quot;");
        for (int c = 0; c < 128; c++) {
            CONTENT_PLAIN[c] = (byte) (CONTENT[c] == null ? 1 : 0);
            ATTRIBUTE_PLAIN[c] = (byte) (ATTRIBUTE[c] == null ? 1 : 0);
        }
    }

    private final OutputStream out;
    private final byte[] buf;
    private int pos;

    XmlOut(OutputStream out, int bufferSize) {
        this(out, new byte[Math.max(bufferSize, 256)]);
    }

    /** Writes through {@code buffer} (at least 256 bytes), which the caller may reuse once done. */
    XmlOut(OutputStream out, byte[] buffer) {
        if (buffer.length < 256) {
            throw new IllegalArgumentException("an XML buffer has at least 256 bytes, got " + buffer.length);
        }
        this.out = out;
        this.buf = buffer;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Pre-encoded markup. */
    void raw(byte[] b) throws IOException {
        if (b.length > buf.length - pos) {
            flushBuffer();
            if (b.length > buf.length) {
                out.write(b);
                return;
            }
        }
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    /** One ASCII character of markup. */
    void raw(char c) throws IOException {
        if (pos == buf.length) {
            flushBuffer();
        }
        buf[pos++] = (byte) c;
    }

    /** A non-negative or negative int in decimal. */
    void integer(int v) throws IOException {
        if (buf.length - pos < 11) {
            flushBuffer();
        }
        if (v < 0) {
            if (v == Integer.MIN_VALUE) {
                raw(ascii(Integer.toString(v)));
                return;
            }
            buf[pos++] = '-';
            v = -v;
        }
        int digits = 1;
        for (int x = v; x >= 10; x /= 10) {
            digits++;
        }
        int p = pos + digits;
        pos = p;
        do {
            buf[--p] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
    }

    /** {@code v} as exactly {@code width} digits, zero-padded (v not negative, fits). */
    void digits(int v, int width) throws IOException {
        if (buf.length - pos < width) {
            flushBuffer();
        }
        for (int p = pos + width - 1; p >= pos; p--) {
            buf[p] = (byte) ('0' + v % 10);
            v /= 10;
        }
        pos += width;
    }

    /** A string escaped for element content. */
    void content(String s) throws IOException {
        escaped(s, CONTENT, CONTENT_PLAIN);
    }

    /** A string escaped for an attribute value in double quotes. */
    void attribute(String s) throws IOException {
        escaped(s, ATTRIBUTE, ATTRIBUTE_PLAIN);
    }

    /**
     * Runs of characters written as they are (ASCII that needs no escape, by far the most common)
     * are found with {@code charAt} and copied in one call; the others are encoded one by one.
     */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the run is ASCII, so it copies exactly
    private void escaped(String s, byte[][] table, byte[] plain) throws IOException {
        int n = s.length();
        int i = 0;
        while (i < n) {
            int run = i;
            char c;
            while (run < n && (c = s.charAt(run)) < 0x80 && plain[c] != 0) {
                run++;
            }
            if (run - i <= buf.length - pos) {
                s.getBytes(i, run, buf, pos);
                pos += run - i;
                i = run;
            } else {
                while (i < run) {
                    if (pos == buf.length) {
                        flushBuffer();
                    }
                    int m = Math.min(run - i, buf.length - pos);
                    s.getBytes(i, i + m, buf, pos);
                    pos += m;
                    i += m;
                }
            }
            if (i < n) {
                i = encode(s, i, n, table);
            }
        }
    }

    /**
     * Encodes characters from {@code i} while they are not plain ASCII; returns where it stopped
     * (at a plain character or the end). A surrogate pair is encoded whole.
     */
    private int encode(String s, int i, int n, byte[][] table) throws IOException {
        while (i < n) {
            if (buf.length - pos < MAX_BYTES_PER_CHAR) {
                flushBuffer();
            }
            byte[] b = buf;
            int p = pos;
            char c = s.charAt(i);
            if (c < 0x80) {
                byte[] rep = table[c];
                if (rep == null) {
                    return i;
                }
                for (byte x : rep) {
                    b[p++] = x;
                }
                i++;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
                i++;
            } else if (Character.isSurrogate(c)) {
                char low;
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(low = s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, low);
                    b[p++] = (byte) (0xF0 | (cp >> 18));
                    b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    b[p++] = (byte) (0x80 | (cp & 0x3F));
                    i += 2;
                } else {
                    b[p++] = REPLACEMENT[0];
                    b[p++] = REPLACEMENT[1];
                    b[p++] = REPLACEMENT[2];
                    i++;
                }
            } else if (c >= 0xFFFE) {
                b[p++] = REPLACEMENT[0];
                b[p++] = REPLACEMENT[1];
                b[p++] = REPLACEMENT[2];
                i++;
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
                i++;
            }
            pos = p;
        }
        return i;
    }

    /** Hands the buffered bytes to the output (does not flush the output itself). */
    void flushBuffer() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }

    /** Hands the buffered bytes to the output and flushes it. */
    void flush() throws IOException {
        flushBuffer();
        out.flush();
    }
}
