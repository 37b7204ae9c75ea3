/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The DICOM JSON Model (PS3.18 Annex F): {@link org.i4dw.dicom.json.DicomJsonWriter} turns a
 * {@link org.i4dw.data.DicomObject} into {@code application/dicom+json} text and
 * {@link org.i4dw.dicom.json.DicomJsonReader} reads such text back into a {@code DicomObject}.
 *
 * <p>The JSON is written and parsed by hand; no JSON library is used and none appears in the API.
 * Bulk values (OB, OD, OF, OL, OV, OW, UN and encapsulated pixel data) are written inline, left
 * out or referenced by URI as {@link org.i4dw.dicom.json.BulkDataMode} says; a caller that serves
 * bulk data itself names the URIs from a {@link org.i4dw.dicom.json.BulkDataRef}.
 *
 * <p>The reader treats its input as hostile: it limits JSON nesting and sequence depth, never
 * recurses without bound, and reports every problem as a {@link org.i4dw.api.DicomParseException}
 * with the character offset, the tag being read and the reason, never with a value from the input.
 */
package org.i4dw.dicom.json;
