/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.data.BulkData;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Fragments;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;

/**
 * Writes a {@link DicomObject} in the DICOM JSON Model (PS3.18 Annex F, media type
 * {@code application/dicom+json}). Immutable and thread-safe; built with {@link #builder()}.
 *
 * <p>The output follows PS3.18 F.2:
 * <ul>
 *   <li>a data set is an object whose member names are the tags as eight upper-case hex digits
 *       {@code GGGGEEEE}, in tag order, each an object with {@code "vr"} and, unless the value is
 *       empty, {@code "Value"}, {@code "InlineBinary"} or {@code "BulkDataURI"} (F.2.2, F.2.5);
 *   <li>text is decoded with the data set's Specific Character Set (items inherit it), so the
 *       JSON holds Unicode whatever the encoding was; multi-valued text is split at backslashes
 *       (not LT, ST, UT, UR) and an empty value among others is {@code null} (F.2.5);
 *   <li>PN values are objects with the non-empty component groups {@code "Alphabetic"},
 *       {@code "Ideographic"} and {@code "Phonetic"}; an empty PN value is {@code {}} (F.2.2);
 *   <li>DS and IS values are JSON numbers, written with the digits of the DICOM string (so
 *       {@code "1.50"} stays {@code 1.50}; a leading '+', leading zeros and surrounding spaces are
 *       dropped). A value that is not a decimal number at all is written as a JSON string instead of
 *       failing, as F.2.3.1 allows;
 *   <li>FL, FD, SS, US, SL, UL, SV and UV values are JSON numbers; UV above {@link Long#MAX_VALUE}
 *       is written as its unsigned decimal, and SV/UV values beyond 2<sup>53</sup> are written as
 *       exact numbers even though JavaScript cannot hold them exactly. NaN and the infinities, which
 *       JSON numbers cannot express, are written as the strings {@code "NaN"},
 *       {@code "Infinity"} and {@code "-Infinity"};
 *   <li>AT values are {@code "GGGGEEEE"} strings;
 *   <li>SQ values are arrays of data set objects, an empty item being {@code {}};
 *   <li>OB, OD, OF, OL, OV, OW and UN values are bulk values, treated as {@link BulkDataMode} says;
 *       inline they are the base64 of the little endian value field (F.2.7). Encapsulated pixel
 *       data is the base64 of its value field as encoded: each item with its (FFFE,E000) tag and
 *       length, then the sequence delimiter.
 * </ul>
 * Group length elements (gggg,0000) are left out, as F.2.2 says: their values describe one binary
 * encoding and mean nothing in JSON. Private elements are written like any other.
 *
 * <p>JSON strings escape '"', '\' and the control characters below U+0020 (as {@code \}{@code u00XX})
 * and unpaired surrogates; all other characters, non-ASCII included, are written as themselves,
 * so the output must be stored as UTF-8 (the only encoding {@code application/dicom+json} allows).
 *
 * <p>Binary numbers whose value length is not a multiple of the VR's size (a malformed element)
 * make {@link #write} throw {@link IllegalArgumentException} naming the tag and VR, rather than
 * dropping bytes.
 */
public final class DicomJsonWriter {

    /** Sequences nested deeper than this are refused (a data set read from a file has at most 64). */
    public static final int MAX_DEPTH = 512;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final int ITEM_TAG = 0xFFFEE000;
    private static final int SEQUENCE_DELIMITER_TAG = 0xFFFEE0DD;

    private final BulkDataMode bulkDataMode;
    private final long inlineThreshold;
    private final boolean pretty;
    private final Function<BulkDataRef, String> uriFunction;

    private DicomJsonWriter(Builder b) {
        this.bulkDataMode = b.bulkDataMode;
        this.inlineThreshold = b.inlineThreshold;
        this.pretty = b.pretty;
        this.uriFunction = b.uriFunction;
    }

    /**
     * A builder with the defaults: bulk values inline, no inline threshold, compact output.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The bulk data mode.
     *
     * @return what is done with bulk values above the inline threshold
     */
    public BulkDataMode bulkDataMode() {
        return bulkDataMode;
    }

