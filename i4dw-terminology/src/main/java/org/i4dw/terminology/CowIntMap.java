/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.terminology;

import java.util.function.IntFunction;

/**
 * A map from int keys to values that many threads read without locks and rarely add to: each
 * addition copies the table and publishes the copy through a volatile field (copy on write), so a
 * reader always sees a complete table. For caches that fill up once (dictionary facts per tag,
 * the children of a node by tag). Optionally bounded: beyond {@code max} keys, values are computed
 * but not kept. Null values are not allowed.
 *
 * @param <V> the value type
 */
final class CowIntMap<V> {

    /** An immutable open-addressing table. */
    private static final class Table {
        final int[] keys;
        final Object[] values;
        final int size;

        Table(int capacity, int size) {
            this.keys = new int[capacity];
            this.values = new Object[capacity];
            this.size = size;
        }
    }

    private final int max;
    private volatile Table table = new Table(8, 0);

    /**
     * An empty map.
     *
     * @param max how many keys it keeps at most
     */
    CowIntMap(int max) {
        this.max = max;
    }

    /** True when it holds as many keys as it keeps. */
    boolean full() {
        return table.size >= max;
    }

    /** The value for {@code key}, or null. */
    @SuppressWarnings("unchecked")
    V get(int key) {
        Table t = table;
        int mask = t.keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            Object v = t.values[i];
            if (v == null) {
                return null;
            }
            if (t.keys[i] == key) {
                return (V) v;
            }
        }
    }

    /** The value for {@code key}, computed and kept (if there is room) when absent. */
    V computeIfAbsent(int key, IntFunction<V> compute) {
        V v = get(key);
        return v != null ? v : add(key, compute);
    }

    @SuppressWarnings("unchecked")
    private synchronized V add(int key, IntFunction<V> compute) {
        V v = get(key);
        if (v != null) {
            return v;
        }
        v = compute.apply(key);
        Table old = table;
        if (old.size >= max) {
            return v;
        }
        int capacity = old.keys.length;
        if ((old.size + 1) * 2 > capacity) {
            capacity *= 2;
        }
        Table t = new Table(capacity, old.size + 1);
        for (int i = 0; i < old.keys.length; i++) {
            if (old.values[i] != null) {
                put(t, old.keys[i], old.values[i]);
            }
        }
        put(t, key, v);
        table = t;
        return v;
    }

    private static void put(Table t, int key, Object value) {
        int mask = t.keys.length - 1;
        int i = mix(key) & mask;
        while (t.values[i] != null) {
            i = (i + 1) & mask;
        }
        t.keys[i] = key;
        t.values[i] = value;
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
