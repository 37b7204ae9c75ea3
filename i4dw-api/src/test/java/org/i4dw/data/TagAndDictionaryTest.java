/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TagAndDictionaryTest {

    private final ElementDictionary dict = ElementDictionary.standard();

    @Test
    void constantsCarryTheStandardsTagValues() {
        assertEquals(0x00100010, Tag.PatientName.value());
        assertEquals(0x7FE00010, Tag.PixelData.value());
        assertEquals(0x0040A730, Tag.ContentSequence.value());
        assertEquals("(0010,0010)", Tag.PatientName.toString());
        assertEquals(Tag.of(0x0010, 0x0010), Tag.PatientName);
    }

    @ParameterizedTest
    @ValueSource(strings = {"(0010,0010)", "0010,0010", "00100010", "PatientName", "  (0010,0010) "})
    void parsesTheUsualWrittenForms(String text) {
        assertEquals(Tag.PatientName, Tag.parse(text));
    }

    @Test
    void parseRejectsTextThatIsNeitherTagNorKeyword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tag.parse("PatientNme"));
        assertTrue(e.getMessage().contains("PatientNme"), e.getMessage());
    }

    @Test
    void looksUpKeywordNameVrVmAndRetiredFlag() {
        ElementInfo info = dict.lookup(Tag.PatientName).orElseThrow();
        assertEquals("PatientName", info.keyword());
        assertEquals("Patient's Name", info.name());
        assertEquals(List.of(VR.PN), info.vrs());
        assertEquals("1", info.vm());
        assertFalse(info.retired());
        assertTrue(dict.lookup(Tag.of(0x00080010)).orElseThrow().retired(), "Recognition Code is retired");
    }

    @Test
    void multiVrEntriesKeepEveryAllowedVr() {
        ElementInfo smallest = dict.lookup(Tag.SmallestImagePixelValue).orElseThrow();
        assertEquals(List.of(VR.US, VR.SS), smallest.vrs());
        assertTrue(smallest.isMultiVr());
        assertEquals(List.of(VR.OB, VR.OW), dict.lookup(Tag.PixelData).orElseThrow().vrs());
    }

    @Test
    void resolvesRepeatingGroupsForEveryMember() {
        // Overlay Data (60xx,3000) in groups 6000..601E, curve data (50xx,3000).
        assertEquals("OverlayData", dict.keywordOf(0x60003000));
        assertEquals("OverlayData", dict.keywordOf(0x601E3000));
        assertEquals("OverlayRows", dict.keywordOf(0x60020010));
        assertEquals("CurveData", dict.keywordOf(0x50023000));
        assertEquals(VR.US, dict.vrOf(0x60040010));
    }

    @Test
    void groupLengthsPrivateCreatorsAndPrivateData() {
        assertEquals(VR.UL, dict.vrOf(0x00080000));
        assertEquals("GroupLength", dict.keywordOf(0x00180000));
        assertEquals(VR.UL, dict.vrOf(0x00020000));
        assertEquals("FileMetaInformationGroupLength", dict.keywordOf(0x00020000));
        assertEquals(VR.LO, dict.vrOf(0x00290010));
        assertEquals("PrivateCreator", dict.keywordOf(0x001900FF));
        assertNull(dict.lookup(0x00291010), "private data elements are not in the standard dictionary");
        assertEquals(VR.UN, dict.vrOf(0x00291010));
    }

    @Test
    void privateTagArithmetic() {
        Tag t = Tag.of(0x00291013);
        assertTrue(t.isPrivate());
        assertFalse(t.isPrivateCreator());
        assertEquals(Tag.of(0x00290010), t.privateCreator().orElseThrow());
        assertTrue(Tag.of(0x00290010).isPrivateCreator());
        assertFalse(Tag.PatientName.isPrivate());
        assertFalse(Tag.of(0xFFFEE000).isPrivate(), "item tags are not private");
        assertTrue(Tag.of(0x00080000).isGroupLength());
    }

    @Test
    void keywordsRoundTripForEveryNonRetiredConstant() {
        assertEquals(Tag.StudyInstanceUID, dict.tagForKeyword("StudyInstanceUID").orElseThrow());
        assertEquals("StudyInstanceUID", Tag.StudyInstanceUID.keyword().orElseThrow());
        assertTrue(Tag.of(0x00291010).keyword().isEmpty());
    }

    @Test
    void uidDictionaryNamesSopClassesAndTransferSyntaxes() {
        UidDictionary uids = UidDictionary.standard();
        assertEquals("CT Image Storage", uids.name("1.2.840.10008.5.1.4.1.1.2").orElseThrow());
        assertEquals("X-Ray Radiation Dose SR Storage", uids.name("1.2.840.10008.5.1.4.1.1.88.67").orElseThrow());
        assertEquals("JPEG Baseline (Process 1)", uids.name("1.2.840.10008.1.2.4.50").orElseThrow());
        assertTrue(uids.name("1.2.3.4").isEmpty());
    }

    @Test
    void transferSyntaxesKnowTheirEncoding() {
        assertFalse(TransferSyntax.of("1.2.840.10008.1.2").isExplicitVr());
        assertTrue(TransferSyntax.of("1.2.840.10008.1.2.2").isBigEndian());
        assertTrue(TransferSyntax.of("1.2.840.10008.1.2.1.99").isDeflated());
        TransferSyntax jpeg = TransferSyntax.of("1.2.840.10008.1.2.4.50");
        assertTrue(jpeg.isEncapsulated());
        assertTrue(jpeg.isExplicitVr());
        assertFalse(jpeg.isBigEndian());
        assertEquals("JPEG Baseline (Process 1)", jpeg.name());
        assertTrue(TransferSyntax.of("1.2.3.999").isEncapsulated(), "unknown syntaxes read as encapsulated");
        assertThrows(IllegalArgumentException.class, () -> TransferSyntax.of(" "));
    }

    @Test
    void vrCodesAndHeaderShapes() {
        assertEquals(VR.OB, VR.ofCode('O' << 8 | 'B'));
        assertNull(VR.ofCode('Z' << 8 | 'Z'));
        assertTrue(VR.UT.hasLongExplicitHeader());
        assertTrue(VR.UC.hasLongExplicitHeader());
        assertFalse(VR.LO.hasLongExplicitHeader());
        assertEquals(0, VR.UI.paddingByte());
        assertEquals(' ', VR.LO.paddingByte());
    }
}
