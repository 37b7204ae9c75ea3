/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.i4dw.data.BulkData;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Fragments;
import org.i4dw.data.SpecificCharacterSet;
import org.i4dw.data.Tag;
import org.i4dw.data.TransferSyntax;
import org.i4dw.data.VR;

/**
 * Encodes data sets in one transfer syntax with one set of options (PS3.5 sections 7 and 8,
 * Annex A). One instance per write: it caches the encoded lengths of the items it has measured,
 * so nested sequences with defined lengths cost one measuring pass, not one per nesting level.
 *
 * <p>Lengths are computed from what is known without reading values: text is encoded (it is
 * small), bulk data and fragments report their length. Values are then streamed.
 */
final class DataSetEncoder {

    /** The 32-bit undefined length. */
    static final int UNDEFINED_LENGTH = 0xFFFFFFFF;
    /** The largest defined length (0xFFFFFFFF means undefined). */
    static final long MAX_DEFINED_LENGTH = 0xFFFFFFFEL;

    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_DELIMITATION = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;
    private static final int PIXEL_DATA = Tag.PixelData.value();
    private static final int CHUNK = 64 * 1024;

    private final TransferSyntax ts;
    private final WriteOptions options;
    private final boolean explicit;
    private final boolean bigEndian;
    /**
     * Measured content lengths of data sets and items (without item header or delimiter), by the
     * character set their text is encoded with, then by identity.
     */
    private final Map<SpecificCharacterSet, Map<DicomObject, Long>> contentLengths = new HashMap<>();
    private byte[] chunk;
    /** Number of Frames of the top-level data set, for Encapsulated Uncompressed. */
    private int frames = 1;

    DataSetEncoder(TransferSyntax ts, WriteOptions options) {
        this.ts = ts;
        this.options = options;
        this.explicit = ts.isExplicitVr();
        this.bigEndian = ts.isBigEndian();
    }

    // ---- checks before anything is written ----

    /**
     * Rejects what cannot be encoded in this transfer syntax before a byte is written: fragments
     * in a native syntax, native pixel data in a compressed one, item and delimiter tags used as
     * data elements.
     */
    void check(DicomObject obj, boolean topLevel) {
        for (DicomElement e : obj) {
            int tag = e.tagValue();
            if (skipped(tag, topLevel)) {
                continue;
            }
            if (tag >>> 16 == 0xFFFE) {
                throw new IllegalArgumentException(Tag.toString(tag)
                        + " is an item or delimitation tag, not a data element: it cannot be written");
            }
            switch (e.kind()) {
                case FRAGMENTS:
                    if (!ts.isEncapsulated()) {
                        throw new IllegalArgumentException(Tag.toString(tag)
                                + " holds encapsulated (compressed) pixel data, which transfer syntax " + ts
                                + " cannot carry: write it in its compressed transfer syntax, or decompress it first");
                    }
                    break;
                case BYTES:
                case BULK_DATA:
                    if (topLevel && tag == PIXEL_DATA && ts.isEncapsulated()
                            && !ts.equals(TransferSyntax.ENCAPSULATED_UNCOMPRESSED)) {
                        throw new IllegalArgumentException(Tag.toString(tag)
                                + " holds native (uncompressed) pixel data, which transfer syntax " + ts
                                + " cannot carry: it needs encapsulated fragments compressed by that syntax's codec");
                    }
                    break;
                case ITEMS:
                    for (DicomObject item : e.items()) {
                        check(item, false);
                    }
                    break;
                default:
                    break;
            }
        }
    }

    // ---- measuring ----

    /**
     * The character set the text of {@code obj} is encoded with: its own (0008,0005) if it has
     * one, else the one in force where it is written (PS3.5 6.1.2.5.1: an item without (0008,0005)
     * is read with its enclosing data set's). So an item built in code without
     * {@link DicomObject.Builder#inheritCharacterSet} still gets its parent's character set.
     */
    static SpecificCharacterSet effectiveCharset(DicomObject obj, SpecificCharacterSet enclosing) {
        return obj.contains(Tag.SpecificCharacterSet) ? obj.characterSet() : enclosing;
    }

