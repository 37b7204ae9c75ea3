/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A DICOM data set or sequence item: elements ordered by tag, each with its VR and value.
 *
 * <p>Immutable and thread-safe; built with {@link #builder()} or by a codec. Lean in memory: three
 * parallel arrays (tags, VRs, values), values held as the bytes that were read (text still in its
 * character set, decoded on access; binary numbers little endian), Java strings for text set by
 * code, immutable item lists for sequences, and {@link BulkData} references for large values.
 *
 * <p>Typed accessors return empty for absent or zero-length elements and for values that do not
 * parse as the requested type; the raw value stays available through {@link #strings(Tag)} and
 * {@link #element(Tag)}.
 *
 * <p>{@link #toString()} never shows values: a data set holds patient data.
 */
public final class DicomObject implements Iterable<DicomElement> {

    private static final int[] NO_TAGS = new int[0];
    private static final VR[] NO_VRS = new VR[0];
    private static final Object[] NO_VALUES = new Object[0];

    /** The empty data set. */
    public static final DicomObject EMPTY = new DicomObject(NO_TAGS, NO_VRS, NO_VALUES, 0, SpecificCharacterSet.DEFAULT);

    private final int[] tags;
    private final VR[] vrs;
    private final Object[] values;
    private final int size;
    private final SpecificCharacterSet charset;

    private DicomObject(int[] tags, VR[] vrs, Object[] values, int size, SpecificCharacterSet charset) {
        this.tags = tags;
        this.vrs = vrs;
        this.values = values;
        this.size = size;
        this.charset = charset;
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A new, empty builder with room for {@code expectedSize} elements before it grows.
     *
     * @param expectedSize how many elements the object will likely have, 0 or more
     * @return the builder
     * @throws IllegalArgumentException if {@code expectedSize} is negative
     */
    public static Builder builder(int expectedSize) {
        if (expectedSize < 0) {
            throw new IllegalArgumentException("the expected size of a data set is 0 or more, got " + expectedSize);
        }
        return new Builder(expectedSize);
    }

    /** A builder that starts with a copy of this object's elements and character set. */
    public Builder toBuilder() {
        Builder b = new Builder(0);
        b.tags = Arrays.copyOf(tags, Math.max(8, size));
        b.vrs = Arrays.copyOf(vrs, Math.max(8, size));
        b.values = Arrays.copyOf(values, Math.max(8, size));
        b.size = size;
        b.inheritedCharset = charset;
        return b;
    }

    /** The number of elements (top level only). */
    public int size() {
        return size;
    }

    /** True if there are no elements. */
    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * The character set that decodes this object's text: its own (0008,0005) if present, else the
     * one inherited from the enclosing data set, else the default repertoire.
     */
    public SpecificCharacterSet characterSet() {
        return charset;
    }

    /** True if the element is present (even with an empty value). */
    public boolean contains(Tag tag) {
        return indexOf(tag.value()) >= 0;
    }

    /** The element, if present. */
    public Optional<DicomElement> element(Tag tag) {
        int i = indexOf(tag.value());
        return i < 0 ? Optional.empty() : Optional.of(new DicomElement(this, i));
    }

    /** The VR of the element, if present. */
    public Optional<VR> vr(Tag tag) {
        int i = indexOf(tag.value());
        return i < 0 ? Optional.empty() : Optional.of(vrs[i]);
    }

    /** The elements in tag order. */
    @Override
    public Iterator<DicomElement> iterator() {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < size;
            }

            @Override
            public DicomElement next() {
                if (i >= size) {
                    throw new NoSuchElementException();
                }
                return new DicomElement(DicomObject.this, i++);
            }
        };
    }

    /** The first value as a string, decoded and trimmed; empty if absent or empty. */
    public Optional<String> string(Tag tag) {
        return Optional.ofNullable(stringOrNull(tag.value()));
    }

    /**
     * {@link #string(Tag)} without the Optional, for hot paths of this package: the first value, or
     * null if the element is absent or its first value empty. Only that value is decoded.
     */
    String stringOrNull(int tag) {
        int i = indexOf(tag);
        return i < 0 ? null : stringAt(i);
    }

    /** {@link #stringOrNull(int)} of the element at index {@code i}. */
    String stringAt(int i) {
        Object v = values[i];
        VR vr = vrs[i];
        if (v instanceof byte[] && vr.isText() && charset.splitsOnBytes(vr)) {
            byte[] b = (byte[]) v;
            int end = vr.isMultiValuedText() ? indexOfBackslash(b, 0) : b.length;
            return decodeTrimmed(b, 0, end, vr);
        }
        List<String> all = stringsAt(i);
        return all.isEmpty() || all.get(0).isEmpty() ? null : all.get(0);
    }

    /**
     * All values as strings: text decoded with the character set, split at backslashes (except for
     * LT, ST, UT and UR, which are single-valued), insignificant spaces removed (PS3.5 6.2);
     * binary numbers in decimal; AT as {@code ggggeeee} hex. Empty for absent or empty elements,
     * sequences and bulk data.
     */
    public List<String> strings(Tag tag) {
        int i = indexOf(tag.value());
        return i < 0 ? List.of() : stringsAt(i);
    }

    /** The first value as an int (IS, US, SS, UL, SL, SV, UV); empty if absent or not an integer. */
    public OptionalInt integer(Tag tag) {
        OptionalLong l = longValue(tag);
        if (l.isEmpty() || l.getAsLong() < Integer.MIN_VALUE || l.getAsLong() > Integer.MAX_VALUE) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) l.getAsLong());
    }

    /** The first value as a long (IS, US, SS, UL, SL, SV, UV); empty if absent or not an integer. */
    public OptionalLong longValue(Tag tag) {
        List<String> s = strings(tag);
        if (s.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            String v = s.get(0);
            return OptionalLong.of(Long.parseLong(v.startsWith("+") ? v.substring(1) : v));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** All values as ints; values that are not integers are left out. */
    public int[] ints(Tag tag) {
        return strings(tag).stream().mapToLong(DicomObject::parseLongOrMin).filter(l -> l != Long.MIN_VALUE
                && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE).mapToInt(l -> (int) l).toArray();
    }

    /** The first value as a double (DS, IS, FL, FD and the integer VRs); empty if absent or not a number. */
    public OptionalDouble decimal(Tag tag) {
        String s = stringOrNull(tag.value());
        if (s == null) {
            return OptionalDouble.empty();
        }
        double d = parseDoubleOrNaN(s);
        return Double.isNaN(d) && !"NaN".equals(s) ? OptionalDouble.empty() : OptionalDouble.of(d);
    }

    /** All values as doubles; values that are not numbers are left out. */
    public double[] doubles(Tag tag) {
        return strings(tag).stream().mapToDouble(DicomObject::parseDoubleOrNaN).filter(d -> !Double.isNaN(d)).toArray();
    }

    /** The first value as a date (DA, or the date part of DT); empty if absent or invalid. */
    public Optional<LocalDate> date(Tag tag) {
        Optional<String> s = string(tag);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        return vr(tag).orElse(VR.DA) == VR.DT
                ? DicomDates.parseDateTime(s.get()).map(LocalDateTime::toLocalDate)
                : DicomDates.parseDate(s.get());
    }

    /** The first value as a time (TM); empty if absent or invalid. */
    public Optional<LocalTime> time(Tag tag) {
        return string(tag).flatMap(DicomDates::parseTime);
    }

    /** The first value as a date-time (DT; the UTC offset is not applied); empty if absent or invalid. */
    public Optional<LocalDateTime> dateTime(Tag tag) {
        return string(tag).flatMap(DicomDates::parseDateTime);
    }

    /**
     * The date-time made of a DA and a TM element, as in Study Date + Study Time; the time defaults
     * to midnight when absent. Empty if the date is absent or invalid.
     */
    public Optional<LocalDateTime> dateTime(Tag dateTag, Tag timeTag) {
        return date(dateTag).map(d -> d.atTime(time(timeTag).orElse(LocalTime.MIDNIGHT)));
    }

    /** The first value as a person name, with its component groups; empty if absent or empty. */
    public Optional<PersonName> personName(Tag tag) {
        return string(tag).map(PersonName::parse);
    }

    /** The items of a sequence; empty if absent, empty or not a sequence. */
    @SuppressWarnings("unchecked")
    public List<DicomObject> sequence(Tag tag) {
        int i = indexOf(tag.value());
        return i >= 0 && values[i] instanceof List ? (List<DicomObject>) values[i] : List.of();
    }

    /** The first item of a sequence, if any. */
    public Optional<DicomObject> item(Tag tag) {
        List<DicomObject> items = sequence(tag);
        return items.isEmpty() ? Optional.empty() : Optional.of(items.get(0));
    }

    /** The code triplet of the first item of a code sequence (e.g. Concept Name Code Sequence). */
    public Optional<Code> code(Tag sequenceTag) {
        List<DicomObject> items = sequence(sequenceTag);
        return items.isEmpty() ? Optional.empty() : Code.of(items.get(0));
    }

    /** The bulk data of the element, if it is held as {@link BulkData}. */
    public Optional<BulkData> bulkData(Tag tag) {
        int i = indexOf(tag.value());
        return i >= 0 && values[i] instanceof BulkData ? Optional.of((BulkData) values[i]) : Optional.empty();
    }

    /** The fragments of encapsulated pixel data, if the element holds them. */
    public Optional<Fragments> fragments(Tag tag) {
        int i = indexOf(tag.value());
        return i >= 0 && values[i] instanceof Fragments ? Optional.of((Fragments) values[i]) : Optional.empty();
    }

    /**
     * The tag of the element at a position, for walks that go by index rather than by
     * {@link #iterator()} (which makes a {@link DicomElement} per element).
     *
     * @param index 0 to {@link #size()} - 1, in tag order
     * @return the tag value, {@code ggggeeee}
     * @throws IndexOutOfBoundsException if there is no such position
     */
    public int tagAt(int index) {
        Objects.checkIndex(index, size);
        return tags[index];
    }

    /**
     * The VR of the element at a position.
     *
     * @param index 0 to {@link #size()} - 1, in tag order
     * @return the VR
     * @throws IndexOutOfBoundsException if there is no such position
     */
    public VR vrAt(int index) {
        Objects.checkIndex(index, size);
        return vrs[index];
    }

    /**
     * The element at a position, as {@link #iterator()} gives it.
     *
     * @param index 0 to {@link #size()} - 1, in tag order
     * @return the element
     * @throws IndexOutOfBoundsException if there is no such position
     */
    public DicomElement elementAt(int index) {
        Objects.checkIndex(index, size);
        return new DicomElement(this, index);
    }

    // ---- package-private access for DicomElement and Code ----

    Object valueAt(int i) {
        return values[i];
    }

    List<String> stringsAt(int i) {
        Object v = values[i];
        VR vr = vrs[i];
        if (v == null) {
            return List.of();
        }
        if (v instanceof String) {
            return splitText((String) v, vr);
        }
        if (v instanceof byte[]) {
            byte[] b = (byte[]) v;
            if (b.length == 0) {
                return List.of();
            }
            if (vr.isText()) {
                return charset.splitsOnBytes(vr) ? splitBytes(b, vr) : splitText(charset.decode(b, vr), vr);
            }
            if (vr.kind() == VR.Kind.BINARY) {
                return binaryStrings(b, vr);
            }
        }
        return List.of();
    }

    /** Eight bytes at a time, for {@link #indexOfBackslash}. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * The index of the first backslash in {@code b} from {@code from}, or its length. Reads eight
     * bytes at a time: a byte of {@code w ^ 0x5C...} is zero where {@code w} has a backslash, and
     * {@code (x - 0x01...) & ~x & 0x80...} marks the lowest such byte (the classic zero-byte test).
     */
    private static int indexOfBackslash(byte[] b, int from) {
        int k = from;
        for (; k + 8 <= b.length; k += 8) {
            long x = (long) LONGS.get(b, k) ^ BACKSLASHES;
            long zero = (x - ONES) & ~x & HIGHS;
            if (zero != 0) {
                return k + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        for (; k < b.length; k++) {
            if (b[k] == '\\') {
                return k;
            }
        }
        return b.length;
    }

    /**
     * The value in {@code b[start, end)} decoded, without trailing spaces and NULs and, for a
     * multi-valued VR other than UC, leading spaces: what {@link #splitText} makes of it, when the
     * character set {@link SpecificCharacterSet#splitsOnBytes splits on bytes}. Null when empty.
     */
    private String decodeTrimmed(byte[] b, int start, int end, VR vr) {
        while (end > start && (b[end - 1] == ' ' || b[end - 1] == 0)) {
            end--;
        }
        if (vr.isMultiValuedText() && vr != VR.UC) {
            while (start < end && b[start] == ' ') {
                start++;
            }
        }
        if (start == end) {
            return null;
        }
        if (vr == VR.CS) {
            String term = CommonTerms.of(b, start, end); // CS is ASCII, decoded byte for byte
            if (term != null) {
                return term;
            }
        }
        return charset.decode(b, start, end - start, vr);
    }

    /** {@link #splitText} of the decoded bytes, splitting and trimming before decoding each value. */
    private List<String> splitBytes(byte[] b, VR vr) {
        int first = vr.isMultiValuedText() ? indexOfBackslash(b, 0) : b.length;
        if (first == b.length) {
            String one = decodeTrimmed(b, 0, b.length, vr);
            return one == null ? List.of() : List.of(one);
        }
        List<String> out = new ArrayList<>(4);
        int start = 0;
        int end = first;
        while (true) {
            String part = decodeTrimmed(b, start, end, vr);
            out.add(part == null ? "" : part);
            if (end == b.length) {
                break;
            }
            start = end + 1;
            end = indexOfBackslash(b, start);
        }
        return List.copyOf(out);
    }

    private static List<String> splitText(String s, VR vr) {
        if (s.isEmpty()) {
            return List.of();
        }
        if (!vr.isMultiValuedText()) {
            String t = trimTrailing(s);
            return t.isEmpty() ? List.of() : List.of(t);
        }
        boolean leading = vr != VR.UC;
        if (s.indexOf('\\') < 0) {
            String t = trimTrailing(s);
            String one = leading ? stripLeadingSpaces(t) : t;
            return one.isEmpty() ? List.of() : List.of(one);
        }
        List<String> out = new ArrayList<>(2);
        int start = 0;
        for (int k = 0; k <= s.length(); k++) {
            if (k == s.length() || s.charAt(k) == '\\') {
                String part = trimTrailing(s.substring(start, k));
                out.add(leading ? stripLeadingSpaces(part) : part);
                start = k + 1;
            }
        }
        if (out.size() == 1 && out.get(0).isEmpty()) {
            return List.of();
        }
        return List.copyOf(out);
    }

    private static String trimTrailing(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String stripLeadingSpaces(String s) {
        int start = 0;
        while (start < s.length() && s.charAt(start) == ' ') {
            start++;
        }
        return s.substring(start);
    }

    private static List<String> binaryStrings(byte[] b, VR vr) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int unit = vr.unitSize();
        int n = b.length / unit;
        List<String> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int p = k * unit;
            switch (vr) {
                case US: out.add(Integer.toString(buf.getShort(p) & 0xFFFF)); break;
                case SS: out.add(Short.toString(buf.getShort(p))); break;
                case UL: out.add(Long.toString(buf.getInt(p) & 0xFFFFFFFFL)); break;
                case SL: out.add(Integer.toString(buf.getInt(p))); break;
                case SV: out.add(Long.toString(buf.getLong(p))); break;
                case UV: out.add(Long.toUnsignedString(buf.getLong(p))); break;
                case FL: out.add(Float.toString(buf.getFloat(p))); break;
                case FD: out.add(Double.toString(buf.getDouble(p))); break;
                case AT: {
                    int g = buf.getShort(p) & 0xFFFF;
                    int e = buf.getShort(p + 2) & 0xFFFF;
                    out.add(String.format(Locale.ROOT, "%04X%04X", g, e));
                    break;
                }
                default: break;
            }
        }
        return out;
    }

    private static long parseLongOrMin(String v) {
        try {
            return Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    private static double parseDoubleOrNaN(String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private int indexOf(int tag) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Integer.compareUnsigned(tags[mid], tag);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /**
     * Structural equality: same tags and VRs, and equal values. Text compares as decoded, trimmed
     * values (so a value read from a file equals the same value set from a Java string); binary
     * and bulk values compare byte by byte; sequences item by item.
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DicomObject)) {
            return false;
        }
        DicomObject other = (DicomObject) o;
        if (size != other.size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (tags[i] != other.tags[i] || vrs[i] != other.vrs[i] || !valueEquals(i, other)) {
                return false;
            }
        }
        return true;
    }

    private boolean valueEquals(int i, DicomObject other) {
        Object a = values[i];
        Object b = other.values[i];
        if (isEmptyValue(a) || isEmptyValue(b)) {
            return isEmptyValue(a) && isEmptyValue(b);
        }
        if (vrs[i].isText()) {
            return stringsAt(i).equals(other.stringsAt(i));
        }
        if (a instanceof byte[] && b instanceof byte[]) {
            return Arrays.equals((byte[]) a, (byte[]) b);
        }
        if ((a instanceof byte[] || a instanceof BulkData) && (b instanceof byte[] || b instanceof BulkData)) {
            BulkData x = a instanceof byte[] ? BulkData.adopt((byte[]) a) : (BulkData) a;
            BulkData y = b instanceof byte[] ? BulkData.adopt((byte[]) b) : (BulkData) b;
            return x.equals(y);
        }
        return Objects.equals(a, b);
    }

    private static boolean isEmptyValue(Object v) {
        return v == null || v instanceof byte[] && ((byte[]) v).length == 0 || v instanceof String && ((String) v).isEmpty()
                || v instanceof List && ((List<?>) v).isEmpty();
    }

    @Override
    public int hashCode() {
        int h = size;
        for (int i = 0; i < size; i++) {
            h = 31 * h + tags[i];
            h = 31 * h + vrs[i].ordinal();
        }
        return h;
    }

    /** Counts only: values are never shown, they may be patient data. */
    @Override
    public String toString() {
        return "DicomObject[" + size + " elements]";
    }

    /**
     * Builds a {@link DicomObject}. Not thread-safe. Setting a tag that is already present replaces
     * it. Appending in ascending tag order (as codecs do) costs O(1) per element.
     */
    public static final class Builder {

        private int[] tags;
        private VR[] vrs;
        private Object[] values;
        private int size;
        private SpecificCharacterSet inheritedCharset = SpecificCharacterSet.DEFAULT;

        private Builder() {
            this(16);
        }

        private Builder(int capacity) {
            tags = new int[capacity];
            vrs = new VR[capacity];
            values = new Object[capacity];
        }

        /**
         * The character set inherited from the enclosing data set, used when this object has no
         * (0008,0005) of its own. Codecs pass the parent's when they build items.
         */
        public Builder inheritCharacterSet(SpecificCharacterSet charset) {
            this.inheritedCharset = Objects.requireNonNull(charset, "charset");
            return this;
        }

        /**
         * Sets a text value from Java strings, joined with backslashes. {@code vr} must be a text
         * VR. No value, or one null, gives an empty (zero-length) element.
         */
        public Builder set(Tag tag, VR vr, String... values) {
            requireKind(tag, vr, VR.Kind.TEXT, "set(Tag, VR, String...)");
            if (values.length == 0 || values.length == 1 && values[0] == null) {
                return put(tag.value(), vr, null);
            }
            for (String v : values) {
                Objects.requireNonNull(v, "value");
                if (vr.isMultiValuedText() && v.indexOf('\\') >= 0) {
                    throw new IllegalArgumentException(Tag.toString(tag.value()) + " " + vr
                            + ": a single value may not contain a backslash; pass values separately");
                }
            }
            return put(tag.value(), vr, String.join("\\", values));
        }

        /** Sets a text value with the dictionary's VR for the tag. */
        public Builder set(Tag tag, String... values) {
            return set(tag, dictionaryVr(tag), values);
        }

        /** Sets integers: US, SS, UL, SL, SV, UV are encoded little endian, IS as text. */
        public Builder setInts(Tag tag, VR vr, long... values) {
            if (vr == VR.IS) {
                String[] s = new String[values.length];
                for (int k = 0; k < values.length; k++) {
                    s[k] = Long.toString(values[k]);
                }
                return set(tag, vr, s);
            }
            requireKind(tag, vr, VR.Kind.BINARY, "setInts");
            if (vr == VR.FL || vr == VR.FD || vr == VR.AT) {
                throw new IllegalArgumentException(Tag.toString(tag.value()) + ": setInts does not take " + vr);
            }
            ByteBuffer buf = ByteBuffer.allocate(values.length * vr.unitSize()).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : values) {
                switch (vr.unitSize()) {
                    case 2: buf.putShort((short) v); break;
                    case 4: buf.putInt((int) v); break;
                    default: buf.putLong(v); break;
                }
            }
            return put(tag.value(), vr, buf.array());
        }

        /** Sets decimals: FL and FD encoded little endian, DS as text (shortest exact form). */
        public Builder setDoubles(Tag tag, VR vr, double... values) {
            if (vr == VR.DS) {
                String[] s = new String[values.length];
                for (int k = 0; k < values.length; k++) {
                    s[k] = formatDs(values[k]);
                }
                return set(tag, vr, s);
            }
            if (vr != VR.FL && vr != VR.FD) {
                throw new IllegalArgumentException(Tag.toString(tag.value()) + ": setDoubles takes FL, FD or DS, not " + vr);
            }
            ByteBuffer buf = ByteBuffer.allocate(values.length * vr.unitSize()).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : values) {
                if (vr == VR.FL) {
                    buf.putFloat((float) v);
                } else {
                    buf.putDouble(v);
                }
            }
            return put(tag.value(), vr, buf.array());
        }

        /** Sets AT values (tags). */
        public Builder setTags(Tag tag, Tag... values) {
            ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (Tag t : values) {
                buf.putShort((short) t.group()).putShort((short) t.element());
            }
            return put(tag.value(), VR.AT, buf.array());
        }

        /**
         * Sets a raw value: text in this object's character set, binary numbers little endian.
         * The array is copied.
         */
        public Builder setBytes(Tag tag, VR vr, byte[] value) {
            return adoptBytes(tag.value(), vr, value.clone());
        }

        /**
         * Sets a raw value without copying it: the builder takes the array and the caller must not
         * change it afterwards. For codecs that have just read the bytes.
         */
        public Builder adoptBytes(int tag, VR vr, byte[] value) {
            Objects.requireNonNull(vr, "vr");
            if (vr == VR.SQ) {
                throw new IllegalArgumentException(Tag.toString(tag) + ": a sequence takes items, not bytes");
            }
            return put(tag, vr, value);
        }

        /** Sets a sequence; the list is copied. */
        public Builder setSequence(Tag tag, List<DicomObject> items) {
            return put(tag.value(), VR.SQ, List.copyOf(items));
        }

        /** {@link #setSequence(Tag, List)} for a raw tag value. */
        public Builder setSequence(int tag, List<DicomObject> items) {
            return put(tag, VR.SQ, List.copyOf(items));
        }

        /** Sets a bulk value (pixel data, large OB/OW/UN...). */
        public Builder setBulkData(int tag, VR vr, BulkData data) {
            Objects.requireNonNull(data, "data");
            if (vr.isText() || vr == VR.SQ) {
                throw new IllegalArgumentException(Tag.toString(tag) + ": bulk data cannot have VR " + vr);
            }
            return put(tag, vr, data);
        }

        /** {@link #setBulkData(int, VR, BulkData)} with a {@link Tag}. */
        public Builder setBulkData(Tag tag, VR vr, BulkData data) {
            return setBulkData(tag.value(), vr, data);
        }

        /** Sets encapsulated pixel data. */
        public Builder setFragments(int tag, VR vr, Fragments fragments) {
            Objects.requireNonNull(fragments, "fragments");
            return put(tag, vr, fragments);
        }

        /** Sets an element with a zero-length value. */
        public Builder setEmpty(Tag tag, VR vr) {
            return put(tag.value(), vr, vr == VR.SQ ? List.of() : null);
        }

        /** {@link #setEmpty(Tag, VR)} for a raw tag value. */
        public Builder setEmpty(int tag, VR vr) {
            return put(tag, vr, vr == VR.SQ ? List.of() : null);
        }

        /**
         * Copies an element from another object as it is held there (raw bytes stay raw). When the
         * two objects use different character sets, decode and {@link #set(Tag, VR, String...)}.
         */
        public Builder set(DicomElement element) {
            return put(element.tagValue(), element.vr(), element.rawValue());
        }

        /**
         * {@link #set(DicomElement)} of the element at a position of {@code source}, without making
         * a {@link DicomElement} for it.
         *
         * @param source the object to copy from
         * @param index 0 to {@code source.size() - 1}
         * @return this builder
         * @throws IndexOutOfBoundsException if {@code source} has no such position
         */
        public Builder set(DicomObject source, int index) {
            Objects.checkIndex(index, source.size);
            return put(source.tags[index], source.vrs[index], source.values[index]);
        }

        /** Removes the element if present. */
        public Builder remove(Tag tag) {
            int i = indexOf(tag.value());
            if (i >= 0) {
                System.arraycopy(tags, i + 1, tags, i, size - i - 1);
                System.arraycopy(vrs, i + 1, vrs, i, size - i - 1);
                System.arraycopy(values, i + 1, values, i, size - i - 1);
                size--;
                values[size] = null;
                vrs[size] = null;
            }
            return this;
        }

        /** True if the element is present. */
        public boolean contains(Tag tag) {
            return indexOf(tag.value()) >= 0;
        }

        /** The number of elements set so far. */
        public int size() {
            return size;
        }

        /** Builds the immutable object; the builder can go on being used. */
        public DicomObject build() {
            SpecificCharacterSet cs = inheritedCharset;
            int i = indexOf(Tag.SpecificCharacterSet.value());
            if (i >= 0 && values[i] != null) {
                List<String> terms = new ArrayList<>();
                Object v = values[i];
                String text = v instanceof String ? (String) v : new String((byte[]) v, StandardCharsets.ISO_8859_1);
                for (String t : text.split("\\\\", -1)) {
                    terms.add(t.strip());
                }
                cs = SpecificCharacterSet.of(terms);
            }
            return new DicomObject(Arrays.copyOf(tags, size), Arrays.copyOf(vrs, size), Arrays.copyOf(values, size),
                    size, cs);
        }

        private Builder put(int tag, VR vr, Object value) {
            Objects.requireNonNull(vr, "vr");
            if (size > 0 && Integer.compareUnsigned(tags[size - 1], tag) < 0) {
                append(tag, vr, value);
                return this;
            }
            int i = indexOf(tag);
            if (i >= 0) {
                vrs[i] = vr;
                values[i] = value;
                return this;
            }
            int at = -(i + 1);
            grow();
            System.arraycopy(tags, at, tags, at + 1, size - at);
            System.arraycopy(vrs, at, vrs, at + 1, size - at);
            System.arraycopy(values, at, values, at + 1, size - at);
            tags[at] = tag;
            vrs[at] = vr;
            values[at] = value;
            size++;
            return this;
        }

        private void append(int tag, VR vr, Object value) {
            grow();
            tags[size] = tag;
            vrs[size] = vr;
            values[size] = value;
            size++;
        }

        private void grow() {
            if (size == tags.length) {
                int n = Math.max(16, size * 2);
                tags = Arrays.copyOf(tags, n);
                vrs = Arrays.copyOf(vrs, n);
                values = Arrays.copyOf(values, n);
            }
        }

        private int indexOf(int tag) {
            int lo = 0;
            int hi = size - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = Integer.compareUnsigned(tags[mid], tag);
                if (c < 0) {
                    lo = mid + 1;
                } else if (c > 0) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return -(lo + 1);
        }

        private static VR dictionaryVr(Tag tag) {
            ElementInfo info = ElementDictionary.standard().lookup(tag.value());
            if (info == null || info.vrs().isEmpty()) {
                throw new IllegalArgumentException(Tag.toString(tag.value())
                        + " is not in the dictionary: give its VR explicitly");
            }
            if (info.isMultiVr()) {
                throw new IllegalArgumentException(Tag.toString(tag.value()) + " may be " + info.vrs()
                        + ": give its VR explicitly");
            }
            return info.defaultVr();
        }

        private static void requireKind(Tag tag, VR vr, VR.Kind kind, String method) {
            Objects.requireNonNull(vr, "vr");
            if (vr.kind() != kind) {
                throw new IllegalArgumentException(Tag.toString(tag.value()) + ": " + method + " takes a "
                        + kind.name().toLowerCase(Locale.ROOT) + " VR, not " + vr);
            }
        }

        private static String formatDs(double v) {
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                return Long.toString((long) v);
            }
            String s = Double.toString(v);
            return s.length() <= 16 ? s : String.format(Locale.ROOT, "%.10g", v).strip();
        }
    }
}
