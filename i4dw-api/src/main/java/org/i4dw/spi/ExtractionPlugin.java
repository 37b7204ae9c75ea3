/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

/**
 * An extraction feature, found by its id in the feature list of a
 * {@link org.i4dw.api.PacsBridge}: the built-in {@code pivot} (the structured elements of the
 * header) and {@code terminology} (the bridge's DCMEHOP terminology), and any plugin on the class
 * path (e.g. the MR field strength classifier in i4dw-examples).
 */
public interface ExtractionPlugin extends Provider {

    /**
     * A short description of what the feature adds, for listings.
     *
     * @return the description
     */
    String description();

    /**
     * Starts the feature for one bridge.
     *
     * @param context the bridge's settings and services
     * @return the started feature, closed with the bridge
     */
    ExtractionFeature start(PluginContext context);
}
