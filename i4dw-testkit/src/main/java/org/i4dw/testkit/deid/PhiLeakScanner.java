/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit.deid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.i4dw.data.DicomDates;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.UidDictionary;
import org.i4dw.data.VR;

/**
 * Finds identifying values of an original DICOM object that survive in its de-identified version,
 * and says where, never what: a {@link Leak} names the attribute of the original and the
 * attribute of the output, not the value.
 *
 * <h2>What is identifying</h2>
 * The caller says which attributes the profile removes, empties, replaces or cleans with a
 * {@code Predicate<Tag>} (for I4DW's de-identifier: {@code t -> deidentifier.actionFor(t) != Action.KEEP},
 * with private tags identifying unless the profile retains safe private ones). The predicate
 * judges each attribute by its tag, at every depth of sequences: a sequence's own tag does not
 * make its items identifying, each of their attributes is judged in turn. From those attributes
 * of the original the scanner collects:
 * <ul>
 * <li>person name (PN) components (family, given, middle, prefix, suffix of each group) of at
 *     least {@link Builder#minNameComponentLength(int) 3} characters;
 * <li>UIDs (UI), except those of the standard's registry (SOP classes, transfer syntaxes...);
 * <li>dates: DA values, and the date part of DT values;
 * <li>other text values (AE, AS, CS, LO, LT, SH, ST, UC, UR, UT, and whole DT values) of at least
 *     {@link Builder#minTextLength(int) 4} characters.
 * </ul>
 * Numbers (DS, IS), times (TM) and binary values are not collected: they repeat everywhere in a
 * header by chance. Nor are trivial values: placeholders ({@code ANONYMOUS}, {@code UNKNOWN},
 * {@code NONE}, {@code 19000101}..., see {@link #TRIVIAL_VALUES}, more with
 * {@link Builder#ignoreValues(String...)}) and values with no letter or digit. Finally a value
 * that the original also holds as a whole value (or a person name component) of an attribute
 * that is <em>not</em> identifying is skipped: it is vocabulary, not identity (a removed Study
 * Description {@code CHEST} and a kept Body Part Examined {@code CHEST}).
 *
 * <h2>Where it is searched</h2>
 * Every text value of the de-identified object at every depth (all text VRs, UI included), all
 * comparisons case-insensitive after trimming:
 * <ul>
 * <li>{@link Leak.Kind#WHOLE_VALUE}: a value (or the date part of a DT value) equals it;
 * <li>{@link Leak.Kind#NAME_COMPONENT}: a component of a PN value equals a name component;
 * <li>{@link Leak.Kind#IN_TEXT}: it occurs inside a longer value of any VR but UI, as whole words:
 *     the characters around it are not letters or digits (nor dots, for a UID). So a patient ID
 *     {@code 1234} is not found inside {@code 12345}, and a name written without spaces around it
 *     is missed.
 * </ul>
 * One leak is reported per attribute of the original and attribute of the output, in the order
 * of the output. Immutable and thread-safe.
 */
public final class PhiLeakScanner {

    /** Placeholder values never taken as identifying (upper case). */
    public static final Set<String> TRIVIAL_VALUES = Set.of("ANONYMOUS", "ANONYMIZED", "ANONYMISED", "ANON", "UNKNOWN",
            "NONE", "NULL", "N/A", "REMOVED", "DELETED", "REDACTED", "EMPTY", "DUMMY", "YES", "NO", "19000101",
            "00000000", "19000101000000");

    private final Predicate<Tag> identifying;
    private final int minText;
    private final int minName;
    private final Set<String> ignored;

    private PhiLeakScanner(Builder b) {
        this.identifying = b.identifying;
        this.minText = b.minText;
        this.minName = b.minName;
        this.ignored = Set.copyOf(b.ignored);
    }

    /**
     * Scans with the default rules.
     *
     * @param original the identified object
     * @param deidentified its de-identified version
     * @param identifying true for the tags whose values the profile removes, empties, replaces or cleans
     * @return the leaks, empty when there is none
     */
    public static List<Leak> scan(DicomObject original, DicomObject deidentified, Predicate<Tag> identifying) {
        return builder(identifying).build().scan(original, deidentified);
    }

    /**
     * A builder for other rules.
     *
     * @param identifying true for the tags whose values the profile removes, empties, replaces or cleans
     * @return the builder
     */
    public static Builder builder(Predicate<Tag> identifying) {
        return new Builder(identifying);
    }

