/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** PS3.7 annex C categories and meanings. */
class StatusTest {

    @Test
    void categories() {
        assertEquals(Status.Category.SUCCESS, Status.of(0x0000).category());
        assertEquals(Status.Category.PENDING, Status.of(0xFF00).category());
        assertEquals(Status.Category.PENDING, Status.of(0xFF01).category());
        assertEquals(Status.Category.CANCEL, Status.of(0xFE00).category());
        assertEquals(Status.Category.WARNING, Status.of(0xB000).category());
        assertEquals(Status.Category.WARNING, Status.of(0x0001).category());
        assertEquals(Status.Category.WARNING, Status.of(0x0107).category());
        for (int code : new int[] {0xA700, 0xA701, 0xA702, 0xA801, 0xA900, 0xC000, 0xCFFF, 0x0122, 0x0124, 0x0110,
            0x0211}) {
            assertTrue(Status.of(code).isFailure(), Integer.toHexString(code));
        }
    }

    @Test
    void meanings() {
        assertEquals("refused: out of resources", Status.of(0xA700).meaning());
        assertEquals("refused: move destination unknown", Status.of(0xA801).meaning());
        assertTrue(Status.of(0xA900).meaning().contains("does not match SOP class"));
        assertTrue(Status.of(0xC123).meaning().startsWith("failed: unable to process"));
        assertTrue(Status.of(0xFF01).meaning().contains("optional keys were not supported"));
        assertEquals("refused: SOP class not supported", Status.of(0x0122).meaning());
        assertEquals("refused: not authorized", Status.of(0x0124).meaning());
        assertEquals("processing failure", Status.of(0x0110).meaning());
        assertEquals("unrecognized operation", Status.of(0x0211).meaning());
        assertEquals("A700H (refused: out of resources)", Status.of(0xA700).toString());
        assertThrows(IllegalArgumentException.class, () -> Status.of(0x10000));
    }
}
