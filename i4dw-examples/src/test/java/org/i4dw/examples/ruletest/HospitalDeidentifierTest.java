/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.examples.ruletest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.deid.Action;
import org.i4dw.deid.Deidentifier;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.ReadOptions;
import org.i4dw.testkit.SampleCorpus;
import org.i4dw.testkit.deid.DeidAssertions;
import org.junit.jupiter.api.Test;

/**
 * How to test one's own rules: de-identify a real file, check each rule of the rule file with the
 * testkit's assertions, then let the leak scanner look for any identifying value left anywhere.
 * Failure messages name attribute paths and never print a patient value.
 */
class HospitalDeidentifierTest {

    /** A test key; a real one comes from a protected file. */
    private static final byte[] KEY = "example-key-for-tests-only-32byt".getBytes(StandardCharsets.US_ASCII);

    private final Deidentifier deidentifier = HospitalDeidentifier.build(Path.of("rules/hospital-overrides.txt"), KEY);

    private static DicomObject sample() throws IOException {
        Path file = SampleCorpus.locate().root()
                .resolve("02-mr-series/philips-achieva-fmri-dcmqa/201_EPI_asc_CLEAR_0001_01.dcm");
        return DicomReader.read(file, ReadOptions.defaults()).dataset();
    }

    @Test
    void eachRuleDoesWhatTheFileSays() throws IOException {
        DicomObject original = sample();
        DicomObject out = deidentifier.deidentify(original);
        DeidAssertions.assertThat(original, out)
                .emptied("StudyDescription")   // C: here it is all an identifying value: cleaning cuts it all
                .kept("SeriesDescription")     // C: nothing identifying in it, kept as it was
                .removed("StationName")        // X: the hospital's rule beats the default's Retain Device Identity
                .removed("RequestingPhysician")
                .emptied("PatientBirthDate")   // the profile still applies: X/Z resolves to Z
                .emptied("PatientSex")
                .replacedWithDummy("PatientName")
                .kept("Modality")
                .kept("StudyDate")             // the default retains full dates
                .uidsRemappedConsistently(t -> deidentifier.actionFor(t) != Action.KEEP);
    }

    @Test
    void nothingIdentifyingSurvives() throws IOException {
        DicomObject original = sample();
        // identifying: what the rules remove, empty or replace (cleaned text is kept by design,
        // and the scanner checks that no identifying value was left inside it)
        Predicate<Tag> identifying = t -> t.isPrivate()
                || deidentifier.actionFor(t) != Action.KEEP && deidentifier.actionFor(t) != Action.CLEAN;
        DeidAssertions.assertThat(original, deidentifier.deidentify(original)).noLeaks(identifying);
    }
}
