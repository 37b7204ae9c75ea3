/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Hand-made DICOM byte streams for reader tests, written element by element so that tests can
 * build exactly the broken or unusual encodings they are about.
 */
final class StreamBuilder {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private boolean bigEndian;
    private boolean explicit = true;

    static StreamBuilder part10(String transferSyntaxUid) {
        StreamBuilder b = new StreamBuilder();
        b.out.writeBytes(new byte[128]);
        b.out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        StreamBuilder meta = new StreamBuilder();
        meta.element(0x00020001, "OB", new byte[] {0, 1});
        meta.text(0x00020002, "UI", "1.2.840.10008.5.1.4.1.1.7\0");
        meta.text(0x00020003, "UI", "1.2.3.4\0");
        String ts = transferSyntaxUid.length() % 2 == 0 ? transferSyntaxUid : transferSyntaxUid + "\0";
        meta.text(0x00020010, "UI", ts);
        byte[] m = meta.bytes();
        b.element(0x00020000, "UL", le32(m.length));
        b.raw(m);
        return b;
    }

    static StreamBuilder dataset(boolean explicit, boolean bigEndian) {
        StreamBuilder b = new StreamBuilder();
        b.explicit = explicit;
        b.bigEndian = bigEndian;
        return b;
    }

    StreamBuilder encoding(boolean explicit, boolean bigEndian) {
        this.explicit = explicit;
        this.bigEndian = bigEndian;
        return this;
    }

    StreamBuilder raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    StreamBuilder tag(int tag) {
        u16(tag >>> 16);
        u16(tag & 0xFFFF);
        return this;
    }

    StreamBuilder u16(int v) {
        if (bigEndian) {
            out.write(v >>> 8);
            out.write(v);
        } else {
            out.write(v);
            out.write(v >>> 8);
        }
        return this;
    }

    StreamBuilder u32(long v) {
        if (bigEndian) {
            u16((int) (v >>> 16) & 0xFFFF);
            u16((int) v & 0xFFFF);
        } else {
            u16((int) v & 0xFFFF);
            u16((int) (v >>> 16) & 0xFFFF);
        }
        return this;
    }

    /** An element header; {@code length} -1 means undefined. */
    StreamBuilder header(int tag, String vr, long length) {
        tag(tag);
        long len = length < 0 ? 0xFFFFFFFFL : length;
        if (explicit) {
            out.write(vr.charAt(0));
            out.write(vr.charAt(1));
            if (isLong(vr)) {
                u16(0);
                u32(len);
            } else {
                u16((int) len);
            }
        } else {
            u32(len);
        }
        return this;
    }

    StreamBuilder element(int tag, String vr, byte[] value) {
        header(tag, vr, value.length);
        out.writeBytes(value);
        return this;
    }

    StreamBuilder text(int tag, String vr, String value) {
        return element(tag, vr, value.getBytes(StandardCharsets.ISO_8859_1));
    }

    StreamBuilder us(int tag, int value) {
        header(tag, "US", 2);
        u16(value);
        return this;
    }

    StreamBuilder item(long length) {
        tag(Parser.ITEM);
        u32(length < 0 ? 0xFFFFFFFFL : length);
        return this;
    }

    StreamBuilder itemEnd() {
        tag(Parser.ITEM_DELIMITATION);
        u32(0);
        return this;
    }

    StreamBuilder sequenceEnd() {
        tag(Parser.SEQUENCE_DELIMITATION);
        u32(0);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    int size() {
        return out.size();
    }

    static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private static boolean isLong(String vr) {
        switch (vr) {
            case "OB": case "OD": case "OF": case "OL": case "OV": case "OW": case "SQ": case "SV": case "UC":
            case "UN": case "UR": case "UT": case "UV":
                return true;
            default:
                return false;
        }
    }
}
