/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/**
 * A view of one element of a {@link DicomObject}: tag, VR and value, as codecs and walkers need
 * them. Obtained by iterating a {@code DicomObject}; holds no copy of the value.
 */
public final class DicomElement {

    /** How the value of an element is held. */
    public enum ValueKind {
        /** Zero-length value. */
        EMPTY,
        /** Bytes: text in the object's character set, or little endian binary numbers. */
        BYTES,
        /** Text set from Java strings (not yet encoded). */
        TEXT,
        /** A sequence of items. */
        ITEMS,
        /** A large value in memory or in a file ({@link BulkData}). */
        BULK_DATA,
        /** Encapsulated pixel data ({@link Fragments}). */
        FRAGMENTS
    }

    private final DicomObject owner;
    private final int index;

    DicomElement(DicomObject owner, int index) {
        this.owner = owner;
        this.index = index;
    }

    /** The tag. */
    public Tag tag() {
        return Tag.of(owner.tagAt(index));
    }

    /** The tag as a 32-bit value. */
    public int tagValue() {
        return owner.tagAt(index);
    }

    /** The VR. */
    public VR vr() {
        return owner.vrAt(index);
    }

    /** How the value is held. */
    public ValueKind kind() {
        Object v = owner.valueAt(index);
        if (v == null) {
            return ValueKind.EMPTY;
        } else if (v instanceof byte[]) {
            return ((byte[]) v).length == 0 ? ValueKind.EMPTY : ValueKind.BYTES;
        } else if (v instanceof String) {
            return ((String) v).isEmpty() ? ValueKind.EMPTY : ValueKind.TEXT;
        } else if (v instanceof List) {
            return ValueKind.ITEMS;
        } else if (v instanceof BulkData) {
            return ValueKind.BULK_DATA;
        } else {
            return ValueKind.FRAGMENTS;
        }
    }

    /**
     * The raw bytes of a {@link ValueKind#BYTES} value as a read-only little endian buffer, without
     * a copy; empty for other kinds.
     */
    public Optional<ByteBuffer> bytes() {
        Object v = owner.valueAt(index);
        return v instanceof byte[]
                ? Optional.of(ByteBuffer.wrap((byte[]) v).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN))
                : Optional.empty();
    }

    /** The Java string of a {@link ValueKind#TEXT} value; empty for other kinds. */
    public Optional<String> text() {
        Object v = owner.valueAt(index);
        return v instanceof String ? Optional.of((String) v) : Optional.empty();
    }

    /** The values as strings, decoded and trimmed as {@link DicomObject#strings(Tag)} does. */
    public List<String> strings() {
        return owner.stringsAt(index);
    }

    /** The items of a sequence; empty for other kinds. */
    @SuppressWarnings("unchecked")
    public List<DicomObject> items() {
        Object v = owner.valueAt(index);
        return v instanceof List ? (List<DicomObject>) v : List.of();
    }

    /** The bulk data; empty for other kinds. */
    public Optional<BulkData> bulkData() {
        Object v = owner.valueAt(index);
        return v instanceof BulkData ? Optional.of((BulkData) v) : Optional.empty();
    }

    /** The fragments of encapsulated pixel data; empty for other kinds. */
    public Optional<Fragments> fragments() {
        Object v = owner.valueAt(index);
        return v instanceof Fragments ? Optional.of((Fragments) v) : Optional.empty();
    }

    /** The character set of the object that holds this element. */
    public SpecificCharacterSet characterSet() {
        return owner.characterSet();
    }

    /** The value as held, for {@link DicomObject.Builder#set(DicomElement)}. */
    Object rawValue() {
        return owner.valueAt(index);
    }

    /** Tag and VR only, never the value. */
    @Override
    public String toString() {
        return Tag.toString(tagValue()) + " " + vr();
    }
}
