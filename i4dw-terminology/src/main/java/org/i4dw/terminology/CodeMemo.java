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
 * The codes ({@link Code#of}) of the items of the object walked last on one thread, and what the
 * walks read of its SR content items ({@link DcmehopWalk.ContentItem}), so that the builder's and
 * the indexer's walks of the same object (the engine gives both the header of a series, one after
 * the other, on the thread that handles the series) decode each code item and each content item
 * once, and hand the same strings, hashed once, to their node maps.
 *
 * <p>Entries are keyed by the identity of the item: a {@link DicomObject} is immutable, so an item
 * has one code and one content. The memo holds the items of one top-level object only: a walk of
 * another object empties it first, so no item is carried from one series to the next, even when
 * their headers share items. An item met for the first time is looked up by content in a
 * {@link CodeCache}, which does outlive the object: the codes of the next series' header (most of
 * them the same codes, in another header's bytes) are then found by comparing bytes rather than
 * decoded again. Not thread-safe: one per thread ({@link #perThread()}). It keeps the last object's
 * code and content items reachable until the thread walks another object, and the raw values of
 * the codes its cache remembers.
 */
final class CodeMemo {

    /** Most entries kept for one object, of each kind (a very large report decodes the rest afresh). */
    static final int MAX_ENTRIES = 4_096;

    private final CodeCache byContent = new CodeCache();
    private Object top;
    private final IdentityTable codes = new IdentityTable();
    private final IdentityTable contentItems = new IdentityTable();

    /** A memo per thread, for the builders and indexers of one provider. */
    static ThreadLocal<CodeMemo> perThread() {
        return ThreadLocal.withInitial(CodeMemo::new);
    }

    /** Starts the walk of {@code object}: keeps what is known of it, forgets any other object's items. */
    void begin(DicomObject object) {
        if (object == top) {
            return;
        }
        codes.clear();
        contentItems.clear();
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
        Object known = codes.get(item);
        if (known != null) {
            return (Optional<Code>) known;
        }
        Optional<Code> c = byContent.code(item);
        codes.put(item, c);
        return c;
    }

    /** What a walk of the object being walked read of the content item {@code item}, or null if none has yet. */
    DcmehopWalk.ContentItem contentItem(DicomObject item) {
        return (DcmehopWalk.ContentItem) contentItems.get(item);
    }

    /** Remembers what was read of the content item {@code item} of the object being walked. */
    void keep(DicomObject item, DcmehopWalk.ContentItem content) {
        contentItems.put(item, content);
    }

    /** Values by the identity of an item, at most {@value #MAX_ENTRIES}; emptied in the time it took to fill. */
    private static final class IdentityTable {
        private DicomObject[] keys = new DicomObject[128];
        private Object[] values = new Object[128];
        private int[] used = new int[64];
        private int size;

        Object get(DicomObject key) {
            int mask = keys.length - 1;
            for (int i = mix(System.identityHashCode(key)) & mask; ; i = (i + 1) & mask) {
                DicomObject k = keys[i];
                if (k == key) {
                    return values[i];
                }
                if (k == null) {
                    return null;
                }
            }
        }

        /** Adds {@code key}, which is not in the table, unless the table is full. */
        void put(DicomObject key, Object value) {
            if (size == MAX_ENTRIES) {
                return;
            }
            if (2 * (size + 1) > keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            int i = mix(System.identityHashCode(key)) & mask;
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            values[i] = value;
            if (size == used.length) {
                used = Arrays.copyOf(used, size * 2);
            }
            used[size++] = i;
        }

        void clear() {
            for (int k = 0; k < size; k++) {
                keys[used[k]] = null;
                values[used[k]] = null;
            }
            size = 0;
        }

        /** Doubles the table, at half full. */
        private void grow() {
            DicomObject[] oldKeys = keys;
            Object[] oldValues = values;
            int[] oldUsed = used;
            keys = new DicomObject[oldKeys.length * 2];
            values = new Object[oldKeys.length * 2];
            used = new int[Math.max(oldUsed.length, keys.length / 2)];
            int mask = keys.length - 1;
            for (int k = 0; k < size; k++) {
                DicomObject key = oldKeys[oldUsed[k]];
                int i = mix(System.identityHashCode(key)) & mask;
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = key;
                values[i] = oldValues[oldUsed[k]];
                used[k] = i;
            }
        }

        private static int mix(int h) {
            return h * 0x9E3779B9 >>> 16;
        }
    }
}
