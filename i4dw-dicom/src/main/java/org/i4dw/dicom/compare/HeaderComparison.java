/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.compare;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.i4dw.data.BulkData;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.ElementDictionary;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;

/**
 * The attribute differences between two headers of the same instance: a reference (e.g. the
 * header a C-GET or C-MOVE read, up to Pixel Data) and another (e.g. the WADO-RS metadata of the
 * same instance). Every attribute of either is accounted for, nested sequences item by item; the
 * differences are listed by path and kind, never with a value, so a comparison of identified
 * headers may be logged. Immutable.
 *
 * <p>Values are compared as {@link DicomObject#strings(Tag)} gives them (text decoded with each
 * side's character set, insignificant spaces removed; binary numbers in decimal; person names
 * without the trailing empty components and component groups PS3.5 6.2.1 lets a writer leave
 * out), byte values (OB, OW, OD, OF, OL, OV, UN) byte for byte.
 */
public final class HeaderComparison {

    /** How an attribute differs. */
    public enum Kind {
        /** In the reference only. */
        MISSING,
        /** In the other only. */
        EXTRA,
        /**
         * In one without a value (an empty element, or a sequence whose items hold only such),
         * absent from the other: no value is lost (DICOM JSON servers and QIDO-RS may leave out
         * attributes without a value; DIMSE peers send them empty).
         */
        EMPTY_VS_ABSENT,
        /** In both, with different VRs (the values are then not compared). */
        VR,
        /** In both, with different values. */
        VALUE,
        /** DS or IS values that are the same numbers written differently (e.g. {@code 0.50} and {@code 0.5}). */
        NUMBER_TEXT,
        /**
         * A byte value (OB, OW, OD, OF, OL, OV, UN) the reference holds inline and the other holds
         * without a value: how a DICOM JSON {@code BulkDataURI} reads, the bulk data left on the server.
         */
        NOT_INLINE,
        /** A sequence with a different number of items (the items both have are compared). */
        ITEM_COUNT
    }

    /**
     * One attribute that differs.
     *
     * @param path the attribute, e.g. {@code (0008,1140)[0]>(0008,1155) ReferencedSOPInstanceUID}
     * @param tag the attribute's tag (of the innermost level)
     * @param kind how it differs
     * @param referenceVr its VR in the reference, or null if absent there
     * @param otherVr its VR in the other, or null if absent there
     */
    public record Difference(String path, Tag tag, Kind kind, VR referenceVr, VR otherVr) {
        /** Requires path, tag and kind. */
        public Difference {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(kind, "kind");
        }

        /** Path, kind and VRs: never a value. */
        @Override
        public String toString() {
            return path + " " + kind + " " + (referenceVr == null ? "-" : referenceVr) + "/"
                    + (otherVr == null ? "-" : otherVr);
        }
    }

    private static final ElementDictionary DICTIONARY = ElementDictionary.standard();

    private final List<Difference> differences;
    private final int referenceAttributes;
    private final int otherAttributes;

    private HeaderComparison(List<Difference> differences, int referenceAttributes, int otherAttributes) {
        this.differences = List.copyOf(differences);
        this.referenceAttributes = referenceAttributes;
        this.otherAttributes = otherAttributes;
    }

    /**
     * Compares two headers.
     *
     * @param reference the reference, e.g. the DIMSE header
     * @param other the other, e.g. the WADO-RS metadata
     * @return the differences
     */
    public static HeaderComparison compare(DicomObject reference, DicomObject other) {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(other, "other");
        List<Difference> out = new ArrayList<>();
        compare(reference, other, "", out);
        return new HeaderComparison(out, count(reference), count(other));
    }

    /**
     * Attributes at every level of a header, sequences and their nested attributes included.
     *
     * @param header a header
     * @return the count
     */
    public static int count(DicomObject header) {
        int n = 0;
        for (DicomElement e : header) {
            n++;
            for (DicomObject item : e.items()) {
                n += count(item);
            }
        }
        return n;
    }

    /**
     * Every difference, in tag order, depth first.
     *
     * @return an immutable list
     */
    public List<Difference> differences() {
        return differences;
    }

    /**
     * Whether the headers agree on every attribute.
     *
     * @return true when there is no difference
     */
    public boolean isEmpty() {
        return differences.isEmpty();
    }

