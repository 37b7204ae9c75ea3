/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit.deid;

import java.util.List;
import java.util.Objects;
import org.i4dw.data.DicomObject;

/**
 * Entry point of the de-identification assertions, for JUnit 5 tests of a profile or of one's own
 * rules:
 *
 * <pre>{@code
 * DicomObject out = deidentifier.deidentify(original);
 * DeidAssertions.assertThat(original, out)
 *         .removed("PatientBirthDate")
 *         .emptied("PatientSex")
 *         .kept("Modality")
 *         .replacedWithDummy("PatientName")
 *         .uidsRemappedConsistently()
 *         .noLeaks(tag -> deidentifier.actionFor(tag) != Action.KEEP);
 *
 * DeidAssertions.assertThatAll(originals, outputs)
 *         .uidsRemappedConsistently()
 *         .datesShiftedByPatientOffset();
 * }</pre>
 *
 * <p>A failing check throws an {@link AssertionError} whose message names attribute paths
 * ({@code (0010,0010) PatientName}) and never a value of either object: test reports and CI logs
 * may be read by people who must not see patient data.
 */
public final class DeidAssertions {

    private DeidAssertions() {
    }

    /**
     * Assertions on one object.
     *
     * @param original the identified object
     * @param deidentified its de-identified version
     * @return the assertions
     */
    public static DeidentifiedObjectAssert assertThat(DicomObject original, DicomObject deidentified) {
        return new DeidentifiedObjectAssert(original, deidentified);
    }

    /**
     * Assertions across objects de-identified by one de-identifier: UIDs mapped the same way in
     * all, dates shifted the same way for each patient.
     *
     * @param originals the identified objects
     * @param deidentified their de-identified versions, in the same order
     * @return the assertions
     * @throws IllegalArgumentException if the lists differ in size
     */
    public static DeidentifiedBatchAssert assertThatAll(List<DicomObject> originals, List<DicomObject> deidentified) {
        Objects.requireNonNull(originals, "originals");
        Objects.requireNonNull(deidentified, "deidentified");
        return new DeidentifiedBatchAssert(originals, deidentified);
    }
}
