/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.i4dw.pivot.PivotXmlSerializerProvider;
import org.junit.jupiter.api.Test;

/** {@code i4dw schema}: the printed XSDs compile, and the pivot one validates what the pivot writer writes. */
class SchemaCommandTest {

    private static Schema compile(String xsd) throws Exception {
        return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(new StreamSource(new StringReader(xsd)));
    }

    @Test
    void pivotSchemaValidatesAWrittenDocument() throws Exception {
        CliRun r = CliRun.of("schema", "pivot");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), r.out());
        assertTrue(r.out().contains("targetNamespace=\"urn:i4dw:pivot:1\""), r.out());
        Schema schema = compile(r.out());
        ByteArrayOutputStream doc = new ByteArrayOutputStream();
        new PivotXmlSerializerProvider().write(org.i4dw.api.pivot.PivotDocument.builder().documentId("2.25.1")
                .accessionNumber("A1").patientKey("P")
                .study(new org.i4dw.api.pivot.StudyContext("2.25.2", null, null, "CT THORAX"))
                .series(new org.i4dw.api.pivot.SeriesContext("2.25.1", 1, "CT", null, null, null, null, null, 1))
                .build(), doc);
        schema.newValidator().validate(new StreamSource(new StringReader(doc.toString(StandardCharsets.UTF_8))));
    }

    @Test
    void terminologySchemaIsTheDcmehopOne() throws Exception {
        CliRun r = CliRun.of("schema", "TERMINOLOGY");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("targetNamespace=\"urn:i4dw:dcmehop:1\""), r.out());
        compile(r.out());
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        CliRun r = CliRun.of("schema", "omop");
        assertEquals(2, r.status());
        assertEquals("i4dw schema: FORMAT must be pivot or terminology, not 'omop'\n", r.err());
        CliRun none = CliRun.of("schema");
        assertEquals(2, none.status());
        assertTrue(none.err().contains("FORMAT"), none.err());
    }
}