    /**
     * The differences counted by kind (every kind present, zero included).
     *
     * @return an unmodifiable map in {@link Kind} order
     */
    public Map<Kind, Integer> counts() {
        Map<Kind, Integer> m = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            m.put(k, 0);
        }
        differences.forEach(d -> m.merge(d.kind(), 1, Integer::sum));
        return Collections.unmodifiableMap(m);
    }

    /**
     * Attributes of the reference, at every level.
     *
     * @return the count
     */
    public int referenceAttributes() {
        return referenceAttributes;
    }

    /**
     * Attributes of the other, at every level.
     *
     * @return the count
     */
    public int otherAttributes() {
        return otherAttributes;
    }

    /**
     * The differences as a path with the tags only, without item indexes, e.g. {@code
     * (0008,1140)>(0008,1155)}: the same for every instance of a kind, to gather differences
     * across instances.
     *
     * @param d a difference
     * @return the generic path and the kind
     */
    public static String generic(Difference d) {
        return d.path().replaceAll("\\[[0-9]+\\]", "") + " " + d.kind();
    }

    /** Counts by kind, then one line per difference. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("HeaderComparison[").append(referenceAttributes).append(" vs ")
                .append(otherAttributes).append(" attributes, ").append(differences.size()).append(" differences ")
                .append(counts()).append(']');
        for (Difference d : differences) {
            sb.append('\n').append("  ").append(d);
        }
        return sb.toString();
    }

    private static void compare(DicomObject a, DicomObject b, String prefix, List<Difference> out) {
        Iterator<DicomElement> ia = a.iterator();
        Iterator<DicomElement> ib = b.iterator();
        DicomElement ea = ia.hasNext() ? ia.next() : null;
        DicomElement eb = ib.hasNext() ? ib.next() : null;
        while (ea != null || eb != null) {
            int c = ea == null ? 1 : eb == null ? -1 : Integer.compareUnsigned(ea.tagValue(), eb.tagValue());
            if (c < 0) {
                out.add(new Difference(path(prefix, ea.tagValue()), ea.tag(), isEmpty(ea) ? Kind.EMPTY_VS_ABSENT
                        : Kind.MISSING, ea.vr(), null));
                ea = ia.hasNext() ? ia.next() : null;
            } else if (c > 0) {
                out.add(new Difference(path(prefix, eb.tagValue()), eb.tag(), isEmpty(eb) ? Kind.EMPTY_VS_ABSENT
                        : Kind.EXTRA, null, eb.vr()));
                eb = ib.hasNext() ? ib.next() : null;
            } else {
                element(ea, eb, path(prefix, ea.tagValue()), out);
                ea = ia.hasNext() ? ia.next() : null;
                eb = ib.hasNext() ? ib.next() : null;
            }
        }
    }

    /**
     * No value: an empty element, text of padding only, or a sequence whose items hold nothing
     * but such elements.
     */
    private static boolean isEmpty(DicomElement e) {
        if (e.kind() == DicomElement.ValueKind.EMPTY) {
            return true;
        }
        if (e.vr().isText()) {
            return e.strings().stream().allMatch(String::isEmpty);
        }
        if (e.kind() != DicomElement.ValueKind.ITEMS) {
            return false;
        }
        for (DicomObject item : e.items()) {
            for (DicomElement n : item) {
                if (!isEmpty(n)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void element(DicomElement a, DicomElement b, String path, List<Difference> out) {
        if (a.vr() != b.vr()) {
            out.add(new Difference(path, a.tag(), Kind.VR, a.vr(), b.vr()));
            return;
        }
        VR vr = a.vr();
        if (vr == VR.SQ) {
            List<DicomObject> xa = a.items();
            List<DicomObject> xb = b.items();
            if (xa.size() != xb.size()) {
                out.add(new Difference(path, a.tag(), Kind.ITEM_COUNT, vr, vr));
            }
            for (int i = 0; i < Math.min(xa.size(), xb.size()); i++) {
                compare(xa.get(i), xb.get(i), path + "[" + i + "]>", out);
            }
            return;
        }
        boolean bytes = vr.kind() == VR.Kind.BULK || vr == VR.UN;
        boolean emptyA = isEmpty(a) || (!bytes && a.strings().stream().allMatch(String::isEmpty));
        boolean emptyB = isEmpty(b) || (!bytes && b.strings().stream().allMatch(String::isEmpty));
        if (emptyA && emptyB) {
            return;
        }
        if (!emptyA && emptyB && bytes) {
            out.add(new Difference(path, a.tag(), Kind.NOT_INLINE, vr, vr));
            return;
        }
        if (emptyA != emptyB) {
            out.add(new Difference(path, a.tag(), Kind.VALUE, vr, vr));
            return;
        }
        if (bytes) {
            if (!Arrays.equals(bytesOf(a), bytesOf(b))) {
                out.add(new Difference(path, a.tag(), Kind.VALUE, vr, vr));
            }
            return;
        }
        List<String> sa = a.strings();
        List<String> sb = b.strings();
        if (vr == VR.PN) {
            sa = sa.stream().map(HeaderComparison::personName).toList();
            sb = sb.stream().map(HeaderComparison::personName).toList();
        }
        if (sa.equals(sb)) {
            return;
        }
        if ((vr == VR.DS || vr == VR.IS) && sameNumbers(sa, sb)) {
            out.add(new Difference(path, a.tag(), Kind.NUMBER_TEXT, vr, vr));
            return;
        }
        out.add(new Difference(path, a.tag(), Kind.VALUE, vr, vr));
    }

    /** A PN value without the trailing empty components and groups PS3.5 6.2.1 lets a writer leave out. */
    static String personName(String v) {
        String[] groups = v.split("=", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            int end = g.length();
            while (end > 0 && (g.charAt(end - 1) == '^' || g.charAt(end - 1) == ' ')) {
                end--;
            }
            groups[i] = g.substring(0, end);
        }
        int last = groups.length;
        while (last > 1 && groups[last - 1].isEmpty()) {
            last--;
        }
        for (int i = 0; i < last; i++) {
            out.append(i == 0 ? "" : "=").append(groups[i]);
        }
        return out.toString();
    }

    private static boolean sameNumbers(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        try {
            for (int i = 0; i < a.size(); i++) {
                if (new BigDecimal(a.get(i).strip()).compareTo(new BigDecimal(b.get(i).strip())) != 0) {
                    return false;
                }
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The value's bytes; null when they cannot be read (a fragment list or an unreadable file). */
    private static byte[] bytesOf(DicomElement e) {
        Optional<ByteBuffer> buf = e.bytes();
        if (buf.isPresent()) {
            ByteBuffer b = buf.get();
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        }
        Optional<BulkData> bulk = e.bulkData();
        if (bulk.isPresent()) {
            try {
                return bulk.get().bytes();
            } catch (IOException ex) {
                return null;
            }
        }
        return null;
    }

    private static String path(String prefix, int tag) {
        String keyword = DICTIONARY.keywordOf(tag);
        return prefix + Tag.toString(tag) + (keyword == null || keyword.isEmpty() ? "" : " " + keyword);
    }
}
