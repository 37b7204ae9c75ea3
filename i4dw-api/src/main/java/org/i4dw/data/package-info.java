/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The DICOM data model: {@link org.i4dw.data.DicomObject} (immutable, ordered by tag, nested
 * sequences), {@link org.i4dw.data.Tag}, {@link org.i4dw.data.VR}, the element and UID
 * dictionaries generated from the standard, transfer syntaxes and Specific Character Set decoding.
 * It depends on nothing but the JDK.
 */
package org.i4dw.data;
