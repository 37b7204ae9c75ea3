/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The graphic character sets (code elements) that DICOM designates with ISO/IEC 2022 escape
 * sequences, PS3.3 C.12.1.1.2 Tables C.12-3 and C.12-4, PS3.5 Annex H, I and J.
 *
 * <p>Each set knows its escape sequence, whether it is designated to G0 or G1, and how many bytes
 * a character takes. Decoding and encoding go through tables built once, on first use, from the
 * JDK's charsets; the tables are immutable and shared. A table is published through a volatile
 * field: two threads may build it at the same time, which is harmless because the result is the
 * same and immutable.
 *
 * <p>Bytes are given as code positions in the set: 0x21..0x7E (or 0x20..0x7F for 96-sets) for the
 * column/row numbers, whatever half of the byte range (GL or GR) the set is invoked into.
 */
enum GraphicSet {

    /** ISO-IR 6, ASCII (ISO 646 IRV), G0: ESC ( B. */
    ASCII(false, 1, "(B", null),
    /**
     * ISO-IR 14, JIS X 0201 romaji, G0: ESC ( J. Read and written as ASCII: 05/12 is the value
     * delimiter for SH, LO, PN and UC (PS3.5 H.1.1 note 3), and 07/14 is kept as the tilde.
     */
    JIS_X0201_ROMAJI(false, 1, "(J", null),
    /** ISO-IR 13, JIS X 0201 katakana, G1: ESC ) I (half-width katakana U+FF61..U+FF9F). */
    JIS_X0201_KATAKANA(true, 1, ")I", null),
    /** ISO-IR 100, Latin alphabet No. 1, G1: ESC - A. */
    LATIN_1(true, 1, "-A", "ISO-8859-1"),
    /** ISO-IR 101, Latin alphabet No. 2, G1: ESC - B. */
    LATIN_2(true, 1, "-B", "ISO-8859-2"),
    /** ISO-IR 109, Latin alphabet No. 3, G1: ESC - C. */
    LATIN_3(true, 1, "-C", "ISO-8859-3"),
    /** ISO-IR 110, Latin alphabet No. 4, G1: ESC - D. */
    LATIN_4(true, 1, "-D", "ISO-8859-4"),
    /** ISO-IR 144, Cyrillic, G1: ESC - L. */
    CYRILLIC(true, 1, "-L", "ISO-8859-5"),
    /** ISO-IR 127, Arabic, G1: ESC - G. */
    ARABIC(true, 1, "-G", "ISO-8859-6"),
    /** ISO-IR 126, Greek, G1: ESC - F. */
    GREEK(true, 1, "-F", "ISO-8859-7"),
    /** ISO-IR 138, Hebrew, G1: ESC - H. */
    HEBREW(true, 1, "-H", "ISO-8859-8"),
    /** ISO-IR 148, Latin alphabet No. 5, G1: ESC - M. */
    LATIN_5(true, 1, "-M", "ISO-8859-9"),
    /** ISO-IR 203, Latin alphabet No. 9, G1: ESC - b. */
    LATIN_9(true, 1, "-b", "ISO-8859-15"),
    /** ISO-IR 166, Thai (TIS 620-2533), G1: ESC - T. */
    THAI(true, 1, "-T", "TIS-620"),
    /** ISO-IR 87, JIS X 0208 kanji, hiragana and katakana, G0: ESC $ B. */
    JIS_X0208(false, 2, "$B", "x-JIS0208"),
    /** ISO-IR 159, JIS X 0212 supplementary kanji, G0: ESC $ ( D. */
    JIS_X0212(false, 2, "$(D", "JIS_X0212-1990"),
    /** ISO-IR 149, KS X 1001 (KS C 5601) Hangul and Hanja, G1: ESC $ ) C. */
    KS_X1001(true, 2, "$)C", "EUC-KR"),
    /** ISO-IR 58, GB 2312 simplified Chinese, G1: ESC $ ) A. */
    GB2312(true, 2, "$)A", "GB2312");

    /** The character that stands for a byte or escape sequence that cannot be decoded. */
    static final char REPLACEMENT = '\uFFFD';

    private static final byte ESC = 0x1B;

    private final boolean g1;
    private final int bytesPerChar;
    private final byte[] escape;
    private final String charsetName;
    private volatile Table table;

    GraphicSet(boolean g1, int bytesPerChar, String escapeTail, String charsetName) {
        this.g1 = g1;
        this.bytesPerChar = bytesPerChar;
        byte[] tail = escapeTail.getBytes(StandardCharsets.US_ASCII);
        this.escape = new byte[tail.length + 1];
        this.escape[0] = ESC;
        System.arraycopy(tail, 0, this.escape, 1, tail.length);
        this.charsetName = charsetName;
    }

    /** True when designated to G1 (invoked into GR, bytes with the high bit set). */
    boolean isG1() {
        return g1;
    }

    /** 1 for single-byte sets, 2 for the 94x94 sets. */
    int bytesPerChar() {
        return bytesPerChar;
    }

    /** True for ASCII and JIS X 0201 romaji, which this library reads and writes alike. */
    boolean isAsciiLike() {
        return this == ASCII || this == JIS_X0201_ROMAJI;
    }

    /** Writes the escape sequence into {@code out} at {@code at}; returns the new position. */
    int writeEscape(byte[] out, int at) {
        System.arraycopy(escape, 0, out, at, escape.length);
        return at + escape.length;
    }

    /**
     * The JDK charset that decodes a whole value in which this set is the only G1 set and no
     * escape sequence or C1 byte occurs, or null when no charset does exactly what the table does.
     */
    Charset fastCharset() {
        return g1 && bytesPerChar == 1 && charsetName != null ? Charset.forName(charsetName) : null;
    }

