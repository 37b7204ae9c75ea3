/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api.terminology;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.data.Tag;

/**
 * How a terminology is built: the cap on value sets, the text index fields, the maximum SR depth,
 * the view (include and exclude lists) and whether private attributes are kept. Immutable; two
 * terminologies merge only if built with equal settings.
 *
 * <p><b>Views.</b> Attribute paths apply to the "Attribute Tags" tree. A path is a list of tags
 * separated by {@code /}, each a PS3.6 keyword or a tag ({@code (0008,2218)}, {@code 0008,2218} or
 * {@code 00082218}), e.g. {@code AnatomicRegionSequence/CodeValue}; a path covers its attribute and
 * everything below it. SR concept codes ({@code SCHEME:VALUE}, e.g. {@code DCM:113819}) apply to
 * Structured Report trees: an excluded concept hides its node and its whole subtree, wherever it
 * occurs; the document title itself can be excluded too. An empty include list means everything;
 * otherwise a node is kept when an included path (or concept) covers it, and its ancestors are kept
 * so that it can be reached. <b>Exclusion wins over inclusion</b>: a node covered by an excluded path
 * or below an excluded concept is hidden even if an included path covers it too.
 */
public final class TerminologySettings {

    /** The default cap on the number of distinct values a node keeps. */
    public static final int DEFAULT_MAX_VALUES = 100;

    private static final TerminologySettings DEFAULTS = builder().build();

    private final int maxValues;
    private final Set<Tag> textIndexFields;
    private final int maxSrDepth;
    private final List<List<Tag>> includedAttributes;
    private final List<List<Tag>> excludedAttributes;
    private final Set<String> includedConcepts;
    private final Set<String> excludedConcepts;
    private final boolean privateAttributes;

    private TerminologySettings(Builder b) {
        this.maxValues = b.maxValues;
        this.textIndexFields = Set.copyOf(b.textIndexFields);
        this.maxSrDepth = b.maxSrDepth;
        this.includedAttributes = b.includedAttributes;
        this.excludedAttributes = b.excludedAttributes;
        this.includedConcepts = b.includedConcepts;
        this.excludedConcepts = b.excludedConcepts;
        this.privateAttributes = b.privateAttributes;
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

    /**
     * The attribute paths included in the Attribute Tags tree, each a list of tags from the top;
     * empty means everything.
     *
     * @return an immutable, sorted, duplicate-free list
     */
    public List<List<Tag>> includedAttributes() {
        return includedAttributes;
    }

    /**
     * The attribute paths excluded from the Attribute Tags tree (with what is below them); they win
     * over {@link #includedAttributes()}.
     *
     * @return an immutable, sorted, duplicate-free list
     */
    public List<List<Tag>> excludedAttributes() {
        return excludedAttributes;
    }

    /**
     * The SR concepts included, as {@code SCHEME:VALUE}; empty means everything. A node is kept when
     * it or one of its ancestors is an included concept, or when it leads to one.
     *
     * @return an immutable set
     */
    public Set<String> includedConcepts() {
        return includedConcepts;
    }

    /**
     * The SR concepts excluded, as {@code SCHEME:VALUE}: each hides its node and subtree; they win
     * over {@link #includedConcepts()}.
     *
     * @return an immutable set
     */
    public Set<String> excludedConcepts() {
        return excludedConcepts;
    }

    /**
     * Whether private attributes are kept, under the "Private Attributes" top node (default false).
     * There is one node per private creator and element, with code
     * {@code DCMEHOP:PRIVATE:<creator>/<gggg>xx<ee>} (upper-case hex) and label
     * {@code <creator> (gggg,xxee)}; the creator is the private creator element's value with leading
     * and trailing spaces stripped, in which {@code %} is written {@code %25} and {@code /} is written
     * {@code %2F} so that the code's {@code /} always separates path steps. Elements inside a private
     * sequence follow the same rule below it. A private element whose block has no private creator
     * element is skipped.
     *
     * @return true if private attributes are kept
     */
    public boolean privateAttributes() {
        return privateAttributes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TerminologySettings s && s.maxValues == maxValues && s.maxSrDepth == maxSrDepth
                && s.textIndexFields.equals(textIndexFields) && s.includedAttributes.equals(includedAttributes)
                && s.excludedAttributes.equals(excludedAttributes) && s.includedConcepts.equals(includedConcepts)
                && s.excludedConcepts.equals(excludedConcepts) && s.privateAttributes == privateAttributes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxValues, textIndexFields, maxSrDepth, includedAttributes, excludedAttributes,
                includedConcepts, excludedConcepts, privateAttributes);
    }

