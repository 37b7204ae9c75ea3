/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.pivot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.spi.PivotSerializerProvider;
import org.i4dw.spi.ProviderRegistry;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The provider: found by discovery, describes itself, ships its schema, and exposes nothing of JAXB. */
class ProviderTest {

    @Test
    void discoveryFindsPivotXml() {
        ProviderRegistry<PivotSerializerProvider> registry = ProviderRegistry
                .builder(PivotSerializerProvider.class, "org.i4dw:i4dw-pivot").build();
        assertInstanceOf(PivotXmlSerializerProvider.class, registry.get("pivot-xml"));
        assertInstanceOf(PivotXmlSerializerProvider.class, registry.best());
        PivotSerializerProvider p = registry.get("pivot-xml");
        assertEquals("pivot-xml", p.id());
        assertEquals("application/xml", p.mediaType());
        assertEquals("xml", p.fileExtension());
        assertEquals(100, p.priority());
        assertFalse(p.version().isBlank());
        I4dwConfigurationException none = assertThrows(I4dwConfigurationException.class, () -> ProviderRegistry
                .builder(PivotSerializerProvider.class, "org.i4dw:i4dw-pivot").discovery(false).build().best());
        assertTrue(none.getMessage().contains("org.i4dw:i4dw-pivot"), none.getMessage());
    }

    @Test
    void schemaIsTheShippedXsdAndCompiles() throws Exception {
        String xsd = new PivotXmlSerializerProvider().schema();
        try (InputStream in = PivotXmlSerializerProvider.class.getResourceAsStream("/org/i4dw/pivot/pivot-1.xsd")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), xsd);
        }
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(new StreamSource(new java.io.StringReader(xsd)));
        Document dom = dom(xsd);
        assertEquals(PivotXmlSerializerProvider.XML_NAMESPACE, dom.getDocumentElement().getAttribute("targetNamespace"));
    }

    @Test
    void everyNamedTypeAndRootOfTheSchemaIsDocumented() throws Exception {
        Document dom = dom(new PivotXmlSerializerProvider().schema());
        List<String> undocumented = new ArrayList<>();
        NodeList children = dom.getDocumentElement().getChildNodes();
        int named = 0;
        for (int i = 0; i < children.getLength(); i++) {
            if (!(children.item(i) instanceof Element)) {
                continue;
            }
            Element e = (Element) children.item(i);
            if (e.getAttribute("name").isEmpty()) {
                continue;
            }
            named++;
            NodeList docs = e.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "documentation");
            if (docs.getLength() == 0 || docs.item(0).getTextContent().isBlank()) {
                undocumented.add(e.getLocalName() + " " + e.getAttribute("name"));
            }
        }
        assertTrue(named > 15, "named components: " + named);
        assertEquals(List.of(), undocumented);
    }

    private static Document dom(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void onlyTheProviderIsPublicAndNoJaxbTypeCrossesIt() throws Exception {
        Path classes = Path.of(PivotXmlSerializerProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("org/i4dw/pivot");
        List<Class<?>> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(classes)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".class")).collect(Collectors.toList())) {
                String name = f.getFileName().toString().replace(".class", "");
                if (!name.equals("package-info")) {
                    all.add(Class.forName("org.i4dw.pivot." + name));
                }
            }
        }
        assertTrue(all.size() > 10, all.toString());
        List<String> publicTypes = all.stream().filter(c -> Modifier.isPublic(c.getModifiers())).map(Class::getName)
                .collect(Collectors.toList());
        assertEquals(List.of(PivotXmlSerializerProvider.class.getName()), publicTypes);
        List<Type> exposed = new ArrayList<>();
        for (Method m : PivotXmlSerializerProvider.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers())) {
                exposed.add(m.getGenericReturnType());
                exposed.addAll(List.of(m.getGenericParameterTypes()));
                exposed.addAll(List.of(m.getGenericExceptionTypes()));
            }
        }
        for (Constructor<?> c : PivotXmlSerializerProvider.class.getConstructors()) {
            exposed.addAll(List.of(c.getGenericParameterTypes()));
        }
        for (Field f : PivotXmlSerializerProvider.class.getFields()) {
            exposed.add(f.getGenericType());
        }
        assertTrue(exposed.size() > 10);
        for (Type t : exposed) {
            String name = t.getTypeName();
            assertFalse(name.startsWith("jakarta.") || name.startsWith("org.glassfish.") || name.startsWith("com.sun."),
                    name);
            assertFalse(name.startsWith("org.i4dw.pivot.") && !name.equals(PivotXmlSerializerProvider.class.getName()),
                    name);
        }
    }

    @Test
    void nullArgumentsAreNamed() {
        PivotXmlSerializerProvider p = new PivotXmlSerializerProvider();
        assertEquals("document", assertThrows(NullPointerException.class,
                () -> p.write(null, new ByteArrayOutputStream())).getMessage());
        assertEquals("out", assertThrows(NullPointerException.class, () -> p.write(Documents.ct(), null)).getMessage());
        assertEquals("out", assertThrows(NullPointerException.class, () -> p.openStream(null)).getMessage());
        assertEquals("in", assertThrows(NullPointerException.class, () -> p.read(null)).getMessage());
    }
}
