/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.EnumSet;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.i4dw.api.pivot.PivotDocument;
import org.i4dw.api.pivot.PivotElement;
import org.i4dw.api.terminology.NodeType;
import org.i4dw.pivot.PivotXmlSerializerProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmark's documents are what they claim: the size, a mix of types, valid, reproducible. */
class PivotDocumentsTest {

    @ParameterizedTest
    @ValueSource(strings = {"ct-150", "rdsr-600"})
    void documentsAreValidMixedAndReproducible(String name) throws Exception {
        PivotDocument d = PivotDocuments.of(name, 42);
        assertEquals(name.endsWith("150") ? 150 : 600, d.elements().size());
        assertEquals(d, PivotDocuments.of(name, 42));
        assertNotEquals(d, PivotDocuments.of(name, 43));
        Set<NodeType> types = EnumSet.noneOf(NodeType.class);
        for (PivotElement e : d.elements()) {
            types.add(e.type());
        }
        assertTrue(types.size() >= 5, types.toString());
        PivotXmlSerializerProvider p = new PivotXmlSerializerProvider();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.write(d, out);
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(new StreamSource(
                new java.io.StringReader(p.schema()))).newValidator().validate(new StreamSource(
                        new ByteArrayInputStream(out.toByteArray())));
        assertEquals(d, p.read(new ByteArrayInputStream(out.toByteArray())));
    }
}
