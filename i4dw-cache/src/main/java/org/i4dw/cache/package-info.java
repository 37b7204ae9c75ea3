/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The {@code disk} series store: whole de-identified series in a local folder, for caching mode.
 * Only {@link org.i4dw.cache.DiskSeriesStoreProvider} is public (its javadoc describes the layout
 * on disk, the manifest format and the locking); callers use the SPI
 * {@link org.i4dw.spi.SeriesStore}. Caffeine keeps hot manifests in memory and never appears in a
 * signature.
 */
package org.i4dw.cache;