    /**
     * The encoded length of the elements of {@code obj} (an item's content, or a whole data set).
     *
     * @param cs the character set in force for {@code obj}'s text ({@link #effectiveCharset})
     */
    long contentLength(DicomObject obj, boolean topLevel, SpecificCharacterSet cs) {
        Map<DicomObject, Long> byObject = contentLengths.computeIfAbsent(cs, k -> new IdentityHashMap<>());
        Long cached = byObject.get(obj);
        if (cached != null) {
            return cached;
        }
        long n = 0;
        int group = -1;
        for (DicomElement e : obj) {
            int tag = e.tagValue();
            if (skipped(tag, topLevel)) {
                continue;
            }
            if (options.groupLengths() == WriteOptions.GroupLengths.COMPUTE && tag >>> 16 != group) {
                group = tag >>> 16;
                n += 12;
            }
            n += encodedLength(e, topLevel, cs);
        }
        byObject.put(obj, n);
        return n;
    }

    /** Header plus value (plus delimiters for undefined lengths) of one element. */
    private long encodedLength(DicomElement e, boolean topLevel, SpecificCharacterSet cs) {
        switch (e.kind()) {
            case ITEMS:
                return (explicit ? 12 : 8) + sequenceBodyLength(e.items(), cs);
            case FRAGMENTS:
                return (explicit ? 12 : 8) + fragmentsBodyLength(e.fragments().orElseThrow());
            default:
                if (encapsulateNative(e, topLevel)) {
                    return 12 + encapsulatedNativeBodyLength(e);
                }
                long len = paddedValueLength(e, cs);
                return headerLength(writtenVr(e.vr(), len)) + len;
        }
    }

    private int headerLength(VR vr) {
        return !explicit ? 8 : vr.hasLongExplicitHeader() ? 12 : 8;
    }

    private long sequenceBodyLength(List<DicomObject> items, SpecificCharacterSet cs) {
        long n = 0;
        for (DicomObject item : items) {
            n += itemLength(item, cs);
        }
        if (sequenceUndefined(items, cs)) {
            n += 8;
        }
        return n;
    }

    private boolean sequenceUndefined(List<DicomObject> items, SpecificCharacterSet cs) {
        if (options.undefinedLengthSequences()) {
            return true;
        }
        long n = 0;
        for (DicomObject item : items) {
            n += itemLength(item, cs);
        }
        return n > MAX_DEFINED_LENGTH;
    }

    /** Header, content and delimiter of an item inside a data set whose character set is {@code enclosing}. */
    private long itemLength(DicomObject item, SpecificCharacterSet enclosing) {
        return 8 + contentLength(item, false, effectiveCharset(item, enclosing))
                + (itemUndefined(item, enclosing) ? 8 : 0);
    }

    private boolean itemUndefined(DicomObject item, SpecificCharacterSet enclosing) {
        return options.undefinedLengthItems()
                || contentLength(item, false, effectiveCharset(item, enclosing)) > MAX_DEFINED_LENGTH;
    }

    private static long fragmentsBodyLength(Fragments f) {
        long n = 8;
        for (BulkData b : f.items()) {
            n += 8 + padded(b.length());
        }
        return n;
    }

    /** Bytes of the value as written: encoded, padded to even length. */
    private long paddedValueLength(DicomElement e, SpecificCharacterSet cs) {
        switch (e.kind()) {
            case EMPTY:
                return 0;
            case BYTES:
                return padded(e.bytes().orElseThrow().remaining());
            case TEXT:
                return padded(encodeText(e, cs).length);
            case BULK_DATA:
                return padded(e.bulkData().orElseThrow().length());
            default:
                throw new IllegalStateException("not a plain value: " + e);
        }
    }

    private static long padded(long n) {
        return n + (n & 1);
    }

    /**
     * The VR written in an explicit VR header: the element's, or UN when the value is too long
     * for the 16-bit length of a short header (PS3.5 6.2.2: UN may stand for any VR).
     */
    private VR writtenVr(VR vr, long paddedLength) {
        return explicit && !vr.hasLongExplicitHeader() && paddedLength > 0xFFFF ? VR.UN : vr;
    }

