/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import java.io.IOException;
import org.i4dw.api.terminology.DocumentIndexer;
import org.i4dw.api.terminology.Terminology;
import org.i4dw.api.terminology.TerminologyBuilder;
import org.i4dw.api.terminology.TerminologyFormat;
import org.i4dw.api.terminology.TerminologySettings;

/**
 * A way to build a terminology from DICOM objects: DCMEHOP (provider {@code dcmehop}, in
 * i4dw-terminology), or another implementation. The default is the provider of highest priority;
 * callers may name another.
 */
public interface TerminologyProvider extends Provider {

    /**
     * A new, empty builder. Builders are not thread-safe: use one per thread and merge the results.
     *
     * @param settings the settings
     * @return the builder
     */
    TerminologyBuilder newBuilder(TerminologySettings settings);

    /**
     * An indexer that names the elements of a document by the codes of this provider's nodes:
     * every element it gives for an object is named by the code of a node that a builder with the
     * same settings creates for that object. Give it the same settings as the builder's so codes
     * agree (views and private attributes decide which elements exist). Thread-safe: one indexer
     * can serve every thread.
     *
     * @param settings the settings, equal to the builder's
     * @return the indexer
     */
    DocumentIndexer newIndexer(TerminologySettings settings);

    /**
     * Writes a terminology.
     *
     * @param terminology the terminology
     * @param format the format
     * @param out where to write
     * @throws IOException if {@code out} fails
     */
    void write(Terminology terminology, TerminologyFormat format, Appendable out) throws IOException;
}