    /**
     * The inline threshold.
     *
     * @return the length in bytes up to which bulk values are always written inline, or -1 if none
     */
    public long inlineThreshold() {
        return inlineThreshold;
    }

    /**
     * Whether the output is indented.
     *
     * @return true for indented output on several lines, false for one line
     */
    public boolean pretty() {
        return pretty;
    }

    /**
     * Writes a data set as one JSON object.
     *
     * @param ds the data set; not null
     * @param out where the JSON text goes; store it as UTF-8
     * @throws IOException if {@code out} fails, or the file of a file-referenced bulk value that
     *     must be written inline cannot be read
     * @throws IllegalArgumentException if an element is malformed (binary numbers whose length is
     *     not a multiple of the VR's size) or sequences are nested deeper than {@link #MAX_DEPTH}
     */
    public void write(DicomObject ds, Appendable out) throws IOException {
        Objects.requireNonNull(ds, "ds");
        Objects.requireNonNull(out, "out");
        new Run(new JsonOut(out, pretty)).dataset(ds, 0);
    }

    /**
     * The JSON text of a data set, as {@link #write(DicomObject, Appendable)} writes it.
     *
     * @param ds the data set; not null
     * @return the JSON text
     * @throws UncheckedIOException if the file of a file-referenced bulk value that must be written
     *     inline cannot be read
     * @throws IllegalArgumentException as {@link #write(DicomObject, Appendable)}
     */
    public String toJson(DicomObject ds) {
        StringBuilder sb = new StringBuilder(256);
        try {
            write(ds, sb);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read bulk data to write it inline", e);
        }
        return sb.toString();
    }

    /**
     * The settings, without the URI function.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "DicomJsonWriter[bulkData=" + bulkDataMode + ", inlineThreshold=" + inlineThreshold + ", pretty="
                + pretty + ", uriFunction=" + (uriFunction != null) + "]";
    }

    /** One call of {@link #write}: the path to the current item, for {@link BulkDataRef}. */
    private final class Run {

        private final JsonOut j;
        private final List<BulkDataRef.Step> path = new ArrayList<>();

        Run(JsonOut j) {
            this.j = j;
        }

        void dataset(DicomObject ds, int depth) throws IOException {
            if (depth > MAX_DEPTH) {
                throw new IllegalArgumentException("Sequences are nested deeper than " + MAX_DEPTH + " levels");
            }
            j.beginObject();
            for (DicomElement e : ds) {
                if ((e.tagValue() & 0xFFFF) == 0) {
                    continue; // group length: PS3.18 F.2.2 leaves it out
                }
                j.name(hex8(e.tagValue()));
                attribute(e, depth);
            }
            j.endObject();
        }

        private void attribute(DicomElement e, int depth) throws IOException {
            VR vr = e.vr();
            j.beginObject();
            j.name("vr");
            j.string(vr.name());
            switch (e.kind()) {
                case EMPTY:
                    break;
                case ITEMS:
                    items(e, depth);
                    break;
                case FRAGMENTS:
                    bulk(e);
                    break;
                default:
                    if (vr.kind() == VR.Kind.TEXT) {
                        text(e);
                    } else if (vr.kind() == VR.Kind.BINARY) {
                        numbers(e);
                    } else if (vr.kind() == VR.Kind.BULK) {
                        bulk(e);
                    }
                    break;
            }
            j.endObject();
        }

        private void items(DicomElement e, int depth) throws IOException {
            List<DicomObject> items = e.items();
            if (items.isEmpty()) {
                return;
            }
            j.name("Value");
            j.beginArray();
            for (int k = 0; k < items.size(); k++) {
                path.add(new BulkDataRef.Step(e.tag(), k));
                dataset(items.get(k), depth + 1);
                path.remove(path.size() - 1);
            }
            j.endArray();
        }

        private void text(DicomElement e) throws IOException {
            List<String> values = e.strings();
            if (values.isEmpty()) {
                return;
            }
            VR vr = e.vr();
            j.name("Value");
            j.beginArray();
            for (String v : values) {
                if (vr == VR.PN) {
                    personName(v);
                } else if (v.isEmpty()) {
                    j.nullValue();
                } else if (vr == VR.DS || vr == VR.IS) {
                    String literal = JsonNumbers.literal(v);
                    if (literal != null) {
                        j.number(literal);
                    } else {
                        j.string(v);
                    }
                } else {
                    j.string(v);
                }
            }
            j.endArray();
        }

