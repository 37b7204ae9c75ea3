/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api.feature;

import org.i4dw.spi.ExtractionFeature;
import org.i4dw.spi.ExtractionPlugin;
import org.i4dw.spi.PluginContext;

/**
 * Feature {@code terminology}: every de-identified series goes into the bridge's DCMEHOP
 * terminology ({@link org.i4dw.api.PacsBridge#terminology()}), counted under its patient key and
 * document id. A series whose de-identified Patient ID is empty counts as a patient of its own.
 */
public final class TerminologyFeaturePlugin implements ExtractionPlugin {

    /** The id. */
    public static final String ID = "terminology";

    /** For the service loader. */
    public TerminologyFeaturePlugin() {
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
        return "the DCMEHOP terminology of every series, with patient and document counts";
    }

    @Override
    public ExtractionFeature start(PluginContext context) {
        return (series, document) -> context.recordTerminology(
                series.patientKey().isBlank() ? "document:" + series.documentId() : series.patientKey(),
                series.documentId(), series.header());
    }
}
