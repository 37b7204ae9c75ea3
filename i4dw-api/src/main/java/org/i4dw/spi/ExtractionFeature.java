/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import org.i4dw.api.pivot.PivotDocument;

/**
 * A started extraction feature: it sees every series of every batch of one bridge and may add to
 * its pivot document. Called from several threads at once: implementations are thread-safe.
 */
public interface ExtractionFeature extends AutoCloseable {

    /**
     * Extracts from one series into its document. An exception fails this series (reported in the
     * batch report with the feature's id), not the batch.
     *
     * @param series the de-identified series
     * @param document the document being built; add elements, never remove
     * @throws Exception when the feature cannot handle the series
     */
    void extract(ExtractedSeries series, PivotDocument.Builder document) throws Exception;

    /** Releases what the feature holds; the default does nothing. */
    @Override
    default void close() {
    }
}
