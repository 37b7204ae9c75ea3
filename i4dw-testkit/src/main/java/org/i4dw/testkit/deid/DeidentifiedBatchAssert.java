/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit.deid;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;

/**
 * Assertions across several objects de-identified by one de-identifier; made by
 * {@link DeidAssertions#assertThatAll(List, List)}. Objects are named in messages by their
 * position in the lists ({@code object 2}), never by a patient value.
 */
public final class DeidentifiedBatchAssert {

    private final List<DicomObject> originals;
    private final List<DicomObject> deidentified;
    private final List<String> names;

    DeidentifiedBatchAssert(List<DicomObject> originals, List<DicomObject> deidentified) {
        this.originals = List.copyOf(originals);
        this.deidentified = List.copyOf(deidentified);
        if (this.originals.size() != this.deidentified.size()) {
            throw new IllegalArgumentException("the lists pair each original with its de-identified version: got "
                    + this.originals.size() + " originals and " + this.deidentified.size() + " de-identified objects");
        }
        List<String> n = new ArrayList<>(this.originals.size());
        for (int i = 0; i < this.originals.size(); i++) {
            n.add("object " + i + ": ");
        }
        this.names = List.copyOf(n);
    }

    /**
     * Every object satisfies {@link DeidentifiedObjectAssert#uidsRemappedConsistently()}, with
     * one mapping for all: the same original UID (a study's, or a reference to another object)
     * becomes the same new UID in every object.
     *
     * @return this
     */
    public DeidentifiedBatchAssert uidsRemappedConsistently() {
        return uidsRemappedConsistently(t -> true);
    }

    /**
     * As {@link #uidsRemappedConsistently()} for the UI attributes the predicate names.
     *
     * @param remapped true for the UI attributes that must be remapped
     * @return this
     */
    public DeidentifiedBatchAssert uidsRemappedConsistently(Predicate<Tag> remapped) {
        Checks.UidMapping m = new Checks.UidMapping(Objects.requireNonNull(remapped, "remapped"));
        for (int i = 0; i < originals.size(); i++) {
            m.add(names.get(i), originals.get(i), deidentified.get(i));
        }
        m.verify(names, deidentified);
        return this;
    }

    /**
     * The dates of every object are shifted by one number of days, not zero, and all objects of a
     * patient (same original Patient ID, absent counting as one patient) by the same number.
     * Objects of different patients may have different shifts.
     *
     * @return this
     */
    public DeidentifiedBatchAssert datesShiftedByPatientOffset() {
        Map<String, Map<String, Long>> byPatient = new LinkedHashMap<>();
        Map<String, Integer> firstObject = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < originals.size(); i++) {
            String patient = originals.get(i).string(Tag.PatientID).orElse("");
            Map<String, Long> shifts = Checks.dateShifts(names.get(i), originals.get(i), deidentified.get(i));
            if (shifts.isEmpty()) {
                problems.add(names.get(i) + "no DA or DT value of the original is present in the output");
                continue;
            }
            firstObject.putIfAbsent(patient, i);
            byPatient.computeIfAbsent(patient, p -> new LinkedHashMap<>()).putAll(shifts);
        }
        for (Map.Entry<String, Map<String, Long>> p : byPatient.entrySet()) {
            List<String> own = new ArrayList<>();
            Checks.sameShift(p.getValue(), own);
            if (own.isEmpty() && p.getValue().values().iterator().next() == 0) {
                own.add("the dates of the patient of object " + firstObject.get(p.getKey()) + " are unchanged (shifted by 0 days)");
            }
            problems.addAll(own);
        }
        Checks.failIfAny("expected dates shifted by each patient's offset", problems);
        return this;
    }

    /**
     * No object leaks, by {@link DeidentifiedObjectAssert#noLeaks(Predicate)}; the failure lists
     * every leak of every object.
     *
     * @param identifying true for the tags whose values the profile removes, empties, replaces or cleans
     * @return this
     */
    public DeidentifiedBatchAssert noLeaks(Predicate<Tag> identifying) {
        PhiLeakScanner scanner = PhiLeakScanner.builder(identifying).build();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < originals.size(); i++) {
            for (Leak l : scanner.scan(originals.get(i), deidentified.get(i))) {
                problems.add(names.get(i) + l);
            }
        }
        Checks.failIfAny("identifying values of the originals survive", problems);
        return this;
    }
}
