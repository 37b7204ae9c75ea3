/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.json;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.i4dw.api.DicomParseException;
import org.i4dw.data.BulkData;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Fragments;
import org.i4dw.data.SpecificCharacterSet;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.dicom.json.JsonParser.JArray;
import org.i4dw.dicom.json.JsonParser.JLiteral;
import org.i4dw.dicom.json.JsonParser.JNumber;
import org.i4dw.dicom.json.JsonParser.JObject;
import org.i4dw.dicom.json.JsonParser.JString;
import org.i4dw.dicom.json.JsonParser.Member;
import org.i4dw.dicom.json.JsonParser.Node;

/**
 * Reads the DICOM JSON Model (PS3.18 Annex F) into a {@link DicomObject}.
 *
 * <p>Values are set as {@link DicomObject.Builder} sets them from Java: text (including PN,
 * reassembled from its component groups with '=') as strings, so no character set encoding is
 * involved and (0008,0005), when present, only tells later encoders what to use; DS values as the
 * JSON number's literal text, so {@code 0.50} stays {@code "0.50"}; IS, SS, US, SL, UL, SV and UV
 * values as integers (a JSON number or a numeric string, checked against the VR's range); FL and FD
 * as numbers or the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}; AT as
 * {@code "GGGGEEEE"}; SQ items as nested objects that inherit the enclosing data set's character
 * set; {@code "InlineBinary"} as the decoded little endian bytes. An {@code "InlineBinary"} of
 * (7FE0,0010) OB that is a complete encapsulated value field (items and sequence delimiter) becomes
 * {@link Fragments}, the way {@link DicomJsonWriter} writes encapsulated pixel data. A JSON
 * {@code null} among text values is an empty value; an attribute without a value is an empty
 * element.
 *
 * <p>A {@code "BulkDataURI"} is not followed: the element is kept with an empty value and nothing
 * of the URI is recorded, unless the caller asks with {@link BulkDataUriPolicy#RESTORE_FILE_REFERENCES}
 * to restore the {@code file:} URIs that {@link DicomJsonWriter} writes for file references.
 *
 * <p>The reader is strict and treats its input as hostile. Malformed JSON, a member name that is not
 * a tag, an unknown VR or attribute member, a value of the wrong JSON type or out of the VR's range,
 * bad base64, duplicate attributes, JSON nested deeper than 256 levels, sequences nested deeper than
 * {@link #MAX_SEQUENCE_DEPTH} levels and number literals longer than 1024 characters are all a
 * {@link DicomParseException} with the source, the offset in characters from the start of the
 * input (reported where the exception says "byte"), the tag when known and the reason; messages
 * never quote values from the input. Recursion is bounded, so no input can overflow the stack.
 * Group order is not checked: attributes may come in any order.
 */
public final class DicomJsonReader {

    /** Sequences nested deeper than this are refused. */
    public static final int MAX_SEQUENCE_DEPTH = 64;

    private static final int PIXEL_DATA = 0x7FE00010;
    private static final int ITEM_TAG = 0xFFFEE000;
    private static final int SEQUENCE_DELIMITER_TAG = 0xFFFEE0DD;
    private static final Pattern FILE_QUERY = Pattern.compile("offset=(\\d{1,18})&length=(\\d{1,18})");
    private static final String[] PN_GROUPS = {"Alphabetic", "Ideographic", "Phonetic"};

    private final String source;
    private final BulkDataUriPolicy uriPolicy;

    private DicomJsonReader(String source, BulkDataUriPolicy uriPolicy) {
        this.source = source;
        this.uriPolicy = Objects.requireNonNull(uriPolicy, "uriPolicy");
    }

    /**
     * Reads one data set (a JSON object) from a reader, keeping bulk data URIs empty.
     *
     * @param in the JSON text; read to its end, not closed
     * @param source a name for the input in error messages (a file name or a safe label, never
     *     patient data); may be null
     * @return the data set
     * @throws DicomParseException if the input is not a valid DICOM JSON data set
     * @throws IOException if {@code in} fails
     */
    public static DicomObject read(Reader in, String source) throws IOException {
        return read(in, source, BulkDataUriPolicy.KEEP_EMPTY);
    }

