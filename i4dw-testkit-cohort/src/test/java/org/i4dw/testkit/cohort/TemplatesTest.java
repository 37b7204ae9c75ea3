/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit.cohort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.ReadOptions;
import org.i4dw.testkit.SampleCorpus;
import org.junit.jupiter.api.Test;

/** The shipped templates are the documented derivation of their corpus files, and only that. */
class TemplatesTest {

    private final SampleCorpus corpus = SampleCorpus.locate();

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = TemplatesTest.class.getResourceAsStream(Template.RESOURCE_FOLDER + name)) {
            assertNotNull(in, name + " is not in the jar");
            return in.readAllBytes();
        }
    }

    @Test
    void eachTemplateIsItsCorpusFileResampled() throws IOException {
        for (TemplateSources.Source s : TemplateSources.SOURCES) {
            assertArrayEquals(TemplateSources.derive(corpus.file(s.corpusPath())), resource(s.resource()),
                    () -> s.resource() + " differs from a fresh derivation of " + s.corpusPath()
                            + "; regenerate it with TemplateSources");
        }
    }

    @Test
    void onlyPixelsAndTheirGeometryDifferFromTheCorpusFile() throws IOException {
        ReadOptions headerOnly = ReadOptions.builder().headerOnly(true).build();
        List<Tag> changed = List.of(Tag.Rows, Tag.Columns, Tag.PixelSpacing);
        for (TemplateSources.Source s : TemplateSources.SOURCES) {
            DicomObject original = DicomReader.read(corpus.file(s.corpusPath()), headerOnly).dataset();
            DicomObject template = DicomReader.read(new java.io.ByteArrayInputStream(resource(s.resource())),
                    s.resource(), headerOnly).dataset();
            assertEquals(TemplateSources.MATRIX, template.integer(Tag.Rows).orElseThrow(), s.resource());
            assertEquals(TemplateSources.MATRIX, template.integer(Tag.Columns).orElseThrow(), s.resource());
            for (DicomElement e : original) {
                if (e.tag().isGroupLength() || changed.contains(e.tag()) || e.tag().equals(Tag.PixelData)) {
                    continue;
                }
                assertEquals(e.strings(), template.element(e.tag()).map(DicomElement::strings).orElse(null),
                        () -> s.resource() + ": " + e.tag() + " changed");
            }
        }
    }

    @Test
    void provenanceNamesEverySourceFile() throws IOException {
        String provenance = new String(resource("PROVENANCE.md"), StandardCharsets.UTF_8);
        for (TemplateSources.Source s : TemplateSources.SOURCES) {
            assertTrue(provenance.contains(s.resource()) && provenance.contains(s.corpusPath()),
                    () -> "PROVENANCE.md does not document " + s.resource());
        }
    }
}
