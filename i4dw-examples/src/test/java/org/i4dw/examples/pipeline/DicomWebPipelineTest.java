/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.i4dw.api.AccessionOutcome;
import org.i4dw.api.BatchReport;
import org.i4dw.api.HttpAuthentication;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.api.Mode;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.PacsBridge;
import org.i4dw.api.Retrieve;
import org.i4dw.api.SeriesOutcome;
import org.i4dw.api.pivot.PivotDocument;
import org.i4dw.api.pivot.PivotElement;
import org.i4dw.dicom.net.DimseTransportProvider;
import org.i4dw.dicom.web.DicomWebTransportProvider;
import org.i4dw.spi.DeidentifierSpec;
import org.i4dw.spi.PivotSerializerProvider;
import org.i4dw.spi.ProviderRegistry;
import org.i4dw.spi.TransportProvider;
import org.i4dw.testkit.OrthancPacs;
import org.i4dw.testkit.cohort.CohortManifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same synthetic cohort extracted from one Orthanc through DIMSE and through DICOMweb (its
 * DICOMweb plugin): the same series, the same document ids (the ground truth), equivalent pivot
 * documents in routine mode (WADO-RS metadata against C-MOVE of the same instance, the lowest
 * Instance Number) and equal ones in light mode (QIDO-RS against C-FIND); the header-only chain
 * of a PACS reachable both ways falls back when WADO-RS metadata is not offered, and the batch
 * report says which path served each series; paging, authentication and configuration mistakes.
 */
class DicomWebPipelineTest {

    private static final byte[] KEY = "dicomweb-pipeline-test-key-0123456789".getBytes(StandardCharsets.US_ASCII);
    private static final DeidentifierSpec DEID = DeidentifierSpec.of("default", KEY, null);
    private static final String US = "I4DW-WEB-IT";

    @TempDir
    static Path work;

    private static PipelineCohort cohort;
    private static CohortManifest truth;
    private static Path cohortDir;
    private static int scpPort;
    private static OrthancPacs orthanc;
    private static PacsAddress dimse;
    private static PacsAddress web;
    private static PivotSerializerProvider xml;

    @BeforeAll
    static void startPacs() throws IOException {
        cohort = PipelineCohort.start(work, 3, 8, 3, "WEB-IT", true, US, DEID);
        truth = cohort.truth;
        cohortDir = cohort.cohortDir;
        scpPort = cohort.scpPort;
        orthanc = cohort.orthanc;
        dimse = cohort.dimse();
        web = PacsAddress.dicomWeb(orthanc.dicomWebBaseUri());
        xml = cohort.xml;
    }

    @AfterAll
    static void stopPacs() {
        if (cohort != null) {
            cohort.close();
        }
    }

    private static PacsBridge.Builder bridge(PacsAddress... pacs) {
        return cohort.bridge(pacs);
    }

    private static List<String> accessions() {
        return cohort.accessions();
    }

    private static Set<String> expectedDocuments() {
        Set<String> ids = new HashSet<>();
        for (CohortManifest.Study study : truth.studies()) {
            for (CohortManifest.Series s : study.series()) {
                ids.add(cohort.expectedDocumentId(study, s));
            }
        }
        return ids;
    }