    /**
     * Reads one data set (a JSON object) from a reader.
     *
     * @param in the JSON text; read to its end, not closed
     * @param source a name for the input in error messages; may be null
     * @param uriPolicy what to do with {@code "BulkDataURI"}s
     * @return the data set
     * @throws DicomParseException if the input is not a valid DICOM JSON data set
     * @throws IOException if {@code in} fails
     */
    public static DicomObject read(Reader in, String source, BulkDataUriPolicy uriPolicy) throws IOException {
        Objects.requireNonNull(in, "in");
        return new DicomJsonReader(source, uriPolicy).top(JsonParser.parse(in, source));
    }

    /**
     * Reads one data set (a JSON object) from a string, keeping bulk data URIs empty.
     *
     * @param json the JSON text
     * @param source a name for the input in error messages; may be null
     * @return the data set
     * @throws DicomParseException if the text is not a valid DICOM JSON data set
     */
    public static DicomObject read(String json, String source) {
        Objects.requireNonNull(json, "json");
        return new DicomJsonReader(source, BulkDataUriPolicy.KEEP_EMPTY).top(JsonParser.parse(json, source));
    }

    /**
     * Reads a JSON array of data sets, as a QIDO-RS response or the PS3.18 F.4 example holds,
     * keeping bulk data URIs empty.
     *
     * @param in the JSON text; read to its end, not closed
     * @param source a name for the input in error messages; may be null
     * @return the data sets in order, an immutable list
     * @throws DicomParseException if the input is not an array of valid DICOM JSON data sets
     * @throws IOException if {@code in} fails
     */
    public static List<DicomObject> readList(Reader in, String source) throws IOException {
        Objects.requireNonNull(in, "in");
        return new DicomJsonReader(source, BulkDataUriPolicy.KEEP_EMPTY).list(JsonParser.parse(in, source));
    }

    /**
     * {@link #readList(Reader, String)} of a string.
     *
     * @param json the JSON text
     * @param source a name for the input in error messages; may be null
     * @return the data sets in order, an immutable list
     * @throws DicomParseException if the text is not an array of valid DICOM JSON data sets
     */
    public static List<DicomObject> readList(String json, String source) {
        Objects.requireNonNull(json, "json");
        return new DicomJsonReader(source, BulkDataUriPolicy.KEEP_EMPTY).list(JsonParser.parse(json, source));
    }

    private DicomObject top(Node n) {
        if (!(n instanceof JObject)) {
            throw fail(n.offset(), null, "expected a JSON object (a data set), found " + typeName(n)
                    + (n instanceof JArray ? "; use readList for an array of data sets" : ""));
        }
        return dataset((JObject) n, SpecificCharacterSet.DEFAULT, 0);
    }

    private List<DicomObject> list(Node n) {
        if (!(n instanceof JArray)) {
            throw fail(n.offset(), null, "expected a JSON array of data sets, found " + typeName(n));
        }
        List<DicomObject> out = new ArrayList<>();
        for (Node item : ((JArray) n).items()) {
            if (!(item instanceof JObject)) {
                throw fail(item.offset(), null, "expected a JSON object (a data set), found " + typeName(item));
            }
            out.add(dataset((JObject) item, SpecificCharacterSet.DEFAULT, 0));
        }
        return List.copyOf(out);
    }

    private DicomObject dataset(JObject obj, SpecificCharacterSet inherited, int depth) {
        DicomObject.Builder b = DicomObject.builder().inheritCharacterSet(inherited);
        int[] tags = new int[obj.members().size()];
        Set<Integer> seen = new HashSet<>();
        int charsetIndex = -1;
        for (int k = 0; k < tags.length; k++) {
            Member m = obj.members().get(k);
            tags[k] = tag(m);
            if (!seen.add(tags[k])) {
                throw fail(m.offset(), tags[k], "the attribute appears twice in one data set");
            }
            if (tags[k] == Tag.SpecificCharacterSet.value()) {
                charsetIndex = k;
            }
        }
        SpecificCharacterSet cs = inherited;
        if (charsetIndex >= 0) {
            element(b, tags[charsetIndex], obj.members().get(charsetIndex).value(), cs, depth);
            cs = b.build().characterSet();
        }
        for (int k = 0; k < tags.length; k++) {
            if (k != charsetIndex) {
                element(b, tags[k], obj.members().get(k).value(), cs, depth);
            }
        }
        return b.build();
    }

