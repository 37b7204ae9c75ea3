/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Synthetic cohorts for integration tests, benchmarks and demonstrations:
 * {@link org.i4dw.testkit.cohort.SyntheticCohort} writes patients with multi-series MR prostate
 * and CT abdomen-pelvis studies, made from real template files with every identifier replaced, as
 * DICOM Part 10 files; {@link org.i4dw.testkit.cohort.CohortManifest} is their ground truth,
 * written beside them and read back by tests.
 *
 * <p>The cohort's identifiers are synthetic but play the part of patient data: the manifest gives
 * tests the values a de-identifier must remove and a leak scanner must find. Messages and logs
 * carry counts, file names and settings, never those values.
 */
package org.i4dw.testkit.cohort;