    /** The documents of a batch by id, each checked to validate and read back equal. */
    private static Map<String, PivotDocument> extract(PacsBridge bridge, BatchReport[] report) {
        Map<String, PivotDocument> docs = new TreeMap<>();
        report[0] = bridge.extract(accessions(), d -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            xml.write(d, out);
            assertEquals(d, xml.read(new ByteArrayInputStream(out.toByteArray())));
            assertTrue(docs.put(d.documentId(), d) == null, "no document twice");
        });
        return docs;
    }

    private static List<SeriesOutcome> series(BatchReport r) {
        return r.accessions().stream().flatMap(a -> a.series().stream()).collect(Collectors.toList());
    }

    private static void assertAllOk(BatchReport r) {
        for (AccessionOutcome a : r.accessions()) {
            assertEquals(AccessionOutcome.Status.OK, a.status(), a.reason());
        }
        assertEquals(truth.seriesCount(), series(r).size());
    }

    /** A document as compared across transports: everything but the elements' values, and the values apart. */
    private static String summary(PivotDocument d) {
        return d.type() + " " + d.accessionNumber() + " " + d.patientKey() + " " + d.series() + " " + d.study() + " "
                + d.title() + " " + d.text();
    }

    private static Map<String, List<String>> values(PivotDocument d) {
        Map<String, List<String>> m = new TreeMap<>();
        for (PivotElement e : d.elements()) {
            m.computeIfAbsent(e.code(), k -> new ArrayList<>()).add(String.valueOf(e.value()));
        }
        return m;
    }

    @Test
    void routineThroughWadoRsMetadataGivesTheSameSeriesAndEquivalentDocumentsAsCMove() {
        BatchReport[] viaMove = new BatchReport[1];
        BatchReport[] viaWado = new BatchReport[1];
        Map<String, PivotDocument> moved;
        Map<String, PivotDocument> wado;
        try (PacsBridge m = bridge(dimse).retrieveWith(Retrieve.C_MOVE).storageScpPort(scpPort).build();
                PacsBridge w = bridge(web).build()) {
            moved = extract(m, viaMove);
            wado = extract(w, viaWado);
        }
        assertAllOk(viaMove[0]);
        assertAllOk(viaWado[0]);
        assertEquals(expectedDocuments(), moved.keySet(), "the ground truth through DIMSE");
        assertEquals(expectedDocuments(), wado.keySet(), "the ground truth through DICOMweb");
        for (SeriesOutcome s : series(viaWado[0])) {
            assertEquals("WADO-RS metadata", s.path());
            assertEquals(1, s.instancesRetrieved());
        }
        assertTrue(series(viaMove[0]).stream().allMatch(s -> s.path().equals("C-MOVE(one instance)")));
        assertTrue(viaWado[0].accessions().stream().allMatch(a -> a.pacs().equals(web.aeTitle().value())),
                "the report names the PACS by its label");
        Map<String, Integer> valueDifferences = new TreeMap<>();
        for (String id : moved.keySet()) {
            PivotDocument a = moved.get(id);
            PivotDocument b = wado.get(id);
            assertEquals(summary(a), summary(b), "context, title and text agree");
            Map<String, List<String>> va = values(a);
            Map<String, List<String>> vb = values(b);
            assertEquals(va.keySet(), vb.keySet(), "the same attributes are indexed");
            for (String code : va.keySet()) {
                if (!va.get(code).equals(vb.get(code))) {
                    valueDifferences.merge(code, 1, Integer::sum);
                }
            }
        }
        // documented in docs/TRANSPORTS.md: the synthetic cohort's headers give the same values both ways
        assertEquals(Map.of(), valueDifferences, "element values that differ, by code");
    }

    @Test
    void lightModeThroughQidoRsGivesTheSameDocumentsAsCFind() {
        BatchReport[] viaFind = new BatchReport[1];
        BatchReport[] viaQido = new BatchReport[1];
        Map<String, PivotDocument> found;
        Map<String, PivotDocument> qido;
        try (PacsBridge f = bridge(dimse).mode(Mode.LIGHT).build();
                PacsBridge q = bridge(web).mode(Mode.LIGHT).build()) {
            found = extract(f, viaFind);
            qido = extract(q, viaQido);
        }
        assertAllOk(viaFind[0]);
        assertAllOk(viaQido[0]);
        assertTrue(series(viaFind[0]).stream().allMatch(s -> s.path().equals("C-FIND")));
        assertTrue(series(viaQido[0]).stream().allMatch(s -> s.path().equals("QIDO-RS")));
        assertEquals(expectedDocuments(), qido.keySet());
        assertEquals(found, qido, "light documents are equal");
    }

    @Test
    void aPacsWithoutWadoRsMetadataFallsBackToCGetAndTheReportSaysSo() throws Exception {
        // a front that passes QIDO-RS through to Orthanc but answers 501 to every metadata request
        HttpServer front = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int[] refused = {0};
        front.createContext("/dicom-web", ex -> {
            String path = ex.getRequestURI().toString();
            if (path.contains("/metadata")) {
                synchronized (refused) {
                    refused[0]++;
                }
                ex.sendResponseHeaders(501, -1);
            } else {
                try {
                    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(orthanc.restBaseUri()
                            .toString().replaceAll("/$", "") + path)).header("Accept", "application/dicom+json").build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    ex.getResponseHeaders().set("Content-Type", r.headers().firstValue("Content-Type").orElse(""));
                    ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write(r.body());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    ex.sendResponseHeaders(500, -1);
                }
            }
            ex.close();
        });
        front.start();
        try {
            PacsAddress both = dimse.withDicomWeb(URI.create("http://127.0.0.1:" + front.getAddress().getPort()
                    + "/dicom-web"));
            BatchReport[] chained = new BatchReport[1];
            BatchReport[] viaGet = new BatchReport[1];
            Map<String, PivotDocument> a;
            Map<String, PivotDocument> b;
            try (PacsBridge chain = bridge(both).retrieveWith(both, Retrieve.WADO_RS, Retrieve.C_GET, Retrieve.C_MOVE)
                    .storageScpPort(scpPort).build(); PacsBridge get = bridge(dimse).build()) {
                a = extract(chain, chained);
                b = extract(get, viaGet);
            }
            assertAllOk(chained[0]);
            assertEquals(expectedDocuments(), a.keySet());
            for (SeriesOutcome s : series(chained[0])) {
                assertTrue(s.path().startsWith("C-GET(one instance, cancel) after WADO-RS metadata: "), s.path());
                assertTrue(s.path().contains("HTTP 501 Not Implemented"), s.path());
            }
            assertEquals(truth.seriesCount(), refused[0], "WADO-RS was tried once for each series");
            assertEquals(b, a, "the same documents as C-GET alone");
        } finally {
            front.stop(0);
        }
    }

    @Test
    void pagingOneResultAtATimeStillGivesTheGroundTruth() {
        ProviderRegistry<TransportProvider> transports = ProviderRegistry.builder(TransportProvider.class, "i4dw-dicom")
                .discovery(false).register(new DimseTransportProvider())
                .register(DicomWebTransportProvider.builder().pageSize(1).build()).build();
        BatchReport[] r = new BatchReport[1];
        try (PacsBridge b = bridge(web).transports(transports).build()) {
            assertEquals(expectedDocuments(), extract(b, r).keySet());
        }
        assertAllOk(r[0]);
    }

    @Test
    void credentialsAreSentToAPacsThatAsksForThem() {
        try (OrthancPacs locked = OrthancPacs.builder().aeTitle("LOCKED-IT").credentials("etl", "s3cret-Pw").start()) {
            locked.uploadAll(cohortDir);
            PacsAddress a = PacsAddress.parse("LOCKED@" + locked.dicomWebBaseUri());
            BatchReport[] r = new BatchReport[1];
            try (PacsBridge b = bridge(a).authentication(a, HttpAuthentication.basic("etl", "s3cret-Pw".toCharArray()))
                    .build()) {
                assertEquals(expectedDocuments(), extract(b, r).keySet());
            }
            assertAllOk(r[0]);
            try (PacsBridge b = bridge(a).retries(0).build()) {
                BatchReport refused = b.extract(accessions().subList(0, 1), d -> {
                    throw new AssertionError("no document without credentials");
                });
                AccessionOutcome o = refused.accessions().get(0);
                assertEquals(AccessionOutcome.Status.FAILED, o.status());
                assertTrue(o.reason().contains("HTTP 401 Unauthorized"), o.reason());
                assertTrue(o.reason().contains("LOCKED"), o.reason());
            }
        }
    }

    @Test
    void configurationMistakesAreRefusedWithTheirReason() {
        PacsAddress both = dimse.withDicomWeb(orthanc.dicomWebBaseUri());
        assertTrue(assertThrows(I4dwConfigurationException.class,
                () -> bridge(dimse).retrieveWith(dimse, Retrieve.WADO_RS).build()).getMessage()
                        .contains("needs a DICOMweb base"));
        assertTrue(assertThrows(I4dwConfigurationException.class,
                () -> bridge(web).retrieveWith(web, Retrieve.C_GET).build()).getMessage().contains("DICOMweb only"));
        assertTrue(assertThrows(I4dwConfigurationException.class,
                () -> bridge(both).retrieveWith(both, Retrieve.WADO_RS, Retrieve.C_MOVE).build()).getMessage()
                        .contains("storageScpPort"));
        assertTrue(assertThrows(I4dwConfigurationException.class,
                () -> bridge(dimse).retrieveWith(web, Retrieve.WADO_RS).build()).getMessage()
                        .contains("not one of the PACS"));
        assertTrue(assertThrows(I4dwConfigurationException.class,
                () -> bridge(dimse).authentication(dimse, HttpAuthentication.bearer("t"))).getMessage()
                        .contains("no DICOMweb base"));
        assertTrue(assertThrows(I4dwConfigurationException.class,
                () -> bridge(both).retrieveWith(both, Retrieve.C_GET, Retrieve.WADO_RS, Retrieve.C_MOVE))
                        .getMessage().contains("first or last"));
    }
}