    /**
     * The set designated by the escape sequence {@code bytes[from..to)} (ESC excluded), or null
     * when DICOM does not use it. ESC $ ( B is accepted for JIS X 0208 as ISO 2022 allows.
     */
    static GraphicSet ofEscape(byte[] bytes, int from, int to) {
        int n = to - from;
        for (GraphicSet s : values()) {
            if (s.escape.length - 1 == n && regionMatches(s.escape, bytes, from, n)) {
                return s;
            }
        }
        if (n == 3 && bytes[from] == '$' && bytes[from + 1] == '(' && bytes[from + 2] == 'B') {
            return JIS_X0208;
        }
        return null;
    }

    private static boolean regionMatches(byte[] escape, byte[] bytes, int from, int n) {
        for (int k = 0; k < n; k++) {
            if (escape[k + 1] != bytes[from + k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The character at code position {@code b} (0x20..0x7F) of a single-byte G1 set, or
     * {@link #REPLACEMENT} when the position is empty.
     */
    char decode1(int b) {
        return table().decode[b & 0x7F];
    }

    /**
     * The character at row {@code b1} and cell {@code b2} (each 0x21..0x7E) of a 94x94 set, or
     * {@link #REPLACEMENT} when the position is empty.
     */
    char decode2(int b1, int b2) {
        return table().decode[((b1 & 0x7F) - 0x21) * 94 + (b2 & 0x7F) - 0x21];
    }

    /**
     * The code of {@code c} in this set, as the 7-bit code position (one byte, or two as
     * {@code row << 8 | cell}), or 0 when the set does not contain it.
     */
    int encode(char c) {
        return table().encode.get(c);
    }

    /** True when this set contains {@code c} (for ASCII-like sets: any char below 0x80). */
    boolean contains(char c) {
        if (isAsciiLike()) {
            return c < 0x80;
        }
        return encode(c) != 0;
    }

    /** Every character this set contains, in code order (for tests and diagnostics). */
    String repertoire() {
        if (isAsciiLike()) {
            StringBuilder sb = new StringBuilder(96);
            for (char c = 0x20; c < 0x7F; c++) {
                sb.append(c);
            }
            return sb.toString();
        }
        Table t = table();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t.decode.length; i++) {
            char c = t.decode[i];
            int code = bytesPerChar == 1 ? i : (i / 94 + 0x21) << 8 | i % 94 + 0x21;
            if (c != REPLACEMENT && t.encode.get(c) == code) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private Table table() {
        Table t = table;
        if (t == null) {
            t = build();
            table = t;
        }
        return t;
    }

    private Table build() {
        if (isAsciiLike()) {
            char[] decode = new char[128];
            CharMap encode = new CharMap();
            for (int b = 0; b < 128; b++) {
                decode[b] = (char) b;
                if (b > 0) {
                    encode.putIfAbsent((char) b, b);
                }
            }
            return new Table(decode, encode);
        }
        if (this == JIS_X0201_KATAKANA) {
            char[] decode = new char[128];
            CharMap encode = new CharMap();
            Arrays.fill(decode, REPLACEMENT);
            // JIS X 0201 katakana occupies 02/01..05/15; Unicode has them as half-width forms.
            for (int b = 0x21; b <= 0x5F; b++) {
                char c = (char) (0xFF61 + b - 0x21);
                decode[b] = c;
                encode.putIfAbsent(c, b);
            }
            return new Table(decode, encode);
        }
        Charset cs = Charset.forName(charsetName);
        CharMap encode = new CharMap();
        if (bytesPerChar == 1) {
            char[] decode = new char[128];
            Arrays.fill(decode, REPLACEMENT);
            byte[] one = new byte[1];
            for (int b = 0x20; b <= 0x7F; b++) {
                one[0] = (byte) (b | 0x80);
                String s = new String(one, cs);
                if (s.length() == 1 && s.charAt(0) >= 0xA0 && s.charAt(0) != REPLACEMENT) {
                    decode[b] = s.charAt(0);
                    encode.putIfAbsent(s.charAt(0), b);
                }
            }
            return new Table(decode, encode);
        }
        char[] decode = new char[94 * 94];
        Arrays.fill(decode, REPLACEMENT);
        byte[] two = new byte[2];
        int highBit = g1 ? 0x80 : 0;
        for (int row = 0x21; row <= 0x7E; row++) {
            for (int cell = 0x21; cell <= 0x7E; cell++) {
                two[0] = (byte) (row | highBit);
                two[1] = (byte) (cell | highBit);
                String s = new String(two, cs);
                if (s.length() == 1 && s.charAt(0) >= 0x80 && s.charAt(0) != REPLACEMENT
                        && !Character.isSurrogate(s.charAt(0))) {
                    decode[(row - 0x21) * 94 + cell - 0x21] = s.charAt(0);
                    encode.putIfAbsent(s.charAt(0), row << 8 | cell);
                }
            }
        }
        return new Table(decode, encode);
    }

    /** A set's decoding array and encoding map, immutable once built. */
    private static final class Table {
        final char[] decode;
        final CharMap encode;

        Table(char[] decode, CharMap encode) {
            this.decode = decode;
            this.encode = encode;
        }
    }

    /** A compact map from a UTF-16 unit to a non-zero code, in pages of 256. */
    private static final class CharMap {
        private final char[][] pages = new char[256][];

        void putIfAbsent(char c, int code) {
            char[] page = pages[c >>> 8];
            if (page == null) {
                page = new char[256];
                pages[c >>> 8] = page;
            }
            if (page[c & 0xFF] == 0) {
                page[c & 0xFF] = (char) code;
            }
        }

        int get(char c) {
            char[] page = pages[c >>> 8];
            return page == null ? 0 : page[c & 0xFF];
        }
    }
}
