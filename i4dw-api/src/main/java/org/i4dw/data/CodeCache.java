/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

import java.util.Arrays;
import java.util.Optional;

/**
 * {@link Code#of} remembered by the content of the code item, for walks that meet the same codes
 * over and over (a dose report holds a few dozen distinct codes, and the reports of one scanner
 * hold the same ones): a code met again, in the same object or in another, is found by comparing
 * the bytes of the item's code attributes instead of decoding them, and comes back as the same
 * {@link Code}, whose strings are hashed once for all the maps they are looked up in.
 *
 * <p>An item is matched on what {@link Code#of} reads: the VR and raw value of its Code Value,
 * Coding Scheme Designator, Coding Scheme Version, Code Meaning, Long Code Value and URN Code
 * Value, and its character set. Equal bytes in equal character sets decode to equal strings, so
 * the answer is always the one {@link Code#of} gives. An item whose code attributes hold Java
 * strings (set by code rather than read) is decoded each time, not remembered.
 *
 * <p>Bounded: at most {@value #MAX_ENTRIES} codes; when full, it forgets them all and starts
 * afresh. It keeps the raw values of the codes it remembers reachable. Not thread-safe: one per
 * thread.
 */
public final class CodeCache {

    /** Most codes remembered. */
    public static final int MAX_ENTRIES = 1024;

    /** The attributes {@link Code#of} reads, in tag order. */
    private static final int CODE_VALUE = 0x00080100;
    private static final int CODING_SCHEME_DESIGNATOR = 0x00080102;
    private static final int CODING_SCHEME_VERSION = 0x00080103;
    private static final int CODE_MEANING = 0x00080104;
    private static final int LONG_CODE_VALUE = 0x00080119;
    private static final int URN_CODE_VALUE = 0x00080120;
    private static final int PARTS = 6;

    /** Open addressing, at most half full. */
    private final Entry[] table = new Entry[2 * MAX_ENTRIES];
    private int size;
    /** The index in the item being looked up of each part (in the order of the tags above), or -1. */
    private final int[] at = new int[PARTS];

    /** An empty cache. */
    public CodeCache() {
    }

    /**
     * The code of a code sequence item, as {@link Code#of(DicomObject)} gives it.
     *
     * @param item the item
     * @return its code, or empty if it carries no code value or scheme
     */
    public Optional<Code> code(DicomObject item) {
        int[] at = this.at;
        at[0] = -1;
        at[1] = -1;
        at[2] = -1;
        at[3] = -1;
        at[4] = -1;
        at[5] = -1;
        int hash = 1;
        long shape = 0; // per part, 8 bits: 0 if absent, else its VR's ordinal + 1
        for (int i = 0, n = item.size(); i < n; i++) {
            int t = item.tagAt(i);
            int k;
            switch (t) {
                case CODE_VALUE: k = 0; break;
                case CODING_SCHEME_DESIGNATOR: k = 1; break;
                case CODING_SCHEME_VERSION: k = 2; break;
                case CODE_MEANING: k = 3; break;
                case LONG_CODE_VALUE: k = 4; break;
                case URN_CODE_VALUE: k = 5; break;
                default:
                    if (Integer.compareUnsigned(t, URN_CODE_VALUE) > 0) {
                        i = n;
                    }
                    continue;
            }
            Object v = item.valueAt(i);
            if (v != null && !(v instanceof byte[])) {
                return Code.of(item);
            }
            at[k] = i;
            shape |= (item.vrAt(i).ordinal() + 1L) << (8 * k);
            if (v != null) {
                hash = 31 * hash + sample((byte[]) v);
            }
        }
        hash = 31 * hash + Long.hashCode(shape);
        int mask = table.length - 1;
        int i = mix(hash) & mask;
        for (Entry e; (e = table[i]) != null; i = (i + 1) & mask) {
            if (e.hash == hash && e.shape == shape && e.matches(item, at)) {
                return e.code;
            }
        }
        Optional<Code> code = Code.of(item);
        if (size == MAX_ENTRIES) {
            Arrays.fill(table, null);
            size = 0;
            i = mix(hash) & mask;
        }
        table[i] = new Entry(hash, shape, item, at, code);
        size++;
        return code;
    }

    /** A hash of some bytes of a value (its length, first, middle and last bytes): equal values hash alike. */
    private static int sample(byte[] b) {
        int n = b.length;
        return n == 0 ? 0 : ((n * 31 + b[0]) * 31 + b[n >>> 1]) * 31 + b[n - 1];
    }

    private static int mix(int h) {
        return h * 0x9E3779B9 >>> 16;
    }

    /** A code remembered with what it was decoded from: the shape (parts present and VRs), the raw values, the character set. */
    private static final class Entry {
        final int hash;
        final long shape;
        final SpecificCharacterSet charset;
        final Object value;
        final Object scheme;
        final Object version;
        final Object meaning;
        final Object longValue;
        final Object urnValue;
        final Optional<Code> code;

        Entry(int hash, long shape, DicomObject item, int[] at, Optional<Code> code) {
            this.hash = hash;
            this.shape = shape;
            this.charset = item.characterSet();
            this.value = raw(item, at[0]);
            this.scheme = raw(item, at[1]);
            this.version = raw(item, at[2]);
            this.meaning = raw(item, at[3]);
            this.longValue = raw(item, at[4]);
            this.urnValue = raw(item, at[5]);
            this.code = code;
        }

        private static Object raw(DicomObject item, int i) {
            return i < 0 ? null : item.valueAt(i);
        }

        /**
         * True if the code attributes of {@code item} (at {@code at}), of the same shape, hold the
         * bytes and character set this entry was decoded from.
         */
        boolean matches(DicomObject item, int[] at) {
            SpecificCharacterSet cs = item.characterSet();
            return (cs == charset || cs.equals(charset)) && same(value, item, at[0]) && same(scheme, item, at[1])
                    && same(meaning, item, at[3]) && same(version, item, at[2]) && same(longValue, item, at[4])
                    && same(urnValue, item, at[5]);
        }

        private static boolean same(Object held, DicomObject item, int i) {
            if (i < 0) {
                return true; // absent here, and so in the entry: the shapes are equal
            }
            Object b = item.valueAt(i);
            return held == b || held != null && b != null && Arrays.equals((byte[]) held, (byte[]) b);
        }
    }
}
