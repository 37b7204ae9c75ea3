/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api.terminology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MutableTerminologyTest {

    private static final TerminologySettings SETTINGS = TerminologySettings.builder().maxValues(2).build();

    @Test
    void keysAreInternedInOrderOfFirstSight() {
        MutableTerminology m = new MutableTerminology(SETTINGS);
        assertEquals(0, m.patientId("P1"));
        assertEquals(1, m.patientId("P2"));
        assertEquals(0, m.patientId("P1"));
        assertEquals(0, m.documentId("D1"));
        assertThrows(NullPointerException.class, () -> m.documentId(null));
    }

    @Test
    void tagChildrenGetTheTagPathCodeAndAreFoundAgainByTag() {
        MutableTerminology m = new MutableTerminology(SETTINGS);
        MutableTerminology.Node root = m.root(Terminology.ATTRIBUTE_TAGS_CODE, "Attribute Tags", NodeType.CONTAINER);
        MutableTerminology.Node seq = root.tagChild(0x00082218, "Anatomic Region Sequence", NodeType.CODE);
        assertEquals("DCMEHOP:TAG:00082218", seq.code());
        assertEquals("DCMEHOP:TAG:00082218/0008010A", seq.tagChild(0x0008010A, "x", NodeType.TEXT).code());
        assertSame(seq, root.tagChild(0x00082218, "Anatomic Region Sequence", NodeType.CODE));
        assertSame(seq, root.child("DCMEHOP:TAG:00082218", "Anatomic Region Sequence", NodeType.CODE),
                "a child made by tag is the child with its code");
        MutableTerminology.Node byCode = root.child("DCMEHOP:TAG:00080060", "Modality", NodeType.CODE);
        assertSame(byCode, root.tagChild(0x00080060, "Modality", NodeType.CODE), "and the other way round");
    }

    @Test
    void codesAreWrittenAsThePackageDocumentationSays() {
        assertEquals("DCMEHOP:TAG:00080060", MutableTerminology.tagCode(Terminology.ATTRIBUTE_TAGS_CODE, true, 0x00080060));
        assertEquals("DCMEHOP:TAG:00082218/0008010A",
                MutableTerminology.tagCode("DCMEHOP:TAG:00082218", false, 0x0008010A));
        assertEquals("DCMEHOP:TAG:FFFEE000", MutableTerminology.tagCode(Terminology.ATTRIBUTE_TAGS_CODE, true, 0xFFFEE000));
        assertEquals("DCMEHOP:SR:DCM-113701", MutableTerminology.conceptCode(null, "DCM", "113701"));
        assertEquals("DCMEHOP:SR:DCM-113701/99X%2FY-1%252",
                MutableTerminology.conceptCode("DCMEHOP:SR:DCM-113701", "99X/Y", "1%2"));
        assertEquals("a%2Fb%25", MutableTerminology.escape("a/b%"));
        assertEquals("plain", MutableTerminology.escape("plain"));
    }

    @Test
    void countsAreExactAndRepeatedObservationsCountOnce() {
        MutableTerminology m = new MutableTerminology(SETTINGS);
        MutableTerminology.Node n = m.root("R", "r", NodeType.CONTAINER);
        n.observe("P1", "D1").observe("P1", "D1").observe("P1", "D2").observe("P2", "D2").observe("P1", "D1");
        TerminologyNode t = m.snapshot().roots().get(0);
        assertEquals(2, t.patientCount());
        assertEquals(2, t.documentCount());
        assertThrows(IllegalArgumentException.class, () -> n.observe(-1, 0));
    }

    @Test
    void equalityComparesKeysNotIds() {
        MutableTerminology a = new MutableTerminology(SETTINGS);
        a.root("R", "r", NodeType.CONTAINER).observe("P1", "D1").observe("P2", "D2");
        MutableTerminology b = new MutableTerminology(SETTINGS);
        b.patientId("P2");
        b.documentId("D2");
        b.root("R", "r", NodeType.CONTAINER).observe("P1", "D1").observe("P2", "D2");
        assertEquals(a.snapshot(), b.snapshot());
        b.root("R", "r", NodeType.CONTAINER).observe("P3", "D1");
        assertNotEquals(a.snapshot(), b.snapshot());
        assertEquals(Set.of("P1", "P2", "P3"), b.snapshot().roots().get(0).patientKeys().keys());
    }

    @Test
    void mergeMapsIdsThroughTheKeyTables() {
        MutableTerminology a = new MutableTerminology(SETTINGS);
        a.root("R", "r", NodeType.CODE).observe("P1", "D1").value("v1", "D1");
        MutableTerminology b = new MutableTerminology(SETTINGS);
        b.root("R", "r", NodeType.CODE).observe("P2", "D2").observe("P1", "D1").value("v1", "D2");
        Terminology merged = a.snapshot().merge(b.snapshot());
        MutableTerminology both = new MutableTerminology(SETTINGS);
        both.root("R", "r", NodeType.CODE).observe("P1", "D1").value("v1", "D1").observe("P2", "D2")
                .value("v1", "D2");
        assertEquals(both.snapshot(), merged);
        TerminologyNode r = merged.roots().get(0);
        assertEquals(2, r.documentCount());
        assertEquals(List.of(new ValueCount("v1", "v1", Optional.empty(), 2)), r.values());
    }

    @Test
    void valuesBeyondTheCapTruncate() {
        MutableTerminology m = new MutableTerminology(SETTINGS);
        MutableTerminology.Node n = m.root("R", "r", NodeType.CODE);
        n.value("a", "D1").value("b", "D1").value("a", "D2");
        assertEquals(2, m.snapshot().roots().get(0).values().size());
        n.value("c", "D3");
        assertTrue(m.snapshot().roots().get(0).valuesTruncated());
        assertTrue(m.snapshot().roots().get(0).values().isEmpty());
    }

    @Test
    void conceptChildrenGetTheConceptPathCodeAndAreFoundAgainByConcept() {
        MutableTerminology m = new MutableTerminology(SETTINGS);
        MutableTerminology.Node title = m.root(MutableTerminology.conceptCode(null, "DCM", "113701"), "Report",
                NodeType.CONTAINER);
        MutableTerminology.Node acq = title.conceptChild("DCM", "113819", "CT Acquisition", NodeType.CONTAINER);
        assertEquals("DCMEHOP:SR:DCM-113701/DCM-113819", acq.code());
        assertSame(acq, title.conceptChild("DCM", "113819", "CT Acquisition", NodeType.CONTAINER));
        assertSame(acq, title.child("DCMEHOP:SR:DCM-113701/DCM-113819", "x", NodeType.CONTAINER));
        assertNotEquals(acq, title.conceptChild("SRT", "113819", "other scheme", NodeType.CONTAINER));
        title.conceptChild("DCM", "113819", "A label that sorts first", NodeType.CODE);
        TerminologyNode frozen = m.snapshot().roots().get(0).children().stream()
                .filter(c -> c.code().endsWith("DCM-113819")).findFirst().orElseThrow();
        assertEquals("A label that sorts first", frozen.label(), "the smallest label wins, found by concept too");
        assertEquals(NodeType.CODE, frozen.type(), "the type declared first wins");
    }

    @Test
    void codedValuesSeenAgainCountTheirDocumentsAndKeepTheSmallestMeaning() {
        MutableTerminology m = new MutableTerminology(SETTINGS);
        MutableTerminology.Node n = m.root("R", "r", NodeType.CODE);
        n.codedValue("SRT", "T-D3000", "Chest", "D1").codedValue("SRT", "T-D3000", "Chest", "D1")
                .codedValue("SRT", "T-D3000", "CHEST", "D2");
        assertEquals(List.of(new ValueCount("SRT:T-D3000", "CHEST", Optional.of(
                new ExternalCode(CodingSystem.SNOMED_CT, "SRT", "T-D3000", "CHEST")), 2)),
                m.snapshot().roots().get(0).values());
        n.codedValue("DCM", "1", "one", "D1").codedValue("DCM", "2", "two", "D1");
        assertTrue(m.snapshot().roots().get(0).valuesTruncated(), "a third value is over the cap of 2");
        n.codedValue("SRT", "T-D3000", "Chest", "D3");
        assertTrue(m.snapshot().roots().get(0).values().isEmpty(), "a truncated node keeps no value, known or not");
        assertThrows(IllegalArgumentException.class, () -> m.root("S", "s", NodeType.CODE)
                .codedValue("A", "B", "c", 0).codedValue("A", "B", "c", -1));
    }
}
