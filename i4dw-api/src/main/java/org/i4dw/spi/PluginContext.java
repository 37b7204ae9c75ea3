/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import org.i4dw.api.Mode;
import org.i4dw.api.terminology.DocumentIndexer;
import org.i4dw.api.terminology.TerminologySettings;
import org.i4dw.data.DicomObject;

/**
 * What a {@link org.i4dw.api.PacsBridge} offers a feature when it starts: the bridge's settings
 * and the few services a feature may use, never the bridge itself.
 */
public interface PluginContext {

    /**
     * The mode of the bridge.
     *
     * @return the mode
     */
    Mode mode();

    /**
     * The terminology settings of the bridge.
     *
     * @return the settings
     */
    TerminologySettings terminologySettings();

    /**
     * The indexer of the bridge's terminology provider, which names elements by the codes of the
     * bridge's terminology.
     *
     * @return a thread-safe indexer
     */
    DocumentIndexer indexer();

    /**
     * Adds one de-identified object to the bridge's terminology (thread-safe).
     *
     * @param patientKey the de-identified patient key
     * @param documentKey the document id
     * @param object the de-identified object
     */
    void recordTerminology(String patientKey, String documentKey, DicomObject object);
}
