/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

import java.io.IOException;
import org.i4dw.api.pivot.PivotDocument;

/**
 * Where a {@link PacsBridge} sends each pivot document as soon as its series is done. The bridge
 * calls it from one thread at a time, so implementations need not be thread-safe.
 */
@FunctionalInterface
public interface DocumentSink {

    /**
     * Takes one document. An exception fails that series (reported in the batch report), not
     * the batch.
     *
     * @param document the document
     * @throws IOException when the document cannot be stored or sent
     */
    void accept(PivotDocument document) throws IOException;
}
