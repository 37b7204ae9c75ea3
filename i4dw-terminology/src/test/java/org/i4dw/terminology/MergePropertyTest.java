/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.terminology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.i4dw.api.terminology.Terminology;
import org.i4dw.api.terminology.TerminologySettings;
import org.i4dw.data.DicomObject;

/**
 * The merge law: a cohort split at random into two batches, each built on its own, merges into
 * exactly the terminology built from the whole cohort, in any order; with a small value cap so
 * that truncated value sets are exercised too.
 */
class MergePropertyTest {

    private static final TerminologySettings SETTINGS = TerminologySettings.builder().maxValues(3).build();
    private static final String[] MODALITIES = {"CT", "MR", "US", "CR", "DX"};
    private static final DicomObject[] REGIONS = {Cohort.code("T-D3000", "SRT", "Chest"),
        Cohort.code("51185008", "SCT", "Thorax"), Cohort.code("RID1243", "RADLEX", "Chest")};

    @Provide
    Arbitrary<List<Cohort.Input>> cohorts() {
        Arbitrary<Cohort.Input> input = Combinators.combine(Arbitraries.integers().between(0, 11),
                Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 400)).as((doc, modality, region, number) -> {
                    String patient = "P" + doc % 5;
                    DicomObject o = doc % 3 == 0
                            ? Cohort.doseReport(number % 2 == 0, number, number / 2.0)
                            : Cohort.image(MODALITIES[modality], Integer.toString(number),
                                    region < REGIONS.length ? REGIONS[region] : null,
                                    number % 4 == 0 ? "STUDY " + modality : null, number % 5 == 0 ? "RP" : null);
                    return new Cohort.Input(patient, "S" + doc, o);
                });
        return input.list().ofMaxSize(25);
    }

    @Property(tries = 200)
    boolean mergeOfTwoBatchesIsTheBuildOfBoth(@ForAll("cohorts") List<Cohort.Input> cohort, @ForAll long seed) {
        Random random = new Random(seed);
        List<Cohort.Input> a = new ArrayList<>();
        List<Cohort.Input> b = new ArrayList<>();
        for (Cohort.Input i : cohort) {
            (random.nextBoolean() ? a : b).add(i);
        }
        Terminology whole = SyntheticCohortTest.build(SETTINGS, cohort);
        Terminology ta = SyntheticCohortTest.build(SETTINGS, a);
        Terminology tb = SyntheticCohortTest.build(SETTINGS, b);
        assertEquals(whole, ta.merge(tb));
        assertEquals(whole, tb.merge(ta));
        return true;
    }

    @Property(tries = 100)
    boolean arrivalOrderDoesNotMatter(@ForAll("cohorts") List<Cohort.Input> cohort, @ForAll long seed) {
        List<Cohort.Input> shuffled = new ArrayList<>(cohort);
        Collections.shuffle(shuffled, new Random(seed));
        assertEquals(SyntheticCohortTest.build(SETTINGS, cohort), SyntheticCohortTest.build(SETTINGS, shuffled));
        return true;
    }
}
