/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The DICOM network: upper layer (PS3.8) associations, DIMSE command sets (PS3.7), the Storage
 * SCP ({@link org.i4dw.dicom.net.StorageScp}) and retrieval with C-GET and C-MOVE
 * ({@link org.i4dw.dicom.net.RetrieveScu}).
 */
package org.i4dw.dicom.net;
