/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api.terminology;

import org.i4dw.data.DicomObject;

/**
 * Feeds DICOM objects into a terminology. One document is one series: feed every instance (or
 * one header) of a series with the same document key. Keys are opaque strings (pseudonyms after
 * de-identification); they are held to count distinct patients and documents exactly and are
 * never logged or exported.
 *
 * <p>Not thread-safe: use one builder per thread and {@link Terminology#merge(Terminology)} the
 * results, which gives exactly the terminology one builder would have built from all inputs.
 */
public interface TerminologyBuilder {

    /**
     * Adds one object.
     *
     * @param patientKey the patient's key, e.g. the (pseudonymised) Patient ID
     * @param documentKey the document's key, e.g. the (remapped) Series Instance UID
     * @param object the data set
     * @return this builder
     * @throws IllegalArgumentException if a key is blank
     */
    TerminologyBuilder add(String patientKey, String documentKey, DicomObject object);

    /**
     * The terminology of everything added so far; the builder can go on.
     *
     * @return an immutable terminology
     */
    Terminology build();
}
