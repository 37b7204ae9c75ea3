/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A Person Name (PN) value (PS3.5 6.2.1): up to three component groups, alphabetic, ideographic
 * and phonetic, separated by '=', each of up to five components separated by '^': family name,
 * given name, middle name, prefix, suffix.
 *
 * @param alphabetic the alphabetic (single-byte) group
 * @param ideographic the ideographic group (Kanji, Hanja, Hanzi), possibly empty
 * @param phonetic the phonetic group (Hiragana, Hangul), possibly empty
 */
public record PersonName(Group alphabetic, Group ideographic, Group phonetic) {

    /**
     * One component group.
     *
     * @param family the family name complex
     * @param given the given name complex
     * @param middle the middle name
     * @param prefix the name prefix
     * @param suffix the name suffix
     */
    public record Group(String family, String given, String middle, String prefix, String suffix) {

        /** An empty group. */
        public static final Group EMPTY = new Group("", "", "", "", "");

        /** Parses {@code family^given^middle^prefix^suffix}; trailing components may be missing. */
        public static Group parse(String text) {
            String[] c = text.split("\\^", -1);
            return new Group(part(c, 0), part(c, 1), part(c, 2), part(c, 3), part(c, 4));
        }

        private static String part(String[] c, int i) {
            return i < c.length ? c[i].strip() : "";
        }

        /** True if every component is empty. */
        public boolean isEmpty() {
            return family.isEmpty() && given.isEmpty() && middle.isEmpty() && prefix.isEmpty() && suffix.isEmpty();
        }

        /** The DICOM encoding, trailing empty components and their '^' left out. */
        public String encoded() {
            List<String> parts = new ArrayList<>(List.of(family, given, middle, prefix, suffix));
            while (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) {
                parts.remove(parts.size() - 1);
            }
            return String.join("^", parts);
        }

        /** Never the name itself: person names are patient data. */
        @Override
        public String toString() {
            return "PersonName.Group[redacted]";
        }
    }

    /** Parses one PN value (no backslash): {@code alphabetic=ideographic=phonetic}. */
    public static PersonName parse(String value) {
        String[] g = value.split("=", -1);
        return new PersonName(group(g, 0), group(g, 1), group(g, 2));
    }

    private static Group group(String[] g, int i) {
        return i < g.length ? Group.parse(g[i]) : Group.EMPTY;
    }

    /** The DICOM encoding, trailing empty groups and their '=' left out. */
    public String encoded() {
        List<String> parts = new ArrayList<>(List.of(alphabetic.encoded(), ideographic.encoded(), phonetic.encoded()));
        while (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) {
            parts.remove(parts.size() - 1);
        }
        return String.join("=", parts);
    }

    /** Never the name itself: person names are patient data. */
    @Override
    public String toString() {
        return "PersonName[redacted]";
    }
}
