/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.io;

/** Byte order swapping of fixed-size words in place, for Explicit VR Big Endian. */
final class ByteSwap {

    private ByteSwap() {
    }

    /** Reverses each {@code unit}-byte word of {@code b}; a trailing partial word is left as is. */
    static void swap(byte[] b, int unit) {
        int n = b.length - b.length % unit;
        for (int i = 0; i < n; i += unit) {
            for (int lo = i, hi = i + unit - 1; lo < hi; lo++, hi--) {
                byte t = b[lo];
                b[lo] = b[hi];
                b[hi] = t;
            }
        }
    }
}
