/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit.deid;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.i4dw.data.DicomDates;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.UidDictionary;
import org.i4dw.data.VR;
import org.junit.jupiter.api.Assertions;

/** The checks behind both assertion classes; failure texts name paths, never values. */
final class Checks {

    private static final int MAX_LISTED = 20;

    private Checks() {
    }

    /** Fails with the listed problems, if any (at most {@value #MAX_LISTED} shown). */
    static void failIfAny(String what, List<String> problems) {
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder(what).append(": ").append(problems.size()).append(" problem(s)");
        for (int i = 0; i < Math.min(MAX_LISTED, problems.size()); i++) {
            b.append("\n  ").append(problems.get(i));
        }
        if (problems.size() > MAX_LISTED) {
            b.append("\n  ... and ").append(problems.size() - MAX_LISTED).append(" more");
        }
        Assertions.fail(b.toString());
    }

    /** True if the text is a UID as PS3.5 9.1 writes it: at most 64 characters, numeric components without leading zero. */
    static boolean isValidUid(String uid) {
        if (uid.isEmpty() || uid.length() > 64) {
            return false;
        }
        for (String c : uid.split("\\.", -1)) {
            if (c.isEmpty() || c.length() > 1 && c.charAt(0) == '0' || !c.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** Collects UID mappings over one or more pairs and reports inconsistencies. */
    static final class UidMapping {
        private final Predicate<Tag> remapped;
        private final Map<String, String> forward = new HashMap<>();
        private final Map<String, String> firstSeen = new HashMap<>();
        private final Map<String, String> backward = new HashMap<>();
        private final List<String> problems = new ArrayList<>();
        private int compared;

        UidMapping(Predicate<Tag> remapped) {
            this.remapped = remapped;
        }

        void add(String object, DicomObject original, DicomObject deidentified) {
            Walk.paired(original, deidentified, (path, o, d) -> {
                if (o.vr() != VR.UI || d == null || !remapped.test(o.tag())) {
                    return;
                }
                String where = object + path.describe();
                List<String> in = o.strings();
                List<String> out = d.strings();
                if (in.size() != out.size()) {
                    problems.add(where + ": " + in.size() + " UID(s) became " + out.size());
                    return;
                }
                for (int i = 0; i < in.size(); i++) {
                    String a = in.get(i);
                    String b = out.get(i);
                    if (a.isEmpty() || UidDictionary.standard().name(a).isPresent()) {
                        continue;
                    }
                    compared++;
                    String at = where + (in.size() > 1 ? " value " + (i + 1) : "");
                    if (a.equals(b)) {
                        problems.add(at + ": the original UID survives");
                        continue;
                    }
                    if (!isValidUid(b)) {
                        problems.add(at + ": the new UID is not valid UID syntax (PS3.5 9.1)");
                    }
                    String prev = forward.putIfAbsent(a, b);
                    if (prev != null && !prev.equals(b)) {
                        problems.add(at + ": the same original UID as at " + firstSeen.get(a) + " maps to another UID");
                    }
                    firstSeen.putIfAbsent(a, at);
                    String back = backward.putIfAbsent(b, a);
                    if (back != null && !back.equals(a)) {
                        problems.add(at + ": two different original UIDs (also at " + firstSeen.get(back)
                                + ") map to the same UID");
                    }
                }
            });
        }

        /** Checks that no remapped original UID appears anywhere in the outputs, then fails if anything was wrong. */
        void verify(List<String> objects, List<DicomObject> outputs) {
            for (int k = 0; k < outputs.size(); k++) {
                String object = objects.get(k);
                Walk.all(outputs.get(k), null, 0, (path, e) -> {
                    if (e.vr() != VR.UI) {
                        return;
                    }
                    for (String v : e.strings()) {
                        if (forward.containsKey(v) && !forward.get(v).equals(v)) {
                            problems.add(object + path.describe() + ": holds an original UID (from " + firstSeen.get(v) + ")");
                        }
                    }
                });
            }
            if (compared == 0 && problems.isEmpty()) {
                problems.add("no UID of the original(s) (outside the standard's registry) is present in the output: nothing to compare");
            }
            failIfAny("UIDs are not remapped consistently", problems);
        }
    }

    /** The shift in days of every DA and DT value the output has at the same place, by path. */
    static Map<String, Long> dateShifts(String object, DicomObject original, DicomObject deidentified) {
        Map<String, Long> shifts = new java.util.LinkedHashMap<>();
        Walk.paired(original, deidentified, (path, o, d) -> {
            if (d == null || o.vr() != VR.DA && o.vr() != VR.DT || d.vr() != o.vr()) {
                return;
            }
            List<String> in = o.strings();
            List<String> out = d.strings();
            for (int i = 0; i < Math.min(in.size(), out.size()); i++) {
                Optional<LocalDate> a = datePart(in.get(i));
                Optional<LocalDate> b = datePart(out.get(i));
                if (a.isPresent() && b.isPresent()) {
                    shifts.put(object + path.describe() + (in.size() > 1 ? " value " + (i + 1) : ""),
                            ChronoUnit.DAYS.between(a.get(), b.get()));
                }
            }
        });
        return shifts;
    }

    private static Optional<LocalDate> datePart(String v) {
        return v.length() < 8 ? Optional.empty() : DicomDates.parseDate(v.substring(0, 8));
    }

    /** Problems when the shifts differ; never shows the shifts themselves (they would give the real dates back). */
    static void sameShift(Map<String, Long> shifts, List<String> problems) {
        Set<Long> distinct = new HashSet<>(shifts.values());
        if (distinct.size() <= 1) {
            return;
        }
        String first = shifts.keySet().iterator().next();
        long reference = shifts.get(first);
        for (Map.Entry<String, Long> s : shifts.entrySet()) {
            if (s.getValue() != reference) {
                problems.add(s.getKey() + ": shifted by another number of days than " + first);
            }
        }
    }

    /** The element at a path without item indexes in the original and the output, paired by item position. */
    record Place(AttributePath path, DicomElement original, DicomElement deidentified, boolean outputParentMissing) {
    }

    /** Every place a path such as {@code RequestAttributesSequence/ScheduledProcedureStepID} reaches in the original. */
    static List<Place> places(DicomObject original, DicomObject deidentified, Tag[] segments) {
        List<Place> out = new ArrayList<>();
        places(original, deidentified, segments, 0, null, 0, out);
        return out;
    }

    private static void places(DicomObject o, DicomObject d, Tag[] segments, int depth, AttributePath parent, int item,
            List<Place> out) {
        Tag t = segments[depth];
        Optional<DicomElement> oe = o.element(t);
        if (oe.isEmpty()) {
            return;
        }
        AttributePath path = parent == null ? AttributePath.of(t) : parent.child(item, t);
        Optional<DicomElement> de = d == null ? Optional.empty() : d.element(t);
        if (depth == segments.length - 1) {
            out.add(new Place(path, oe.get(), de.orElse(null), d == null));
            return;
        }
        List<DicomObject> in = oe.get().items();
        List<DicomObject> outItems = de.map(DicomElement::items).orElse(List.of());
        for (int i = 0; i < in.size(); i++) {
            places(in.get(i), i < outItems.size() ? outItems.get(i) : null, segments, depth + 1, path, i, out);
        }
    }
}
