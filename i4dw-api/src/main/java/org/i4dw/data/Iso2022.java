/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ISO/IEC 2022 code extensions as DICOM uses them (PS3.5 6.1.2.5, PS3.3 C.12.1.1.2 Tables C.12-3
 * and C.12-4), for one value of Specific Character Set (0008,0005). Also serves ISO_IR 13, whose
 * romaji/katakana pair is a G0/G1 combination that no JDK charset reads with the DICOM delimiters.
 *
 * <p>Decoding keeps a G0 and a G1 designation. Bytes 00/00..07/15 go through G0 (ASCII or JIS X
 * 0201 romaji, or the 94x94 sets JIS X 0208 and JIS X 0212 in pairs), bytes 10/00..15/15 through
 * G1 (a 96-set of ISO 8859, JIS X 0201 katakana, or the 94x94 sets KS X 1001 and GB 2312 in
 * pairs). The initial designations come from value 1 (PS3.5 6.1.2.5.3); every escape sequence that
 * DICOM defines switches a designation, whether or not its term was declared, so that data is read
 * rather than lost. After a control character (CR, LF, FF, TAB...), after a backslash in a
 * multi-valued VR and after '^' and '=' in PN, the designations return to the initial ones. An
 * unknown escape sequence, a byte that no designated set defines, and a truncated pair each become
 * U+FFFD, and decoding goes on.
 *
 * <p>Encoding writes each character with the first declared set that contains it (ASCII always
 * with the initial G0 set), emits an escape sequence when that set is not the one designated, and
 * before each delimiter, control character and the end of the value switches back to the initial
 * designations.
 *
 * <p>Immutable and thread-safe.
 */
final class Iso2022 {

    private static final byte ESC = 0x1B;

    /** Defined term to the set it adds (absent for the default repertoire alone). */
    private static final Map<String, GraphicSet> EXTENSION;

    /** Every defined term this class understands. */
    private static final Set<String> KNOWN;

    static {
        Map<String, GraphicSet> m = new HashMap<>();
        m.put("", null);
        m.put("ISO_IR 6", null);
        m.put("ISO 2022 IR 6", null);
        single(m, "100", GraphicSet.LATIN_1);
        single(m, "101", GraphicSet.LATIN_2);
        single(m, "109", GraphicSet.LATIN_3);
        single(m, "110", GraphicSet.LATIN_4);
        single(m, "144", GraphicSet.CYRILLIC);
        single(m, "127", GraphicSet.ARABIC);
        single(m, "126", GraphicSet.GREEK);
        single(m, "138", GraphicSet.HEBREW);
        single(m, "148", GraphicSet.LATIN_5);
        single(m, "203", GraphicSet.LATIN_9);
        single(m, "13", GraphicSet.JIS_X0201_KATAKANA);
        single(m, "166", GraphicSet.THAI);
        m.put("ISO 2022 IR 87", GraphicSet.JIS_X0208);
        m.put("ISO 2022 IR 159", GraphicSet.JIS_X0212);
        m.put("ISO 2022 IR 149", GraphicSet.KS_X1001);
        m.put("ISO 2022 IR 58", GraphicSet.GB2312);
        EXTENSION = Map.copyOf(withoutNulls(m));
        KNOWN = Set.copyOf(m.keySet());
    }

    private final String description;
    private final GraphicSet initialG0;
    private final GraphicSet initialG1;
    private final GraphicSet[] candidates;
    private final boolean unknownTerms;
    private final Charset fastCharset;

    private Iso2022(String description, GraphicSet initialG0, GraphicSet initialG1, GraphicSet[] candidates,
            boolean unknownTerms) {
        this.description = description;
        this.initialG0 = initialG0;
        this.initialG1 = initialG1;
        this.candidates = candidates;
        this.unknownTerms = unknownTerms;
        this.fastCharset = initialG1 == null ? null : initialG1.fastCharset();
    }

    private static void single(Map<String, GraphicSet> m, String number, GraphicSet set) {
        m.put("ISO_IR " + number, set);
        m.put("ISO 2022 IR " + number, set);
    }

