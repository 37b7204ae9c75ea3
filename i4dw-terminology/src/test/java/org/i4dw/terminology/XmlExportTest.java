/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.terminology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.i4dw.api.terminology.CodingSystem;
import org.i4dw.api.terminology.NodeType;
import org.i4dw.api.terminology.Terminology;
import org.i4dw.api.terminology.TerminologyFormat;
import org.i4dw.api.terminology.TerminologySettings;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.testkit.SampleCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** The XML export: valid against the shipped {@code dcmehop-1.xsd}, escaped, and as informative as JSON. */
class XmlExportTest {

    private static final Schema SCHEMA = schema();

    private static Schema schema() {
        URL xsd = DcmehopTerminologyProvider.class.getResource(DcmehopTerminologyProvider.XML_SCHEMA_RESOURCE);
        assertNotNull(xsd, DcmehopTerminologyProvider.XML_SCHEMA_RESOURCE);
        try {
            return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd);
        } catch (SAXException e) {
            throw new AssertionError(e);
        }
    }

    static String xml(Terminology t) {
        StringBuilder sb = new StringBuilder();
        try {
            new DcmehopTerminologyProvider().write(t, TerminologyFormat.XML, sb);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return sb.toString();
    }

    static void validate(String xml) throws IOException, SAXException {
        SCHEMA.newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    static Stream<Path> realFiles() {
        SampleCorpus c = SampleCorpus.locate();
        return Stream.concat(SampleCorpus.dicomFiles(c.folder("01-rdsr")).stream(),
                Stream.of(c.file("05-sr/dcmqi__tid1500-sr.dcm")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realFiles")
    void realReportsValidate(Path file) throws Exception {
        String xml = xml(Files.add(Files.builder(), Files.header(file)).build());
        validate(xml);
        assertTrue(xml.contains(" type=\"CONTAINER\""), xml);
    }

    @Test
    void allRealReportsTogetherValidate() throws Exception {
        var b = Files.builder();
        for (Path f : realFiles().toList()) {
            Files.add(b, Files.header(f));
        }
        validate(xml(b.build()));
    }

    @Test
    void knownCohortValidatesAndCarriesWhatJsonCarries() throws Exception {
        String xml = xml(SyntheticCohortTest.build(TerminologySettings.defaults(), Cohort.known()));
        validate(xml);
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<terminology xmlns=\"urn:i4dw:dcmehop:1\" format=\"dcmehop\" version=\"1\">\n"), xml);
        Document d = parse(xml);
        Element root = d.getDocumentElement();
        assertEquals(DcmehopTerminologyProvider.XML_NAMESPACE, root.getNamespaceURI());
        NodeList tops = root.getElementsByTagNameNS(DcmehopTerminologyProvider.XML_NAMESPACE, "node");
        Element report = (Element) tops.item(0);
        assertEquals("DCMEHOP:SR:DCM-113701", report.getAttribute("code"));
        assertEquals("X-Ray Radiation Dose Report", report.getAttribute("label"));
        assertEquals("2", report.getAttribute("patients"));
        assertEquals("3", report.getAttribute("documents"));
        Element dlp = node(d, "DCMEHOP:SR:DCM-113701/DCM-113819/DCM-113829/DCM-113838");
        assertEquals("NUMBER", dlp.getAttribute("type"));
        assertTrue(xml.matches("(?s).*<unit>mGy\\.cm</unit>\n *<range min=\"10\" max=\"250\"/>\n.*"), xml);
        Element code = (Element) dlp.getElementsByTagNameNS("*", "externalCode").item(0);
        assertEquals("DICOM", code.getAttribute("system"));
        assertEquals("113838", code.getAttribute("value"));
        Element modality = node(d, "DCMEHOP:TAG:00080060");
        NodeList values = modality.getElementsByTagNameNS("*", "value");
        assertEquals(2, values.getLength(), xml);
        Element study = node(d, "DCMEHOP:TAG:00081030");
        assertEquals("true", study.getAttribute("textIndexed"));
        assertTrue(xml.contains("<settings maxValues=\"" + TerminologySettings.DEFAULT_MAX_VALUES + "\""), xml);
    }

    @Test
    void truncatedValuesSayingSoValidate() throws Exception {
        String xml = xml(SyntheticCohortTest.build(TerminologySettings.builder().maxValues(1).maxSrDepth(2).build(),
                Cohort.known()));
        validate(xml);
        assertEquals("true", node(parse(xml), "DCMEHOP:TAG:00080060").getAttribute("valuesTruncated"));
        assertTrue(xml.contains(" maxSrDepth=\"2\""), xml);
    }

    @Test
    void invalidDocumentsFailValidation() throws Exception {
        String good = xml(SyntheticCohortTest.build(TerminologySettings.defaults(), Cohort.known()));
        validate(good);
        List<String> bad = List.of(
                good.replaceFirst(" type=\"CONTAINER\"", " type=\"FOLDER\""),
                good.replaceFirst(" patients=\"2\"", " patients=\"-1\""),
                good.replaceFirst(" label=\"[^\"]*\"", ""),
                good.replace("urn:i4dw:dcmehop:1", "urn:i4dw:dcmehop:2"),
                good.replaceFirst("<range min=\"10\"", "<range min=\"ten\""),
                good.replaceFirst("<unit>mGy.cm</unit>\n(\\s*)<range ([^>]*)/>", "<range $2/>\n$1<unit>mGy.cm</unit>"),
                good.replace(" version=\"1\"", " version=\"2\""));
        for (String b : bad) {
            assertTrue(!b.equals(good), "the mutation did not apply");
            assertThrows(SAXException.class, () -> validate(b), b);
        }
    }

    @Test
    void labelsAndValuesAreEscaped() throws Exception {
        String nasty = "a<b>&c\"d'e\u0001f\tg\u00e9\ud83d\ude00h\ud800";
        DicomObject concept = Cohort.code("X1", "99PRIV", nasty);
        DicomObject item = DicomObject.builder().set(Tag.RelationshipType, VR.CS, "CONTAINS")
                .set(Tag.ValueType, VR.CS, "CODE").setSequence(Tag.ConceptNameCodeSequence, List.of(concept))
                .setSequence(Tag.ConceptCodeSequence, List.of(Cohort.code("X2", "99PRIV", nasty))).build();
        DicomObject report = DicomObject.builder().set(Tag.Modality, VR.CS, "SR").set(Tag.ValueType, VR.CS, "CONTAINER")
                .setSequence(Tag.ConceptNameCodeSequence, List.of(Cohort.code("113701", "DCM", "X-Ray Radiation Dose Report")))
                .setSequence(Tag.ContentSequence, List.of(item)).build();
        String xml = xml(SyntheticCohortTest.build(TerminologySettings.defaults(), List.of(
                new Cohort.Input("P1", "S1", report), new Cohort.Input("P1", "S2", Cohort.image("CT", null, null, nasty, null)))));
        validate(xml);
        for (char c : xml.toCharArray()) {
            assertTrue(c == '\n' || (c >= 0x20 && c <= 0x7E), () -> "not printable ASCII: " + (int) c + " in " + xml);
        }
        assertTrue(xml.contains("label=\"a&lt;b&gt;&amp;c&quot;d'e&#xFFFD;f&#9;g&#xE9;&#x1F600;h&#xFFFD;\""), xml);
        String expected = "a<b>&c\"d'e\ufffdf\tg\u00e9\ud83d\ude00h\ufffd";
        Element node = node(parse(xml), "DCMEHOP:SR:DCM-113701/99PRIV-X1");
        assertEquals(expected, node.getAttribute("label"));
        Element value = (Element) node.getElementsByTagNameNS("*", "value").item(0);
        assertEquals(expected, value.getAttribute("meaning"));
        Element study = node(parse(xml), "DCMEHOP:TAG:00081030");
        assertEquals(expected, ((Element) study.getElementsByTagNameNS("*", "value").item(0)).getAttribute("value"));
    }

    @Test
    void schemaIsShippedAndNamesEveryEnumConstant() throws IOException {
        try (InputStream in = DcmehopTerminologyProvider.class
                .getResourceAsStream(DcmehopTerminologyProvider.XML_SCHEMA_RESOURCE)) {
            assertNotNull(in);
            String xsd = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(xsd.contains("targetNamespace=\"" + DcmehopTerminologyProvider.XML_NAMESPACE + "\""));
            for (NodeType t : NodeType.values()) {
                assertTrue(xsd.contains("<xs:enumeration value=\"" + t.name() + "\"/>"), t.name());
            }
            for (CodingSystem s : CodingSystem.values()) {
                assertTrue(xsd.contains("<xs:enumeration value=\"" + s.name() + "\"/>"), s.name());
            }
        }
    }

    private static Element node(Document d, String code) {
        NodeList all = d.getElementsByTagNameNS(DcmehopTerminologyProvider.XML_NAMESPACE, "node");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.getAttribute("code").equals(code)) {
                return e;
            }
        }
        throw new AssertionError("no node " + code);
    }
}
