/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.pivot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Node codes as escaped attribute values, remembered by the identity of the code string: an
 * indexer names the values of every document with the same strings (one per node of the tree it
 * keeps), and a dose report's codes are long paths, so each is escaped once and then copied as
 * bytes. A code string met for the first time is escaped as {@link XmlOut#attribute} escapes it,
 * so the bytes are the same either way.
 *
 * <p>Bounded: at most {@value #MAX_ENTRIES} codes; when full, it forgets them all and starts
 * afresh. It keeps the code strings it remembers reachable. Not thread-safe: one per thread or
 * stream.
 */
final class EncodedCodes {

    /** Most codes remembered. */
    static final int MAX_ENTRIES = 1024;

    /** Open addressing, at most half full. */
    private final String[] codes = new String[2 * MAX_ENTRIES];
    private final byte[][] encoded = new byte[2 * MAX_ENTRIES][];
    private int size;

    /** The UTF-8 bytes of {@code code} escaped for an attribute value in double quotes. */
    byte[] attribute(String code) {
        int mask = codes.length - 1;
        int i = home(code);
        for (String k; (k = codes[i]) != null; i = (i + 1) & mask) {
            if (k == code) {
                return encoded[i];
            }
        }
        byte[] b = escape(code);
        if (size == MAX_ENTRIES) {
            Arrays.fill(codes, null);
            Arrays.fill(encoded, null);
            size = 0;
            i = home(code);
        }
        codes[i] = code;
        encoded[i] = b;
        size++;
        return b;
    }

    private int home(String code) {
        return (System.identityHashCode(code) * 0x9E3779B9 >>> 16) & (codes.length - 1);
    }

    private static byte[] escape(String code) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(code.length() + 16);
        XmlOut x = new XmlOut(out, 256);
        try {
            x.attribute(code);
            x.flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return out.toByteArray();
    }
}
