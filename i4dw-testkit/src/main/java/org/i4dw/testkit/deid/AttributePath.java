/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit.deid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;

/**
 * Where an attribute is in a data set: the sequences and item indexes that lead to it, then its
 * tag. Written {@code (0040,0275)[0]/(0040,0009)}: each sequence with the 0-based index of the
 * item, then the attribute. Immutable; names a place, never holds a value.
 */
public final class AttributePath {

    private final int[] tags;
    private final int[] items;

    private AttributePath(int[] tags, int[] items) {
        this.tags = tags;
        this.items = items;
    }

    /**
     * A top-level attribute.
     *
     * @param tag the tag
     * @return its path
     */
    public static AttributePath of(Tag tag) {
        return new AttributePath(new int[] {tag.value()}, new int[0]);
    }

    /**
     * Parses {@code Sequence[i]/.../Attribute}: segments separated by {@code /}, each a PS3.6
     * keyword or a tag as {@link Tag#parse(String)} reads it, every segment but the last with its
     * 0-based item index in brackets.
     *
     * @param text the path, e.g. {@code RequestAttributesSequence[0]/ScheduledProcedureStepID}
     * @return the path
     * @throws IllegalArgumentException naming the text when it is malformed
     */
    public static AttributePath parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.strip().split("/", -1);
        int[] t = new int[parts.length];
        int[] it = new int[parts.length - 1];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            int open = p.indexOf('[');
            if (i < parts.length - 1) {
                if (open < 0 || !p.endsWith("]")) {
                    throw new IllegalArgumentException("segment " + (i + 1) + " of the attribute path '" + text
                            + "' needs an item index, e.g. Sequence[0]");
                }
                try {
                    it[i] = Integer.parseInt(p.substring(open + 1, p.length() - 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad item index in segment " + (i + 1) + " of '" + text + "'", e);
                }
                if (it[i] < 0) {
                    throw new IllegalArgumentException("negative item index in segment " + (i + 1) + " of '" + text + "'");
                }
                p = p.substring(0, open);
            } else if (open >= 0) {
                throw new IllegalArgumentException("the last segment of '" + text + "' names an attribute, not an item");
            }
            t[i] = Tag.parse(p).value();
        }
        return new AttributePath(t, it);
    }

    /**
     * The path of an attribute of item {@code item} of the sequence at this path.
     *
     * @param item the 0-based item index in this sequence
     * @param tag the attribute in that item
     * @return the longer path
     */
    public AttributePath child(int item, Tag tag) {
        return child(item, tag.value());
    }

    AttributePath child(int item, int tag) {
        int[] t = Arrays.copyOf(tags, tags.length + 1);
        t[tags.length] = tag;
        int[] it = Arrays.copyOf(items, items.length + 1);
        it[items.length] = item;
        return new AttributePath(t, it);
    }

    static AttributePath top(int tag) {
        return new AttributePath(new int[] {tag}, new int[0]);
    }

    /**
     * The attribute at this path in an object, if every sequence, item and the attribute are there.
     *
     * @param object the object
     * @return the element
     */
    public Optional<DicomElement> lookup(DicomObject object) {
        DicomObject at = Objects.requireNonNull(object, "object");
        for (int i = 0; i < items.length; i++) {
            List<DicomObject> its = at.sequence(Tag.of(tags[i]));
            if (items[i] >= its.size()) {
                return Optional.empty();
            }
            at = its.get(items[i]);
        }
        return at.element(Tag.of(tags[tags.length - 1]));
    }

    /**
     * The attribute's own tag (the last segment).
     *
     * @return the tag
     */
    public Tag tag() {
        return Tag.of(tags[tags.length - 1]);
    }

    /**
     * The number of sequences above the attribute: 0 at the top level.
     *
     * @return the depth
     */
    public int depth() {
        return items.length;
    }

    /**
     * The path with PS3.6 keywords where the dictionary has them (tags otherwise), e.g.
     * {@code RequestAttributesSequence[0]/ScheduledProcedureStepID}.
     *
     * @return the text
     */
    public String keywords() {
        List<String> s = new ArrayList<>(tags.length);
        for (int i = 0; i < tags.length; i++) {
            Tag t = Tag.of(tags[i]);
            String name = t.keyword().orElse(t.toString());
            s.add(i < items.length ? name + "[" + items[i] + "]" : name);
        }
        return String.join("/", s);
    }

    /**
     * Tags and keywords, for messages: {@code (0040,0275)[0]/(0040,0009) RequestAttributesSequence[0]/ScheduledProcedureStepID}.
     *
     * @return the text
     */
    public String describe() {
        String k = keywords();
        String t = toString();
        return k.equals(t) ? t : t + " " + k;
    }

    /** Same tags and item indexes. */
    @Override
    public boolean equals(Object o) {
        return o instanceof AttributePath && Arrays.equals(tags, ((AttributePath) o).tags)
                && Arrays.equals(items, ((AttributePath) o).items);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(tags) + Arrays.hashCode(items);
    }

    /** The path with tags, e.g. {@code (0040,0275)[0]/(0040,0009)}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < tags.length; i++) {
            if (i > 0) {
                b.append('/');
            }
            b.append(Tag.toString(tags[i]));
            if (i < items.length) {
                b.append('[').append(items[i]).append(']');
            }
        }
        return b.toString();
    }
}
