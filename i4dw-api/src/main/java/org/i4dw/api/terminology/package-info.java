/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The DCMEHOP terminology: a tree built from the data itself, of every DICOM attribute path
 * ("Attribute Tags") and every Structured Report concept path (one top node per document title),
 * each node with the exact number of distinct patients and documents behind it, descendants
 * included, its type, units, value set or range, and its external code.
 *
 * <p>{@link org.i4dw.api.terminology.Terminology} is the immutable result, mergeable across
 * batches; a {@link org.i4dw.api.terminology.TerminologyBuilder} (from a
 * {@link org.i4dw.spi.TerminologyProvider}) feeds DICOM objects into it;
 * {@link org.i4dw.api.terminology.MutableTerminology} is the data-level accumulator providers use.
 *
 * <h2>Node codes</h2>
 * Codes depend only on the standard and the data, never on arrival order or site:
 * <ul>
 *   <li>{@code DCMEHOP:TAG} is the "Attribute Tags" top node; an attribute node is
 *       {@code DCMEHOP:TAG:} followed by the tags of its path through sequences, each as eight
 *       upper-case hex digits, joined by {@code /} (Modality: {@code DCMEHOP:TAG:00080060};
 *       Code Meaning in Anatomic Region Modifier Sequence in Anatomic Region Sequence would be
 *       {@code DCMEHOP:TAG:00082218/00082220/00080104}).</li>
 *   <li>A Structured Report node is {@code DCMEHOP:SR:} followed by the concept names of its path
 *       from the document title, each as {@code <coding scheme designator>-<code value>} (the
 *       first {@code -} separates them), joined by {@code /}; {@code /} and {@code %} inside a
 *       designator or value are written {@code %2F} and {@code %25}. DLP in CT Dose in CT
 *       Acquisition of an X-Ray Radiation Dose Report is
 *       {@code DCMEHOP:SR:DCM-113701/DCM-113819/DCM-113829/DCM-113838}.</li>
 * </ul>
 */
package org.i4dw.api.terminology;