    private static Map<String, GraphicSet> withoutNulls(Map<String, GraphicSet> m) {
        Map<String, GraphicSet> out = new HashMap<>();
        m.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** True when {@code term} (upper case, stripped) names a set this class can use. */
    static boolean isKnown(String term) {
        return KNOWN.contains(term);
    }

    /**
     * The engine for the defined terms of (0008,0005), in order; an empty first term stands for
     * the default repertoire. Terms that {@link #isKnown(String)} rejects are skipped for encoding;
     * an unknown first term decodes the upper half as ISO-8859-1.
     */
    static Iso2022 of(List<String> terms) {
        String first = terms.isEmpty() ? "" : terms.get(0);
        boolean unknown = false;
        List<GraphicSet> sets = new ArrayList<>();
        for (String term : terms) {
            if (!isKnown(term)) {
                unknown = true;
                continue;
            }
            GraphicSet s = EXTENSION.get(term);
            if (s != null && !sets.contains(s)) {
                sets.add(s);
            }
        }
        GraphicSet g0 = GraphicSet.ASCII;
        GraphicSet g1 = null;
        if (!isKnown(first)) {
            g1 = GraphicSet.LATIN_1;
        } else {
            GraphicSet s = EXTENSION.get(first);
            if (s == GraphicSet.JIS_X0201_KATAKANA) {
                g0 = GraphicSet.JIS_X0201_ROMAJI;
            }
            if (s != null && s.isG1()) {
                g1 = s;
            }
        }
        String description = terms.isEmpty() ? "ISO_IR 6" : String.join("\\", terms);
        return new Iso2022(description, g0, g1, sets.toArray(new GraphicSet[0]), unknown);
    }

    /** Decodes {@code bytes[offset..offset+length)}, a value of {@code vr}. Never throws on content. */
    String decode(byte[] bytes, int offset, int length, VR vr) {
        int end = offset + length;
        boolean escape = false;
        boolean high = false;
        boolean c1 = false;
        for (int i = offset; i < end; i++) {
            int b = bytes[i] & 0xFF;
            if (b == ESC) {
                escape = true;
                break;
            }
            if (b >= 0x80) {
                high = true;
                c1 |= b < 0xA0;
            }
        }
        if (!escape && !high) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        if (!escape && !c1 && fastCharset != null) {
            return new String(bytes, offset, length, fastCharset);
        }
        return decodeSlow(bytes, offset, end, vr);
    }

    private String decodeSlow(byte[] bytes, int offset, int end, VR vr) {
        StringBuilder sb = new StringBuilder(end - offset);
        boolean pn = vr == VR.PN;
        boolean multi = vr.isMultiValuedText();
        GraphicSet g0 = initialG0;
        GraphicSet g1 = initialG1;
        int i = offset;
        while (i < end) {
            int b = bytes[i] & 0xFF;
            if (b == ESC) {
                int j = i + 1;
                while (j < end && (bytes[j] & 0xFF) >= 0x20 && (bytes[j] & 0xFF) <= 0x2F) {
                    j++;
                }
                if (j < end && (bytes[j] & 0xFF) >= 0x30 && (bytes[j] & 0xFF) <= 0x7E) {
                    GraphicSet s = GraphicSet.ofEscape(bytes, i + 1, j + 1);
                    if (s == null) {
                        sb.append(GraphicSet.REPLACEMENT);
                    } else if (s.isG1()) {
                        g1 = s;
                    } else {
                        g0 = s;
                    }
                    i = j + 1;
                } else {
                    sb.append(GraphicSet.REPLACEMENT);
                    i++;
                }
            } else if (b < 0x80) {
                if (g0.bytesPerChar() == 2 && b > 0x20 && b < 0x7F) {
                    int b2 = i + 1 < end ? bytes[i + 1] & 0xFF : -1;
                    if (b2 > 0x20 && b2 < 0x7F) {
                        sb.append(g0.decode2(b, b2));
                        i += 2;
                    } else {
                        sb.append(GraphicSet.REPLACEMENT);
                        i++;
                    }
                    continue;
                }
                sb.append((char) b);
                i++;
                if (b < 0x20 || multi && b == '\\' || pn && (b == '^' || b == '=')) {
                    g0 = initialG0;
                    g1 = initialG1;
                }
            } else if (g1 == null || b < 0xA0) {
                sb.append(GraphicSet.REPLACEMENT);
                i++;
            } else if (g1.bytesPerChar() == 2) {
                int b2 = i + 1 < end ? bytes[i + 1] & 0xFF : -1;
                if (b > 0xA0 && b < 0xFF && b2 > 0xA0 && b2 < 0xFF) {
                    sb.append(g1.decode2(b, b2));
                    i += 2;
                } else {
                    sb.append(GraphicSet.REPLACEMENT);
                    i++;
                }
            } else {
                sb.append(g1.decode1(b));
                i++;
            }
        }
        return sb.toString();
    }

    /**
     * Encodes {@code value} as a value of {@code vr}, with the escape sequences it needs.
     *
     * @throws IllegalArgumentException when a character is in none of the declared sets, or is ESC
     */
    byte[] encode(String value, VR vr) {
        boolean pn = vr == VR.PN;
        boolean multi = vr.isMultiValuedText();
        byte[] out = new byte[value.length() + 16];
        int n = 0;
        GraphicSet g0 = initialG0;
        GraphicSet g1 = initialG1;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // worst case per character: a designation (4), a restore of G0 and G1 (3 + 4), 2 bytes
            if (out.length - n < 16) {
                out = Arrays.copyOf(out, out.length * 2 + 16);
            }
            if (c < 0x80) {
                if (c == ESC) {
                    throw new IllegalArgumentException("A " + vr + " value contains ESC (01/11) at index " + i
                            + ", which cannot be written with code extensions (Specific Character Set '"
                            + description + "')");
                }
                if (c < 0x20 || multi && c == '\\' || pn && (c == '^' || c == '=')) {
                    n = restore(out, n, g0, g1);
                    g0 = initialG0;
                    g1 = initialG1;
                } else if (g0 != initialG0) {
                    n = initialG0.writeEscape(out, n);
                    g0 = initialG0;
                }
                out[n++] = (byte) c;
                continue;
            }
            GraphicSet set = setFor(c);
            if (set == null) {
                throw new IllegalArgumentException("Cannot encode the character at index " + i + " of a " + vr
                        + " value: " + (unknownTerms ? "Specific Character Set '" + description
                                + "' has terms this library does not know, so only ASCII can be written"
                                : "none of the sets of Specific Character Set '" + description + "' contains it"));
            }
            int code = set.encode(c);
            int hi = 0;
            if (set.isG1()) {
                hi = 0x80;
                if (g1 != set) {
                    n = set.writeEscape(out, n);
                    g1 = set;
                }
            } else if (g0 != set) {
                n = set.writeEscape(out, n);
                g0 = set;
            }
            if (set.bytesPerChar() == 2) {
                out[n++] = (byte) (code >>> 8 | hi);
            }
            out[n++] = (byte) (code & 0xFF | hi);
        }
        if (out.length - n < 16) {
            out = Arrays.copyOf(out, n + 16);
        }
        n = restore(out, n, g0, g1);
        return Arrays.copyOf(out, n);
    }

    /** Switches G0 back to value 1's set, and G1 too when value 1 designates one (PS3.5 6.1.2.5.3). */
    private int restore(byte[] out, int n, GraphicSet g0, GraphicSet g1) {
        if (g0 != initialG0) {
            n = initialG0.writeEscape(out, n);
        }
        if (g1 != initialG1 && initialG1 != null) {
            n = initialG1.writeEscape(out, n);
        }
        return n;
    }

    private GraphicSet setFor(char c) {
        if (unknownTerms) {
            return null;
        }
        for (GraphicSet s : candidates) {
            if (s.contains(c)) {
                return s;
            }
        }
        return null;
    }
}
