/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit.deid;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.junit.jupiter.api.Assertions;

/**
 * Assertions on one de-identified object against its original; made by
 * {@link DeidAssertions#assertThat(DicomObject, DicomObject)}. Each method checks, fails with an
 * {@link AssertionError} naming the attribute path (never a value), or returns this for the next
 * check.
 *
 * <h2>Attribute paths</h2>
 * An attribute is named by a PS3.6 keyword ({@code PatientBirthDate}), a tag
 * ({@code (0010,0030)}), or a path of sequences from the top level
 * ({@code RequestAttributesSequence/ScheduledProcedureStepID}): the check then applies to that
 * attribute in every item, items of the output paired with those of the original by position.
 * The original must hold the attribute at least once, or the check fails: a rule test on an
 * object without the attribute proves nothing.
 */
public final class DeidentifiedObjectAssert {

    private final DicomObject original;
    private final DicomObject deidentified;

    DeidentifiedObjectAssert(DicomObject original, DicomObject deidentified) {
        this.original = Objects.requireNonNull(original, "original");
        this.deidentified = Objects.requireNonNull(deidentified, "deidentified");
    }

    /**
     * The attribute is absent from the output (or its enclosing item is).
     *
     * @param path a keyword, tag or path of sequences
     * @return this
     */
    public DeidentifiedObjectAssert removed(String path) {
        List<String> problems = new ArrayList<>();
        for (Checks.Place p : places(path)) {
            if (p.deidentified() != null) {
                problems.add(p.path().describe() + ": still present"
                        + (Walk.sameValue(p.original(), p.deidentified()) ? ", and the original value survives" : ""));
            }
        }
        Checks.failIfAny("expected removed: " + path, problems);
        return this;
    }

    /**
     * The attribute is present with a zero-length value (a sequence: with no item).
     *
     * @param path a keyword, tag or path of sequences
     * @return this
     */
    public DeidentifiedObjectAssert emptied(String path) {
        List<String> problems = new ArrayList<>();
        for (Checks.Place p : places(path)) {
            if (p.deidentified() == null) {
                problems.add(p.path().describe() + ": absent, expected present with a zero-length value");
            } else if (!Walk.isEmpty(p.deidentified())) {
                problems.add(p.path().describe() + ": not empty"
                        + (Walk.sameValue(p.original(), p.deidentified()) ? ", the original value survives" : ""));
            }
        }
        Checks.failIfAny("expected emptied: " + path, problems);
        return this;
    }

    /**
     * The attribute is present with its original value (a sequence: with as many items; their
     * content is checked attribute by attribute).
     *
     * @param path a keyword, tag or path of sequences
     * @return this
     */
    public DeidentifiedObjectAssert kept(String path) {
        List<String> problems = new ArrayList<>();
        for (Checks.Place p : places(path)) {
            if (p.deidentified() == null) {
                problems.add(p.path().describe() + ": absent");
            } else if (!Walk.sameValue(p.original(), p.deidentified())) {
                problems.add(p.path().describe() + ": the value changed");
            }
        }
        Checks.failIfAny("expected kept: " + path, problems);
        return this;
    }

    /**
     * The attribute is present, not empty, and different from the original value: a dummy, a
     * pseudonym, a cleaned or a remapped value.
     *
     * @param path a keyword, tag or path of sequences
     * @return this
     */
    public DeidentifiedObjectAssert replacedWithDummy(String path) {
        List<String> problems = new ArrayList<>();
        for (Checks.Place p : places(path)) {
            if (p.deidentified() == null) {
                problems.add(p.path().describe() + ": absent");
            } else if (Walk.isEmpty(p.deidentified())) {
                problems.add(p.path().describe() + ": empty");
            } else if (Walk.sameValue(p.original(), p.deidentified())) {
                problems.add("the original value survives at " + p.path().describe());
            }
        }
        Checks.failIfAny("expected replaced with a dummy: " + path, problems);
        return this;
    }

    /**
     * Same as {@link #removed(String)} for a tag.
     *
     * @param tag the tag, at the top level
     * @return this
     */
    public DeidentifiedObjectAssert removed(Tag tag) {
        return removed(tag.toString());
    }

