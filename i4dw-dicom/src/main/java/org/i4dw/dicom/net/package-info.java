/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The DICOM network: the PS3.8 upper layer (associations, PDUs), DIMSE (PS3.7) commands and
 * statuses, {@link org.i4dw.dicom.net.DimseClient}, the service user for C-ECHO, C-FIND, C-GET and
 * C-MOVE over a pool of associations per PACS, and the Storage SCP
 * ({@link org.i4dw.dicom.net.StorageScp}) that receives C-STORE (C-MOVE destination, or any sender).
 * Both sides run over plain TCP or over TLS (PS3.15 B.1) set up with {@link org.i4dw.dicom.net.Tls}.
 */
package org.i4dw.dicom.net;
