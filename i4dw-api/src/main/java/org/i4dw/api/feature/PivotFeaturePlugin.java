/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api.feature;

import org.i4dw.api.terminology.DocumentIndexer;
import org.i4dw.spi.ExtractionFeature;
import org.i4dw.spi.ExtractionPlugin;
import org.i4dw.spi.PluginContext;

/**
 * Feature {@code pivot}: every value of the de-identified header (or, for a Structured Report,
 * every content item) becomes a structured element of the series' pivot document, named by its
 * DCMEHOP code through the bridge's {@link DocumentIndexer}.
 */
public final class PivotFeaturePlugin implements ExtractionPlugin {

    /** The id. */
    public static final String ID = "pivot";

    /** For the service loader. */
    public PivotFeaturePlugin() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "structured elements of every header attribute and SR content item, by DCMEHOP code";
    }

    @Override
    public ExtractionFeature start(PluginContext context) {
        DocumentIndexer indexer = context.indexer();
        return (series, document) -> document.addElements(indexer.index(series.header()));
    }
}
