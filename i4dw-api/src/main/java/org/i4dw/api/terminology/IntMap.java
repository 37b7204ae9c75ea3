/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api.terminology;

/**
 * A small open-addressing map from int keys (tags) to values, with no boxing on lookup: the
 * accumulator finds children by tag with it, and terminology providers may cache per-tag facts.
 * Not thread-safe; null values are not allowed.
 *
 * @param <V> the value type
 */
public final class IntMap<V> {

    private int[] keys = new int[8];
    private Object[] values = new Object[8];
    private int size;

    /** An empty map. */
    public IntMap() {
    }

    /**
     * The value for {@code key}.
     *
     * @param key the key
     * @return the value, or null if absent
     */
    @SuppressWarnings("unchecked")
    public V get(int key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            Object v = values[i];
            if (v == null) {
                return null;
            }
            if (keys[i] == key) {
                return (V) v;
            }
        }
    }

    /**
     * Sets the value for {@code key}.
     *
     * @param key the key
     * @param value the value, not null
     */
    public void put(int key, V value) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (values[i] == null) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
    }

    private void grow() {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                @SuppressWarnings("unchecked")
                V v = (V) oldValues[i];
                put(oldKeys[i], v);
            }
        }
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
