/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.i4dw.api.AeTitle;
import org.i4dw.api.AssociationRejectedException;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.QueryLevel;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.testkit.DcmqrscpPacs;
import org.i4dw.testkit.DcmqrscpTest;
import org.i4dw.testkit.LoadReport;
import org.i4dw.testkit.SampleCorpus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link DimseClient} against dcmtk's dcmqrscp, checked against what was stored and against findscu. */
@DcmqrscpTest(aeTitle = "I4DW-QRSCP")
class DimseClientDcmqrscpTest {

    private static final Set<String> STORED = new HashSet<>();

    @BeforeAll
    static void load(DcmqrscpPacs pacs) {
        SampleCorpus corpus = SampleCorpus.locate();
        for (String folder : new String[] {"04-ct-series", "02-mr-series/ge-genesis-signa-dcm4che"}) {
            LoadReport r = pacs.storeAll(corpus.folder(folder));
            r.accepted().forEach(a -> STORED.add(a.instanceId()));
        }
        assertEquals(34, STORED.size());
    }

    private static DimseClient client(DcmqrscpPacs pacs) {
        return DimseClient.builder().pacs(new PacsAddress(AeTitle.of(pacs.aeTitle()), "127.0.0.1", pacs.dicomPort()))
                .networkOptions(NetworkOptions.builder().dimseTimeout(Duration.ofSeconds(10)).build()).build();
    }

    @Test
    void echoAnswers(DcmqrscpPacs pacs) {
        try (DimseClient c = client(pacs)) {
            assertFalse(c.echo().isNegative());
            assertEquals(10, c.echo(10).size());
            assertEquals(1, c.pool().peakOpen());
        }
    }

    @ParameterizedTest
    @EnumSource(QueryModel.class)
    void findsEveryLevelLikeFindscu(QueryModel model, DcmqrscpPacs pacs, @TempDir Path tmp) throws Exception {
        try (DimseClient c = client(pacs)) {
            QueryWalk w = QueryWalk.walk(c, model, tmp);
            assertEquals(STORED, w.instances);
            assertEquals(4, w.studies.size());
            assertEquals(7, w.series.size());
        }
    }

    @Test
    void cancelAfterOneResult(DcmqrscpPacs pacs) {
        try (DimseClient c = client(pacs)) {
            DicomObject keys = DicomObject.builder().setEmpty(Tag.StudyInstanceUID, VR.UI).build();
            FindResult r = c.find(QueryModel.STUDY_ROOT, QueryLevel.STUDY, keys, m -> false);
            assertTrue(r.cancelled(), r::toString);
            assertEquals(1, r.results());
            assertEquals(4, c.find(QueryModel.STUDY_ROOT, QueryLevel.STUDY, keys, m -> true).results());
        }
    }

    @Test
    void wrongCalledAeTitleIsRejected(DcmqrscpPacs pacs) {
        try (DimseClient c = DimseClient.builder()
                .pacs(new PacsAddress(AeTitle.of("NOT-QRSCP"), "127.0.0.1", pacs.dicomPort())).build()) {
            AssociationRejectedException e = assertThrows(AssociationRejectedException.class, c::echo);
            assertTrue(e.getMessage().contains("called AE title not recognized"), e::getMessage);
        }
    }
}
