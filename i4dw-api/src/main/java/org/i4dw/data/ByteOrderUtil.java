/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

/** Byte swapping for multi-byte words. */
final class ByteOrderUtil {

    private ByteOrderUtil() {
    }

    /** Reverses the bytes of each {@code unit}-byte word of {@code b} in place. */
    static void swap(byte[] b, int unit) {
        for (int i = 0; i + unit <= b.length; i += unit) {
            for (int j = 0; j < unit / 2; j++) {
                byte t = b[i + j];
                b[i + j] = b[i + unit - 1 - j];
                b[i + unit - 1 - j] = t;
            }
        }
    }
}
