/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.json;

import java.util.List;
import java.util.Objects;
import org.i4dw.data.DicomElement;
import org.i4dw.data.Fragments;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;

/**
 * A bulk value that {@link DicomJsonWriter} is about to write in {@link BulkDataMode#URI} mode, as
 * handed to the caller's URI function: where the element is in the data set and the element
 * itself, so that the function can name a WADO-RS bulk data URI or a location of its own.
 *
 * <p>Valid only during the call of the function: the element is a view of the data set being
 * written and is not copied.
 */
public final class BulkDataRef {

    /**
     * One step down into a sequence: the sequence's tag and the item's index (from 0).
     *
     * @param sequence the tag of the sequence element
     * @param item the index of the item within the sequence, from 0
     */
    public record Step(Tag sequence, int item) {

        /** Checks the arguments: a tag and an index of at least 0. */
        public Step {
            Objects.requireNonNull(sequence, "sequence");
            if (item < 0) {
                throw new IllegalArgumentException("item index must be >= 0, got " + item);
            }
        }
    }

    private final List<Step> path;
    private final DicomElement element;
    private final long length;

    BulkDataRef(List<Step> path, DicomElement element, long length) {
        this.path = List.copyOf(path);
        this.element = element;
        this.length = length;
    }

    /**
     * The sequence items that lead to the element, outermost first; empty for an element of the
     * top-level data set.
     *
     * @return an immutable list
     */
    public List<Step> path() {
        return path;
    }

    /**
     * The element's tag.
     *
     * @return the tag
     */
    public Tag tag() {
        return element.tag();
    }

    /**
     * The element's VR.
     *
     * @return the VR
     */
    public VR vr() {
        return element.vr();
    }

    /**
     * The element, whose value is bytes, {@link org.i4dw.data.BulkData} or {@link Fragments}
     * (see {@link DicomElement#kind()}).
     *
     * @return a view of the element, valid during the call of the URI function
     */
    public DicomElement element() {
        return element;
    }

    /**
     * The length in bytes of the value field as it would be written inline: the value's length, or
     * for encapsulated pixel data the length with item headers and the sequence delimiter.
     *
     * @return the length in bytes
     */
    public long length() {
        return length;
    }

    /**
     * Tag, VR, depth and length; never the value.
     *
     * @return a description without patient data
     */
    @Override
    public String toString() {
        return "BulkDataRef[" + Tag.toString(element.tagValue()) + " " + element.vr() + ", depth " + path.size()
                + ", " + length + " bytes]";
    }
}
