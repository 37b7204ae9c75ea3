/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The I4DW public API. {@link org.i4dw.api.PacsBridge} is the entry point: built once with a
 * validating builder (PACS, AE title, C-GET or C-MOVE, mode, de-identification, features, the
 * limits that protect the PACS), it extracts batches of accession numbers into
 * {@link org.i4dw.api.pivot.PivotDocument}s handed to a {@link org.i4dw.api.DocumentSink}, and
 * reports one {@link org.i4dw.api.AccessionOutcome} per accession number in a
 * {@link org.i4dw.api.BatchReport}. {@link org.i4dw.api.BatchOptions} carries what one batch
 * needs (features, progress, cancellation, a journal to resume from). The value types
 * ({@link org.i4dw.api.PacsAddress}, {@link org.i4dw.api.AeTitle}, {@link org.i4dw.api.Mode},
 * {@link org.i4dw.api.Retrieve}) and the exceptions, which say whose fault a failure is
 * (configuration, remote side, bad input), are here too.
 */
package org.i4dw.api;
