/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.terminology;

import java.util.ArrayList;
import java.util.List;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;

/** Hand-built objects with known content: images with attributes and X-Ray Radiation Dose Reports. */
final class Cohort {

    /** One input: keys and object. */
    record Input(String patient, String document, DicomObject object) {
    }

    private Cohort() {
    }

    static DicomObject code(String value, String scheme, String meaning) {
        return DicomObject.builder().set(Tag.CodeValue, VR.SH, value).set(Tag.CodingSchemeDesignator, VR.SH, scheme)
                .set(Tag.CodeMeaning, VR.LO, meaning).build();
    }

    static DicomObject image(String modality, String sliceThickness, DicomObject anatomicRegion, String studyDescription,
            String requestedProcedureId) {
        DicomObject.Builder b = DicomObject.builder().set(Tag.Modality, VR.CS, modality);
        if (sliceThickness != null) {
            b.set(Tag.SliceThickness, VR.DS, sliceThickness);
        }
        if (anatomicRegion != null) {
            b.setSequence(Tag.AnatomicRegionSequence, List.of(anatomicRegion));
        }
        if (studyDescription != null) {
            b.set(Tag.StudyDescription, VR.LO, studyDescription);
        }
        if (requestedProcedureId != null) {
            b.setSequence(Tag.RequestAttributesSequence,
                    List.of(DicomObject.builder().set(Tag.RequestedProcedureID, VR.SH, requestedProcedureId).build()));
        }
        return b.build();
    }

    static DicomObject item(String valueType, DicomObject concept, DicomObject... children) {
        DicomObject.Builder b = DicomObject.builder().set(Tag.RelationshipType, VR.CS, "CONTAINS")
                .set(Tag.ValueType, VR.CS, valueType).setSequence(Tag.ConceptNameCodeSequence, List.of(concept));
        if (children.length > 0) {
            b.setSequence(Tag.ContentSequence, List.of(children));
        }
        return b.build();
    }

    static DicomObject dlp(double value) {
        DicomObject measured = DicomObject.builder().set(Tag.NumericValue, VR.DS, Double.toString(value))
                .setSequence(Tag.MeasurementUnitsCodeSequence, List.of(code("mGy.cm", "UCUM", "mGy.cm"))).build();
        return DicomObject.builder().set(Tag.RelationshipType, VR.CS, "CONTAINS").set(Tag.ValueType, VR.CS, "NUM")
                .setSequence(Tag.ConceptNameCodeSequence, List.of(code("113838", "DCM", "DLP")))
                .setSequence(Tag.MeasuredValueSequence, List.of(measured)).build();
    }

    static DicomObject acquisition(double dlp) {
        return item("CONTAINER", code("113819", "DCM", "CT Acquisition"),
                item("CONTAINER", code("113829", "DCM", "CT Dose"), dlp(dlp)));
    }

    /** A dose report with one CT Acquisition per DLP, and Procedure reported when asked. */
    static DicomObject doseReport(boolean procedure, double... dlps) {
        List<DicomObject> content = new ArrayList<>();
        for (double d : dlps) {
            content.add(acquisition(d));
        }
        if (procedure) {
            content.add(DicomObject.builder().set(Tag.RelationshipType, VR.CS, "HAS CONCEPT MOD")
                    .set(Tag.ValueType, VR.CS, "CODE")
                    .setSequence(Tag.ConceptNameCodeSequence, List.of(code("121058", "DCM", "Procedure reported")))
                    .setSequence(Tag.ConceptCodeSequence, List.of(code("P5-08000", "SRT", "Computed Tomography X-Ray")))
                    .build());
        }
        DicomObject.Builder b = DicomObject.builder().set(Tag.Modality, VR.CS, "SR").set(Tag.ValueType, VR.CS, "CONTAINER")
                .setSequence(Tag.ConceptNameCodeSequence, List.of(code("113701", "DCM", "X-Ray Radiation Dose Report")));
        if (!content.isEmpty()) {
            b.setSequence(Tag.ContentSequence, content);
        }
        return b.build();
    }

    /** The cohort whose truth {@code SyntheticCohortTest} states. */
    static List<Input> known() {
        return List.of(
                new Input("P1", "S1", image("CT", "1.25", code("T-D3000", "SRT", "Chest"), "CHEST", null)),
                new Input("P1", "S2", image("MR", "5", null, null, "RP1")),
                new Input("P2", "S3", image("CT", "2.5", code("51185008", "SCT", "Thorax"), null, null)),
                new Input("P2", "S3", image("CT", "0.625", code("51185008", "SCT", "Thorax"), null, null)),
                new Input("P3", "S4", doseReport(false, 100)),
                new Input("P3", "S5", doseReport(true, 250, 50)),
                new Input("P1", "S6", doseReport(false, 10)));
    }
}
