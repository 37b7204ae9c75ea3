/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.deid;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.i4dw.api.I4dwConfigurationException;

/**
 * A PS3.15 Annex E profile: the Basic Application Level Confidentiality Profile plus a set of its
 * options. Immutable.
 *
 * <p>Written as text (configuration, the CLI's {@code --profile}) as {@code basic} followed by
 * option ids, comma-separated: {@code basic,retain-dates-full,retain-device}; {@code default} is
 * {@link #i4dwDefault()}.
 */
public final class DeidProfile {

    /** The options of PS3.15 E.3, each with its CID 7050 code. */
    public enum Option {
        /** Retain Safe Private Option (E.3.10), code 113111. */
        RETAIN_SAFE_PRIVATE("retain-safe-private", "113111", "Retain Safe Private Option", 0),
        /** Retain UIDs Option (E.3.9), code 113110. */
        RETAIN_UIDS("retain-uids", "113110", "Retain UIDs Option", 1),
        /** Retain Device Identity Option (E.3.8), code 113109. */
        RETAIN_DEVICE_IDENTITY("retain-device", "113109", "Retain Device Identity Option", 2),
        /** Retain Institution Identity Option (E.3.11), code 113112. */
        RETAIN_INSTITUTION_IDENTITY("retain-institution", "113112", "Retain Institution Identity Option", 3),
        /** Retain Patient Characteristics Option (E.3.7), code 113108. */
        RETAIN_PATIENT_CHARACTERISTICS("retain-patient-chars", "113108", "Retain Patient Characteristics Option", 4),
        /** Retain Longitudinal Temporal Information with Full Dates Option (E.3.6), code 113106. */
        RETAIN_LONGITUDINAL_FULL_DATES("retain-dates-full", "113106",
                "Retain Longitudinal Temporal Information Full Dates Option", 5),
        /** Retain Longitudinal Temporal Information with Modified Dates Option (E.3.6), code 113107. */
        RETAIN_LONGITUDINAL_MODIFIED_DATES("retain-dates-modified", "113107",
                "Retain Longitudinal Temporal Information Modified Dates Option", 6),
        /** Clean Descriptors Option (E.3.5), code 113105. */
        CLEAN_DESCRIPTORS("clean-descriptors", "113105", "Clean Descriptors Option", 7),
        /** Clean Structured Content Option (E.3.4), code 113104. */
        CLEAN_STRUCTURED_CONTENT("clean-structured-content", "113104", "Clean Structured Content Option", 8),
        /** Clean Graphics Option (E.3.3), code 113103. */
        CLEAN_GRAPHICS("clean-graphics", "113103", "Clean Graphics Option", 9);

        private final String id;
        private final String codeValue;
        private final String codeMeaning;
        private final int column;

        Option(String id, String codeValue, String codeMeaning, int column) {
            this.id = id;
            this.codeValue = codeValue;
            this.codeMeaning = codeMeaning;
            this.column = column;
        }

        /**
         * The id used in profile text, e.g. {@code retain-dates-full}.
         *
         * @return the id
         */
        public String id() {
            return id;
        }

        /**
         * The code value in PS3.16 CID 7050 (scheme DCM).
         *
         * @return e.g. {@code 113106}
         */
        public String codeValue() {
            return codeValue;
        }

        /**
         * The code meaning in PS3.16 CID 7050.
         *
         * @return the meaning
         */
        public String codeMeaning() {
            return codeMeaning;
        }

        int column() {
            return column;
        }
    }

    /** CID 7050 code of the Basic Application Confidentiality Profile. */
    static final String BASIC_CODE_VALUE = "113100";
    /** Its code meaning. */
    static final String BASIC_CODE_MEANING = "Basic Application Confidentiality Profile";

    private final Set<Option> options;

