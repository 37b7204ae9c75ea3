/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.examples.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.i4dw.api.AccessionOutcome;
import org.i4dw.api.BatchReport;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.PacsBridge;
import org.i4dw.api.SeriesOutcome;
import org.i4dw.testkit.OrthancPacs;
import org.i4dw.testkit.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PacsBridge.Builder#keepAssociationsAfterCancel(PacsAddress)} against Orthanc: a routine
 * batch whose C-GETs are cancelled after the first instance (several instances per series) opens a
 * new association per series by default, and a handful when told that the PACS recovers from
 * C-CANCEL; both bring exactly the ground truth. The associations are counted as TCP connections
 * by the test kit's proxy between the bridge and Orthanc.
 */
class AssociationsAfterCancelTest {

    @TempDir
    static Path work;

    private static Cohort cohort;
    private static OrthancPacs orthanc;

    @BeforeAll
    static void start() throws IOException {
        cohort = Cohort.write(work.resolve("cohort"), 3, 23, 3);
        orthanc = OrthancPacs.builder().aeTitle("RECOVERS").dicomWeb(false).start();
        orthanc.uploadAll(cohort.dir);
    }

    @AfterAll
    static void stop() {
        if (orthanc != null) {
            orthanc.close();
        }
    }

    /** Runs the whole cohort through a new proxy; returns the connections the bridge opened. */
    private static long connectionsFor(boolean keep, Cohort.Collected got) {
        List<String> accessions = cohort.accessions();
        try (TcpProxy proxy = TcpProxy.builder().target(orthanc.host(), orthanc.dicomPort()).start()) {
            PacsAddress pacs = Cohort.address(orthanc.aeTitle(), proxy.host(), proxy.port());
            PacsBridge.Builder b = Cohort.bridge(pacs);
            if (keep) {
                b.keepAssociationsAfterCancel(pacs);
            }
            try (PacsBridge bridge = b.build()) {
                BatchReport report = bridge.extract(accessions, got);
                Map<String, AccessionOutcome> by = Cohort.byAccession(report, accessions);
                for (String a : accessions) {
                    AccessionOutcome o = by.get(a);
                    assertEquals(AccessionOutcome.Status.OK, o.status(), a + ": " + o.reason());
                    assertEquals(cohort.seriesOf(a), o.series().size());
                    for (SeriesOutcome s : o.series()) {
                        assertEquals(1, s.instancesRetrieved(), "routine mode: one header per series");
                        assertTrue(s.instancesExpected() > 1, "a series of several instances, so its C-GET is "
                                + "cancelled after the first: " + s.instancesExpected());
                    }
                }
            }
            return proxy.connectionsAccepted();
        }
    }

    @Test
    void keptAssociationsServeSeriesAfterSeriesAndBringTheSameDocuments() {
        int series = cohort.accessions().stream().mapToInt(cohort::seriesOf).sum();

        Cohort.Collected released = new Cohort.Collected();
        long perSeries = connectionsFor(false, released);
        Cohort.Collected kept = new Cohort.Collected();
        long few = connectionsFor(true, kept);

        assertEquals(cohort.expectedDocuments(cohort.accessions()), released.keys(), "the ground truth");
        assertEquals(released.keys(), kept.keys(), "the same documents either way");
        // by default each cancelled C-GET releases its association: a new one for every series
        assertTrue(perSeries >= series, "released after each cancel: " + perSeries + " connections for " + series
                + " series");
        // kept: the retrieval associations serve series after series; what is still opened is the
        // pool trading an idle association of one kind (queries) for the other (retrievals) at its
        // limit, at most about two per accession number, not one per series
        int accessions = cohort.accessions().size();
        assertTrue(few <= 2L * accessions + 4 && few < perSeries, "kept after cancels: " + few + " connections for "
                + series + " series of " + accessions + " accession numbers, against " + perSeries + " released");
    }

    @Test
    void keepingIsForAPacsOfTheBridgeWithADimsePart() {
        PacsAddress other = PacsAddress.parse("OTHER@127.0.0.1:1");
        PacsAddress web = PacsAddress.parse("http://127.0.0.1:1/dicom-web");
        PacsBridge.Builder b = Cohort.bridge(Cohort.address(orthanc.aeTitle(), orthanc.host(), orthanc.dicomPort()));
        assertThrows(I4dwConfigurationException.class, () -> b.keepAssociationsAfterCancel(web).build());
        I4dwConfigurationException e = assertThrows(I4dwConfigurationException.class,
                () -> b.keepAssociationsAfterCancel(other).build());
        assertTrue(e.getMessage().contains("not one of the PACS"), e.getMessage());
    }
}
