/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.io;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.i4dw.api.DicomParseException;
import org.i4dw.data.BulkData;
import org.i4dw.data.DicomObject;
import org.i4dw.data.ElementDictionary;
import org.i4dw.data.ElementInfo;
import org.i4dw.data.Fragments;
import org.i4dw.data.SpecificCharacterSet;
import org.i4dw.data.Tag;
import org.i4dw.data.TransferSyntax;
import org.i4dw.data.VR;

/**
 * The PS3.5/PS3.10 parser behind {@link DicomReader}. One instance reads one source, once.
 *
 * <p>Lenient where real files are messy (each leniency becomes a {@link ParseWarning}), strict
 * where the structure is broken: lengths are checked against what is left of the file and of the
 * enclosing item before anything is allocated, nesting is bounded, every loop consumes bytes.
 */
final class Parser {

    static final long UNDEFINED = 0xFFFFFFFFL;
    static final int ITEM = 0xFFFEE000;
    static final int ITEM_DELIMITATION = 0xFFFEE00D;
    static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;
    static final int PIXEL_DATA = 0x7FE00010;
    private static final int FLOAT_PIXEL_DATA = 0x7FE00008;
    private static final int DOUBLE_FLOAT_PIXEL_DATA = 0x7FE00009;
    private static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    private static final int PIXEL_REPRESENTATION = 0x00280103;
    private static final int MAX_WARNINGS = 200;
    private static final byte[] DICM = {'D', 'I', 'C', 'M'};

    private final ElementDictionary dictionary = ElementDictionary.standard();
    private DicomInput in;
    private final String source;
    private final ReadOptions options;
    private final List<ParseWarning> warnings = new ArrayList<>();
    private boolean explicitVr;
    private boolean bulkByReference;
    private boolean pixelDataSkipped;
    private int suppressedWarnings;
    private long elementStart;
    private int currentTag;
    private boolean hasCurrentTag;

    Parser(DicomInput in, String source, ReadOptions options) {
        this.in = in;
        this.source = source;
        this.options = options;
        this.bulkByReference = in.file() != null;
        in.exact(options.headerOnly());
    }

    /** Reads a Part 10 file (preamble, DICM, meta, data set), tolerating a missing preamble or meta. */
    DicomFile readPart10() throws IOException {
        try {
            DicomObject meta = DicomObject.EMPTY;
            if (in.peek(131) >= 0 && matches(128)) {
                in.skip(132);
                meta = readMeta();
            } else if (matches(0)) {
                warn(0, -1, "no 128-byte preamble before the DICM marker");
                in.skip(4);
                meta = readMeta();
            } else {
                long tag = peekLeTag();
                if ((tag >>> 16) == 0x0002) {
                    warn(0, -1, "no preamble and no DICM marker; file meta information read without them");
                    meta = readMeta();
                } else {
                    warn(0, -1, "no preamble, no DICM marker and no file meta information: read as a bare data set");
                }
            }
            TransferSyntax ts = transferSyntaxOf(meta);
            DicomObject dataset = readDataSetIn(ts);
            return new DicomFile(source, meta, dataset, ts, warnings(), pixelDataSkipped);
        } catch (EOFException e) {
            throw truncated(e);
        } catch (ZipException e) {
            throw corruptDeflate(e);
        }
    }

    /** Reads a bare data set encoded in {@code ts}. */
    DicomFile readBare(TransferSyntax ts) throws IOException {
        try {
            DicomObject dataset = readDataSetIn(ts);
            return new DicomFile(source, DicomObject.EMPTY, dataset, ts, warnings(), pixelDataSkipped);
        } catch (EOFException e) {
            throw truncated(e);
        } catch (ZipException e) {
            throw corruptDeflate(e);
        }
    }

    private List<ParseWarning> warnings() {
        if (suppressedWarnings > 0) {
            warnings.add(new ParseWarning(-1, -1, suppressedWarnings + " more warnings not recorded"));
        }
        return warnings;
    }

    private boolean matches(int at) throws IOException {
        for (int i = 0; i < 4; i++) {
            if (in.peek(at + i) != DICM[i]) {
                return false;
            }
        }
        return true;
    }

    private long peekLeTag() throws IOException {
        boolean be = in.bigEndian();
        in.bigEndian(false);
        long t = in.peekTag(0);
        in.bigEndian(be);
        return t;
    }

    private DicomParseException truncated(EOFException e) {
        return new DicomParseException(source, in.position(), hasCurrentTag ? currentTag : null,
                "unexpected end of data (the file is truncated or a length is wrong)", e);
    }

