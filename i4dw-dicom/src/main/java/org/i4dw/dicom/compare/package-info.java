/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Comparison of two headers of the same instance obtained different ways, e.g. WADO-RS metadata
 * against the header a DIMSE retrieval read: {@link org.i4dw.dicom.compare.HeaderComparison}
 * lists every attribute missing, extra or different, by path, never by value.
 */
package org.i4dw.dicom.compare;
