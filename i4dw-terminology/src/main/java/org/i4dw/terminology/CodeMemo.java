/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.terminology;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.i4dw.data.Code;
import org.i4dw.data.CodeCache;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;

/**
 * The codes ({@link Code#of}) of the items of the object walked last on one thread, so that the
 * builder's and the indexer's walks of the same object (the engine gives both the header of a
 * series, one after the other, on the thread that handles the series) decode each code item once,
 * and hand the same strings, hashed once, to their node maps.
 *
 * <p>Entries are keyed by the identity of the item: a {@link DicomObject} is immutable, so an item
 * has one code. The memo holds the items of one top-level object only: a walk of another object
 * empties it first, so no item is carried from one series to the next, even when their headers
 * share items. An item met for the first time is looked up by content in a {@link CodeCache},
 * which does outlive the object: the codes of the next series' header (most of them the same
 * codes, in another header's bytes) are then found by comparing bytes rather than decoded again.
 * Not thread-safe: one per thread ({@link #perThread()}). It keeps the last object's code items
 * reachable until the thread walks another object, and the raw values of the codes its cache
 * remembers.
 */
final class CodeMemo {

    /** Most entries kept for one object (a very large report decodes the rest afresh). */
    static final int MAX_ENTRIES = 4_096;

    private final CodeCache byContent = new CodeCache();
    private Object top;
    private DicomObject[] items = new DicomObject[128];
    private Object[] codes = new Object[128];
    private int[] used = new int[64];
    private int size;

    /** A memo per thread, for the builders and indexers of one provider. */
    static ThreadLocal<CodeMemo> perThread() {
        return ThreadLocal.withInitial(CodeMemo::new);
    }

    /** Starts the walk of {@code object}: keeps what is known of it, forgets any other object's items. */
    void begin(DicomObject object) {
        if (object == top) {
            return;
        }
        for (int k = 0; k < size; k++) {
            items[used[k]] = null;
            codes[used[k]] = null;
        }
        size = 0;
        top = object;
    }

    /** The code of the first item of the sequence {@code sequenceTag} of {@code object}, as {@link DicomObject#code}. */
    Optional<Code> code(DicomObject object, Tag sequenceTag) {
        List<DicomObject> items = object.sequence(sequenceTag);
        return items.isEmpty() ? Optional.empty() : code(items.get(0));
    }

    /** {@link Code#of}{@code (item)}, looked up once per item of the object being walked. */
    @SuppressWarnings("unchecked")
    Optional<Code> code(DicomObject item) {
        int mask = items.length - 1;
        int i = mix(System.identityHashCode(item)) & mask;
        for (DicomObject k; (k = items[i]) != null; i = (i + 1) & mask) {
            if (k == item) {
                return (Optional<Code>) codes[i];
            }
        }
        Optional<Code> c = byContent.code(item);
        if (size < MAX_ENTRIES) {
            if (2 * (size + 1) > items.length) {
                grow();
                mask = items.length - 1;
                i = mix(System.identityHashCode(item)) & mask;
                while (items[i] != null) {
                    i = (i + 1) & mask;
                }
            }
            items[i] = item;
            codes[i] = c;
            if (size == used.length) {
                used = Arrays.copyOf(used, size * 2);
            }
            used[size++] = i;
        }
        return c;
    }

    private static int mix(int h) {
        return h * 0x9E3779B9 >>> 16;
    }

    /** Doubles the table, at half full. */
    private void grow() {
        DicomObject[] oldItems = items;
        Object[] oldCodes = codes;
        int[] oldUsed = used;
        items = new DicomObject[oldItems.length * 2];
        codes = new Object[oldItems.length * 2];
        used = new int[Math.max(oldUsed.length, items.length / 2)];
        int mask = items.length - 1;
        for (int k = 0; k < size; k++) {
            DicomObject item = oldItems[oldUsed[k]];
            int i = mix(System.identityHashCode(item)) & mask;
            while (items[i] != null) {
                i = (i + 1) & mask;
            }
            items[i] = item;
            codes[i] = oldCodes[oldUsed[k]];
            used[k] = i;
        }
    }
}
