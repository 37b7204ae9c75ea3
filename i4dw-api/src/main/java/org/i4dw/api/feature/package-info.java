/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The built-in extraction features, found like any plugin through
 * {@link org.i4dw.spi.ExtractionPlugin}: {@code pivot} (the structured elements of each document)
 * and {@code terminology} (the bridge's DCMEHOP terminology).
 */
package org.i4dw.api.feature;
