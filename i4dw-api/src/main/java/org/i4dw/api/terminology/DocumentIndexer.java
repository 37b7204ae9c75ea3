/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api.terminology;

import java.util.List;
import org.i4dw.api.pivot.PivotElement;
import org.i4dw.data.DicomObject;

/**
 * Turns one (de-identified) DICOM object into the structured elements of its pivot document,
 * each named by the code of the terminology node a {@link TerminologyBuilder} with the same
 * settings files it under: every element's code is the code of a node of the terminology built
 * from the same object. Thread-safe.
 */
public interface DocumentIndexer {

    /**
     * The elements of one object: one per value of every attribute (image objects) or content
     * item (Structured Reports), in the order they appear; containers have none.
     *
     * @param object the object
     * @return the elements
     */
    List<PivotElement> index(DicomObject object);
}
