/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Embedding I4DW in an ETL: {@link org.i4dw.examples.etl.EtlExample} hands a batch of accession
 * numbers to a {@link org.i4dw.api.PacsBridge} and stores each pivot document as it arrives.
 */
package org.i4dw.examples.etl;
