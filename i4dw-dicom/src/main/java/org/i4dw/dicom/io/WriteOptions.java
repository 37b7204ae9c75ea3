/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.io;

import java.util.Objects;

/**
 * How {@link DicomWriter} encodes a data set: defined or undefined lengths for sequences and
 * items, and what to do with group length elements. Immutable; built with {@link #builder()}.
 *
 * <p>The file meta information is not affected: its (0002,0000) group length is always written
 * and always recomputed (PS3.10 section 7.1).
 */
public final class WriteOptions {

    /** What to do with group length elements (gggg,0000) of the data set (PS3.5 section 7.2). */
    public enum GroupLengths {
        /**
         * Leave them out, at every nesting level (the default). They are retired outside group
         * 0002, and a stale value copied from a file that was read is worse than none.
         */
        DROP,
        /**
         * Leave out the ones the data set holds and write a freshly computed (gggg,0000) UL at the
         * start of every group of every data set and item (except group 0002, which belongs to
         * the file meta information).
         */
        COMPUTE
    }

    private static final WriteOptions DEFAULTS = builder().build();

    private final boolean undefinedLengthSequences;
    private final boolean undefinedLengthItems;
    private final GroupLengths groupLengths;

    private WriteOptions(Builder b) {
        this.undefinedLengthSequences = b.undefinedLengthSequences;
        this.undefinedLengthItems = b.undefinedLengthItems;
        this.groupLengths = b.groupLengths;
    }

    /**
     * A builder with the defaults: explicit (defined) lengths for sequences and items, group
     * lengths dropped.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The defaults: defined lengths, group lengths dropped.
     *
     * @return the shared default options
     */
    public static WriteOptions defaults() {
        return DEFAULTS;
    }

    /**
     * True to write sequences with undefined length and a Sequence Delimitation Item
     * (FFFE,E0DD); false to write their computed length. A sequence whose length does not fit in
     * 32 bits is written with undefined length either way.
     *
     * @return whether sequences get undefined length
     */
    public boolean undefinedLengthSequences() {
        return undefinedLengthSequences;
    }

    /**
     * True to write items with undefined length and an Item Delimitation Item (FFFE,E00D); false
     * to write their computed length. An item whose length does not fit in 32 bits is written with
     * undefined length either way.
     *
     * @return whether items get undefined length
     */
    public boolean undefinedLengthItems() {
        return undefinedLengthItems;
    }

    /**
     * What happens to group length elements of the data set.
     *
     * @return the group length policy
     */
    public GroupLengths groupLengths() {
        return groupLengths;
    }

    /**
     * A builder with this object's settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder().undefinedLengthSequences(undefinedLengthSequences)
                .undefinedLengthItems(undefinedLengthItems).groupLengths(groupLengths);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WriteOptions)) {
            return false;
        }
        WriteOptions w = (WriteOptions) o;
        return w.undefinedLengthSequences == undefinedLengthSequences
                && w.undefinedLengthItems == undefinedLengthItems && w.groupLengths == groupLengths;
    }

    @Override
    public int hashCode() {
        return Objects.hash(undefinedLengthSequences, undefinedLengthItems, groupLengths);
    }

    @Override
    public String toString() {
        return "WriteOptions[undefinedLengthSequences=" + undefinedLengthSequences + ", undefinedLengthItems="
                + undefinedLengthItems + ", groupLengths=" + groupLengths + "]";
    }

    /** Builds {@link WriteOptions}; each setter checks its value at once. */
    public static final class Builder {

        private boolean undefinedLengthSequences;
        private boolean undefinedLengthItems;
        private GroupLengths groupLengths = GroupLengths.DROP;

        private Builder() {
        }

        /**
         * Undefined length for sequences (default false: defined lengths).
         *
         * @param undefined true for undefined length and a delimitation item
         * @return this builder
         */
        public Builder undefinedLengthSequences(boolean undefined) {
            this.undefinedLengthSequences = undefined;
            return this;
        }

        /**
         * Undefined length for items (default false: defined lengths).
         *
         * @param undefined true for undefined length and a delimitation item
         * @return this builder
         */
        public Builder undefinedLengthItems(boolean undefined) {
            this.undefinedLengthItems = undefined;
            return this;
        }

        /**
         * The group length policy (default {@link GroupLengths#DROP}).
         *
         * @param policy what to do with (gggg,0000) elements
         * @return this builder
         * @throws NullPointerException if {@code policy} is null
         */
        public Builder groupLengths(GroupLengths policy) {
            this.groupLengths = Objects.requireNonNull(policy, "groupLengths");
            return this;
        }

        /**
         * The immutable options.
         *
         * @return the options
         */
        public WriteOptions build() {
            return new WriteOptions(this);
        }
    }
}
