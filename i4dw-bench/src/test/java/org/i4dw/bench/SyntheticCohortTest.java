/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.TransferSyntax;
import org.i4dw.data.VR;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.DicomWriter;
import org.i4dw.dicom.io.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's cohort generator writes readable Part 10 files with distinct, stable UIDs. */
class SyntheticCohortTest {

    @TempDir
    Path dir;

    @Test
    void writesReadableFilesWithDistinctUidsAndTheRequestedMatrix() throws IOException {
        Path template = dir.resolve("template.dcm");
        DicomWriter.writeFile(template, DicomObject.builder()
                .set(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2")
                .set(Tag.SOPInstanceUID, VR.UI, "1.2.3.4")
                .set(Tag.Modality, VR.CS, "CT")
                .build(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        SyntheticCohort cohort = new SyntheticCohort(2, 1, 2, 3, 8);

        List<SyntheticCohort.Series> series = cohort.write(template, dir.resolve("cohort"));

        assertEquals(4, series.size());
        Set<String> sops = new HashSet<>();
        Set<String> seriesUids = new HashSet<>();
        try (Stream<Path> files = Files.list(dir.resolve("cohort"))) {
            for (Path f : files.toList()) {
                DicomObject ds = DicomReader.read(f, ReadOptions.defaults()).dataset();
                sops.add(ds.string(Tag.SOPInstanceUID).orElseThrow());
                seriesUids.add(ds.string(Tag.SeriesInstanceUID).orElseThrow());
                assertEquals(8, ds.integer(Tag.Rows).orElseThrow());
                assertTrue(ds.contains(Tag.PixelData));
                assertEquals("CT", ds.string(Tag.Modality).orElseThrow());
            }
        }
        assertEquals(12, sops.size(), "one SOP Instance UID per file");
        assertEquals(4, seriesUids.size());
        assertTrue(series.stream().allMatch(s -> s.instanceUids().size() == 3));
        assertEquals(series, cohort.write(template, dir.resolve("again")), "the same parameters give the same UIDs");
    }
}
