/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

/**
 * A way to de-identify DICOM objects: the PS3.15 Annex E profile engine (provider {@code annex-e},
 * in i4dw-deid), or another implementation. The bridge picks the provider the caller names, else
 * the one of highest priority; when there is none it fails (a missing de-identifier never means
 * "do nothing").
 */
public interface DeidentifierProvider extends Provider {

    /**
     * Creates a de-identifier for one profile and key.
     *
     * @param spec the profile, key and overrides
     * @return a thread-safe de-identifier
     * @throws org.i4dw.api.I4dwConfigurationException if the profile names an option this provider
     *     does not know, the overrides are malformed, or the profile needs a key and none is given
     */
    ObjectDeidentifier create(DeidentifierSpec spec);
}
