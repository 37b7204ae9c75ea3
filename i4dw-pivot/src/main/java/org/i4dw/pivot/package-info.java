/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Pivot XML, the built-in format of pivot documents (provider {@code pivot-xml}): a published XML
 * Schema ({@code pivot-1.xsd}, namespace {@code urn:i4dw:pivot:1}), a hand-written streaming
 * writer and a validating reader. Only {@link org.i4dw.pivot.PivotXmlSerializerProvider} is
 * public; callers use the model of {@link org.i4dw.api.pivot} and the SPI
 * {@link org.i4dw.spi.PivotSerializerProvider}. JAXB is used inside, for reading, and never
 * appears in a signature.
 */
package org.i4dw.pivot;