    /**
     * Same as {@link #emptied(String)} for a tag.
     *
     * @param tag the tag, at the top level
     * @return this
     */
    public DeidentifiedObjectAssert emptied(Tag tag) {
        return emptied(tag.toString());
    }

    /**
     * Same as {@link #kept(String)} for a tag.
     *
     * @param tag the tag, at the top level
     * @return this
     */
    public DeidentifiedObjectAssert kept(Tag tag) {
        return kept(tag.toString());
    }

    /**
     * Same as {@link #replacedWithDummy(String)} for a tag.
     *
     * @param tag the tag, at the top level
     * @return this
     */
    public DeidentifiedObjectAssert replacedWithDummy(Tag tag) {
        return replacedWithDummy(tag.toString());
    }

    /**
     * Every UID of the original (UI attributes at any depth, outside the standard's registry of
     * SOP classes, transfer syntaxes and the like) that the output still has at the same place is
     * replaced: never by itself, by valid UID syntax, the same original always by the same new UID
     * and two originals never by one; and no such original UID appears anywhere in the output.
     * Items are paired by position where both sides have as many (see {@link DeidAssertions}).
     *
     * @return this
     */
    public DeidentifiedObjectAssert uidsRemappedConsistently() {
        return uidsRemappedConsistently(t -> true);
    }

    /**
     * As {@link #uidsRemappedConsistently()}, for the UI attributes the predicate names only (for
     * a profile that keeps some UIDs, e.g. {@code t -> deidentifier.actionFor(t) != Action.KEEP}).
     *
     * @param remapped true for the UI attributes that must be remapped
     * @return this
     */
    public DeidentifiedObjectAssert uidsRemappedConsistently(Predicate<Tag> remapped) {
        Checks.UidMapping m = new Checks.UidMapping(Objects.requireNonNull(remapped, "remapped"));
        m.add("", original, deidentified);
        m.verify(List.of(""), List.of(deidentified));
        return this;
    }

    /**
     * Every DA and DT value the output has at the same place as the original is shifted by the
     * same number of days, not zero (the time part of DT is not compared). Dates removed, emptied
     * or not full dates are not compared; at least one must be. The failure never says by how
     * many days: that would give the real dates back.
     *
     * @return this
     */
    public DeidentifiedObjectAssert datesShifted() {
        Map<String, Long> shifts = Checks.dateShifts("", original, deidentified);
        if (shifts.isEmpty()) {
            Assertions.fail("expected dates shifted: no DA or DT value of the original is present in the output");
        }
        List<String> problems = new ArrayList<>();
        Checks.sameShift(shifts, problems);
        if (problems.isEmpty() && shifts.values().iterator().next() == 0) {
            problems.add("every date is unchanged (shifted by 0 days)");
        }
        Checks.failIfAny("expected dates shifted by the patient's offset", problems);
        return this;
    }

    /**
     * No identifying value of the original survives in the output, by the rules of
     * {@link PhiLeakScanner}; the failure lists each {@link Leak} (paths only).
     *
     * @param identifying true for the tags whose values the profile removes, empties, replaces or cleans
     * @return this
     */
    public DeidentifiedObjectAssert noLeaks(Predicate<Tag> identifying) {
        return noLeaks(PhiLeakScanner.builder(identifying).build());
    }

    /**
     * As {@link #noLeaks(Predicate)} with a scanner of other rules.
     *
     * @param scanner the scanner
     * @return this
     */
    public DeidentifiedObjectAssert noLeaks(PhiLeakScanner scanner) {
        List<String> problems = new ArrayList<>();
        for (Leak l : scanner.scan(original, deidentified)) {
            problems.add(l.toString());
        }
        Checks.failIfAny("identifying values of the original survive", problems);
        return this;
    }

    private List<Checks.Place> places(String path) {
        Objects.requireNonNull(path, "path");
        String[] parts = path.strip().split("/", -1);
        Tag[] segments = new Tag[parts.length];
        for (int i = 0; i < parts.length; i++) {
            segments[i] = Tag.parse(parts[i]);
        }
        List<Checks.Place> places = Checks.places(original, deidentified, segments);
        if (places.isEmpty()) {
            Assertions.fail("the original has no " + path + ": this check would prove nothing");
        }
        return places;
    }
}