    private int tag(Member m) {
        String name = m.name();
        if (name.length() != 8) {
            throw fail(m.offset(), null, "member name " + shown(name) + " is not a tag of 8 hex digits GGGGEEEE");
        }
        int v = 0;
        for (int k = 0; k < 8; k++) {
            int d = Character.digit(name.charAt(k), 16);
            if (d < 0 || name.charAt(k) > 'f') {
                throw fail(m.offset(), null, "member name " + shown(name) + " is not a tag of 8 hex digits GGGGEEEE");
            }
            v = v << 4 | d;
        }
        return v;
    }

    private void element(DicomObject.Builder b, int tag, Node node, SpecificCharacterSet cs, int depth) {
        if (!(node instanceof JObject)) {
            throw fail(node.offset(), tag, "an attribute must be a JSON object, found " + typeName(node));
        }
        JObject attr = (JObject) node;
        Node vrNode = null;
        Node value = null;
        Node inline = null;
        Node uri = null;
        for (Member m : attr.members()) {
            Node previous;
            switch (m.name()) {
                case "vr": previous = vrNode; vrNode = m.value(); break;
                case "Value": previous = value; value = m.value(); break;
                case "InlineBinary": previous = inline; inline = m.value(); break;
                case "BulkDataURI": previous = uri; uri = m.value(); break;
                default:
                    throw fail(m.offset(), tag, "unknown attribute member " + shown(m.name())
                            + "; expected vr, Value, InlineBinary or BulkDataURI");
            }
            if (previous != null) {
                throw fail(m.offset(), tag, "attribute member " + m.name() + " appears twice");
            }
        }
        if (vrNode == null) {
            throw fail(attr.offset(), tag, "the attribute has no \"vr\"");
        }
        VR vr = vr(vrNode, tag);
        int present = (value != null ? 1 : 0) + (inline != null ? 1 : 0) + (uri != null ? 1 : 0);
        if (present > 1) {
            throw fail(attr.offset(), tag, "an attribute may have only one of Value, InlineBinary and BulkDataURI");
        }
        if (value != null) {
            value(b, tag, vr, value, cs, depth);
        } else if (inline != null) {
            inlineBinary(b, tag, vr, inline);
        } else if (uri != null) {
            bulkDataUri(b, tag, vr, uri);
        } else {
            b.setEmpty(tag, vr);
        }
    }

    private VR vr(Node n, int tag) {
        if (!(n instanceof JString)) {
            throw fail(n.offset(), tag, "\"vr\" must be a string, found " + typeName(n));
        }
        String s = ((JString) n).value();
        if (s.length() == 2 && s.charAt(0) >= 'A' && s.charAt(0) <= 'Z' && s.charAt(1) >= 'A' && s.charAt(1) <= 'Z') {
            VR vr = VR.ofCode(s.charAt(0) << 8 | s.charAt(1));
            if (vr != null) {
                return vr;
            }
        }
        throw fail(n.offset(), tag, "unknown VR " + shown(s));
    }

    private void value(DicomObject.Builder b, int tag, VR vr, Node n, SpecificCharacterSet cs, int depth) {
        if (!(n instanceof JArray)) {
            throw fail(n.offset(), tag, "\"Value\" must be an array, found " + typeName(n));
        }
        List<Node> items = ((JArray) n).items();
        if (items.isEmpty()) {
            b.setEmpty(tag, vr);
            return;
        }
        switch (vr.kind()) {
            case TEXT:
                if (vr == VR.PN) {
                    personNames(b, tag, items);
                } else {
                    text(b, tag, vr, items);
                }
                break;
            case BINARY:
                if (vr == VR.AT) {
                    attributeTags(b, tag, items);
                } else if (vr == VR.FL || vr == VR.FD) {
                    floats(b, tag, vr, items);
                } else {
                    integers(b, tag, vr, items);
                }
                break;
            case SEQUENCE:
                sequence(b, tag, items, cs, depth);
                break;
            default:
                throw fail(n.offset(), tag, "VR " + vr + " takes InlineBinary or BulkDataURI, not Value");
        }
    }

