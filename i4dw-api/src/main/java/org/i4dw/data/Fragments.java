/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

import java.util.List;

/**
 * Encapsulated pixel data (PS3.5 A.4): the Basic Offset Table item (possibly empty) followed by
 * the fragments of the compressed frames, each kept as bytes or a file reference, never decoded.
 *
 * @param items the items in stream order; the first is the Basic Offset Table
 */
public record Fragments(List<BulkData> items) {

    /** Copies the list; requires at least the Basic Offset Table item. */
    public Fragments {
        items = List.copyOf(items);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("encapsulated pixel data needs at least the Basic Offset Table item");
        }
    }

    /** The Basic Offset Table item (often empty). */
    public BulkData basicOffsetTable() {
        return items.get(0);
    }

    /** The fragments after the Basic Offset Table. */
    public List<BulkData> fragments() {
        return items.subList(1, items.size());
    }

    /** Total bytes of all items, without item headers. */
    public long totalLength() {
        long n = 0;
        for (BulkData b : items) {
            n += b.length();
        }
        return n;
    }

    /** Counts, never content. */
    @Override
    public String toString() {
        return "Fragments[" + (items.size() - 1) + " fragments, " + totalLength() + " bytes]";
    }
}
