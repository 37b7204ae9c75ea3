/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.i4dw.terminology.DcmehopTerminologyProvider;
import org.i4dw.testkit.SampleCorpus;
import org.junit.jupiter.api.Test;

/** {@code i4dw terminology} on the real dose reports, CT series and SR of the sample corpus, as tree, JSON and XML. */
class TerminologyCommandTest {

    @Test
    void treeOfDoseReportsAndCtSeries() {
        SampleCorpus c = SampleCorpus.locate();
        CliRun r = CliRun.of("terminology", c.folder("01-rdsr").toString(),
                c.folder("04-ct-series").resolve("ge-liver-ct-3slice-dcmqi").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\n      DLP [mGy.cm] ("), r.out());
        assertTrue(r.out().contains("\nAttribute Tags (1 patient, 1 doc)\n"), r.out());
        assertTrue(r.out().contains("\n  Modality (1 patient, 1 doc)  values: CT\n"), r.out());
    }

    @Test
    void jsonAndBadFormat() {
        SampleCorpus c = SampleCorpus.locate();
        CliRun r = CliRun.of("terminology", "--format", "json", c.file("05-sr/dcmqi__tid1500-sr.dcm").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("{\"format\":\"dcmehop\""), r.out());
        assertTrue(r.out().contains("\"code\":\"DCMEHOP:SR:DCM-126000\""), r.out());
        CliRun bad = CliRun.of("terminology", "--format", "yaml", c.file("05-sr/dcmqi__tid1500-sr.dcm").toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("tree, json or xml, not 'yaml'"), bad.err());
    }

    @Test
    void xmlIsValidAgainstTheShippedSchema() throws Exception {
        SampleCorpus c = SampleCorpus.locate();
        CliRun r = CliRun.of("terminology", "--format", "XML", c.folder("01-rdsr").toString(),
                c.file("05-sr/dcmqi__tid1500-sr.dcm").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<terminology xmlns=\"urn:i4dw:dcmehop:1\" format=\"dcmehop\" version=\"1\">"), r.out());
        assertTrue(r.out().contains(" code=\"DCMEHOP:SR:DCM-126000\""), r.out());
        assertTrue(r.out().contains("<unit>mGy.cm</unit>"), r.out());
        URL xsd = DcmehopTerminologyProvider.class.getResource(DcmehopTerminologyProvider.XML_SCHEMA_RESOURCE);
        assertNotNull(xsd, "dcmehop-1.xsd is not in the i4dw-terminology jar");
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd).newValidator()
                .validate(new StreamSource(new StringReader(r.out())));
    }
}
