/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Specific Character Set (0008,0005): how the text of SH, LO, ST, LT, PN, UC and UT values is
 * encoded (PS3.3 C.12.1.1.2, PS3.5 section 6.1).
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
    private final Charset single;

    private SpecificCharacterSet(List<String> terms, List<String> unknownTerms, boolean iso2022) {
        this.terms = terms;
        this.unknownTerms = unknownTerms;
        this.iso2022 = iso2022;
        this.single = iso2022 ? null : charsetOf(terms.isEmpty() ? "" : terms.get(0));
    }

    /**
     * The character set named by the values of (0008,0005), in order. Empty values (a leading
     * backslash means "default repertoire first") are kept as the default repertoire.
     */
    public static SpecificCharacterSet of(List<String> definedTerms) {
        Objects.requireNonNull(definedTerms, "definedTerms");
        if (definedTerms.isEmpty() || definedTerms.size() == 1 && definedTerms.get(0).isBlank()) {
            return DEFAULT;
        }
        List<String> terms = new ArrayList<>(definedTerms.size());
        List<String> unknown = new ArrayList<>();
        boolean iso2022 = false;
        for (String t : definedTerms) {
            String term = t.strip().toUpperCase(Locale.ROOT);
            terms.add(term);
            if (term.startsWith("ISO 2022")) {
                iso2022 = true;
            }
            if (!term.isEmpty() && !Iso2022.isKnown(term) && charsetOf(term) == null) {
                unknown.add(term);
            }
        }
        if (terms.size() > 1) {
            iso2022 = true;
        }
        return new SpecificCharacterSet(List.copyOf(terms), List.copyOf(unknown), iso2022);
    }

    /** {@link #of(List)} of the given terms. */
    public static SpecificCharacterSet of(String... definedTerms) {
        return of(List.of(definedTerms));
    }

    /** The defined terms, upper case, as given. */
    public List<String> terms() {
        return terms;
    }

    /** Terms that were not understood (decoded as ISO-8859-1 so no byte is lost). */
    public List<String> unknownTerms() {
        return unknownTerms;
    }

    /** True when code extensions (ISO 2022 escape sequences) may appear. */
    public boolean usesCodeExtensions() {
        return iso2022;
    }

    /**
     * Decodes a value of {@code vr}. VRs that do not use the Specific Character Set (CS, DA, UI...)
     * are decoded as ISO-8859-1, which keeps every byte.
     */
    public String decode(byte[] bytes, int offset, int length, VR vr) {
        if (!vr.usesSpecificCharacterSet()) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        if (iso2022) {
            return Iso2022.decode(terms, bytes, offset, length, vr);
        }
        return new String(bytes, offset, length, single == null ? StandardCharsets.ISO_8859_1 : single);
    }

    /** {@link #decode(byte[], int, int, VR)} of a whole array. */
    public String decode(byte[] bytes, VR vr) {
        return decode(bytes, 0, bytes.length, vr);
    }

    /**
     * Encodes a value of {@code vr} (no padding added). With code extensions, the escape sequences
     * needed are written and the default repertoire is restored before each delimiter, as PS3.5
     * 6.1.2.5.3 requires.
     */
    public byte[] encode(String value, VR vr) {
        if (!vr.usesSpecificCharacterSet()) {
            return value.getBytes(StandardCharsets.ISO_8859_1);
        }
        if (iso2022) {
            return Iso2022.encode(terms, value, vr);
        }
        return value.getBytes(single == null ? StandardCharsets.ISO_8859_1 : single);
    }

    /** The Java charset of a single-byte or multi-byte term without code extensions, or null. */
    static Charset charsetOf(String term) {
        switch (term) {
            case "":
            case "ISO_IR 6":
            case "ISO 2022 IR 6":
                return StandardCharsets.ISO_8859_1; // ASCII; the upper half kept rather than lost
            case "ISO_IR 100":
            case "ISO 2022 IR 100":
                return StandardCharsets.ISO_8859_1;
            case "ISO_IR 101":
            case "ISO 2022 IR 101":
                return Charset.forName("ISO-8859-2");
            case "ISO_IR 109":
            case "ISO 2022 IR 109":
                return Charset.forName("ISO-8859-3");
            case "ISO_IR 110":
            case "ISO 2022 IR 110":
                return Charset.forName("ISO-8859-4");
            case "ISO_IR 144":
            case "ISO 2022 IR 144":
                return Charset.forName("ISO-8859-5");
            case "ISO_IR 127":
            case "ISO 2022 IR 127":
                return Charset.forName("ISO-8859-6");
            case "ISO_IR 126":
            case "ISO 2022 IR 126":
                return Charset.forName("ISO-8859-7");
            case "ISO_IR 138":
            case "ISO 2022 IR 138":
                return Charset.forName("ISO-8859-8");
            case "ISO_IR 148":
            case "ISO 2022 IR 148":
                return Charset.forName("ISO-8859-9");
            case "ISO_IR 203":
            case "ISO 2022 IR 203":
                return Charset.forName("ISO-8859-15");
            case "ISO_IR 13":
            case "ISO 2022 IR 13":
                return Charset.forName("JIS_X0201");
            case "ISO_IR 166":
            case "ISO 2022 IR 166":
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

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecificCharacterSet && ((SpecificCharacterSet) o).terms.equals(terms);
    }

    @Override
    public int hashCode() {
        return terms.hashCode();
    }

    @Override
    public String toString() {
        return terms.isEmpty() ? "ISO_IR 6 (default)" : String.join("\\", terms);
    }
}