    /** The inflater refused the deflated data set: bad input, not an I/O failure. */
    private DicomParseException corruptDeflate(ZipException e) {
        return new DicomParseException(source, in.position(), hasCurrentTag ? currentTag : null,
                "the deflated data set is not a valid deflate stream (" + e.getMessage() + ")", e);
    }

    private DicomParseException error(long offset, Integer tag, String reason) {
        return new DicomParseException(source, offset, tag, reason);
    }

    private void warn(long offset, int tag, String message) {
        if (warnings.size() < MAX_WARNINGS) {
            warnings.add(new ParseWarning(offset, tag, message));
        } else {
            suppressedWarnings++;
        }
    }

    // ---------------------------------------------------------------- file meta information

    private DicomObject readMeta() throws IOException {
        in.bigEndian(false);
        explicitVr = true;
        DicomObject.Builder b = DicomObject.builder();
        long start = in.position();
        long declaredEnd = -1;
        while (true) {
            long tag = in.peekTag(0);
            if (tag < 0 || (tag >>> 16) != 0x0002) {
                break;
            }
            readElement(b, 0, SpecificCharacterSet.DEFAULT, null, Long.MAX_VALUE);
            if (tag == 0x00020000L && declaredEnd < 0) {
                DicomObject sofar = b.build();
                long len = sofar.longValue(Tag.FileMetaInformationGroupLength).orElse(-1);
                if (len >= 0) {
                    declaredEnd = in.position() + len;
                }
            }
        }
        DicomObject meta = b.build();
        if (declaredEnd < 0) {
            warn(start, 0x00020000, "no File Meta Information Group Length");
        } else if (declaredEnd != in.position()) {
            warn(start, 0x00020000, "File Meta Information Group Length says the meta ends at byte " + declaredEnd
                    + " but it ends at byte " + in.position() + "; the real end was used");
        }
        return meta;
    }

    private TransferSyntax transferSyntaxOf(DicomObject meta) throws IOException {
        String uid = meta.string(Tag.TransferSyntaxUID).map(s -> s.replace("\0", "").strip()).orElse("");
        if (uid.isEmpty()) {
            TransferSyntax guessed = guessTransferSyntax();
            warn(in.position(), 0x00020010, "no Transfer Syntax UID; the data set looks like " + guessed.name());
            return guessed;
        }
        return TransferSyntax.of(uid);
    }

    /** Looks at the first element: byte order from its group, explicit VR from two letters after the tag. */
    private TransferSyntax guessTransferSyntax() throws IOException {
        int b0 = in.peek(0);
        int b1 = in.peek(1);
        if (b0 < 0 || b1 < 0) {
            return TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
        }
        boolean bigEndian = b0 == 0 && b1 != 0;
        boolean explicit = isVrCode(in.peek(4), in.peek(5));
        if (bigEndian && explicit) {
            return TransferSyntax.EXPLICIT_VR_BIG_ENDIAN;
        }
        return explicit ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN : TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
    }

    private static boolean isVrCode(int a, int b) {
        return a >= 0 && b >= 0 && VR.ofCode(a << 8 | b) != null;
    }

    // ---------------------------------------------------------------- data set

    private DicomObject readDataSetIn(TransferSyntax ts) throws IOException {
        if (ts.isDeflated()) {
            in = DicomInput.of(new InflaterInputStream(in.rest(), new Inflater(true), 16 * 1024));
            in.exact(options.headerOnly());
            bulkByReference = false;
        }
        in.bigEndian(ts.isBigEndian());
        explicitVr = ts.isExplicitVr();
        if (!in.atEnd()) {
            boolean looksExplicit = isVrCode(in.peek(4), in.peek(5));
            if (explicitVr != looksExplicit && (in.peekTag(0) >>> 16) != 0xFFFE) {
                warn(in.position(), -1, "the data set is encoded in " + (looksExplicit ? "explicit" : "implicit")
                        + " VR although the transfer syntax " + ts.uid() + " says otherwise; read as encoded");
                explicitVr = looksExplicit;
            }
        }
        DicomObject.Builder b = DicomObject.builder();
        readElements(b, -1, false, 0, SpecificCharacterSet.DEFAULT);
        return b.build();
    }

