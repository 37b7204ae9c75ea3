/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The code cache answers what {@link Code#of} answers, whatever it met before. */
class CodeCacheTest {

    private static DicomObject item(SpecificCharacterSet cs, String value, String scheme, byte[] meaning) {
        return DicomObject.builder().inheritCharacterSet(cs)
                .setBytes(Tag.CodeValue, VR.SH, value.getBytes(StandardCharsets.ISO_8859_1))
                .setBytes(Tag.CodingSchemeDesignator, VR.SH, scheme.getBytes(StandardCharsets.ISO_8859_1))
                .setBytes(Tag.CodeMeaning, VR.LO, meaning).build();
    }

    @Test
    void anEqualItemOfAnotherObjectGivesTheSameCodeAsDecodingIt() {
        CodeCache cache = new CodeCache();
        byte[] meaning = "X-Ray Radiation Dose Report ".getBytes(StandardCharsets.US_ASCII);
        DicomObject a = item(SpecificCharacterSet.DEFAULT, "113701", "DCM ", meaning);
        DicomObject b = item(SpecificCharacterSet.DEFAULT, "113701", "DCM ", meaning.clone());
        Optional<Code> first = cache.code(a);
        assertEquals(Code.of(a), first);
        assertSame(first, cache.code(b), "found by content, not decoded again");
        assertEquals(Code.of(b), cache.code(b));
    }

    @Test
    void theSameBytesInAnotherCharacterSetAreDecodedInIt() {
        CodeCache cache = new CodeCache();
        byte[] meaning = {'M', (byte) 0xE9, 'd', 'e', 'c', 'i', 'n', 'e'};
        DicomObject latin1 = item(SpecificCharacterSet.of("ISO_IR 100"), "1", "99X", meaning);
        DicomObject greek = item(SpecificCharacterSet.of("ISO_IR 126"), "1", "99X", meaning.clone());
        assertEquals(Code.of(latin1), cache.code(latin1));
        assertEquals(Code.of(greek), cache.code(greek));
        assertTrue(!cache.code(latin1).equals(cache.code(greek)), "the meanings decode differently");
    }

    @Test
    void aDifferentMeaningOfTheSameLengthIsNotTakenForTheCachedOne() {
        CodeCache cache = new CodeCache();
        DicomObject a = item(SpecificCharacterSet.DEFAULT, "113701", "DCM", "Dose report one".getBytes(StandardCharsets.US_ASCII));
        DicomObject b = item(SpecificCharacterSet.DEFAULT, "113701", "DCM", "Dose report two".getBytes(StandardCharsets.US_ASCII));
        cache.code(a);
        assertEquals(Code.of(b), cache.code(b));
    }

    @Test
    void itemsWithStringValuesOrMissingPartsAnswerAsCodeOf() {
        CodeCache cache = new CodeCache();
        DicomObject strings = DicomObject.builder().set(Tag.CodeValue, VR.SH, "113701")
                .set(Tag.CodingSchemeDesignator, VR.SH, "DCM").build();
        DicomObject noScheme = DicomObject.builder().setBytes(Tag.CodeValue, VR.SH, new byte[] {'1'}).build();
        DicomObject urn = DicomObject.builder().setBytes(Tag.URNCodeValue, VR.UR,
                "urn:oid:1.2.3".getBytes(StandardCharsets.US_ASCII)).build();
        DicomObject emptyValue = DicomObject.builder().setEmpty(Tag.CodeValue, VR.SH)
                .setBytes(Tag.LongCodeValue, VR.UC, "LONG".getBytes(StandardCharsets.US_ASCII))
                .setBytes(Tag.CodingSchemeDesignator, VR.SH, "99X".getBytes(StandardCharsets.US_ASCII)).build();
        for (int pass = 0; pass < 2; pass++) {
            for (DicomObject o : new DicomObject[] {strings, noScheme, urn, emptyValue, DicomObject.EMPTY}) {
                assertEquals(Code.of(o), cache.code(o));
            }
        }
    }

    @Test
    void moreCodesThanItHoldsAreStillAnsweredRight() {
        CodeCache cache = new CodeCache();
        byte[] meaning = "Meaning".getBytes(StandardCharsets.US_ASCII);
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < 3 * CodeCache.MAX_ENTRIES; i++) {
                DicomObject o = item(SpecificCharacterSet.DEFAULT, Integer.toString(i), "99X", meaning);
                assertEquals(Code.of(o), cache.code(o));
            }
        }
    }
}
