/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api.terminology;

import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An immutable set of patient or document keys: a bit per key id, and the table that turns ids
 * back into keys (shared by every node of one {@link Terminology}). Two sets are equal when they
 * hold the same keys, whatever their ids.
 */
final class KeySet {

    private final List<String> table;
    private final BitSet ids;
    private final int size;

    /**
     * @param table the keys by id; not copied, never changed afterwards
     * @param ids the ids; not copied, never changed afterwards
     */
    KeySet(List<String> table, BitSet ids) {
        this.table = table;
        this.ids = ids;
        this.size = ids.cardinality();
    }

    int size() {
        return size;
    }

    /** The keys by id. */
    List<String> table() {
        return table;
    }

    /** The ids; callers must not change them. */
    BitSet ids() {
        return ids;
    }

    /** The keys, materialized. */
    Set<String> keys() {
        Set<String> keys = new HashSet<>(size * 2);
        for (int i = ids.nextSetBit(0); i >= 0; i = ids.nextSetBit(i + 1)) {
            keys.add(table.get(i));
        }
        return keys;
    }

    /** Equal when the keys are, whatever the ids behind them. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KeySet k) || size != k.size) {
            return false;
        }
        return table == k.table ? ids.equals(k.ids) : keys().equals(k.keys());
    }

    @Override
    public int hashCode() {
        return size;
    }

    /** The size only; never keys. */
    @Override
    public String toString() {
        return size + " keys";
    }
}
