/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api.terminology;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.data.Tag;

/**
 * How a terminology is built: the cap on value sets, the text index fields and the maximum SR
 * depth. Immutable; two terminologies merge only if built with equal settings.
 */
public final class TerminologySettings {

    /** The default cap on the number of distinct values a node keeps. */
    public static final int DEFAULT_MAX_VALUES = 100;

    private static final TerminologySettings DEFAULTS = builder().build();

    private final int maxValues;
    private final Set<Tag> textIndexFields;
    private final int maxSrDepth;

    private TerminologySettings(Builder b) {
        this.maxValues = b.maxValues;
        this.textIndexFields = Set.copyOf(b.textIndexFields);
        this.maxSrDepth = b.maxSrDepth;
    }

    /**
     * The defaults: 100 values per node; Study Description, Series Description and Body Part
     * Examined indexed; no SR depth limit.
     *
     * @return the defaults
     */
    public static TerminologySettings defaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The most distinct values a node keeps; a node that sees more keeps none and says so
     * ({@link TerminologyNode#valuesTruncated()}), so that the result never depends on arrival order.
     *
     * @return the cap
     */
    public int maxValues() {
        return maxValues;
    }

    /**
     * The attributes whose text values are kept as a value set (searchable text), at any depth.
     *
     * @return an immutable set
     */
    public Set<Tag> textIndexFields() {
        return textIndexFields;
    }

    /**
     * The deepest SR content level indexed below the document title (1 = its direct children);
     * {@link Integer#MAX_VALUE} when unlimited.
     *
     * @return the depth
     */
    public int maxSrDepth() {
        return maxSrDepth;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TerminologySettings s && s.maxValues == maxValues && s.maxSrDepth == maxSrDepth
                && s.textIndexFields.equals(textIndexFields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxValues, textIndexFields, maxSrDepth);
    }

    @Override
    public String toString() {
        return "TerminologySettings[maxValues=" + maxValues + ", textIndexFields=" + new TreeSet<>(textIndexFields)
                + ", maxSrDepth=" + (maxSrDepth == Integer.MAX_VALUE ? "unlimited" : maxSrDepth) + "]";
    }

    /** Builds {@link TerminologySettings}; each setting is checked when set. */
    public static final class Builder {

        private int maxValues = DEFAULT_MAX_VALUES;
        private List<Tag> textIndexFields = List.of(Tag.StudyDescription, Tag.SeriesDescription, Tag.BodyPartExamined);
        private int maxSrDepth = Integer.MAX_VALUE;

        private Builder() {
        }

        /**
         * The cap on distinct values per node (default 100).
         *
         * @param max zero or more
         * @return this builder
         * @throws I4dwConfigurationException if negative
         */
        public Builder maxValues(int max) {
            if (max < 0) {
                throw new I4dwConfigurationException("maxValues must be zero or more, got " + max);
            }
            this.maxValues = max;
            return this;
        }

        /**
         * The text index fields, replacing the defaults (none is allowed).
         *
         * @param tags the attributes
         * @return this builder
         * @throws I4dwConfigurationException if a tag is null, a sequence, or a private tag
         */
        public Builder textIndexFields(Tag... tags) {
            Objects.requireNonNull(tags, "tags");
            List<Tag> list = new ArrayList<>();
            for (Tag t : tags) {
                if (t == null) {
                    throw new I4dwConfigurationException("textIndexFields: a tag is null");
                }
                if (t.isPrivate()) {
                    throw new I4dwConfigurationException("textIndexFields: " + t + " is private; only standard "
                            + "attributes can be indexed");
                }
                list.add(t);
            }
            this.textIndexFields = List.copyOf(list);
            return this;
        }

        /**
         * The deepest SR content level indexed (default unlimited).
         *
         * @param depth one or more
         * @return this builder
         * @throws I4dwConfigurationException if less than one
         */
        public Builder maxSrDepth(int depth) {
            if (depth < 1) {
                throw new I4dwConfigurationException("maxSrDepth must be at least 1, got " + depth);
            }
            this.maxSrDepth = depth;
            return this;
        }

        /**
         * The settings.
         *
         * @return immutable settings
         */
        public TerminologySettings build() {
            return new TerminologySettings(this);
        }
    }
}