    private static byte[] encodeText(DicomElement e, SpecificCharacterSet cs) {
        try {
            return cs.encode(e.text().orElseThrow(), e.vr());
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(Tag.toString(e.tagValue()) + ": " + ex.getMessage(), ex);
        }
    }

    // ---- writing ----

    /**
     * Writes the elements of {@code obj}; {@code topLevel} drops group 0002 and allows pixel data
     * encapsulation; {@code cs} is the character set in force ({@link #effectiveCharset}).
     */
    void writeContent(EncodedOutput out, DicomObject obj, boolean topLevel, SpecificCharacterSet cs)
            throws IOException {
        int group = -1;
        boolean computeGroups = options.groupLengths() == WriteOptions.GroupLengths.COMPUTE;
        for (DicomElement e : obj) {
            int tag = e.tagValue();
            if (skipped(tag, topLevel)) {
                continue;
            }
            if (computeGroups && tag >>> 16 != group) {
                group = tag >>> 16;
                writeGroupLength(out, obj, group, topLevel, cs);
            }
            writeElement(out, e, topLevel, cs);
        }
    }

    private void writeGroupLength(EncodedOutput out, DicomObject obj, int group, boolean topLevel,
            SpecificCharacterSet cs) throws IOException {
        long n = 0;
        for (DicomElement e : obj) {
            int tag = e.tagValue();
            if (tag >>> 16 == group && !skipped(tag, topLevel)) {
                n += encodedLength(e, topLevel, cs);
            }
        }
        if (n > MAX_DEFINED_LENGTH) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "group %04X is %d bytes long, more than "
                    + "a group length can say: write with GroupLengths.DROP", group, n));
        }
        out.writeTag(group << 16);
        if (explicit) {
            out.writeVr(VR.UL);
            out.write16(4);
        } else {
            out.write32(4);
        }
        out.write32((int) n);
    }

    private void writeElement(EncodedOutput out, DicomElement e, boolean topLevel, SpecificCharacterSet cs)
            throws IOException {
        int tag = e.tagValue();
        switch (e.kind()) {
            case ITEMS:
                writeSequence(out, tag, e.items(), cs);
                return;
            case FRAGMENTS:
                writeFragments(out, tag, e.vr(), e.fragments().orElseThrow().items());
                return;
            default:
                break;
        }
        if (encapsulateNative(e, topLevel)) {
            writeEncapsulatedNative(out, e);
            return;
        }
        long len = paddedValueLength(e, cs);
        if (len > MAX_DEFINED_LENGTH) {
            throw new IllegalArgumentException(Tag.toString(tag) + " has a value of " + len
                    + " bytes, more than a DICOM length field can say");
        }
        VR vr = writtenVr(e.vr(), len);
        writeHeader(out, tag, vr, (int) len);
        int unit = bigEndian ? swapUnit(vr) : 1;
        switch (e.kind()) {
            case BYTES: {
                ByteBuffer b = e.bytes().orElseThrow();
                boolean odd = (b.remaining() & 1) != 0;
                writeBuffer(out, b, unit);
                if (odd) {
                    out.write8(e.vr().paddingByte());
                }
                break;
            }
            case TEXT: {
                byte[] b = encodeText(e, cs);
                out.write(b, 0, b.length);
                if ((b.length & 1) != 0) {
                    out.write8(e.vr().paddingByte());
                }
                break;
            }
            case BULK_DATA: {
                BulkData b = e.bulkData().orElseThrow();
                writeBulk(out, tag, b, unit);
                if ((b.length() & 1) != 0) {
                    out.write8(e.vr().paddingByte());
                }
                break;
            }
            default:
                break;
        }
    }

    private void writeHeader(EncodedOutput out, int tag, VR vr, int length) throws IOException {
        out.writeTag(tag);
        if (!explicit) {
            out.write32(length);
        } else if (vr.hasLongExplicitHeader()) {
            out.writeVr(vr);
            out.write16(0);
            out.write32(length);
        } else {
            out.writeVr(vr);
            out.write16(length);
        }
    }

    private void writeSequence(EncodedOutput out, int tag, List<DicomObject> items, SpecificCharacterSet cs)
            throws IOException {
        boolean undefined = sequenceUndefined(items, cs);
        long body = undefined ? 0 : sequenceBodyLength(items, cs);
        writeHeader(out, tag, VR.SQ, undefined ? UNDEFINED_LENGTH : (int) body);
        long start = out.position();
        for (DicomObject item : items) {
            writeItem(out, item, cs);
        }
        if (undefined) {
            out.writeTag(SEQUENCE_DELIMITATION);
            out.write32(0);
        } else {
            verify(out, start, body, tag);
        }
    }

    private void writeItem(EncodedOutput out, DicomObject item, SpecificCharacterSet enclosing) throws IOException {
        SpecificCharacterSet cs = effectiveCharset(item, enclosing);
        boolean undefined = itemUndefined(item, enclosing);
        long content = undefined ? 0 : contentLength(item, false, cs);
        out.writeTag(ITEM);
        out.write32(undefined ? UNDEFINED_LENGTH : (int) content);
        long start = out.position();
        writeContent(out, item, false, cs);
        if (undefined) {
            out.writeTag(ITEM_DELIMITATION);
            out.write32(0);
        } else {
            verify(out, start, content, ITEM);
        }
    }

    private static void verify(EncodedOutput out, long start, long expected, int tag) {
        long actual = out.position() - start;
        if (actual != expected) {
            throw new IllegalStateException("I4DW bug: " + Tag.toString(tag) + " was measured as " + expected
                    + " bytes but " + actual + " were written");
        }
    }

    private void writeFragments(EncodedOutput out, int tag, VR vr, List<BulkData> items) throws IOException {
        writeHeader(out, tag, explicit ? vr : VR.OB, UNDEFINED_LENGTH);
        for (BulkData b : items) {
            long len = padded(b.length());
            if (len > MAX_DEFINED_LENGTH) {
                throw new IllegalArgumentException(Tag.toString(tag) + " has a fragment of " + b.length()
                        + " bytes, more than an item length can say");
            }
            out.writeTag(ITEM);
            out.write32((int) len);
            writeBulk(out, tag, b, 1);
            if ((b.length() & 1) != 0) {
                out.write8(0);
            }
        }
        out.writeTag(SEQUENCE_DELIMITATION);
        out.write32(0);
    }

    // ---- native pixel data in Encapsulated Uncompressed Explicit VR Little Endian ----

    private boolean encapsulateNative(DicomElement e, boolean topLevel) {
        return topLevel && e.tagValue() == PIXEL_DATA && ts.equals(TransferSyntax.ENCAPSULATED_UNCOMPRESSED)
                && (e.kind() == DicomElement.ValueKind.BYTES || e.kind() == DicomElement.ValueKind.BULK_DATA);
    }

    /** Frames of the data set being written, for Encapsulated Uncompressed: (0028,0008), else 1. */
    void frames(DicomObject dataset) {
        this.frames = Math.max(1, dataset.integer(Tag.NumberOfFrames).orElse(1));
    }

    private long frameLength(DicomElement e) {
        long total = e.kind() == DicomElement.ValueKind.BYTES ? e.bytes().orElseThrow().remaining()
                : e.bulkData().orElseThrow().length();
        if (total % frames != 0) {
            throw new IllegalArgumentException(Tag.toString(e.tagValue()) + " has " + total
                    + " bytes, which do not divide into the " + frames + " frames of Number of Frames (0028,0008)");
        }
        return total / frames;
    }

    private long encapsulatedNativeBodyLength(DicomElement e) {
        return 8 + frames * (8 + padded(frameLength(e))) + 8;
    }

    /** One fragment per frame (PS3.5 A.4.11), an empty Basic Offset Table. */
    private void writeEncapsulatedNative(EncodedOutput out, DicomElement e) throws IOException {
        long frame = frameLength(e);
        if (padded(frame) > MAX_DEFINED_LENGTH) {
            throw new IllegalArgumentException(Tag.toString(e.tagValue()) + " has frames of " + frame
                    + " bytes, more than an item length can say");
        }
        writeHeader(out, e.tagValue(), VR.OB, UNDEFINED_LENGTH);
        out.writeTag(ITEM);
        out.write32(0);
        try (InputStream in = e.kind() == DicomElement.ValueKind.BYTES
                ? new ByteArrayInputStream(toArray(e.bytes().orElseThrow()))
                : e.bulkData().orElseThrow().open()) {
            byte[] buf = chunk(frame);
            for (int f = 0; f < frames; f++) {
                out.writeTag(ITEM);
                out.write32((int) padded(frame));
                long left = frame;
                while (left > 0) {
                    int n = in.readNBytes(buf, 0, (int) Math.min(buf.length, left));
                    if (n <= 0) {
                        throw new IOException(Tag.toString(e.tagValue()) + ": bulk data ended " + left
                                + " bytes before the length it declared");
                    }
                    out.write(buf, 0, n);
                    left -= n;
                }
                if ((frame & 1) != 0) {
                    out.write8(0);
                }
            }
        }
        out.writeTag(SEQUENCE_DELIMITATION);
        out.write32(0);
    }

    private static byte[] toArray(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    // ---- values ----

    /** The word size to reverse in big endian: AT is two 16-bit numbers; OB and UN are bytes. */
    private static int swapUnit(VR vr) {
        if (vr == VR.AT) {
            return 2;
        }
        return vr.kind() == VR.Kind.BINARY || vr.kind() == VR.Kind.BULK ? Math.max(1, vr.unitSize()) : 1;
    }

    private void writeBuffer(EncodedOutput out, ByteBuffer b, int unit) throws IOException {
        ByteBuffer src = b.duplicate();
        if (unit == 1 && src.hasArray()) {
            out.write(src.array(), src.arrayOffset() + src.position(), src.remaining());
            return;
        }
        byte[] buf = chunk(src.remaining());
        while (src.hasRemaining()) {
            int n = Math.min(buf.length, src.remaining());
            src.get(buf, 0, n);
            out.writeSwapped(buf, 0, n, unit);
        }
    }

    /**
     * Streams a bulk value. A little endian file reference is read straight from its file in
     * chunks; other values come through {@link BulkData#open()} (which for now reads a file
     * reference whole into memory, and turns big endian words little endian).
     */
    private void writeBulk(EncodedOutput out, int tag, BulkData b, int unit) throws IOException {
        byte[] buf = chunk(b.length());
        long left = b.length();
        Optional<Path> file = b.file();
        if (file.isPresent() && !b.bigEndian()) {
            try (FileChannel ch = FileChannel.open(file.get(), StandardOpenOption.READ)) {
                long pos = b.offset();
                while (left > 0) {
                    ByteBuffer bb = ByteBuffer.wrap(buf, 0, (int) Math.min(buf.length, left));
                    while (bb.hasRemaining()) {
                        int n = ch.read(bb, pos + bb.position());
                        if (n < 0) {
                            throw new IOException(file.get().getFileName() + " ends before the end of the value of "
                                    + Tag.toString(tag) + " at byte " + (b.offset() + b.length()));
                        }
                    }
                    out.writeSwapped(buf, 0, bb.position(), unit);
                    pos += bb.position();
                    left -= bb.position();
                }
            }
            return;
        }
        try (InputStream in = b.open()) {
            while (left > 0) {
                int n = in.readNBytes(buf, 0, (int) Math.min(buf.length, left));
                if (n <= 0) {
                    throw new IOException(Tag.toString(tag) + ": bulk data ended " + left
                            + " bytes before the length it declared");
                }
                out.writeSwapped(buf, 0, n, unit);
                left -= n;
            }
        }
    }

    /**
     * A reusable chunk for a value of {@code valueLength} bytes: no larger than the value (rounded
     * up to 8 bytes) nor than 64 KiB, a multiple of 8 bytes so that no word straddles two chunks.
     */
    private byte[] chunk(long valueLength) {
        int want = (int) Math.min(CHUNK, Math.max(8, valueLength + 7 & ~7L));
        if (chunk == null || chunk.length < want) {
            chunk = new byte[want];
        }
        return chunk;
    }

    /** Group lengths are always regenerated or dropped; group 0002 belongs to the file meta information. */
    private static boolean skipped(int tag, boolean topLevel) {
        return (tag & 0xFFFF) == 0 || topLevel && tag >>> 16 == 0x0002;
    }
}
