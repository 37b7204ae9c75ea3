/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.ReadOptions;
import org.i4dw.testkit.SampleCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code i4dw deid} on a real MR series folder and a single file. */
class DeidCommandTest {

    private static final String MR_SERIES = "02-mr-series/siemens-t2-tse-adit-1002";

    @Test
    void aFolderGivesAFolderOfDeidentifiedFilesWithTheSameNames(@TempDir Path dir) throws IOException {
        Path in = SampleCorpus.locate().folder(MR_SERIES);
        Path key = dir.resolve("secret.key");
        Files.writeString(key, "a secret of more than sixteen bytes\n");
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("deid", "--secret-file", key.toString(), in.toString(), out.toString());
        assertEquals(0, r.status(), r.err());
        List<Path> inputs = SampleCorpus.dicomFiles(in);
        for (Path f : inputs) {
            Path g = out.resolve(in.relativize(f).toString());
            DicomObject before = DicomReader.read(f, ReadOptions.defaults()).dataset();
            DicomObject after = DicomReader.read(g, ReadOptions.defaults()).dataset();
            assertEquals("YES", after.string(Tag.PatientIdentityRemoved).orElseThrow());
            assertNotEquals(before.string(Tag.SOPInstanceUID), after.string(Tag.SOPInstanceUID));
            assertTrue(after.string(Tag.PatientID).orElseThrow().matches("[0-9A-F]{24}"));
            assertEquals(before.string(Tag.StudyDate), after.string(Tag.StudyDate), "the default keeps full dates");
        }
        assertTrue(r.out().contains(inputs.size() + " of " + inputs.size() + " files"), r.out());
    }

    @Test
    void withoutTheSecretTheCommandRefusesAndWritesNothing(@TempDir Path dir) {
        Path f = SampleCorpus.dicomFiles(SampleCorpus.locate().folder(MR_SERIES)).get(0);
        Path out = dir.resolve("x.dcm");
        CliRun r = CliRun.of("deid", "--profile", "basic", f.toString(), out.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("needs a secret key"), r.err());
        assertFalse(Files.exists(out));
        assertEquals(2, CliRun.of("deid", "--profile", "basic,retain-everything", f.toString(), out.toString()).status());
    }
}
