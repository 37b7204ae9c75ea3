/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.pivot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.i4dw.api.I4dwException;
import org.i4dw.api.pivot.PivotFormatException;
import org.i4dw.spi.PivotSerializerProvider.PivotStreamWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to {@code read}: always a {@link PivotFormatException} (an {@link I4dwException}) that
 * names the line and column and says what is wrong without quoting the content; a failing input
 * stream is an {@link IOException}, not a format error.
 */
class ReadErrorsTest {

    private static final String CT = new String(Documents.write(Documents.ct()), StandardCharsets.UTF_8);

    private static PivotFormatException refused(String xml) {
        return refused(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static PivotFormatException refused(byte[] xml) {
        PivotFormatException e = assertThrows(PivotFormatException.class,
                () -> Documents.PROVIDER.read(new ByteArrayInputStream(xml)));
        assertTrue(e instanceof I4dwException);
        assertTrue(e.getMessage().startsWith("not a valid pivot document: "), e.getMessage());
        return e;
    }

    /** The 1-based line of the first occurrence of {@code s}. */
    private static int lineOf(String xml, String s) {
        return xml.substring(0, xml.indexOf(s)).split("\n", -1).length;
    }

    @Test
    void aValueOfTheWrongTypeIsReportedAtItsLineWithoutTheValue() {
        String xml = CT.replace("<studyDate>2024-03-01</studyDate>", "<studyDate>DUPONT-JEAN</studyDate>");
        PivotFormatException e = refused(xml);
        assertEquals(lineOf(xml, "DUPONT"), e.line(), e.getMessage());
        assertTrue(e.column() > 0);
        assertTrue(e.getMessage().contains("line " + e.line() + ", column " + e.column()), e.getMessage());
        assertFalse(e.getMessage().contains("DUPONT"), e.getMessage());
        assertTrue(e.reason().contains("(value not shown)") || e.reason().contains("(not shown)"), e.getMessage());

        String number = CT.replace("unit=\"mm\">1.25</number>", "unit=\"mm\">MARTIN^PAUL</number>");
        PivotFormatException n = refused(number);
        assertEquals(lineOf(number, "MARTIN"), n.line(), n.getMessage());
        assertFalse(n.getMessage().contains("MARTIN"), n.getMessage());
    }

    @Test
    void anUnknownElementIsNamed() {
        String xml = CT.replace("<title>", "<surprise/><title>");
        PivotFormatException e = refused(xml);
        assertEquals(lineOf(xml, "<surprise/>"), e.line());
        assertTrue(e.reason().contains("surprise"), e.getMessage());
    }

    @Test
    void xmlThatIsNotWellFormed() {
        PivotFormatException garbage = refused("hello");
        assertEquals(1, garbage.line(), garbage.getMessage());
        assertTrue(garbage.reason().startsWith("not well-formed XML"), garbage.getMessage());

        String truncated = CT.substring(0, CT.indexOf("<elements>") + 30);
        PivotFormatException t = refused(truncated);
        assertTrue(t.line() >= lineOf(CT, "<elements>"), t.getMessage());

        PivotFormatException after = refused(CT + "<pivotDocument/>\n");
        assertEquals(lineOf(CT, "</pivotDocument>") + 1, after.line(), after.getMessage());
        assertEquals(Documents.ct(), Documents.read((CT + "<!-- end -->\n").getBytes(StandardCharsets.UTF_8)));

        PivotFormatException empty = refused(new byte[0]);
        assertTrue(empty.reason().startsWith("not well-formed XML"), empty.getMessage());

        byte[] badUtf8 = CT.replace("PK-6F2C9A", "PK-@").getBytes(StandardCharsets.UTF_8);
        int at = new String(badUtf8, StandardCharsets.ISO_8859_1).indexOf("PK-@") + 3;
        badUtf8[at] = (byte) 0xC3; // a lead byte followed by '<': not UTF-8
        PivotFormatException utf8 = refused(badUtf8);
        assertTrue(utf8.reason().startsWith("not well-formed XML"), utf8.getMessage());
    }

    @Test
    void aDoctypeIsRefusedAndNoEntityIsExpanded(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        String xml = CT.replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE pivotDocument [<!ENTITY x SYSTEM \""
                        + secret.toUri() + "\">]>\n").replace("<title>CT Thorax 1.25 mm</title>", "<title>&x;</title>");
        PivotFormatException e = refused(xml);
        assertEquals(2, e.line(), e.getMessage());
        assertEquals("a DOCTYPE is not allowed in pivot XML", e.reason());
    }

    @Test
    void theRootMustBeOneDocumentInTheNamespace() throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        try (PivotStreamWriter w = Documents.PROVIDER.openStream(stream)) {
            w.write(Documents.ct());
        }
        PivotFormatException envelope = refused(stream.toByteArray());
        assertEquals(2, envelope.line());
        assertTrue(envelope.reason().contains("(a stream of documents, not one document)"), envelope.getMessage());

        PivotFormatException namespace = refused(CT.replace("urn:i4dw:pivot:1", "urn:example:other"));
        assertEquals("the root element must be pivotDocument in namespace urn:i4dw:pivot:1, found pivotDocument in "
                + "namespace urn:example:other", namespace.reason());

        PivotFormatException version = refused(CT.replace("version=\"1\"", "version=\"2\""));
        assertEquals(2, version.line(), version.getMessage());
    }

    @Test
    void aCodedValueNeedsAllThreeParts() {
        String xml = CT.replace(" codeValue=\"818981001\" meaning=\"Abdomen\"", "");
        PivotFormatException e = refused(xml);
        assertEquals(lineOf(xml, "scheme=\"SCT\">818981001"), e.line(), e.getMessage());
        assertEquals("a code element has some of the attributes scheme, codeValue and meaning but not all three",
                e.reason());
    }

    @Test
    void aDocumentIdThatIsBlankToJavaIsRefused() {
        // U+2003 EM SPACE is not XML white space, so the schema lets it through; the model does not
        String xml = CT.replaceFirst("<documentId>[^<]*</documentId>", "<documentId>\u2003</documentId>");
        PivotFormatException e = refused(xml);
        assertEquals(2, e.line(), e.getMessage());
        assertEquals("documentId is blank", e.reason());
        // XML white space only: the schema itself refuses it
        PivotFormatException spaces = refused(CT.replaceFirst("<documentId>[^<]*</documentId>",
                "<documentId> \t\n </documentId>"));
        assertEquals(4, spaces.line(), spaces.getMessage());
        assertTrue(spaces.reason().startsWith("cvc-pattern-valid"), spaces.getMessage());
    }

    @Test
    void aFailingInputStreamIsAnIoExceptionNotAFormatError() {
        IOException broken = new IOException("disk gone");
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(CT.substring(0, 600)
                .getBytes(StandardCharsets.UTF_8)), new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw broken;
                    }
                });
        IOException e = assertThrows(IOException.class, () -> Documents.PROVIDER.read(failing));
        assertSame(broken, e);
    }

    @Test
    void theValidatorsMessagesLoseTheValuesTheyQuote() {
        assertEquals("cvc-datatype-valid.1.2.1: (value not shown) is not a valid value for 'date'.",
                PivotXmlReader.safe("cvc-datatype-valid.1.2.1: 'O'Brien ' is not a valid value' is not a valid value for 'date'."));
        assertEquals("cvc-pattern-valid: Value (not shown) is not facet-valid with respect to pattern '[0-9]{4}' for type 'Date'.",
                PivotXmlReader.safe("cvc-pattern-valid: Value 'Jean 'Jo' Dupont' is not facet-valid with respect to pattern"
                        + " '[0-9]{4}' for type 'Date'."));
        assertEquals("cvc-type.3.1.3: The value (not shown) of element 'number' is not valid.",
                PivotXmlReader.safe("cvc-type.3.1.3: The value 'X' of element 'number' is not valid."));
        assertEquals("cvc-attribute.3: The value (not shown) of attribute 'occurrence' on element 'code' is not valid with"
                + " respect to its type, 'Ordinal'.", PivotXmlReader.safe("cvc-attribute.3: The value 'abc' of attribute"
                        + " 'occurrence' on element 'code' is not valid with respect to its type, 'Ordinal'."));
    }
}
