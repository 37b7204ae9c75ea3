/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Test support for de-identification rules, for JUnit 5 tests of I4DW's profile and of users'
 * own rule sets: fluent assertions ({@link org.i4dw.testkit.deid.DeidAssertions}) that an
 * attribute was removed, emptied, kept or replaced, that UIDs are remapped consistently and dates
 * shifted by the patient's offset; and a PHI-leak scanner
 * ({@link org.i4dw.testkit.deid.PhiLeakScanner}) that finds identifying values of an original
 * surviving anywhere in its de-identified version.
 *
 * <p>This package depends on the data model of i4dw-api only, not on a de-identifier: which
 * attributes are identifying is given as a {@code Predicate<Tag>} (with I4DW's de-identifier,
 * {@code tag -> deidentifier.actionFor(tag) != Action.KEEP}). Nothing here ever puts a value of
 * either object in a message, a {@code toString()} or a {@link org.i4dw.testkit.deid.Leak}: only
 * attribute paths ({@link org.i4dw.testkit.deid.AttributePath}).
 */
package org.i4dw.testkit.deid;
