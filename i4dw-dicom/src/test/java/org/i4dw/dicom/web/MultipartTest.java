/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * multipart/related bodies as WADO-RS sends them (RFC 2046 5.1): parts with and without
 * Content-Length, a preamble, transport padding, bodies that hold the start of the delimiter, and
 * broken bodies refused in words; a property: any parts written with any boundary read back equal.
 */
class MultipartTest {

    private static byte[] body(String boundary, List<byte[]> parts, boolean lengths, String preamble) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(preamble.getBytes(StandardCharsets.ISO_8859_1));
        for (byte[] p : parts) {
            out.writeBytes(((out.size() == 0 ? "" : "\r\n") + "--" + boundary + " \t\r\nContent-Type: application/dicom"
                    + (lengths ? "\r\nContent-Length: " + p.length : "") + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(p);
        }
        out.writeBytes(("\r\n--" + boundary + "--\r\nepilogue").getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static List<byte[]> read(byte[] body, String boundary) throws IOException {
        Multipart m = new Multipart(new ByteArrayInputStream(body), boundary);
        List<byte[]> parts = new ArrayList<>();
        for (Optional<Multipart.Part> p = m.next(); p.isPresent(); p = m.next()) {
            assertEquals("application/dicom", p.get().contentType().orElseThrow());
            parts.add(p.get().body());
        }
        assertTrue(m.next().isEmpty(), "stays at the end");
        return parts;
    }

    @Test
    void partsAreReadWithAndWithoutContentLengthWhateverTheyHold() throws IOException {
        String boundary = "b0und-ary";
        List<byte[]> parts = List.of("DICM\r\n--b0und".getBytes(StandardCharsets.ISO_8859_1), new byte[0],
                "\r\n--b0und-ar\r\n-".getBytes(StandardCharsets.ISO_8859_1), new byte[] {0, 13, 10, 45, 45, 98});
        for (boolean lengths : new boolean[] {true, false}) {
            for (String preamble : new String[] {"", "a preamble"}) {
                List<byte[]> got = read(body(boundary, parts, lengths, preamble), boundary);
                assertEquals(parts.size(), got.size());
                for (int i = 0; i < parts.size(); i++) {
                    assertArrayEquals(parts.get(i), got.get(i), "part " + i);
                }
            }
        }
    }

    @Test
    void theBoundaryComesFromTheContentTypeQuotedOrNot() {
        assertEquals("abc", Multipart.boundary("multipart/related; type=\"application/dicom\"; boundary=abc")
                .orElseThrow());
        assertEquals("a b;c", Multipart.boundary("Multipart/Related;boundary=\"a b;c\";type=\"application/dicom\"")
                .orElseThrow());
        assertTrue(Multipart.boundary("application/dicom+json").isEmpty());
        assertTrue(Multipart.boundary("multipart/related; type=\"application/dicom\"").isEmpty());
    }

    @Test
    void brokenBodiesAreRefusedInWords() {
        String b = "xyz";
        byte[] truncated = "--xyz\r\nContent-Type: application/dicom\r\n\r\nDICM...".getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(EOFException.class, () -> read(truncated, b));
        byte[] wrongLength = "--xyz\r\nContent-Length: 2\r\n\r\nDICM\r\n--xyz--".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(assertThrows(IOException.class, () -> read(wrongLength, b)).getMessage().contains("Content-Length"));
        byte[] none = "no boundary at all".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(assertThrows(EOFException.class, () -> read(none, b)).getMessage().contains("no boundary"));
        byte[] hugeHeader = ("--xyz\r\nX: " + "a".repeat(20_000) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(assertThrows(IOException.class, () -> read(hugeHeader, b)).getMessage().contains("exceed"));
    }

    @Property(tries = 300)
    void anyPartsWithAnyBoundaryReadBackEqual(@ForAll @Size(max = 5) List<@Size(max = 300) List<Byte>> parts,
            @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 70) String boundary,
            @ForAll boolean lengths) throws IOException {
        List<byte[]> bytes = new ArrayList<>();
        for (List<Byte> p : parts) {
            byte[] b = new byte[p.size()];
            for (int i = 0; i < b.length; i++) {
                b[i] = p.get(i);
            }
            bytes.add(b);
        }
        List<byte[]> got = read(body(boundary, bytes, lengths, ""), boundary);
        assertEquals(bytes.size(), got.size());
        for (int i = 0; i < bytes.size(); i++) {
            assertArrayEquals(bytes.get(i), got.get(i));
        }
    }
}
