/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Specific Character Set (0008,0005): how the text of SH, LO, ST, LT, PN, UC and UT values is
 * encoded (PS3.3 C.12.1.1.2, PS3.5 section 6.1).
 *
 * <p>Supported defined terms: the default repertoire and the single-byte sets without code
 * extensions ({@code ISO_IR 6, 100, 101, 109, 110, 144, 127, 126, 138, 148, 203, 13, 166}, Table
 * C.12-2), the multi-byte sets without code extensions ({@code ISO_IR 192} (UTF-8),
 * {@code GB18030}, {@code GBK}, Table C.12-5), and ISO 2022 code extensions ({@code ISO 2022 IR 6,
 * 100, 101, 109, 110, 144, 127, 126, 138, 148, 203, 13, 166} and the multi-byte {@code ISO 2022 IR
 * 87, 159, 149, 58}, Tables C.12-3 and C.12-4).
 *
 * <p>Decoding never throws on content: an unknown escape sequence or a byte that the active set
 * does not define becomes U+FFFD, so a caller can detect it, and the value delimiters always come
 * out as the ASCII characters they are. Decoding without code extensions is a plain
 * {@code new String(bytes, offset, length, charset)}. Bytes of the upper half under the default
 * repertoire (which has none) are read as ISO-8859-1, so that a mislabelled file loses nothing.
 *
 * <p>Encoding is strict: a character that no declared set can encode is an
 * {@link IllegalArgumentException} naming the VR, the position and the character set, never the
 * text. For the default repertoire that means ASCII only.
 *
 * <p>Immutable and thread-safe. Built from the attribute's defined terms; an unknown term is kept
 * and decoded as the default repertoire with ISO-8859-1 for the upper half, so that no byte is
 * lost, and {@link #unknownTerms()} says which terms were not understood so a reader can warn.
 */
public final class SpecificCharacterSet {

    /** The default repertoire (ISO-IR 6, ASCII), used when (0008,0005) is absent or empty. */
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(List.of(), List.of(), false);

    private final List<String> terms;
    private final List<String> unknownTerms;
    private final boolean iso2022;
    /** The charset of a set without code extensions, or null when {@link #extensions} is used. */
    private final Charset single;
    /** Only ASCII can be written: the default repertoire, or a term that is not understood. */
    private final boolean asciiOnly;
    /** The ISO 2022 engine, for code extensions and for ISO_IR 13; null otherwise. */
    private final Iso2022 extensions;
    /**
     * Every byte below 0x80 is always the ASCII character it codes, never part of a multi-byte
     * character: true for the single-byte sets and UTF-8, false for GB18030 and GBK (whose second
     * bytes may be 0x5C) and for code extensions.
     */
    private final boolean asciiTransparent;

    private SpecificCharacterSet(List<String> terms, List<String> unknownTerms, boolean iso2022) {
        this.terms = terms;
        this.unknownTerms = unknownTerms;
        this.iso2022 = iso2022;
        String first = terms.isEmpty() ? "" : terms.get(0);
        if (iso2022 || "ISO_IR 13".equals(first)) {
            this.extensions = Iso2022.of(terms);
            this.single = null;
            this.asciiOnly = false;
            this.asciiTransparent = false;
        } else {
            this.extensions = null;
            Charset cs = charsetOf(first);
            this.single = cs == null ? StandardCharsets.ISO_8859_1 : cs;
            this.asciiOnly = cs == null || first.isEmpty() || "ISO_IR 6".equals(first);
            this.asciiTransparent = !"GB18030".equals(first) && !"GBK".equals(first);
        }
    }

    /**
     * True when values of {@code vr} can be split at backslash bytes and trimmed of space and NUL
     * bytes before decoding, with the same result as decoding first: always for VRs that do not
     * use the Specific Character Set (decoded as ISO-8859-1), else when bytes below 0x80 always
     * stand for themselves (single-byte sets and UTF-8; not GB18030, GBK or code extensions).
     */
    boolean splitsOnBytes(VR vr) {
        return asciiTransparent || !vr.usesSpecificCharacterSet();
    }

    /**
     * The character set named by the values of (0008,0005), in order. Terms are stripped and
     * upper-cased. An empty first value (a leading backslash) stands for the default repertoire.
     * Several values, or one {@code ISO 2022 ...} value, mean code extensions; with several values
     * an {@code ISO_IR nnn} term is read as its {@code ISO 2022 IR nnn} counterpart. A first value
     * of {@code ISO_IR 192}, {@code GB18030} or {@code GBK}, which allow no code extensions, is used
     * alone and any further value is reported by {@link #unknownTerms()}.
     *
     * @param definedTerms the values of (0008,0005); not null
     * @return the character set, {@link #DEFAULT} when there is no term or one blank term
     */
    public static SpecificCharacterSet of(List<String> definedTerms) {
        Objects.requireNonNull(definedTerms, "definedTerms");
        if (definedTerms.isEmpty() || definedTerms.size() == 1 && definedTerms.get(0).isBlank()) {
            return DEFAULT;
        }
        List<String> terms = new ArrayList<>(definedTerms.size());
        for (String t : definedTerms) {
            terms.add(t.strip().toUpperCase(Locale.ROOT));
        }
        String first = terms.get(0);
        boolean withoutExtensions = isMultiByteWithoutExtensions(first);
        boolean iso2022 = !withoutExtensions && (terms.size() > 1 || first.startsWith("ISO 2022"));
        List<String> unknown = new ArrayList<>();
        for (int k = 0; k < terms.size(); k++) {
            String term = terms.get(k);
            boolean known;
            if (withoutExtensions) {
                known = k == 0;
            } else if (iso2022) {
                known = Iso2022.isKnown(term);
            } else {
                known = charsetOf(term) != null || Iso2022.isKnown(term) && !term.startsWith("ISO 2022");
            }
            if (!known && !term.isEmpty()) {
                unknown.add(term);
            }
        }
        return new SpecificCharacterSet(List.copyOf(terms), List.copyOf(unknown), iso2022);
    }

    /**
     * {@link #of(List)} of the given terms.
     *
     * @param definedTerms the values of (0008,0005), in order
     * @return the character set
     */
    public static SpecificCharacterSet of(String... definedTerms) {
        return of(List.of(definedTerms));
    }

    /**
     * The defined terms, upper case, as given.
     *
     * @return an immutable list, empty for {@link #DEFAULT}
     */
    public List<String> terms() {
        return terms;
    }

    /**
     * Terms that were not understood (decoded as ISO-8859-1 so no byte is lost; only ASCII can be
     * encoded while one is present).
     *
     * @return an immutable list, empty when every term is supported
     */
    public List<String> unknownTerms() {
        return unknownTerms;
    }

    /**
     * True when code extensions (ISO 2022 escape sequences) may appear.
     *
     * @return whether values are decoded and encoded with ISO 2022 escape sequences
     */
    public boolean usesCodeExtensions() {
        return iso2022;
    }

    /**
     * Decodes a value of {@code vr}. VRs that do not use the Specific Character Set (CS, DA, UI...)
     * are decoded as ISO-8859-1, which keeps every byte. Padding is not removed. Never throws on
     * content: bytes that cannot be decoded become U+FFFD, and backslash, '^', '=' and control
     * characters always come out as themselves.
     *
     * @param bytes the value bytes
     * @param offset where the value starts
     * @param length how many bytes it has
     * @param vr the value representation of the element
     * @return the decoded text, multiple values still joined by backslash
     * @throws IndexOutOfBoundsException when the range is outside {@code bytes}
     */
    public String decode(byte[] bytes, int offset, int length, VR vr) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (single == StandardCharsets.ISO_8859_1 || !vr.usesSpecificCharacterSet()) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        if (extensions != null) {
            return extensions.decode(bytes, offset, length, vr);
        }
        if (single != StandardCharsets.ISO_8859_1 && single != StandardCharsets.UTF_8 && isAscii(bytes, offset, length)) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1); // what every set here makes of ASCII
        }
        return new String(bytes, offset, length, single);
    }

    private static boolean isAscii(byte[] bytes, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #decode(byte[], int, int, VR)} of a whole array.
     *
     * @param bytes the value bytes
     * @param vr the value representation of the element
     * @return the decoded text
     */
    public String decode(byte[] bytes, VR vr) {
        return decode(bytes, 0, bytes.length, vr);
    }

    /**
     * Encodes a value of {@code vr} (no padding added). With code extensions, each character is
     * written with the first declared set that contains it, the escape sequences needed are written,
     * and value 1's designations are restored before each delimiter, control character and the end
     * of the value, as PS3.5 6.1.2.5.3 requires. VRs that do not use the Specific Character Set are
     * written as ISO-8859-1.
     *
     * @param value the text, multiple values joined by backslash
     * @param vr the value representation of the element
     * @return the encoded bytes, a new array
     * @throws IllegalArgumentException when a character cannot be encoded with this character set;
     *     the message names the VR, the position and the character set, not the text
     */
    public byte[] encode(String value, VR vr) {
        Objects.requireNonNull(value, "value");
        if (!vr.usesSpecificCharacterSet()) {
            return encodeWith(StandardCharsets.ISO_8859_1, value, vr, "ISO-8859-1 (VR " + vr + " does not use it)");
        }
        if (extensions != null) {
            return extensions.encode(value, vr);
        }
        int nonAscii = firstNonAscii(value);
        if (nonAscii < 0) {
            return value.getBytes(StandardCharsets.ISO_8859_1);
        }
        if (asciiOnly) {
            throw unencodable(vr, nonAscii, toString() + (unknownTerms.isEmpty() ? ", which is ASCII only"
                    : ", whose terms are not understood, so only ASCII can be written"));
        }
        return encodeWith(single, value, vr, toString());
    }

    private static byte[] encodeWith(Charset charset, String value, VR vr, String name) {
        CharsetEncoder encoder = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer in = CharBuffer.wrap(value);
        try {
            ByteBuffer out = encoder.encode(in);
            byte[] bytes = new byte[out.remaining()];
            out.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            // the encoder stops at the offending character, so in.position() is its index
            throw unencodable(vr, in.position(), name);
        }
    }

    private static IllegalArgumentException unencodable(VR vr, int index, String name) {
        return new IllegalArgumentException("Cannot encode the character at index " + index + " of a " + vr
                + " value with Specific Character Set " + name);
    }

    private static int firstNonAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isMultiByteWithoutExtensions(String term) {
        return "ISO_IR 192".equals(term) || "GB18030".equals(term) || "GBK".equals(term);
    }

    /**
     * The Java charset of a term without code extensions whose values a JDK charset decodes
     * exactly, or null (ISO_IR 13, which needs {@link Iso2022}; ISO 2022 terms; unknown terms).
     */
    static Charset charsetOf(String term) {
        switch (term) {
            case "":
            case "ISO_IR 6":
                return StandardCharsets.ISO_8859_1; // ASCII; the upper half kept rather than lost
            case "ISO_IR 100":
                return StandardCharsets.ISO_8859_1;
            case "ISO_IR 101":
                return Charset.forName("ISO-8859-2");
            case "ISO_IR 109":
                return Charset.forName("ISO-8859-3");
            case "ISO_IR 110":
                return Charset.forName("ISO-8859-4");
            case "ISO_IR 144":
                return Charset.forName("ISO-8859-5");
            case "ISO_IR 127":
                return Charset.forName("ISO-8859-6");
            case "ISO_IR 126":
                return Charset.forName("ISO-8859-7");
            case "ISO_IR 138":
                return Charset.forName("ISO-8859-8");
            case "ISO_IR 148":
                return Charset.forName("ISO-8859-9");
            case "ISO_IR 203":
                return Charset.forName("ISO-8859-15");
            case "ISO_IR 166":
                return Charset.forName("TIS-620");
            case "ISO_IR 192":
                return StandardCharsets.UTF_8;
            case "GB18030":
                return Charset.forName("GB18030");
            case "GBK":
                return Charset.forName("GBK");
            default:
                return null;
        }
    }

    /**
     * Equal when the defined terms are equal.
     *
     * @param o another object
     * @return whether {@code o} is a character set with the same terms
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof SpecificCharacterSet && ((SpecificCharacterSet) o).terms.equals(terms);
    }

    /**
     * A hash of the defined terms.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return terms.hashCode();
    }

    /**
     * The defined terms joined by backslash, as in (0008,0005), or {@code ISO_IR 6 (default)}.
     *
     * @return a description without patient data
     */
    @Override
    public String toString() {
        return terms.isEmpty() ? "ISO_IR 6 (default)" : String.join("\\", terms);
    }
}