        private void personName(String value) throws IOException {
            j.beginObject();
            if (!value.isEmpty()) {
                String[] groups = value.split("=", 3);
                String[] names = {"Alphabetic", "Ideographic", "Phonetic"};
                for (int g = 0; g < groups.length; g++) {
                    if (!groups[g].isEmpty()) {
                        j.name(names[g]);
                        j.string(groups[g]);
                    }
                }
            }
            j.endObject();
        }

        private void numbers(DicomElement e) throws IOException {
            ByteBuffer buf = binaryValue(e);
            VR vr = e.vr();
            int unit = vr.unitSize();
            if (buf.remaining() % unit != 0) {
                throw new IllegalArgumentException(Tag.toString(e.tagValue()) + " " + vr + " value has "
                        + buf.remaining() + " bytes, not a multiple of " + unit);
            }
            if (!buf.hasRemaining()) {
                return;
            }
            j.name("Value");
            j.beginArray();
            while (buf.hasRemaining()) {
                switch (vr) {
                    case US: j.number(Integer.toString(buf.getShort() & 0xFFFF)); break;
                    case SS: j.number(Short.toString(buf.getShort())); break;
                    case UL: j.number(Long.toString(buf.getInt() & 0xFFFFFFFFL)); break;
                    case SL: j.number(Integer.toString(buf.getInt())); break;
                    case SV: j.number(Long.toString(buf.getLong())); break;
                    case UV: j.number(Long.toUnsignedString(buf.getLong())); break;
                    case FL: {
                        float f = buf.getFloat();
                        if (Float.isFinite(f)) {
                            j.number(Float.toString(f));
                        } else {
                            j.string(Float.toString(f));
                        }
                        break;
                    }
                    case FD: {
                        double d = buf.getDouble();
                        if (Double.isFinite(d)) {
                            j.number(Double.toString(d));
                        } else {
                            j.string(Double.toString(d));
                        }
                        break;
                    }
                    case AT: {
                        int group = buf.getShort() & 0xFFFF;
                        int element = buf.getShort() & 0xFFFF;
                        j.string(hex8(group << 16 | element));
                        break;
                    }
                    default:
                        throw new IllegalStateException("not a binary VR: " + vr);
                }
            }
            j.endArray();
        }

        private ByteBuffer binaryValue(DicomElement e) throws IOException {
            Optional<ByteBuffer> bytes = e.bytes();
            if (bytes.isPresent()) {
                return bytes.get().order(ByteOrder.LITTLE_ENDIAN);
            }
            BulkData bulk = e.bulkData().orElseThrow();
            return ByteBuffer.wrap(bulk.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        }

        private void bulk(DicomElement e) throws IOException {
            long length = valueFieldLength(e);
            boolean inline = length <= inlineThreshold;
            if (!inline && bulkDataMode == BulkDataMode.OMIT) {
                return;
            }
            if (!inline && bulkDataMode == BulkDataMode.URI) {
                String uri = uriFunction != null ? uriFunction.apply(new BulkDataRef(path, e, length)) : fileUri(e);
                if (uri != null) {
                    j.name("BulkDataURI");
                    j.string(uri);
                    return;
                }
            }
            j.name("InlineBinary");
            j.beginRawString();
            OutputStream b64 = Base64.getEncoder().wrap(new AsciiOut(j.appendable()));
            Optional<Fragments> fragments = e.fragments();
            if (fragments.isPresent()) {
                byte[] header = new byte[8];
                for (BulkData item : fragments.get().items()) {
                    b64.write(itemHeader(header, ITEM_TAG, item.length()));
                    copy(item, b64);
                }
                b64.write(itemHeader(header, SEQUENCE_DELIMITER_TAG, 0));
            } else if (e.bulkData().isPresent()) {
                copy(e.bulkData().get(), b64);
            } else {
                copy(e.bytes().orElseThrow(), b64);
            }
            b64.close();
            j.endRawString();
        }

        private long valueFieldLength(DicomElement e) {
            if (e.fragments().isPresent()) {
                long n = 8;
                for (BulkData item : e.fragments().get().items()) {
                    n += 8 + item.length();
                }
                return n;
            }
            if (e.bulkData().isPresent()) {
                return e.bulkData().get().length();
            }
            return e.bytes().map(ByteBuffer::remaining).orElse(0);
        }

        /** {@code file:///path?offset=N&length=M} for a little endian file reference, else null. */
        private String fileUri(DicomElement e) {
            Optional<BulkData> bulk = e.bulkData();
            if (bulk.isEmpty() || bulk.get().file().isEmpty()
                    || bulk.get().bigEndian() && e.vr().unitSize() > 1) {
                return null;
            }
            Path file = bulk.get().file().get().toAbsolutePath();
            return file.toUri().toString() + "?offset=" + bulk.get().offset() + "&length=" + bulk.get().length();
        }
    }

