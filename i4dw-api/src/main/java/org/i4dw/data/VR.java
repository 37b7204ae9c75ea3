/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

/**
 * DICOM value representations (PS3.5 section 6.2), with the encoding facts a codec needs.
 */
public enum VR {
    /** Application Entity. */ AE(Kind.TEXT, ' ', 0, false, false),
    /** Age String. */ AS(Kind.TEXT, ' ', 0, false, false),
    /** Attribute Tag. */ AT(Kind.BINARY, 0, 4, false, false),
    /** Code String. */ CS(Kind.TEXT, ' ', 0, false, false),
    /** Date. */ DA(Kind.TEXT, ' ', 0, false, false),
    /** Decimal String. */ DS(Kind.TEXT, ' ', 0, false, false),
    /** Date Time. */ DT(Kind.TEXT, ' ', 0, false, false),
    /** Floating Point Single. */ FL(Kind.BINARY, 0, 4, false, false),
    /** Floating Point Double. */ FD(Kind.BINARY, 0, 8, false, false),
    /** Integer String. */ IS(Kind.TEXT, ' ', 0, false, false),
    /** Long String. */ LO(Kind.TEXT, ' ', 0, false, true),
    /** Long Text. */ LT(Kind.TEXT, ' ', 0, false, true),
    /** Other Byte. */ OB(Kind.BULK, 0, 1, true, false),
    /** Other Double. */ OD(Kind.BULK, 0, 8, true, false),
    /** Other Float. */ OF(Kind.BULK, 0, 4, true, false),
    /** Other Long. */ OL(Kind.BULK, 0, 4, true, false),
    /** Other 64-bit Very Long. */ OV(Kind.BULK, 0, 8, true, false),
    /** Other Word. */ OW(Kind.BULK, 0, 2, true, false),
    /** Person Name. */ PN(Kind.TEXT, ' ', 0, false, true),
    /** Short String. */ SH(Kind.TEXT, ' ', 0, false, true),
    /** Signed Long. */ SL(Kind.BINARY, 0, 4, false, false),
    /** Sequence of Items. */ SQ(Kind.SEQUENCE, 0, 0, true, false),
    /** Signed Short. */ SS(Kind.BINARY, 0, 2, false, false),
    /** Short Text. */ ST(Kind.TEXT, ' ', 0, false, true),
    /** Signed 64-bit Very Long. */ SV(Kind.BINARY, 0, 8, true, false),
    /** Time. */ TM(Kind.TEXT, ' ', 0, false, false),
    /** Unlimited Characters. */ UC(Kind.TEXT, ' ', 0, true, true),
    /** Unique Identifier. */ UI(Kind.TEXT, 0, 0, false, false),
    /** Unsigned Long. */ UL(Kind.BINARY, 0, 4, false, false),
    /** Unknown. */ UN(Kind.BULK, 0, 1, true, false),
    /** Universal Resource Identifier or Locator. */ UR(Kind.TEXT, ' ', 0, true, false),
    /** Unsigned Short. */ US(Kind.BINARY, 0, 2, false, false),
    /** Unlimited Text. */ UT(Kind.TEXT, ' ', 0, true, true),
    /** Unsigned 64-bit Very Long. */ UV(Kind.BINARY, 0, 8, true, false);

    /** How a VR's value is held. */
    public enum Kind {
        /** Character string, possibly multi-valued with backslash. */
        TEXT,
        /** Fixed-size binary numbers or tags. */
        BINARY,
        /** Byte or word streams that may be large (pixel data, waveforms). */
        BULK,
        /** A sequence of items. */
        SEQUENCE
    }

    private static final VR[] BY_CODE = new VR[65536];

    static {
        for (VR vr : values()) {
            BY_CODE[vr.code()] = vr;
        }
    }

    private final Kind kind;
    private final int paddingByte;
    private final int unitSize;
    private final boolean longHeader;
    private final boolean specificCharacterSet;

    VR(Kind kind, int paddingByte, int unitSize, boolean longHeader, boolean specificCharacterSet) {
        this.kind = kind;
        this.paddingByte = paddingByte;
        this.unitSize = unitSize;
        this.longHeader = longHeader;
        this.specificCharacterSet = specificCharacterSet;
    }

    /** How values of this VR are held. */
    public Kind kind() {
        return kind;
    }

    /** True for character-string VRs. */
    public boolean isText() {
        return kind == Kind.TEXT;
    }

    /** The byte that pads an odd-length value to even length (space or NUL). */
    public int paddingByte() {
        return paddingByte;
    }

    /** Bytes per value unit for binary VRs (2 for US, 8 for FD), 1 for OB and UN, 0 for text and SQ. */
    public int unitSize() {
        return unitSize;
    }

    /**
     * True when explicit VR encoding uses 2 reserved bytes and a 32-bit length (PS3.5 Table 7.1-1):
     * OB, OD, OF, OL, OV, OW, SQ, SV, UC, UN, UR, UT, UV.
     */
    public boolean hasLongExplicitHeader() {
        return longHeader;
    }

    /** True when the value is encoded with the Specific Character Set (SH, LO, ST, LT, PN, UC, UT). */
    public boolean usesSpecificCharacterSet() {
        return specificCharacterSet;
    }

    /** True when a value may hold several values separated by backslash. */
    public boolean isMultiValuedText() {
        return kind == Kind.TEXT && this != LT && this != ST && this != UT && this != UR;
    }

    /** The two ASCII letters as a 16-bit big-endian number, as they appear in an explicit VR header. */
    public int code() {
        String n = name();
        return n.charAt(0) << 8 | n.charAt(1);
    }

    /** The VR whose two ASCII letters are {@code code}, or {@code null} if none. */
    public static VR ofCode(int code) {
        return (code & ~0xFFFF) == 0 ? BY_CODE[code] : null;
    }
}
