/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * DICOMweb (PS3.18): the {@code dicomweb} transport provider, {@link
 * org.i4dw.dicom.web.DicomWebTransportProvider}, with QIDO-RS searches, WADO-RS metadata and
 * WADO-RS instances over the JDK's HTTP client, and the header-only chain of a PACS reachable
 * through DICOMweb and DIMSE. Everything but the provider is package-private.
 */
package org.i4dw.dicom.web;
