/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import org.i4dw.data.DicomObject;

/** De-identifies DICOM objects with one fixed profile and key. Thread-safe. */
public interface ObjectDeidentifier {

    /**
     * De-identifies one object (a whole data set, never a sequence item alone).
     *
     * @param object the identified object
     * @return the de-identified object; the input is not changed
     */
    DicomObject deidentify(DicomObject object);

    /**
     * What was done, in words safe to log: the profile, its options and the number of overrides,
     * never the key.
     *
     * @return the description
     */
    String description();
}
