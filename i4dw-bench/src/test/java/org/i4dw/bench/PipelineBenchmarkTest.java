/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.i4dw.api.pivot.DocumentType;
import org.i4dw.api.pivot.PivotDocument;
import org.i4dw.data.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pipeline benchmark measures real work: each stage gives what the batch engine would. */
class PipelineBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"mr", "ct", "rdsr"})
    void everyStageDoesItsWorkAndEachSeriesIsNew(String header) throws IOException {
        PipelineBenchmark b = new PipelineBenchmark();
        b.header = header;
        b.setUp();
        int first = b.pipeline();
        int second = b.pipeline();
        assertTrue(first > 1000 && second > 1000, "a pivot document of some kilobytes per series, got " + first);
        assertNotEquals(b.deidentify().string(Tag.SeriesInstanceUID), b.deidentify().string(Tag.SeriesInstanceUID),
                "each call remaps a new Series Instance UID");
        PivotDocument d = b.buildDocument();
        assertEquals("rdsr".equals(header) ? DocumentType.STRUCTURED_REPORT : DocumentType.IMAGE_SERIES, d.type());
        assertEquals(b.index().size(), d.elements().size());
        assertTrue(d.elements().size() > 40, "the indexer gives the header's values, got " + d.elements().size());
        assertTrue(b.writeXml() > 1000);
        assertTrue(b.terminologyAdd().build().size() > 10, "the terminology holds the header's nodes");
    }
}
