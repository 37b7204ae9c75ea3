/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The DICOM network: the PS3.8 upper layer (associations, PDUs), DIMSE (PS3.7) commands and
 * statuses, and {@link org.i4dw.dicom.net.DimseClient}, the service user for C-ECHO and C-FIND
 * over a pool of associations per PACS.
 */
package org.i4dw.dicom.net;
