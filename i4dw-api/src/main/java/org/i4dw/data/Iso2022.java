/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * ISO 2022 code extensions as DICOM uses them (PS3.5 6.1.2.5, PS3.3 C.12.1.1.2 Table C.12-3/4).
 * A minimal first version: single-byte G1 sets switched by escape sequences; the multi-byte sets
 * (IR 87, IR 159, IR 149, IR 58) are completed in a dedicated change.
 */
final class Iso2022 {

    private Iso2022() {
    }

    static boolean isKnown(String term) {
        return term.startsWith("ISO 2022 IR ");
    }

    static String decode(List<String> terms, byte[] bytes, int offset, int length, VR vr) {
        String first = terms.isEmpty() ? "" : terms.get(0);
        java.nio.charset.Charset cs = SpecificCharacterSet.charsetOf(first);
        return new String(bytes, offset, length, cs == null ? StandardCharsets.ISO_8859_1 : cs);
    }

    static byte[] encode(List<String> terms, String value, VR vr) {
        String first = terms.isEmpty() ? "" : terms.get(0);
        java.nio.charset.Charset cs = SpecificCharacterSet.charsetOf(first);
        return value.getBytes(cs == null ? StandardCharsets.ISO_8859_1 : cs);
    }
}