    /**
     * Reads elements into {@code b}: until {@code end} (a defined length), until an item
     * delimitation item ({@code untilDelimiter}), or until the end of the source (top level).
     */
    private void readElements(DicomObject.Builder b, long end, boolean untilDelimiter, int depth,
            SpecificCharacterSet inherited) throws IOException {
        SpecificCharacterSet cs = inherited;
        int[] pixelRepresentation = {-1};
        int lastTag = 0;
        boolean first = true;
        while (true) {
            if (end >= 0) {
                if (in.position() == end) {
                    return;
                }
                if (in.position() > end) {
                    throw error(in.position(), null, "an element runs past the end of its item at byte " + end);
                }
            } else if (!untilDelimiter && in.atEnd()) {
                return;
            }
            long tag = in.peekTag(0);
            if (tag < 0) {
                if (untilDelimiter || end >= 0) {
                    throw truncated(new EOFException());
                }
                // fewer than 4 bytes left at the top level: trailing garbage
                warn(in.position(), -1, "ignored " + in.remaining() + " trailing bytes");
                in.skip(in.remaining());
                return;
            }
            int t = (int) tag;
            if (t == ITEM_DELIMITATION) {
                long at = in.position();
                in.skip(4);
                long len = in.u32();
                if (!untilDelimiter) {
                    throw error(at, t, "item delimitation item outside an item of undefined length");
                }
                if (len != 0) {
                    warn(at, t, "item delimitation item with length " + len + " instead of 0");
                }
                return;
            }
            if (t == SEQUENCE_DELIMITATION || t == ITEM) {
                throw error(in.position(), t, (t == ITEM ? "item" : "sequence delimitation item")
                        + " found where a data element was expected");
            }
            if (depth == 0 && options.headerOnly()
                    && (t == PIXEL_DATA || t == FLOAT_PIXEL_DATA || t == DOUBLE_FLOAT_PIXEL_DATA)) {
                pixelDataSkipped = true;
                return;
            }
            if (!first && Integer.compareUnsigned(t, lastTag) <= 0) {
                warn(in.position(), t, Integer.compareUnsigned(t, lastTag) == 0
                        ? "the tag appears twice; the last value is kept"
                        : "elements are not in ascending tag order");
            }
            first = false;
            lastTag = t;
            readElement(b, depth, cs, pixelRepresentation, end < 0 ? Long.MAX_VALUE : end);
            if (t == SPECIFIC_CHARACTER_SET) {
                cs = characterSetOf(b.build(), cs);
            }
        }
    }

    private SpecificCharacterSet characterSetOf(DicomObject sofar, SpecificCharacterSet inherited) {
        List<String> terms = sofar.strings(Tag.SpecificCharacterSet);
        if (terms.isEmpty()) {
            return SpecificCharacterSet.DEFAULT;
        }
        SpecificCharacterSet cs = SpecificCharacterSet.of(terms);
        if (!cs.unknownTerms().isEmpty()) {
            warn(elementStart, SPECIFIC_CHARACTER_SET, "unknown Specific Character Set terms " + cs.unknownTerms()
                    + "; their bytes are read as ISO-8859-1");
        }
        return cs;
    }