    /** What is searched: a value of the original, in upper case, and where it came from. */
    private enum Type { NAME, UID, DATE, TEXT }

    private record Candidate(String value, Type type, AttributePath source) {
    }

    /**
     * Scans one pair.
     *
     * @param original the identified object
     * @param deidentified its de-identified version
     * @return the leaks, empty when there is none
     */
    public List<Leak> scan(DicomObject original, DicomObject deidentified) {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(deidentified, "deidentified");
        List<Candidate> all = new ArrayList<>();
        Set<String> vocabulary = new HashSet<>();
        collect(original, null, 0, all, vocabulary);
        Map<String, List<Candidate>> whole = new HashMap<>();
        Map<String, List<Candidate>> names = new HashMap<>();
        List<Candidate> inText = new ArrayList<>();
        for (Candidate c : all) {
            if (vocabulary.contains(c.value)) {
                continue;
            }
            if (c.type == Type.NAME) {
                names.computeIfAbsent(c.value, k -> new ArrayList<>()).add(c);
            }
            whole.computeIfAbsent(c.value, k -> new ArrayList<>()).add(c);
            inText.add(c);
        }
        Map<List<AttributePath>, Leak> leaks = new LinkedHashMap<>();
        if (!inText.isEmpty()) {
            search(deidentified, null, 0, whole, names, inText, leaks);
        }
        return List.copyOf(leaks.values());
    }

    private void collect(DicomObject obj, AttributePath parent, int item, List<Candidate> out, Set<String> vocabulary) {
        for (DicomElement e : obj) {
            AttributePath path = parent == null ? AttributePath.top(e.tagValue()) : parent.child(item, e.tagValue());
            VR vr = e.vr();
            if (vr == VR.SQ) {
                List<DicomObject> items = e.items();
                for (int i = 0; i < items.size(); i++) {
                    collect(items.get(i), path, i, out, vocabulary);
                }
                continue;
            }
            if (!vr.isText()) {
                continue;
            }
            boolean id = identifying.test(e.tag());
            for (String raw : e.strings()) {
                String v = upper(raw);
                if (!id) {
                    vocabulary.add(v);
                    if (vr == VR.PN) {
                        for (String part : components(v)) {
                            vocabulary.add(part);
                        }
                    } else if (vr == VR.DT && v.length() >= 8) {
                        vocabulary.add(v.substring(0, 8));
                    }
                    continue;
                }
                switch (vr) {
                    case PN:
                        for (String part : components(v)) {
                            if (part.length() >= minName && !trivial(part)) {
                                out.add(new Candidate(part, Type.NAME, path));
                            }
                        }
                        break;
                    case UI:
                        if (!v.isEmpty() && UidDictionary.standard().name(v).isEmpty()) {
                            out.add(new Candidate(v, Type.UID, path));
                        }
                        break;
                    case DA:
                        if (DicomDates.parseDate(v).isPresent() && !trivial(v)) {
                            out.add(new Candidate(v, Type.DATE, path));
                        }
                        break;
                    case DT:
                        if (v.length() >= 8 && DicomDates.parseDate(v.substring(0, 8)).isPresent()
                                && !trivial(v.substring(0, 8))) {
                            out.add(new Candidate(v.substring(0, 8), Type.DATE, path));
                        }
                        addText(v, path, out);
                        break;
                    case DS: case IS: case TM:
                        break;
                    default:
                        addText(v, path, out);
                }
            }
        }
    }

    private void addText(String v, AttributePath path, List<Candidate> out) {
        if (v.length() >= minText && !trivial(v)) {
            out.add(new Candidate(v, Type.TEXT, path));
        }
    }

    private boolean trivial(String v) {
        return ignored.contains(v) || v.chars().noneMatch(Character::isLetterOrDigit);
    }

    private static String upper(String v) {
        return v.strip().toUpperCase(Locale.ROOT);
    }

