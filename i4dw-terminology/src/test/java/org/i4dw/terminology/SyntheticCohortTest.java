/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.terminology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.api.terminology.CodingSystem;
import org.i4dw.api.terminology.ExternalCode;
import org.i4dw.api.terminology.NodeType;
import org.i4dw.api.terminology.Terminology;
import org.i4dw.api.terminology.TerminologyBuilder;
import org.i4dw.api.terminology.TerminologyFormat;
import org.i4dw.api.terminology.TerminologyNode;
import org.i4dw.api.terminology.TerminologySettings;
import org.i4dw.api.terminology.ValueCount;
import org.i4dw.data.Tag;
import org.i4dw.spi.ProviderRegistry;
import org.i4dw.spi.TerminologyProvider;
import org.i4dw.testkit.Json;
import org.junit.jupiter.api.Test;

/** Exact counts, values, ranges, codes and views on a hand-built cohort whose truth is known. */
class SyntheticCohortTest {

    private static final String TREE = ""
            + "X-Ray Radiation Dose Report (2 patients, 3 docs)\n"
            + "  CT Acquisition (2 patients, 3 docs)\n"
            + "    CT Dose (2 patients, 3 docs)\n"
            + "      DLP [mGy.cm] (2 patients, 3 docs)\n"
            + "  Procedure reported (1 patient, 1 doc)  values: Computed Tomography X-Ray\n"
            + "Attribute Tags (2 patients, 3 docs)\n"
            + "  Anatomic Region Sequence (2 patients, 2 docs)  values: Thorax, Chest\n"
            + "  Modality (2 patients, 3 docs)  values: CT, MR\n"
            + "  Request Attributes Sequence (1 patient, 1 doc)\n"
            + "    Requested Procedure ID (1 patient, 1 doc)\n"
            + "  Slice Thickness (2 patients, 3 docs)\n"
            + "  Study Description (1 patient, 1 doc)  values: CHEST\n";

    static Terminology build(TerminologySettings settings, List<Cohort.Input> inputs) {
        TerminologyBuilder b = new DcmehopTerminologyProvider().newBuilder(settings);
        inputs.forEach(i -> b.add(i.patient(), i.document(), i.object()));
        return b.build();
    }

    @Test
    void treeIsExact() throws IOException {
        StringBuilder sb = new StringBuilder();
        new DcmehopTerminologyProvider().write(build(TerminologySettings.defaults(), Cohort.known()),
                TerminologyFormat.TREE, sb);
        assertEquals(TREE, sb.toString());
    }

    @Test
    void countsValuesRangesAndCodesAreExact() {
        Terminology t = build(TerminologySettings.defaults(), Cohort.known());
        TerminologyNode modality = t.node("DCMEHOP:TAG:00080060").orElseThrow();
        assertEquals(NodeType.CODE, modality.type());
        assertEquals(List.of("CT=2", "MR=1"), modality.values().stream().map(v -> v.value() + "=" + v.documents()).toList());

        TerminologyNode thickness = t.node("DCMEHOP:TAG:00180050").orElseThrow();
        assertEquals(NodeType.NUMBER, thickness.type());
        assertEquals(0.625, thickness.min().getAsDouble());
        assertEquals(5.0, thickness.max().getAsDouble());

        TerminologyNode region = t.node("DCMEHOP:TAG:00082218").orElseThrow();
        assertEquals(NodeType.CODE, region.type());
        assertTrue(region.children().isEmpty(), "a code sequence is one coded node");
        Map<String, ValueCount> values = region.values().stream()
                .collect(java.util.stream.Collectors.toMap(ValueCount::value, v -> v));
        assertEquals(new ExternalCode(CodingSystem.SNOMED_CT, "SRT", "T-D3000", "Chest"),
                values.get("SRT:T-D3000").code().orElseThrow());
        assertEquals(CodingSystem.SNOMED_CT, values.get("SCT:51185008").code().orElseThrow().system());
        assertEquals(1, values.get("SCT:51185008").documents(), "two instances of one series are one document");

        TerminologyNode procedureId = t.node("DCMEHOP:TAG:00400275/00401001").orElseThrow();
        assertEquals("Requested Procedure ID", procedureId.label());
        assertEquals(NodeType.TEXT, procedureId.type());

        assertTrue(t.node("DCMEHOP:TAG:00081030").orElseThrow().textIndexed());

        TerminologyNode dlp = t.node("DCMEHOP:SR:DCM-113701/DCM-113819/DCM-113829/DCM-113838").orElseThrow();
        assertEquals(2, dlp.patientCount());
        assertEquals(3, dlp.documentCount());
        assertEquals(10.0, dlp.min().getAsDouble());
        assertEquals(250.0, dlp.max().getAsDouble());
        assertEquals(new ExternalCode(CodingSystem.DICOM, "DCM", "113838", "DLP"), dlp.externalCode().orElseThrow());
        TerminologyNode procedure = t.node("DCMEHOP:SR:DCM-113701/DCM-121058").orElseThrow();
        assertEquals(CodingSystem.SNOMED_CT, procedure.values().get(0).code().orElseThrow().system());
        assertEquals(t.path("X-Ray Radiation Dose Report", "CT Acquisition", "CT Dose", "DLP").orElseThrow(), dlp);
    }

