/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.terminology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.api.terminology.NodeType;
import org.i4dw.api.terminology.Terminology;
import org.i4dw.api.terminology.TerminologyNode;
import org.i4dw.api.terminology.TerminologySettings;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.junit.jupiter.api.Test;

/** Include and exclude views, and private attributes, on hand-built objects. */
class ViewsAndPrivateTest {

    private static Terminology build(TerminologySettings settings, List<Cohort.Input> inputs) {
        return SyntheticCohortTest.build(settings, inputs);
    }

    private static boolean has(Terminology t, String code) {
        return t.node(code).isPresent();
    }

    @Test
    void attributeIncludesKeepPathsAndTheirAncestors() {
        Terminology t = build(TerminologySettings.builder()
                .includeAttributes("Modality", "RequestAttributesSequence/RequestedProcedureID").build(), Cohort.known());
        assertTrue(has(t, "DCMEHOP:TAG:00080060"));
        assertTrue(has(t, "DCMEHOP:TAG:00400275/00401001"));
        assertEquals(1, t.node("DCMEHOP:TAG:00400275").orElseThrow().documentCount());
        assertFalse(has(t, "DCMEHOP:TAG:00180050"));
        assertFalse(has(t, "DCMEHOP:TAG:00082218"));
        assertFalse(has(t, "DCMEHOP:TAG:00081030"));
        assertTrue(has(t, "DCMEHOP:SR:DCM-113701/DCM-113819/DCM-113829/DCM-113838"), "attribute views leave SR alone");
    }

    @Test
    void aPathCoversWhatIsBelowItAndExclusionWins() {
        DicomObject o = DicomObject.builder().set(Tag.Modality, VR.CS, "CT")
                .setSequence(Tag.RequestAttributesSequence, List.of(DicomObject.builder()
                        .set(Tag.RequestedProcedureID, VR.SH, "RP1")
                        .set(Tag.ScheduledProcedureStepID, VR.SH, "SPS1").build()))
                .build();
        List<Cohort.Input> in = List.of(new Cohort.Input("P1", "S1", o));
        Terminology t = build(TerminologySettings.builder().includeAttributes("RequestAttributesSequence")
                .excludeAttributes("(0040,0275)/ScheduledProcedureStepID", "Modality").build(), in);
        assertTrue(has(t, "DCMEHOP:TAG:00400275/00401001"));
        assertFalse(has(t, "DCMEHOP:TAG:00400275/00400009"));
        assertFalse(has(t, "DCMEHOP:TAG:00080060"));

        Terminology none = build(TerminologySettings.builder().includeAttributes("Modality")
                .excludeAttributes("Modality").build(), in);
        assertTrue(none.node(Terminology.ATTRIBUTE_TAGS_CODE).orElseThrow().children().isEmpty());

        Terminology exclSeq = build(TerminologySettings.builder().excludeAttributes("RequestAttributesSequence").build(),
                in);
        assertFalse(has(exclSeq, "DCMEHOP:TAG:00400275"));
        assertTrue(has(exclSeq, "DCMEHOP:TAG:00080060"));
    }

    @Test
    void anAncestorOnlyLeadingToAnAbsentPathIsNotCreated() {
        DicomObject o = DicomObject.builder().set(Tag.Modality, VR.CS, "CT")
                .setSequence(Tag.RequestAttributesSequence, List.of(DicomObject.builder()
                        .set(Tag.ScheduledProcedureStepID, VR.SH, "SPS1").build()))
                .build();
        Terminology t = build(TerminologySettings.builder()
                .includeAttributes("RequestAttributesSequence/RequestedProcedureID").build(),
                List.of(new Cohort.Input("P1", "S1", o)));
        assertFalse(has(t, "DCMEHOP:TAG:00400275"));
    }

    @Test
    void conceptViewsHideSubtreesAndExclusionWins() {
        Terminology excl = build(TerminologySettings.builder().excludeConcepts("DCM:113829").build(), Cohort.known());
        assertTrue(has(excl, "DCMEHOP:SR:DCM-113701/DCM-113819"));
        assertFalse(has(excl, "DCMEHOP:SR:DCM-113701/DCM-113819/DCM-113829"));
        assertFalse(has(excl, "DCMEHOP:SR:DCM-113701/DCM-113819/DCM-113829/DCM-113838"));

        Terminology incl = build(TerminologySettings.builder().includeConcepts("dcm:113838").build(), Cohort.known());
        assertTrue(has(incl, "DCMEHOP:SR:DCM-113701/DCM-113819/DCM-113829/DCM-113838"));
        assertEquals(3, incl.node("DCMEHOP:SR:DCM-113701").orElseThrow().documentCount());
        assertFalse(has(incl, "DCMEHOP:SR:DCM-113701/DCM-121058"));
        assertTrue(has(incl, "DCMEHOP:TAG:00080060"), "concept views leave attributes alone");

        Terminology both = build(TerminologySettings.builder().includeConcepts("DCM:113819")
                .excludeConcepts("DCM:113838").build(), Cohort.known());
        assertTrue(has(both, "DCMEHOP:SR:DCM-113701/DCM-113819/DCM-113829"));
        assertFalse(has(both, "DCMEHOP:SR:DCM-113701/DCM-113819/DCM-113829/DCM-113838"));

        Terminology title = build(TerminologySettings.builder().excludeConcepts("DCM:113701").build(), Cohort.known());
        assertFalse(has(title, "DCMEHOP:SR:DCM-113701"));
    }