    /** Reads one element (header and value) into {@code b}. {@code limit} is the end of the enclosing item. */
    private void readElement(DicomObject.Builder b, int depth, SpecificCharacterSet cs, int[] pixelRepresentation,
            long limit) throws IOException {
        elementStart = in.position();
        int tag = in.tag();
        currentTag = tag;
        hasCurrentTag = true;
        VR vr;
        long len;
        boolean explicitHere = explicitVr;
        if (explicitVr && !isVrCode(in.peek(0), in.peek(1))) {
            explicitHere = false;
            warn(elementStart, tag, "no explicit VR where the transfer syntax requires one; read as implicit VR");
        }
        if (explicitHere) {
            int code = in.u8() << 8 | in.u8();
            vr = VR.ofCode(code);
            if (vr.hasLongExplicitHeader()) {
                in.skip(2);
                len = in.u32();
            } else {
                len = in.u16();
            }
            checkVrAgainstDictionary(tag, vr);
        } else {
            len = in.u32();
            vr = implicitVr(tag, pixelRepresentation);
        }
        long valueStart = in.position();
        if (len == UNDEFINED) {
            if (tag == PIXEL_DATA || tag == FLOAT_PIXEL_DATA || tag == DOUBLE_FLOAT_PIXEL_DATA) {
                b.setFragments(tag, vr == VR.UN || !explicitHere ? VR.OB : vr, readFragments(tag));
            } else if (vr == VR.SQ || vr == VR.UN) {
                if (vr == VR.UN && explicitHere) {
                    warn(elementStart, tag, "sequence encoded as UN with undefined length; read as implicit VR LE");
                    boolean saveExplicit = explicitVr;
                    boolean saveBe = in.bigEndian();
                    explicitVr = false;
                    in.bigEndian(false);
                    b.setSequence(tag, readSequence(tag, -1, depth, cs));
                    explicitVr = saveExplicit;
                    in.bigEndian(saveBe);
                } else {
                    b.setSequence(tag, readSequence(tag, -1, depth, cs));
                }
            } else {
                throw error(elementStart, tag, "undefined length for an element of VR " + vr);
            }
            return;
        }
        if (len > in.remaining()) {
            throw error(elementStart, tag, "value length " + len + " exceeds the " + in.remaining()
                    + " bytes left in the source");
        }
        if (valueStart + len > limit) {
            throw error(elementStart, tag, "value length " + len + " runs past the end of its item at byte " + limit);
        }
        if ((len & 1) != 0) {
            warn(elementStart, tag, "odd value length " + len);
        }
        if (vr == VR.SQ) {
            b.setSequence(tag, readSequence(tag, valueStart + len, depth, cs));
            return;
        }
        if (vr == VR.UN && isSequenceInDictionary(tag) && len > 0) {
            byte[] raw = in.bytes(len);
            List<DicomObject> items = sequenceFromUn(tag, raw, depth, cs);
            if (items != null) {
                b.setSequence(tag, items);
            } else {
                b.adoptBytes(tag, vr, raw);
            }
            return;
        }
        if (vr == VR.UN && explicitHere && !in.bigEndian() && !Tag.isPrivate(tag)) {
            VR known = knownVrForUn(tag, pixelRepresentation);
            if (known != null) {
                warn(elementStart, tag, "value encoded as UN; read with the dictionary's VR " + known);
                vr = known;
            }
        }
        if (len == 0) {
            b.setEmpty(tag, vr);
            return;
        }
        if (vr.kind() == VR.Kind.BULK && len > options.bulkDataThreshold()) {
            if (bulkByReference) {
                b.setBulkData(tag, vr, BulkData.ofFile(in.file(), valueStart, len, in.bigEndian(), vr.unitSize()));
                in.skip(len);
            } else {
                byte[] v = in.bytes(len);
                swapIfBigEndian(v, vr);
                b.setBulkData(tag, vr, BulkData.adopt(v));
            }
            return;
        }
        byte[] v = in.bytes(len);
        swapIfBigEndian(v, vr);
        if (vr.kind() == VR.Kind.BINARY && len % vr.unitSize() != 0) {
            warn(elementStart, tag, "value length " + len + " is not a multiple of " + vr.unitSize()
                    + " as " + vr + " requires; kept as UN");
            vr = VR.UN;
        }
        b.adoptBytes(tag, vr, v);
        if (tag == PIXEL_REPRESENTATION && v.length >= 2 && pixelRepresentation != null) {
            pixelRepresentation[0] = v[0] & 0xFF | (v[1] & 0xFF) << 8;
        }
    }

    private void swapIfBigEndian(byte[] v, VR vr) {
        if (!in.bigEndian()) {
            return;
        }
        if (vr == VR.AT) {
            ByteSwap.swap(v, 2);
        } else if ((vr.kind() == VR.Kind.BINARY || vr.kind() == VR.Kind.BULK) && vr.unitSize() > 1) {
            ByteSwap.swap(v, vr.unitSize());
        }
    }

    private VR implicitVr(int tag, int[] pixelRepresentation) {
        ElementInfo info = dictionary.lookup(tag);
        if (info == null || info.vrs().isEmpty()) {
            return VR.UN;
        }
        List<VR> vrs = info.vrs();
        if (vrs.size() > 1) {
            if (vrs.contains(VR.OW)) {
                return VR.OW;
            }
            if (vrs.contains(VR.US) && vrs.contains(VR.SS)) {
                return pixelRepresentation != null && pixelRepresentation[0] == 1 ? VR.SS : VR.US;
            }
        }
        return vrs.get(0);
    }

    /**
     * The VR to read a standard element that came as UN with (PS3.5 6.2.2: a UN value is the
     * implicit VR little endian encoding of the value), or null to keep UN: unknown tags, and
     * sequences (handled by {@link #sequenceFromUn}).
     */
    private VR knownVrForUn(int tag, int[] pixelRepresentation) {
        ElementInfo info = dictionary.lookup(tag);
        if (info == null || info.vrs().isEmpty() || info.vrs().contains(VR.SQ) || info.vrs().contains(VR.UN)) {
            return null;
        }
        return implicitVr(tag, pixelRepresentation);
    }

    private void checkVrAgainstDictionary(int tag, VR vr) {
        if (vr == VR.UN || Tag.isPrivate(tag)) {
            return;
        }
        ElementInfo info = dictionary.lookup(tag);
        if (info != null && !info.vrs().isEmpty() && !info.vrs().contains(vr)) {
            warn(elementStart, tag, "VR " + vr + " where the dictionary says " + info.vrs() + "; kept as encoded");
        }
    }

