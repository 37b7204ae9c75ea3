/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decoded text shared across objects: the same {@code String} instance for the same bytes, so that
 * values that repeat from object to object (code values, coding scheme designators, code meanings,
 * SR value types, units) are decoded once, and their hash codes computed once, by a walker that
 * reads many objects on one thread, such as a terminology builder. Give it to
 * {@link DicomObject#string(Tag, TextPool)}, {@link DicomObject#code(Tag, TextPool)} or
 * {@link Code#of(DicomObject, TextPool)}; the values are those the methods without a pool give.
 *
 * <p>Only short values ({@value #MAX_LENGTH} bytes at most) made of ASCII bytes are pooled, and
 * only under character sets in which bytes below 0x80 always stand for themselves (ASCII decodes
 * alike under all of them); other values are decoded as usual. The pool keeps at most
 * {@code capacity} values and then stops adding, so that values that do not repeat (UIDs,
 * measurements) cannot grow it without bound. Not thread-safe: one pool per thread.
 */
public final class TextPool {

    /** The longest value, in bytes, that is pooled. */
    public static final int MAX_LENGTH = 64;

    private final int capacity;
    private final String[] strings;
    private final int[] hashes;
    /** Where each value's bytes start in {@link #slab}: compared there, close together, not in the strings. */
    private final int[] offsets;
    private byte[] slab = new byte[1024];
    private int used;
    private int size;

    /**
     * An empty pool.
     *
     * @param capacity how many distinct values it keeps at most, 1 to 1,048,576
     * @throws IllegalArgumentException if {@code capacity} is out of range
     */
    public TextPool(int capacity) {
        if (capacity < 1 || capacity > 1 << 20) {
            throw new IllegalArgumentException("capacity must be 1 to 1048576, got " + capacity);
        }
        this.capacity = capacity;
        int slots = Integer.highestOneBit(capacity) << 2;
        this.strings = new String[slots];
        this.hashes = new int[slots];
        this.offsets = new int[slots];
    }

    /**
     * The number of values held.
     *
     * @return the count, at most the capacity
     */
    public int size() {
        return size;
    }

    /**
     * The pooled string of {@code b[start, end)} as ISO-8859-1 (the caller has checked that the
     * character set decodes ASCII as ASCII), or null if the bytes are not pooled (too long, or not
     * all ASCII).
     */
    String get(byte[] b, int start, int end) {
        int length = end - start;
        if (length > MAX_LENGTH) {
            return null;
        }
        int h = 0;
        for (int i = start; i < end; i++) {
            byte c = b[i];
            if (c < 0) {
                return null;
            }
            h = 31 * h + c;
        }
        int mask = strings.length - 1;
        for (int i = (h ^ (h >>> 16)) & mask; ; i = (i + 1) & mask) {
            String s = strings[i];
            if (s == null) {
                String n = new String(b, start, length, StandardCharsets.ISO_8859_1);
                if (size < capacity) {
                    if (used + length > slab.length) {
                        slab = Arrays.copyOf(slab, Math.max(slab.length * 2, used + length));
                    }
                    System.arraycopy(b, start, slab, used, length);
                    strings[i] = n;
                    hashes[i] = h;
                    offsets[i] = used;
                    used += length;
                    size++;
                }
                return n;
            }
            if (hashes[i] == h && s.length() == length
                    && Arrays.equals(slab, offsets[i], offsets[i] + length, b, start, end)) {
                return s;
            }
        }
    }

    /** The size and capacity; never the values. */
    @Override
    public String toString() {
        return "TextPool[" + size + " of " + capacity + "]";
    }
}