    private void text(DicomObject.Builder b, int tag, VR vr, List<Node> items) {
        if (!vr.isMultiValuedText() && items.size() > 1) {
            throw fail(items.get(1).offset(), tag, "VR " + vr + " is single-valued but Value has " + items.size()
                    + " entries");
        }
        String[] values = new String[items.size()];
        for (int k = 0; k < values.length; k++) {
            Node item = items.get(k);
            String v;
            if (item instanceof JString) {
                v = ((JString) item).value();
            } else if (item instanceof JLiteral && ((JLiteral) item).value() == null) {
                v = "";
            } else if (item instanceof JNumber && vr == VR.DS) {
                v = ((JNumber) item).literal();
            } else if (item instanceof JNumber && vr == VR.IS) {
                v = integerString(((JNumber) item).literal());
            } else {
                throw fail(item.offset(), tag, "expected a string" + (vr == VR.DS || vr == VR.IS ? " or a number" : "")
                        + " or null for VR " + vr + ", found " + typeName(item));
            }
            if (vr.isMultiValuedText() && v.indexOf('\\') >= 0) {
                throw fail(item.offset(), tag, "a " + vr + " value may not contain a backslash");
            }
            values[k] = v;
        }
        b.set(Tag.of(tag), vr, values);
    }

    /** An integral IS literal such as {@code 1.0E3} as {@code 1000}; anything else as written. */
    private static String integerString(String literal) {
        if (literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0) {
            return literal;
        }
        try {
            BigDecimal d = new BigDecimal(literal);
            if (d.precision() - d.scale() <= 20) {
                return d.toBigIntegerExact().toString();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // not integral or out of range: kept as written
        }
        return literal;
    }

    private void personNames(DicomObject.Builder b, int tag, List<Node> items) {
        String[] values = new String[items.size()];
        for (int k = 0; k < values.length; k++) {
            Node item = items.get(k);
            if (item instanceof JLiteral && ((JLiteral) item).value() == null) {
                values[k] = "";
                continue;
            }
            if (!(item instanceof JObject)) {
                throw fail(item.offset(), tag, "a PN value must be an object with Alphabetic, Ideographic and "
                        + "Phonetic, or null, found " + typeName(item));
            }
            String[] groups = {"", "", ""};
            boolean[] seen = new boolean[3];
            for (Member m : ((JObject) item).members()) {
                int g = List.of(PN_GROUPS).indexOf(m.name());
                if (g < 0) {
                    throw fail(m.offset(), tag, "unknown PN component group " + shown(m.name())
                            + "; expected Alphabetic, Ideographic or Phonetic");
                }
                if (seen[g]) {
                    throw fail(m.offset(), tag, "PN component group " + PN_GROUPS[g] + " appears twice");
                }
                seen[g] = true;
                Node v = m.value();
                if (v instanceof JString) {
                    groups[g] = ((JString) v).value();
                } else if (!(v instanceof JLiteral && ((JLiteral) v).value() == null)) {
                    throw fail(v.offset(), tag, "PN component group " + PN_GROUPS[g] + " must be a string, found "
                            + typeName(v));
                }
                if (groups[g].indexOf('=') >= 0 || groups[g].indexOf('\\') >= 0) {
                    throw fail(v.offset(), tag, "PN component group " + PN_GROUPS[g]
                            + " may not contain '=' or a backslash");
                }
            }
            int last = 2;
            while (last >= 0 && groups[last].isEmpty()) {
                last--;
            }
            StringBuilder sb = new StringBuilder();
            for (int g = 0; g <= last; g++) {
                if (g > 0) {
                    sb.append('=');
                }
                sb.append(groups[g]);
            }
            values[k] = sb.toString();
        }
        b.set(Tag.of(tag), VR.PN, values);
    }

    private void attributeTags(DicomObject.Builder b, int tag, List<Node> items) {
        Tag[] tags = new Tag[items.size()];
        for (int k = 0; k < tags.length; k++) {
            Node item = items.get(k);
            String s = item instanceof JString ? ((JString) item).value() : null;
            if (s == null || s.length() != 8 || !s.chars().allMatch(c -> c < 0x80 && Character.digit(c, 16) >= 0)) {
                throw fail(item.offset(), tag, "an AT value must be a string of 8 hex digits GGGGEEEE, found "
                        + typeName(item));
            }
            tags[k] = Tag.of((int) Long.parseLong(s, 16));
        }
        b.setTags(Tag.of(tag), tags);
    }

    private void floats(DicomObject.Builder b, int tag, VR vr, List<Node> items) {
        double[] values = new double[items.size()];
        for (int k = 0; k < values.length; k++) {
            Node item = items.get(k);
            String literal = null;
            if (item instanceof JNumber) {
                literal = ((JNumber) item).literal();
            } else if (item instanceof JString) {
                String s = ((JString) item).value();
                literal = "NaN".equals(s) || "Infinity".equals(s) || "-Infinity".equals(s) ? s : JsonNumbers.literal(s);
            }
            if (literal == null) {
                throw fail(item.offset(), tag, "expected a number, \"NaN\", \"Infinity\" or \"-Infinity\" for VR " + vr
                        + ", found " + typeName(item));
            }
            values[k] = vr == VR.FL ? Float.parseFloat(literal) : Double.parseDouble(literal);
        }
        b.setDoubles(Tag.of(tag), vr, values);
    }

    private void integers(DicomObject.Builder b, int tag, VR vr, List<Node> items) {
        long[] values = new long[items.size()];
        for (int k = 0; k < values.length; k++) {
            Node item = items.get(k);
            String literal = null;
            if (item instanceof JNumber) {
                literal = ((JNumber) item).literal();
            } else if (item instanceof JString) {
                literal = JsonNumbers.literal(((JString) item).value());
            }
            if (literal == null) {
                throw fail(item.offset(), tag, "expected an integer for VR " + vr + ", found " + typeName(item));
            }
            values[k] = integer(literal, vr, item.offset(), tag);
        }
        b.setInts(Tag.of(tag), vr, values);
    }

    private long integer(String literal, VR vr, long offset, int tag) {
        BigInteger v;
        try {
            BigDecimal d = new BigDecimal(literal);
            if (d.precision() - d.scale() > 21) {
                throw fail(offset, tag, "number out of range for VR " + vr);
            }
            v = d.toBigIntegerExact();
        } catch (NumberFormatException e) {
            throw fail(offset, tag, "not a number for VR " + vr);
        } catch (ArithmeticException e) {
            throw fail(offset, tag, "not an integer, VR " + vr + " takes integers");
        }
        BigInteger min;
        BigInteger max;
        switch (vr) {
            case US: min = BigInteger.ZERO; max = BigInteger.valueOf(0xFFFF); break;
            case SS: min = BigInteger.valueOf(Short.MIN_VALUE); max = BigInteger.valueOf(Short.MAX_VALUE); break;
            case UL: min = BigInteger.ZERO; max = BigInteger.valueOf(0xFFFFFFFFL); break;
            case SL: min = BigInteger.valueOf(Integer.MIN_VALUE); max = BigInteger.valueOf(Integer.MAX_VALUE); break;
            case SV: min = BigInteger.valueOf(Long.MIN_VALUE); max = BigInteger.valueOf(Long.MAX_VALUE); break;
            default: min = BigInteger.ZERO; max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE); break;
        }
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw fail(offset, tag, "number out of range for VR " + vr + " (" + min + " to " + max + ")");
        }
        return v.longValue();
    }

    private void sequence(DicomObject.Builder b, int tag, List<Node> items, SpecificCharacterSet cs, int depth) {
        List<DicomObject> out = new ArrayList<>(items.size());
        for (Node item : items) {
            if (!(item instanceof JObject)) {
                throw fail(item.offset(), tag, "a sequence item must be a JSON object, found " + typeName(item));
            }
            if (depth + 1 > MAX_SEQUENCE_DEPTH) {
                throw fail(item.offset(), tag, "sequences nested deeper than " + MAX_SEQUENCE_DEPTH + " levels");
            }
            out.add(dataset((JObject) item, cs, depth + 1));
        }
        b.setSequence(tag, out);
    }

    private void inlineBinary(DicomObject.Builder b, int tag, VR vr, Node n) {
        if (vr.kind() == VR.Kind.TEXT || vr == VR.SQ) {
            throw fail(n.offset(), tag, "VR " + vr + " cannot have InlineBinary");
        }
        if (!(n instanceof JString)) {
            throw fail(n.offset(), tag, "\"InlineBinary\" must be a base64 string, found " + typeName(n));
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(((JString) n).value());
        } catch (IllegalArgumentException e) {
            throw fail(n.offset(), tag, "\"InlineBinary\" is not valid base64");
        }
        if (bytes.length % Math.max(1, vr.unitSize()) != 0) {
            throw fail(n.offset(), tag, "\"InlineBinary\" of VR " + vr + " has " + bytes.length
                    + " bytes, not a multiple of " + vr.unitSize());
        }
        if (tag == PIXEL_DATA && vr == VR.OB) {
            Fragments fragments = encapsulated(bytes);
            if (fragments != null) {
                b.setFragments(tag, vr, fragments);
                return;
            }
        }
        b.adoptBytes(tag, vr, bytes);
    }

    /** The items of an encapsulated value field, or null if the bytes are not exactly one. */
    private static Fragments encapsulated(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<BulkData> items = new ArrayList<>();
        while (buf.remaining() >= 8) {
            int group = buf.getShort() & 0xFFFF;
            int element = buf.getShort() & 0xFFFF;
            long length = buf.getInt() & 0xFFFFFFFFL;
            int itemTag = group << 16 | element;
            if (itemTag == ITEM_TAG && length <= buf.remaining()) {
                byte[] item = new byte[(int) length];
                buf.get(item);
                items.add(BulkData.adopt(item));
            } else if (itemTag == SEQUENCE_DELIMITER_TAG && length == 0 && !buf.hasRemaining() && !items.isEmpty()) {
                return new Fragments(items);
            } else {
                return null;
            }
        }
        return null;
    }

    private void bulkDataUri(DicomObject.Builder b, int tag, VR vr, Node n) {
        if (vr == VR.SQ) {
            throw fail(n.offset(), tag, "VR SQ cannot have a BulkDataURI");
        }
        if (!(n instanceof JString)) {
            throw fail(n.offset(), tag, "\"BulkDataURI\" must be a string, found " + typeName(n));
        }
        if (uriPolicy == BulkDataUriPolicy.RESTORE_FILE_REFERENCES && !vr.isText()) {
            BulkData ref = fileReference(((JString) n).value(), vr);
            if (ref != null) {
                b.setBulkData(tag, vr, ref);
                return;
            }
        }
        b.setEmpty(tag, vr);
    }

    /** The file reference of a {@code file:///path?offset=N&length=M} URI, or null for any other URI. */
    private static BulkData fileReference(String text, VR vr) {
        try {
            URI uri = new URI(text);
            if (!"file".equalsIgnoreCase(uri.getScheme()) || uri.getRawQuery() == null || uri.getRawFragment() != null) {
                return null;
            }
            Matcher m = FILE_QUERY.matcher(uri.getRawQuery());
            if (!m.matches()) {
                return null;
            }
            Path file = Path.of(new URI(uri.getScheme(), uri.getRawAuthority() == null ? null : uri.getAuthority(),
                    uri.getPath(), null, null));
            return BulkData.ofFile(file, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), false, vr.unitSize());
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            return null;
        }
    }

    private static String typeName(Node n) {
        if (n instanceof JObject) {
            return "an object";
        } else if (n instanceof JArray) {
            return "an array";
        } else if (n instanceof JString) {
            return "a string";
        } else if (n instanceof JNumber) {
            return "a number";
        } else {
            Boolean v = ((JLiteral) n).value();
            return v == null ? "null" : v.toString();
        }
    }

    /**
     * A name or VR from the input as it may appear in a message: quoted when it is a two-letter VR
     * code (of either case) or a known key in the wrong case, otherwise only its length, since input text may be
     * patient data.
     */
    private static String shown(String name) {
        boolean vrLike = name.length() == 2 && name.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z');
        boolean knownKey = List.of("vr", "value", "inlinebinary", "bulkdatauri", "alphabetic", "ideographic",
                "phonetic").contains(name.toLowerCase(Locale.ROOT));
        return vrLike || knownKey ? "'" + name + "'" : "(of " + name.length() + " characters)";
    }

    private DicomParseException fail(long offset, Integer tag, String reason) {
        return new DicomParseException(source, offset, tag, reason);
    }
}