    @Test
    void viewsAreValidatedWhenSet() {
        I4dwConfigurationException e = assertThrows(I4dwConfigurationException.class,
                () -> TerminologySettings.builder().includeAttributes("AnatomicRegionSequence/CodeValu"));
        assertTrue(e.getMessage().contains("CodeValu"), e.getMessage());
        assertThrows(I4dwConfigurationException.class, () -> TerminologySettings.builder().excludeAttributes("Modality//"));
        assertThrows(I4dwConfigurationException.class, () -> TerminologySettings.builder().excludeConcepts("113819"));
        assertThrows(I4dwConfigurationException.class, () -> TerminologySettings.builder().includeConcepts("DCM:"));
        assertEquals(TerminologySettings.builder().includeAttributes("Modality").build(),
                TerminologySettings.builder().includeAttributes("00080060").build());
        assertFalse(TerminologySettings.builder().privateAttributes(true).build().equals(TerminologySettings.defaults()));
    }

    /** An image with a private creator block in group 0029 holding a text, a number and a sequence. */
    static DicomObject privateImage(String text) {
        DicomObject inner = DicomObject.builder()
                .set(Tag.of(0x00290010), VR.LO, "INNER/CREATOR ")
                .set(Tag.of(0x00291001), VR.DS, "7")
                .set(Tag.of(0x00291002), VR.LO, "no creator for block 0x10? yes: this one has one")
                .set(Tag.SeriesDescription, VR.LO, "inside")
                .build();
        return DicomObject.builder().set(Tag.Modality, VR.CS, "MR")
                .set(Tag.of(0x00290010), VR.LO, "ACME 1.0")
                .set(Tag.of(0x00291008), VR.CS, "A")
                .set(Tag.of(0x00291010), VR.LO, text)
                .set(Tag.of(0x00291120), VR.LO, "orphan: block 11 has no creator")
                .setSequence(Tag.of(0x00291030), List.of(inner))
                .build();
    }

    @Test
    void privateAttributesAreKeyedByCreatorAndElement() {
        List<Cohort.Input> in = new ArrayList<>(List.of(new Cohort.Input("P1", "S1", privateImage("x")),
                new Cohort.Input("P2", "S2", privateImage("y")),
                new Cohort.Input("P3", "S3", Cohort.image("CT", "1", null, null, null))));
        Terminology off = build(TerminologySettings.defaults(), in);
        assertFalse(has(off, Terminology.PRIVATE_ATTRIBUTES_CODE));

        Terminology on = build(TerminologySettings.builder().privateAttributes(true).build(), in);
        TerminologyNode root = on.node(Terminology.PRIVATE_ATTRIBUTES_CODE).orElseThrow();
        assertEquals(Terminology.PRIVATE_ATTRIBUTES_LABEL, root.label());
        assertEquals(2, root.documentCount());
        TerminologyNode code = on.node("DCMEHOP:PRIVATE:ACME 1.0/0029xx08").orElseThrow();
        assertEquals("ACME 1.0 (0029,xx08)", code.label());
        assertEquals(NodeType.CODE, code.type());
        assertEquals(2, code.patientCount());
        assertEquals(NodeType.TEXT, on.node("DCMEHOP:PRIVATE:ACME 1.0/0029xx10").orElseThrow().type());
        assertFalse(on.node("DCMEHOP:PRIVATE:ACME 1.0/0029xx20").isPresent(), "no creator, no node");
        assertEquals(3, root.children().size());

        TerminologyNode seq = on.node("DCMEHOP:PRIVATE:ACME 1.0/0029xx30").orElseThrow();
        assertEquals(NodeType.CONTAINER, seq.type());
        TerminologyNode number = on.node("DCMEHOP:PRIVATE:ACME 1.0/0029xx30/INNER%2FCREATOR/0029xx01").orElseThrow();
        assertEquals("INNER/CREATOR (0029,xx01)", number.label());
        assertEquals(NodeType.NUMBER, number.type());
        assertEquals(7.0, number.max().getAsDouble());
        assertTrue(on.node("DCMEHOP:PRIVATE:ACME 1.0/0029xx30/0008103E").isPresent());
        assertTrue(has(on, "DCMEHOP:TAG:00080060"));
        assertFalse(has(on, "DCMEHOP:TAG:00291010"), "private elements stay out of Attribute Tags");

        Terminology merged = build(TerminologySettings.builder().privateAttributes(true).build(), in.subList(0, 1))
                .merge(build(TerminologySettings.builder().privateAttributes(true).build(), in.subList(1, 3)));
        assertEquals(on, merged);
    }
}
