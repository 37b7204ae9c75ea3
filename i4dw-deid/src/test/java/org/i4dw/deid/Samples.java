/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.deid;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;

/** Values and objects the tests share. */
final class Samples {

    /** A 32-byte test key. */
    static final byte[] KEY = "0123456789abcdef-test-key-i4dw!!".getBytes(StandardCharsets.US_ASCII);
    /** Another. */
    static final byte[] OTHER_KEY = "fedcba9876543210-other-key-i4dw!".getBytes(StandardCharsets.US_ASCII);

    private Samples() {
    }

    /** Sets a plausible identifying value of the VR. */
    static DicomObject.Builder setValue(DicomObject.Builder b, int tag, VR vr) {
        Tag t = Tag.of(tag);
        switch (vr) {
            case SQ:
                return b.setSequence(tag, List.of(DicomObject.builder().set(Tag.CodeValue, VR.SH, "T-A0100")
                        .set(Tag.CodingSchemeDesignator, VR.SH, "SRT").build()));
            case DA: return b.set(t, vr, "20200115");
            case TM: return b.set(t, vr, "101010");
            case DT: return b.set(t, vr, "20200115101010");
            case UI: return b.set(t, vr, "1.2.826.0.1.3680043.2.1125.99.7");
            case PN: return b.set(t, vr, "Doe^John");
            case AS: return b.set(t, vr, "045Y");
            case DS: return b.set(t, vr, "1.5");
            case IS: return b.set(t, vr, "7");
            case CS: return b.set(t, vr, "ORIGINAL");
            case AE: return b.set(t, vr, "ORIGAE");
            case UR: return b.set(t, vr, "http://hospital.example/x");
            default:
                if (vr.isText()) {
                    return b.set(t, vr, "Original text 42");
                }
                byte[] v = new byte[Math.max(2, vr.unitSize()) * 2];
                java.util.Arrays.fill(v, (byte) 0x11);
                return b.setBytes(t, vr, v);
        }
    }
}
