/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

/** How much of each series a {@link PacsBridge} fetches from the PACS. */
public enum Mode {
    /** C-FIND only: documents carry the study and series attributes the PACS returns; nothing is retrieved. */
    LIGHT,
    /** The header of one instance per series, pixel data never read (the default). */
    ROUTINE,
    /** Every instance of the series, kept de-identified in a local series store. Needs a series store provider. */
    CACHING
}
