/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The pivot document: what I4DW hands a clinical data warehouse for one series. A
 * {@link org.i4dw.api.pivot.PivotDocument} carries the link keys the CDW needs (the accession
 * number as the ETL gave it and the patient key), the study and series context, a title, a text
 * field and the structured elements of the de-identified header, each named by its DCMEHOP code.
 * Serializers ({@link org.i4dw.spi.PivotSerializerProvider}, provider {@code pivot-xml}) write
 * and read it.
 */
package org.i4dw.api.pivot;
