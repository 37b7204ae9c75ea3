/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * DCMEHOP, the built-in terminology provider ({@code dcmehop}): attribute tags by sequence path
 * and SR content trees by concept name, built from the data. Only
 * {@link org.i4dw.terminology.DcmehopTerminologyProvider} is public; callers use the types of
 * {@link org.i4dw.api.terminology}.
 *
 * <h2>Indexer</h2>
 * The builder and the {@link org.i4dw.api.terminology.DocumentIndexer} walk an object the same
 * way (views, SR depth limit and private attributes apply identically), so every element the
 * indexer gives is named by the code of a node the builder creates for the same object, and is of
 * that node's type unless its value does not parse as that type (then it is TEXT).
 * <ul>
 *   <li>Image objects: one element per value of every attribute. Occurrence counts the times the
 *       attribute's path is met in the object (repeated sequence items), from 1; valueIndex is the
 *       value's position in a multi-valued attribute, from 1 (an empty value gives no element).
 *       A code sequence gives one CODE element per item that carries a code (valueIndex the
 *       item's position; value the code value; the triplet as
 *       {@link org.i4dw.api.pivot.CodedValue}). Container sequences give no element; neither do
 *       bulk and binary values (OB, OW, OD, OF, OL, OV, UN, pixel data), of which the builder
 *       keeps no value either.</li>
 *   <li>Structured Reports: one element per content item with a value: NUM (Numeric Value, unit
 *       the UCUM code value of the Measurement Units Code Sequence, {@code mGycm} and
 *       {@code Gym2} as written by some devices corrected to {@code mGy.cm} and {@code Gy.m2}),
 *       CODE, TEXT, DATE, TIME, DATETIME, UIDREF, PNAME; IMAGE, COMPOSITE and WAVEFORM items give
 *       a REFERENCE element with the Referenced SOP Instance UID, SCOORD3D with the Referenced
 *       Frame of Reference UID; SCOORD and TCOORD give none. Occurrence counts the items met with
 *       the same concept path, from 1.</li>
 *   <li>Canonical values: NUMBER is the exact decimal value of the DICOM text (no binary
 *       rounding), without leading zeros, trailing fraction zeros or {@code +}, written plainly
 *       when the leading digit's power of ten is between -3 and 20 ({@code "  12.50"} gives
 *       {@code 12.5}, {@code +007} gives {@code 7}), else as Java writes doubles
 *       ({@code 0.0001} gives {@code 1.0E-4}); FL and FD values start from Java's shortest
 *       decimal form of the float or double. DATE is {@code yyyy-MM-dd}; TIME is
 *       {@code HH:mm:ss} with the fraction of a second when not zero, trailing zeros removed;
 *       DATETIME is {@code yyyy-MM-ddTHH:mm:ss[.fraction]} followed by the UTC offset
 *       ({@code +01:00}) when DICOM gave one; omitted date and time components take their lowest
 *       value.</li>
 * </ul>
 */
package org.i4dw.terminology;