    private DeidProfile(Set<Option> options) {
        if (options.contains(Option.RETAIN_LONGITUDINAL_FULL_DATES)
                && options.contains(Option.RETAIN_LONGITUDINAL_MODIFIED_DATES)) {
            throw new I4dwConfigurationException("a profile retains dates either in full (retain-dates-full) or "
                    + "modified (retain-dates-modified), not both");
        }
        this.options = Collections.unmodifiableSet(options.isEmpty() ? EnumSet.noneOf(Option.class)
                : EnumSet.copyOf(options));
    }

    /**
     * The Basic Application Level Confidentiality Profile alone. It removes Content Sequence (SR
     * content) and every date.
     *
     * @return the profile
     */
    public static DeidProfile basic() {
        return new DeidProfile(EnumSet.noneOf(Option.class));
    }

    /**
     * I4DW's default: basic + Retain Longitudinal Temporal Information with Full Dates + Retain
     * Device Identity + Clean Structured Content (SR trees kept, cleaned).
     *
     * @return the profile
     */
    public static DeidProfile i4dwDefault() {
        return new DeidProfile(EnumSet.of(Option.RETAIN_LONGITUDINAL_FULL_DATES, Option.RETAIN_DEVICE_IDENTITY,
                Option.CLEAN_STRUCTURED_CONTENT));
    }

    /**
     * Basic plus these options.
     *
     * @param options the options
     * @return the profile
     * @throws I4dwConfigurationException if both date options are given
     */
    public static DeidProfile basicWith(Option... options) {
        return new DeidProfile(options.length == 0 ? EnumSet.noneOf(Option.class) : EnumSet.copyOf(Arrays.asList(options)));
    }

    /**
     * This profile with more options.
     *
     * @param more the options to add
     * @return a new profile
     * @throws I4dwConfigurationException if both date options would be set
     */
    public DeidProfile with(Option... more) {
        EnumSet<Option> s = options.isEmpty() ? EnumSet.noneOf(Option.class) : EnumSet.copyOf(options);
        s.addAll(Arrays.asList(more));
        return new DeidProfile(s);
    }

    /**
     * Parses profile text: {@code default}, or {@code basic} optionally followed by option ids,
     * comma-separated ({@code basic,retain-uids,clean-descriptors}).
     *
     * @param text the text
     * @return the profile
     * @throws I4dwConfigurationException naming the part that is not understood
     */
    public static DeidProfile parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.strip().toLowerCase(Locale.ROOT).split(",", -1);
        if (parts.length == 1 && parts[0].strip().equals("default")) {
            return i4dwDefault();
        }
        if (!parts[0].strip().equals("basic")) {
            throw new I4dwConfigurationException("a profile is 'default' or starts with 'basic', got '" + text + "'");
        }
        EnumSet<Option> s = EnumSet.noneOf(Option.class);
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            Option found = null;
            for (Option o : Option.values()) {
                if (o.id.equals(p)) {
                    found = o;
                }
            }
            if (found == null) {
                throw new I4dwConfigurationException("unknown profile option '" + p + "' in '" + text + "'; known: "
                        + Arrays.stream(Option.values()).map(Option::id).collect(Collectors.joining(", ")));
            }
            s.add(found);
        }
        return new DeidProfile(s);
    }

    /**
     * The options.
     *
     * @return an unmodifiable set
     */
    public Set<Option> options() {
        return options;
    }

    /**
     * Whether an option is set.
     *
     * @param option the option
     * @return true if set
     */
    public boolean has(Option option) {
        return options.contains(option);
    }

    /**
     * The profile text that {@link #parse(String)} reads back, e.g. {@code basic,retain-dates-full}.
     *
     * @return the text
     */
    public String text() {
        StringBuilder b = new StringBuilder("basic");
        for (Option o : options) {
            b.append(',').append(o.id);
        }
        return b.toString();
    }

    /** Same options. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DeidProfile && options.equals(((DeidProfile) o).options);
    }

    @Override
    public int hashCode() {
        return options.hashCode();
    }

    /** The profile text. */
    @Override
    public String toString() {
        return text();
    }
}