    private static List<String> components(String pn) {
        List<String> parts = new ArrayList<>(5);
        for (String part : pn.split("[\\^=]")) {
            String p = part.strip();
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        return parts;
    }

    private void search(DicomObject obj, AttributePath parent, int item, Map<String, List<Candidate>> whole,
            Map<String, List<Candidate>> names, List<Candidate> inText, Map<List<AttributePath>, Leak> leaks) {
        for (DicomElement e : obj) {
            AttributePath path = parent == null ? AttributePath.top(e.tagValue()) : parent.child(item, e.tagValue());
            VR vr = e.vr();
            if (vr == VR.SQ) {
                List<DicomObject> items = e.items();
                for (int i = 0; i < items.size(); i++) {
                    search(items.get(i), path, i, whole, names, inText, leaks);
                }
                continue;
            }
            if (!vr.isText()) {
                continue;
            }
            for (String raw : e.strings()) {
                String v = upper(raw);
                if (v.isEmpty()) {
                    continue;
                }
                report(whole.get(v), path, Leak.Kind.WHOLE_VALUE, leaks);
                if (vr == VR.DT && v.length() > 8) {
                    report(whole.get(v.substring(0, 8)), path, Leak.Kind.WHOLE_VALUE, leaks);
                }
                if (vr == VR.PN) {
                    for (String part : components(v)) {
                        report(names.get(part), path, Leak.Kind.NAME_COMPONENT, leaks);
                    }
                }
                if (vr == VR.UI) {
                    continue;
                }
                for (Candidate c : inText) {
                    if (c.value.length() < v.length() && containsWord(v, c.value, c.type == Type.UID)) {
                        report(List.of(c), path, Leak.Kind.IN_TEXT, leaks);
                    }
                }
            }
        }
    }

    private static void report(List<Candidate> found, AttributePath at, Leak.Kind kind, Map<List<AttributePath>, Leak> leaks) {
        if (found == null) {
            return;
        }
        for (Candidate c : found) {
            leaks.putIfAbsent(List.of(c.source, at), new Leak(c.source, at, kind));
        }
    }

    /** True if {@code word} occurs in {@code text} with no letter or digit (or dot, for a UID) on either side. */
    static boolean containsWord(String text, String word, boolean uid) {
        int from = 0;
        while (true) {
            int at = text.indexOf(word, from);
            if (at < 0) {
                return false;
            }
            int end = at + word.length();
            if (boundary(text, at - 1, uid) && boundary(text, end, uid)) {
                return true;
            }
            from = at + 1;
        }
    }

    private static boolean boundary(String text, int i, boolean uid) {
        if (i < 0 || i >= text.length()) {
            return true;
        }
        char ch = text.charAt(i);
        return !Character.isLetterOrDigit(ch) && !(uid && ch == '.');
    }

    /** The rules and the number of ignored values. */
    @Override
    public String toString() {
        return "PhiLeakScanner[text >= " + minText + ", name components >= " + minName + ", " + ignored.size()
                + " ignored values]";
    }

    /**
     * Builds a {@link PhiLeakScanner}. Each setting is checked when set. Not thread-safe.
     */
    public static final class Builder {

        private final Predicate<Tag> identifying;
        private int minText = 4;
        private int minName = 3;
        private final Set<String> ignored = new HashSet<>(TRIVIAL_VALUES);

        private Builder(Predicate<Tag> identifying) {
            this.identifying = Objects.requireNonNull(identifying, "identifying");
        }

        /**
         * The least length of a text value (not a person name component, date or UID) to search.
         *
         * @param length 1 or more; 4 by default
         * @return this builder
         * @throws IllegalArgumentException if it is less than 1
         */
        public Builder minTextLength(int length) {
            if (length < 1) {
                throw new IllegalArgumentException("the least text length is 1 or more, got " + length);
            }
            this.minText = length;
            return this;
        }

        /**
         * The least length of a person name component to search.
         *
         * @param length 1 or more; 3 by default
         * @return this builder
         * @throws IllegalArgumentException if it is less than 1
         */
        public Builder minNameComponentLength(int length) {
            if (length < 1) {
                throw new IllegalArgumentException("the least name component length is 1 or more, got " + length);
            }
            this.minName = length;
            return this;
        }

        /**
         * More placeholder values never to take as identifying (compared case-insensitively),
         * besides {@link PhiLeakScanner#TRIVIAL_VALUES}.
         *
         * @param values the values
         * @return this builder
         * @throws IllegalArgumentException if one is blank
         */
        public Builder ignoreValues(String... values) {
            for (String v : values) {
                if (v == null || v.isBlank()) {
                    throw new IllegalArgumentException("an ignored value must not be blank");
                }
                ignored.add(upper(v));
            }
            return this;
        }

        /**
         * The scanner.
         *
         * @return it
         */
        public PhiLeakScanner build() {
            return new PhiLeakScanner(this);
        }
    }
}