    private boolean isSequenceInDictionary(int tag) {
        ElementInfo info = dictionary.lookup(tag);
        return info != null && info.vrs().contains(VR.SQ);
    }

    /** A sequence that came as UN with a defined length (PS3.5 6.2.2): its items are implicit VR LE. */
    private List<DicomObject> sequenceFromUn(int tag, byte[] raw, int depth, SpecificCharacterSet cs)
            throws IOException {
        long at = elementStart;
        DicomInput saveIn = in;
        boolean saveExplicit = explicitVr;
        boolean saveByRef = bulkByReference;
        int saveWarnings = warnings.size();
        in = DicomInput.of(new java.io.ByteArrayInputStream(raw));
        explicitVr = false;
        bulkByReference = false;
        try {
            List<DicomObject> items = readSequence(tag, raw.length, depth, cs);
            warn(at, tag, "sequence encoded as UN; read as implicit VR LE items");
            return items;
        } catch (DicomParseException | EOFException e) {
            while (warnings.size() > saveWarnings) {
                warnings.remove(warnings.size() - 1);
            }
            warn(at, tag, "the dictionary says SQ but the UN value does not parse as a sequence; kept as UN");
            return null;
        } finally {
            in = saveIn;
            explicitVr = saveExplicit;
            bulkByReference = saveByRef;
        }
    }

    private List<DicomObject> readSequence(int tag, long end, int depth, SpecificCharacterSet cs) throws IOException {
        if (depth + 1 > options.maxDepth()) {
            throw error(elementStart, tag, "sequences nested deeper than " + options.maxDepth() + " levels");
        }
        List<DicomObject> items = new ArrayList<>();
        while (true) {
            if (end >= 0 && in.position() >= end) {
                if (in.position() > end) {
                    throw error(in.position(), tag, "an item runs past the end of its sequence at byte " + end);
                }
                break;
            }
            long at = in.position();
            int t = in.tag();
            long len = in.u32();
            if (t == SEQUENCE_DELIMITATION) {
                if (end >= 0) {
                    warn(at, tag, "sequence delimitation item in a sequence of defined length");
                    break;
                }
                if (len != 0) {
                    warn(at, tag, "sequence delimitation item with length " + len + " instead of 0");
                }
                break;
            }
            if (t != ITEM) {
                throw error(at, tag, String.format(Locale.ROOT,
                        "expected an item (FFFE,E000) in the sequence, found (%04X,%04X)", t >>> 16, t & 0xFFFF));
            }
            DicomObject.Builder item = DicomObject.builder().inheritCharacterSet(cs);
            if (len == UNDEFINED) {
                readElements(item, -1, true, depth + 1, cs);
            } else {
                long itemEnd = in.position() + len;
                if (end >= 0 && itemEnd > end) {
                    throw error(at, tag, "item of length " + len + " runs past the end of its sequence at byte " + end);
                }
                if (len > in.remaining()) {
                    throw error(at, tag, "item length " + len + " exceeds the " + in.remaining() + " bytes left");
                }
                readElements(item, itemEnd, false, depth + 1, cs);
            }
            items.add(item.build());
            currentTag = tag;
        }
        return items;
    }

    private Fragments readFragments(int tag) throws IOException {
        List<BulkData> items = new ArrayList<>();
        while (true) {
            long at = in.position();
            int t = in.tag();
            long len = in.u32();
            if (t == SEQUENCE_DELIMITATION) {
                break;
            }
            if (t != ITEM) {
                throw error(at, tag, String.format(Locale.ROOT,
                        "expected a fragment item (FFFE,E000) in encapsulated pixel data, found (%04X,%04X)",
                        t >>> 16, t & 0xFFFF));
            }
            if (len == UNDEFINED) {
                throw error(at, tag, "fragment item of undefined length");
            }
            if (len > in.remaining()) {
                throw error(at, tag, "fragment length " + len + " exceeds the " + in.remaining() + " bytes left");
            }
            if (len > options.bulkDataThreshold() && bulkByReference) {
                items.add(BulkData.ofFile(in.file(), in.position(), len, false, 1));
                in.skip(len);
            } else {
                items.add(BulkData.adopt(in.bytes(len)));
            }
        }
        if (items.isEmpty()) {
            warn(elementStart, tag, "encapsulated pixel data without a Basic Offset Table item; an empty one assumed");
            items.add(BulkData.adopt(new byte[0]));
        }
        return new Fragments(items);
    }
}