    @Test
    void valueSetsOverTheCapAreDroppedWholeAndSaySo() {
        Terminology t = build(TerminologySettings.builder().maxValues(1).build(), Cohort.known());
        TerminologyNode modality = t.node("DCMEHOP:TAG:00080060").orElseThrow();
        assertTrue(modality.valuesTruncated());
        assertTrue(modality.values().isEmpty());
        assertFalse(t.node("DCMEHOP:TAG:00081030").orElseThrow().valuesTruncated());
    }

    @Test
    void textIndexFieldsAndSrDepthAreConfigurable() {
        Terminology t = build(TerminologySettings.builder().textIndexFields(Tag.Modality).maxSrDepth(1).build(),
                Cohort.known());
        assertFalse(t.node("DCMEHOP:TAG:00081030").orElseThrow().textIndexed());
        assertTrue(t.node("DCMEHOP:TAG:00081030").orElseThrow().values().isEmpty());
        assertTrue(t.node("DCMEHOP:SR:DCM-113701/DCM-113819").isPresent());
        assertFalse(t.node("DCMEHOP:SR:DCM-113701/DCM-113819/DCM-113829").isPresent());
    }

    @Test
    void jsonCarriesTheTree() throws IOException {
        StringBuilder sb = new StringBuilder();
        new DcmehopTerminologyProvider().write(build(TerminologySettings.defaults(), Cohort.known()),
                TerminologyFormat.JSON, sb);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) Json.parse(sb.toString());
        assertEquals("dcmehop", json.get("format"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) json.get("nodes");
        assertEquals(List.of("DCMEHOP:SR:DCM-113701", "DCMEHOP:TAG"), nodes.stream().map(n -> n.get("code")).toList());
        assertEquals("2", nodes.get(0).get("patients").toString());
        assertEquals("3", nodes.get(1).get("documents").toString());
        assertTrue(sb.toString().contains("\"units\":[\"mGy.cm\"],\"min\":10,\"max\":250"), sb.toString());
    }

    @Test
    void badSettingsAndInputsSayWhatWasWrong() {
        I4dwConfigurationException e = assertThrows(I4dwConfigurationException.class,
                () -> TerminologySettings.builder().maxValues(-3));
        assertTrue(e.getMessage().contains("-3"), e.getMessage());
        assertThrows(I4dwConfigurationException.class, () -> TerminologySettings.builder().maxSrDepth(0));
        TerminologyBuilder b = new DcmehopTerminologyProvider().newBuilder(TerminologySettings.defaults());
        assertThrows(IllegalArgumentException.class, () -> b.add(" ", "S1", Cohort.image("CT", null, null, null, null)));
        Terminology other = build(TerminologySettings.builder().maxValues(3).build(), Cohort.known());
        assertThrows(IllegalArgumentException.class,
                () -> build(TerminologySettings.defaults(), Cohort.known()).merge(other));
    }

    @Test
    void providerIsFoundAsDcmehop() {
        ProviderRegistry<TerminologyProvider> registry = ProviderRegistry
                .builder(TerminologyProvider.class, "org.i4dw:i4dw-terminology").build();
        assertEquals(DcmehopTerminologyProvider.ID, registry.best().id());
        assertEquals(DcmehopTerminologyProvider.class, registry.get("dcmehop").getClass());
    }
}