    private static byte[] itemHeader(byte[] header, int tag, long length) {
        ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) (tag >>> 16)).putShort((short) tag).putInt((int) length);
        return header;
    }

    private static void copy(BulkData data, OutputStream out) throws IOException {
        Optional<ByteBuffer> mem = data.inMemory();
        if (mem.isPresent()) {
            copy(mem.get(), out);
        } else {
            out.write(data.bytes());
        }
    }

    private static void copy(ByteBuffer src, OutputStream out) throws IOException {
        ByteBuffer b = src.duplicate();
        byte[] chunk = new byte[Math.min(b.remaining(), 8192)];
        while (b.hasRemaining()) {
            int n = Math.min(chunk.length, b.remaining());
            b.get(chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }

    static String hex8(int tag) {
        char[] c = new char[8];
        for (int k = 7; k >= 0; k--) {
            c[k] = HEX[tag & 0xF];
            tag >>>= 4;
        }
        return new String(c);
    }

    /** Bytes that are ASCII (base64) written as chars to an Appendable. */
    private static final class AsciiOut extends OutputStream {

        private final Appendable out;

        AsciiOut(Appendable out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.append((char) (b & 0xFF));
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.append(new String(b, off, len, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void close() {
            // the Appendable belongs to the caller
        }
    }

    /** Writes JSON tokens with the separators and, when pretty, the indentation. */
    private static final class JsonOut {

        private final Appendable out;
        private final boolean pretty;
        /** For each open object or array: true until its first member or item is written. */
        private boolean[] first = new boolean[16];
        private int depth;
        private boolean afterName;

        JsonOut(Appendable out, boolean pretty) {
            this.out = out;
            this.pretty = pretty;
        }

        Appendable appendable() {
            return out;
        }

        void beginObject() throws IOException {
            open('{');
        }

        void endObject() throws IOException {
            close('}');
        }

        void beginArray() throws IOException {
            open('[');
        }

        void endArray() throws IOException {
            close(']');
        }

        void name(String name) throws IOException {
            separator();
            quoted(name);
            out.append(pretty ? ": " : ":");
            afterName = true;
        }

        void string(String s) throws IOException {
            separator();
            quoted(s);
        }

        void number(String literal) throws IOException {
            separator();
            out.append(literal);
        }

        void nullValue() throws IOException {
            separator();
            out.append("null");
        }

        /** Opens a string whose content the caller appends unescaped (base64). */
        void beginRawString() throws IOException {
            separator();
            out.append('"');
        }

        void endRawString() throws IOException {
            out.append('"');
        }

        private void open(char c) throws IOException {
            separator();
            out.append(c);
            if (depth == first.length) {
                first = Arrays.copyOf(first, depth * 2);
            }
            first[depth++] = true;
        }

        private void close(char c) throws IOException {
            boolean empty = first[--depth];
            if (!empty && pretty) {
                newline();
            }
            out.append(c);
        }

        private void separator() throws IOException {
            if (afterName) {
                afterName = false;
                return;
            }
            if (depth == 0) {
                return;
            }
            if (first[depth - 1]) {
                first[depth - 1] = false;
            } else {
                out.append(',');
            }
            if (pretty) {
                newline();
            }
        }

        private void newline() throws IOException {
            out.append('\n');
            for (int k = 0; k < depth; k++) {
                out.append("  ");
            }
        }

        private void quoted(String s) throws IOException {
            out.append('"');
            int start = 0;
            int n = s.length();
            for (int k = 0; k < n; k++) {
                char c = s.charAt(k);
                String escape = null;
                if (c == '"') {
                    escape = "\\\"";
                } else if (c == '\\') {
                    escape = "\\\\";
                } else if (c < 0x20 || Character.isSurrogate(c) && !pairedSurrogate(s, k)) {
                    escape = "\\u" + HEX[c >>> 12] + HEX[c >>> 8 & 0xF] + HEX[c >>> 4 & 0xF] + HEX[c & 0xF];
                } else if (Character.isHighSurrogate(c)) {
                    k++; // a valid pair, written as it is
                    continue;
                }
                if (escape != null) {
                    out.append(s, start, k).append(escape);
                    start = k + 1;
                }
            }
            out.append(s, start, n).append('"');
        }

        private static boolean pairedSurrogate(String s, int k) {
            char c = s.charAt(k);
            if (Character.isHighSurrogate(c)) {
                return k + 1 < s.length() && Character.isLowSurrogate(s.charAt(k + 1));
            }
            return k > 0 && Character.isHighSurrogate(s.charAt(k - 1));
        }
    }

    /**
     * Builds a {@link DicomJsonWriter}. Each setting is checked when it is set; {@link #build()}
     * checks the combination.
     */
    public static final class Builder {

        private BulkDataMode bulkDataMode = BulkDataMode.INLINE_BINARY;
        private long inlineThreshold = -1;
        private boolean pretty;
        private Function<BulkDataRef, String> uriFunction;

        private Builder() {
        }

        /**
         * What to do with bulk values (default {@link BulkDataMode#INLINE_BINARY}).
         *
         * @param mode the mode; not null
         * @return this builder
         */
        public Builder bulkData(BulkDataMode mode) {
            this.bulkDataMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Bulk values of at most this many bytes (the length of the value field: the bytes of an
         * OB/OW/UN... value, or of encapsulated pixel data with its item headers) are always written
         * inline, whatever the {@linkplain #bulkData(BulkDataMode) mode}. By default there is no
         * threshold and every bulk value is treated as the mode says.
         *
         * @param bytes the threshold in bytes, at least 0
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is negative
         */
        public Builder inlineThreshold(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("inlineThreshold must be >= 0 bytes, got " + bytes);
            }
            this.inlineThreshold = bytes;
            return this;
        }

        /**
         * Whether to indent the output, two spaces a level, one member or item a line (default
         * false: everything on one line).
         *
         * @param pretty true for indented output
         * @return this builder
         */
        public Builder pretty(boolean pretty) {
            this.pretty = pretty;
            return this;
        }

        /**
         * In {@link BulkDataMode#URI} mode, the function that names the {@code "BulkDataURI"} of a
         * bulk value, e.g. a WADO-RS bulk data URL built from the instance's UIDs and
         * {@link BulkDataRef#path()}. It may return null to have that value written inline. Without
         * a function, a value that is a file reference gets a {@code file:///path?offset=N&length=M}
         * URI and any other value is written inline.
         *
         * @param function the URI function; not null
         * @return this builder
         */
        public Builder bulkDataUris(Function<BulkDataRef, String> function) {
            this.uriFunction = Objects.requireNonNull(function, "function");
            return this;
        }

        /**
         * The writer.
         *
         * @return a new immutable writer with these settings
         * @throws I4dwConfigurationException if a URI function is set but the mode is not
         *     {@link BulkDataMode#URI}
         */
        public DicomJsonWriter build() {
            if (uriFunction != null && bulkDataMode != BulkDataMode.URI) {
                throw new I4dwConfigurationException("bulkDataUris(...) is set but bulkData is " + bulkDataMode
                        + "; the URI function is used only with BulkDataMode.URI");
            }
            return new DicomJsonWriter(this);
        }
    }
}
