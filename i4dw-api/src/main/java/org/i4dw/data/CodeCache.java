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
    private static final int[] TAGS = {Tag.CodeValue.value(), Tag.CodingSchemeDesignator.value(),
        Tag.CodingSchemeVersion.value(), Tag.CodeMeaning.value(), Tag.LongCodeValue.value(),
        Tag.URNCodeValue.value()};
    private static final int LAST_TAG = TAGS[TAGS.length - 1];

    /** Open addressing, at most half full. */
    private final Entry[] table = new Entry[2 * MAX_ENTRIES];
    private int size;
    /** The index in the item being looked up of each of {@link #TAGS}, or -1. */
    private final int[] at = new int[TAGS.length];

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
        Arrays.fill(at, -1);
        int hash = 1;
        for (int i = 0, n = item.size(); i < n; i++) {
            int t = item.tagAt(i);
            if (Integer.compareUnsigned(t, LAST_TAG) > 0) {
                break;
            }
            int k = slot(t);
            if (k < 0) {
                continue;
            }
            Object v = item.valueAt(i);
            if (v != null && !(v instanceof byte[])) {
                return Code.of(item);
            }
            at[k] = i;
            hash = 31 * hash + (k + 1) * 64 + item.vrAt(i).ordinal();
            if (v != null) {
                hash = hash(hash, (byte[]) v, k != 3);
            }
        }
        int mask = table.length - 1;
        int i = mix(hash) & mask;
        for (Entry e; (e = table[i]) != null; i = (i + 1) & mask) {
            if (e.hash == hash && e.matches(item, at)) {
                return e.code;
            }
        }
        Optional<Code> code = Code.of(item);
        if (size == MAX_ENTRIES) {
            Arrays.fill(table, null);
            size = 0;
            i = mix(hash) & mask;
        }
        table[i] = new Entry(hash, item, at, code);
        size++;
        return code;
    }

    private static int slot(int tag) {
        for (int k = 0; k < TAGS.length; k++) {
            if (TAGS[k] == tag) {
                return k;
            }
        }
        return -1;
    }

    /** Hashes the bytes of a value, or only its length and ends for a long one (a Code Meaning). */
    private static int hash(int h, byte[] b, boolean whole) {
        if (!whole && b.length > 8) {
            return 31 * (31 * (31 * h + b.length) + b[0]) + b[b.length - 1];
        }
        for (byte x : b) {
            h = 31 * h + x;
        }
        return h;
    }

    private static int mix(int h) {
        return h * 0x9E3779B9 >>> 16;
    }

    /** A code remembered with what it was decoded from. */
    private static final class Entry {
        final int hash;
        final SpecificCharacterSet charset;
        final VR[] vrs = new VR[TAGS.length];
        final Object[] values = new Object[TAGS.length];
        final Optional<Code> code;

        Entry(int hash, DicomObject item, int[] at, Optional<Code> code) {
            this.hash = hash;
            this.charset = item.characterSet();
            for (int k = 0; k < TAGS.length; k++) {
                if (at[k] >= 0) {
                    vrs[k] = item.vrAt(at[k]);
                    values[k] = item.valueAt(at[k]);
                }
            }
            this.code = code;
        }

        /** True if the code attributes of {@code item} (at {@code at}) are those this entry was decoded from. */
        boolean matches(DicomObject item, int[] at) {
            SpecificCharacterSet cs = item.characterSet();
            if (cs != charset && !cs.equals(charset)) {
                return false;
            }
            for (int k = 0; k < TAGS.length; k++) {
                int i = at[k];
                if (i < 0) {
                    if (vrs[k] != null) {
                        return false;
                    }
                } else if (vrs[k] != item.vrAt(i) || !sameBytes(values[k], item.valueAt(i))) {
                    return false;
                }
            }
            return true;
        }

        private static boolean sameBytes(Object a, Object b) {
            return a == b || a != null && b != null && Arrays.equals((byte[]) a, (byte[]) b);
        }
    }
}
