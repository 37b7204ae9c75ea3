/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.i4dw.testkit.SampleCorpus;
import org.junit.jupiter.api.Test;

/** {@code i4dw terminology} on the real dose reports and CT series of the sample corpus. */
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
        CliRun bad = CliRun.of("terminology", "--format", "xml", c.file("05-sr/dcmqi__tid1500-sr.dcm").toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("'xml'"), bad.err());
    }
}