    @Override
    public String toString() {
        return "TerminologySettings[maxValues=" + maxValues + ", textIndexFields=" + new TreeSet<>(textIndexFields)
                + ", maxSrDepth=" + (maxSrDepth == Integer.MAX_VALUE ? "unlimited" : maxSrDepth)
                + ", includedAttributes=" + includedAttributes + ", excludedAttributes=" + excludedAttributes
                + ", includedConcepts=" + new TreeSet<>(includedConcepts)
                + ", excludedConcepts=" + new TreeSet<>(excludedConcepts)
                + ", privateAttributes=" + privateAttributes + "]";
    }

    /** Builds {@link TerminologySettings}; each setting is checked when set. */
    public static final class Builder {

        private int maxValues = DEFAULT_MAX_VALUES;
        private List<Tag> textIndexFields = List.of(Tag.StudyDescription, Tag.SeriesDescription, Tag.BodyPartExamined);
        private int maxSrDepth = Integer.MAX_VALUE;
        private List<List<Tag>> includedAttributes = List.of();
        private List<List<Tag>> excludedAttributes = List.of();
        private Set<String> includedConcepts = Set.of();
        private Set<String> excludedConcepts = Set.of();
        private boolean privateAttributes;

        private Builder() {
        }

        /**
         * The attribute paths to include, replacing any given before (none = everything); see the
         * class documentation.
         *
         * @param paths paths such as {@code Modality} or {@code AnatomicRegionSequence/CodeValue}
         * @return this builder
         * @throws I4dwConfigurationException naming the path and the step if a step is not a keyword or a tag
         */
        public Builder includeAttributes(String... paths) {
            this.includedAttributes = attributePaths("includeAttributes", paths);
            return this;
        }

        /**
         * The attribute paths to exclude, replacing any given before; exclusion wins over inclusion.
         *
         * @param paths paths such as {@code PatientName} or {@code RequestAttributesSequence}
         * @return this builder
         * @throws I4dwConfigurationException naming the path and the step if a step is not a keyword or a tag
         */
        public Builder excludeAttributes(String... paths) {
            this.excludedAttributes = attributePaths("excludeAttributes", paths);
            return this;
        }

        /**
         * The SR concepts to include, replacing any given before (none = everything).
         *
         * @param codes codes {@code SCHEME:VALUE}, e.g. {@code DCM:113819}
         * @return this builder
         * @throws I4dwConfigurationException if a code is not of the form {@code SCHEME:VALUE}
         */
        public Builder includeConcepts(String... codes) {
            this.includedConcepts = concepts("includeConcepts", codes);
            return this;
        }

        /**
         * The SR concepts to exclude, replacing any given before; each hides its subtree, and
         * exclusion wins over inclusion.
         *
         * @param codes codes {@code SCHEME:VALUE}, e.g. {@code DCM:113819}
         * @return this builder
         * @throws I4dwConfigurationException if a code is not of the form {@code SCHEME:VALUE}
         */
        public Builder excludeConcepts(String... codes) {
            this.excludedConcepts = concepts("excludeConcepts", codes);
            return this;
        }

        /**
         * Whether private attributes are kept (default false); see
         * {@link TerminologySettings#privateAttributes()}.
         *
         * @param enabled true to keep them
         * @return this builder
         */
        public Builder privateAttributes(boolean enabled) {
            this.privateAttributes = enabled;
            return this;
        }

        private static List<List<Tag>> attributePaths(String what, String... paths) {
            Objects.requireNonNull(paths, "paths");
            TreeSet<List<Tag>> out = new TreeSet<>(TerminologySettings::comparePaths);
            for (String p : paths) {
                if (p == null || p.isBlank()) {
                    throw new I4dwConfigurationException(what + ": a path is blank");
                }
                List<Tag> path = new ArrayList<>();
                for (String step : p.split("/", -1)) {
                    if (step.isBlank()) {
                        throw new I4dwConfigurationException(what + ": empty step in path '" + p + "'");
                    }
                    try {
                        path.add(Tag.parse(step));
                    } catch (IllegalArgumentException e) {
                        throw new I4dwConfigurationException(what + ": unknown keyword or tag '" + step.strip()
                                + "' in path '" + p + "'", e);
                    }
                }
                out.add(List.copyOf(path));
            }
            return List.copyOf(out);
        }

        private static Set<String> concepts(String what, String... codes) {
            Objects.requireNonNull(codes, "codes");
            Set<String> out = new TreeSet<>();
            for (String c : codes) {
                String t = c == null ? "" : c.strip();
                int colon = t.indexOf(':');
                if (colon <= 0 || colon == t.length() - 1) {
                    throw new I4dwConfigurationException(what + ": '" + c + "' is not a concept code SCHEME:VALUE, "
                            + "e.g. DCM:113819");
                }
                out.add(t.substring(0, colon).strip().toUpperCase(Locale.ROOT) + ":" + t.substring(colon + 1).strip());
            }
            return Set.copyOf(out);
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

    private static int comparePaths(List<Tag> a, List<Tag> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
