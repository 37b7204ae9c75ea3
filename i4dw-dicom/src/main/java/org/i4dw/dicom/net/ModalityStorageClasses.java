/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The storage SOP classes a series of a given Modality (0008,0060) holds in practice: what a
 * C-GET of one instance of the series proposes, instead of the
 * {@link Retrieve#DEFAULT_STORAGE_CLASSES common classes of every modality}. Facts from the
 * standard: the Modality defined terms (PS3.3 C.7.3.1.1.1) and the storage SOP classes (PS3.4
 * Annex B, PS3.6 Annex A) whose IODs carry that modality.
 *
 * <p>Why: a PACS negotiates every presentation context proposed, and the default C-GET proposal
 * fills the 128-context limit (each class in each transfer syntax that spares the PACS a
 * transcoding). Debian's Orthanc 1.10.1 spends about 6.4 ms of CPU on a C-GET of one instance on
 * such a new association against about 2.1 ms when it proposes the one class
 * ({@code AssociationCostBenchmark}, docs/BENCHMARKS.md); in routine mode a
 * cancelled C-GET's association is released, so each series pays it. A modality not listed here
 * (or none) gets the default proposal; an instance of a class not proposed (a Secondary Capture
 * in an MR series, say) makes the PACS fail that sub-operation, and the client falls back to
 * listing the series' instances and proposing their exact classes.
 */
final class ModalityStorageClasses {

    private static final String SOP = "1.2.840.10008.5.1.4.1.1.";

    private static final Map<String, List<String>> BY_MODALITY = Map.ofEntries(
            Map.entry("MR", List.of(SOP + "4", SOP + "4.1")), // MR, Enhanced MR
            Map.entry("CT", List.of(SOP + "2", SOP + "2.1")), // CT, Enhanced CT
            Map.entry("PT", List.of(SOP + "128", SOP + "130")), // PET, Enhanced PET
            Map.entry("NM", List.of(SOP + "20")), // NM
            Map.entry("US", List.of(SOP + "6.1", SOP + "3.1")), // US, US multi-frame
            Map.entry("CR", List.of(SOP + "1")), // CR
            Map.entry("DX", List.of(SOP + "1.1", SOP + "1.1.1")), // DX for presentation, for processing
            Map.entry("MG", List.of(SOP + "1.2", SOP + "1.2.1", SOP + "13.1.3")), // MG x2, breast tomosynthesis
            Map.entry("XA", List.of(SOP + "12.1", SOP + "12.1.1")), // XA, Enhanced XA
            Map.entry("RF", List.of(SOP + "12.2", SOP + "12.2.1")), // XRF, Enhanced XRF
            // basic text, enhanced, comprehensive, comprehensive 3D, extensible SR and the dose
            // reports (X-ray, radiopharmaceutical, patient, enhanced X-ray); rarer SR classes
            // (CAD, procedure log, ...) take the fallback
            Map.entry("SR", List.of(SOP + "88.11", SOP + "88.22", SOP + "88.33", SOP + "88.34", SOP + "88.35",
                    SOP + "88.67", SOP + "88.68", SOP + "88.73", SOP + "88.76")),
            Map.entry("KO", List.of(SOP + "88.59")), // Key Object Selection
            Map.entry("PR", List.of(SOP + "11.1", SOP + "11.2", SOP + "11.3", SOP + "11.4")), // presentation states
            Map.entry("SEG", List.of(SOP + "66.4")), // Segmentation
            Map.entry("RTSTRUCT", List.of(SOP + "481.3")),
            Map.entry("RTDOSE", List.of(SOP + "481.2")),
            Map.entry("RTPLAN", List.of(SOP + "481.5", SOP + "481.8")), // RT Plan, RT Ion Plan
            Map.entry("RTIMAGE", List.of(SOP + "481.1")),
            Map.entry("DOC", List.of(SOP + "104.1"))); // Encapsulated PDF

    private ModalityStorageClasses() {
    }

    /**
     * The storage classes of a modality, or an empty list when it is not known here (blank,
     * several values, an unlisted or a private term): the caller then proposes the default set.
     *
     * @param modality the series' Modality as the PACS listed it; may be null
     * @return the classes, most common first
     */
    static List<String> of(String modality) {
        if (modality == null) {
            return List.of();
        }
        List<String> classes = BY_MODALITY.get(modality.strip().toUpperCase(Locale.ROOT));
        return classes == null ? List.of() : classes;
    }
}
