/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit.cohort;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.i4dw.data.DicomObject;
import org.i4dw.data.TransferSyntax;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.DicomWriter;
import org.i4dw.dicom.io.ReadOptions;
import org.i4dw.dicom.io.WriteOptions;
import org.i4dw.testkit.SampleCorpus;

/**
 * How the shipped templates were made from the sample corpus: read whole, pixel data resampled to
 * 64 x 64 (Pixel Spacing scaled to keep the field of view; nothing else changed), written in
 * Explicit VR Little Endian by I4DW's writer (which leaves out group lengths and writes its own
 * file meta information). {@link TemplatesTest} checks that the committed files are exactly this.
 *
 * <p>To regenerate them, from the repository root after {@code mvn -pl i4dw-testkit-cohort -am
 * test-compile}: {@code java -cp <test classpath> org.i4dw.testkit.cohort.TemplateSources
 * ../shared/dicom-samples i4dw-testkit-cohort/src/main/resources/org/i4dw/testkit/cohort}.
 */
final class TemplateSources {

    /** Rows and columns of the shipped templates. */
    static final int MATRIX = 64;

    /** A shipped template and the corpus file it comes from. */
    record Source(String resource, String corpusPath) {
    }

    static final List<Source> SOURCES = List.of(
            new Source(Template.MR_GE, "02-mr-series/qin-prostate-adc-ge-dcmqi/000010.dcm"),
            new Source(Template.MR_PHILIPS, "02-mr-series/philips-achieva-fmri-dcmqa/201_EPI_asc_CLEAR_0001_13.dcm"),
            new Source(Template.CT_GE, "04-ct-series/ge-liver-ct-3slice-dcmqi/02.dcm"));

    private TemplateSources() {
    }

    static byte[] derive(Path source) throws IOException {
        DicomObject ds = DicomReader.read(source, ReadOptions.builder().bulkDataThreshold(Integer.MAX_VALUE).build())
                .dataset();
        DicomObject small = Template.resample(ds, MATRIX, source.getFileName().toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeFile(out, null, small, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, WriteOptions.defaults());
        return out.toByteArray();
    }

    /**
     * Writes the templates.
     *
     * @param args the corpus folder and the resource folder
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        SampleCorpus corpus = SampleCorpus.at(Path.of(args[0]));
        for (Source s : SOURCES) {
            Path target = Path.of(args[1]).resolve(s.resource());
            Files.write(target, derive(corpus.file(s.corpusPath())));
            System.out.println(target + " <- " + s.corpusPath());
        }
    }
}
