/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.PacsBridge;
import org.i4dw.api.pivot.PivotDocument;
import org.i4dw.spi.DeidentifierSpec;
import org.i4dw.spi.PivotSerializerProvider;
import org.i4dw.spi.ProviderRegistry;
import org.i4dw.spi.TerminologyProvider;
import org.i4dw.testkit.Json;
import org.i4dw.testkit.OrthancPacs;
import org.i4dw.testkit.cohort.CohortManifest;
import org.i4dw.testkit.cohort.SyntheticCohort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code i4dw extract} and the REST facade of {@code i4dw serve}, against Orthanc loaded with a synthetic cohort. */
class ExtractAndServeTest {

    @TempDir
    static Path work;

    private static CohortManifest truth;
    private static OrthancPacs orthanc;
    private static Path key;
    private static PivotSerializerProvider xml;

    @BeforeAll
    static void start() throws IOException {
        truth = SyntheticCohort.builder().patients(3).seed(7).instancesPerSeries(1).build().write(work.resolve("cohort"));
        orthanc = OrthancPacs.builder().aeTitle("CLI-ORTHANC").dicomWeb(false).start();
        orthanc.uploadAll(work.resolve("cohort"));
        key = work.resolve("secret.key");
        Files.writeString(key, "cli-extract-test-secret-key-0123456789");
        xml = ProviderRegistry.builder(PivotSerializerProvider.class, "i4dw-pivot").build().get("pivot-xml");
    }

    @AfterAll
    static void stop() {
        if (orthanc != null) {
            orthanc.close();
        }
    }

    private static String pacs() {
        return orthanc.aeTitle() + "@" + orthanc.host() + ":" + orthanc.dicomPort();
    }

    private static List<String> accessions() {
        return truth.studies().stream().map(CohortManifest.Study::accessionNumber).collect(Collectors.toList());
    }

    @Test
    void extractWritesOnePivotDocumentPerSeriesTheTerminologyAndTheReport() throws IOException {
        Path list = work.resolve("accessions.txt");
        List<String> lines = new ArrayList<>(List.of("# today's reports", ""));
        lines.addAll(accessions());
        lines.add("UNKNOWN-ACC");
        Files.write(list, lines);
        Path out = work.resolve("out");
        CliRun run = CliRun.of("extract", pacs(), "--accessions", list.toString(), "--out", out.toString(),
                "--secret-file", key.toString(), "--features", "pivot,terminology,mr-field-strength");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains(truth.studies().size() + 1 + " accession numbers"), run.out());
        List<Path> docs;
        try (Stream<Path> s = Files.list(out.resolve("pivot"))) {
            docs = s.sorted().collect(Collectors.toList());
        }
        assertEquals(truth.seriesCount(), docs.size(), "one document per series");
        for (Path d : docs) {
            assertFalse(d.getFileName().toString().startsWith("."), "no temporary file is left");
            try (InputStream in = Files.newInputStream(d)) {
                PivotDocument doc = xml.read(in);
                assertEquals(d.getFileName().toString(), doc.documentId() + ".xml");
            }
        }
        Map<?, ?> report = (Map<?, ?>) Json.parse(Files.readString(out.resolve("report.json")));
        assertEquals(truth.studies().size() + 1, ((List<?>) report.get("accessions")).size());
        assertEquals(new java.math.BigDecimal(truth.studies().size()),
                ((Map<?, ?>) report.get("accessionCounts")).get("OK"));
        assertEquals(java.math.BigDecimal.ONE, ((Map<?, ?>) report.get("accessionCounts")).get("NOT_FOUND"));
        Object terminology = Json.parse(Files.readString(out.resolve("terminology.json")));
        assertTrue(terminology instanceof Map);
        assertTrue(Files.readString(out.resolve("terminology.xml")).contains("Attribute Tags"));
    }

    @Test
    void extractRefusesBadSettingsWithStatus2() throws IOException {
        Path list = work.resolve("one.txt");
        Files.write(list, List.of(accessions().get(0)));
        CliRun noKey = CliRun.of("extract", pacs(), "--accessions", list.toString(), "--out", work.resolve("o1").toString());
        assertEquals(2, noKey.status());
        assertTrue(noKey.err().contains("key"), noKey.err());
        CliRun caching = CliRun.of("extract", pacs(), "--accessions", list.toString(), "--out",
                work.resolve("o2").toString(), "--secret-file", key.toString(), "--mode", "caching");
        assertEquals(2, caching.status());
        assertTrue(caching.err().contains("i4dw-cache"), caching.err());
        CliRun missing = CliRun.of("extract", pacs(), "--accessions", work.resolve("none.txt").toString(), "--out",
                work.resolve("o3").toString(), "--secret-file", key.toString());
        assertEquals(2, missing.status());
        CliRun feature = CliRun.of("extract", pacs(), "--accessions", list.toString(), "--out",
                work.resolve("o4").toString(), "--secret-file", key.toString(), "--features", "nosuch");
        assertEquals(2, feature.status());
        assertTrue(feature.err().contains("nosuch"), feature.err());
    }

    @Test
    void extractExitsWith1WhenAnAccessionFails() throws IOException {
        Path list = work.resolve("bad.txt");
        Files.write(list, List.of(accessions().get(0), "WILD*"));
        CliRun run = CliRun.of("extract", pacs(), "--accessions", list.toString(), "--out",
                work.resolve("o5").toString(), "--secret-file", key.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("WILD*: FAILED"), run.err());
    }

    private static PacsBridge bridge() throws IOException {
        return PacsBridge.builder().pacs(PacsAddress.parse(pacs())).callingAeTitle("I4DW-REST")
                .deidentification(DeidentifierSpec.of("default", Files.readAllBytes(key), null)).build();
    }

    private static RestServer server(PacsBridge bridge) throws IOException {
        return new RestServer(bridge, xml,
                ProviderRegistry.builder(TerminologyProvider.class, "i4dw-terminology").build().best(), "127.0.0.1", 0);
    }

    private static HttpResponse<String> post(HttpClient http, int port, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/extractions"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void restFacadeAnswersOverHttp() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (PacsBridge bridge = bridge(); RestServer server = server(bridge)) {
            int port = server.port();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertEquals("UP", ((Map<?, ?>) Json.parse(health.body())).get("status"));

            assertBad(post(http, port, "{not json"), 400, "not JSON");
            assertBad(post(http, port, "[1]"), 400, "JSON object");
            assertBad(post(http, port, "{\"accessionNumbers\": [1]}"), 400, "array of strings");
            assertBad(post(http, port, "{\"accessionNumbers\": [], \"colour\": 1}"), 400, "unknown field 'colour'");
            assertBad(post(http, port, "{\"features\": []}"), 400, "accessionNumbers is missing");
            assertBad(post(http, port, "{\"accessionNumbers\": [\"A\"], \"features\": [\"nosuch\"]}"), 400, "nosuch");
            assertBad(post(http, port, "{\"accessionNumbers\": [\"A\"], \"cache\": true}"), 501, "i4dw-cache");

            String body = "{\"accessionNumbers\": [" + accessions().stream().map(Json::quote)
                    .collect(Collectors.joining(", ")) + "], \"features\": [\"pivot\", \"terminology\"], \"cache\": false}";
            HttpResponse<String> r = post(http, port, body);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(truth.seriesCount(), countDocuments(r.body()));
            String id = r.headers().firstValue("X-I4DW-Extraction").orElseThrow();
            HttpResponse<String> report = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/extractions/" + id + "/report")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, report.statusCode());
            assertEquals(truth.studies().size(), ((List<?>) ((Map<?, ?>) Json.parse(report.body())).get("accessions")).size());
            HttpResponse<String> terminology = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/terminology?format=tree")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, terminology.statusCode());
            assertTrue(terminology.body().contains("Attribute Tags"), terminology.body());
            assertEquals(404, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/nothing"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    private static void assertBad(HttpResponse<String> r, int status, String words) throws IOException {
        assertEquals(status, r.statusCode(), r.body());
        String error = (String) ((Map<?, ?>) Json.parse(r.body())).get("error");
        assertTrue(error.contains(words), error);
    }

    private static int countDocuments(String xmlStream) throws Exception {
        XMLStreamReader r = XMLInputFactory.newFactory().createXMLStreamReader(
                new ByteArrayInputStream(xmlStream.getBytes(StandardCharsets.UTF_8)));
        int n = 0;
        int depth = 0;
        while (r.hasNext()) {
            int e = r.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                depth++;
                if (depth == 2) {
                    n++;
                }
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        return n;
    }

    /**
     * A request of 1,000 accession numbers streams its documents as they come: the response is
     * chunked, read incrementally, and the server's heap does not grow with the batch.
     */
    @Test
    void aThousandAccessionRequestIsStreamedInBoundedMemory() throws Exception {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(i % 100 == 0 ? accessions().get(i / 100 % accessions().size()) : "NOPE" + i);
        }
        String body = "{\"accessionNumbers\": [" + many.stream().map(Json::quote).collect(Collectors.joining(","))
                + "]}";
        HttpClient http = HttpClient.newHttpClient();
        try (PacsBridge bridge = bridge(); RestServer server = server(bridge)) {
            Runtime rt = Runtime.getRuntime();
            System.gc();
            long before = rt.totalMemory() - rt.freeMemory();
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/extractions"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Length").isEmpty(), "the response is streamed (chunked)");
            long read = 0;
            byte[] buf = new byte[8192];
            try (InputStream in = r.body()) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    read += n;
                }
            }
            System.gc();
            long after = rt.totalMemory() - rt.freeMemory();
            assertTrue(read > 0);
            assertTrue(after - before < 64L << 20, "heap grew by " + ((after - before) >> 20) + " MB");
            String id = r.headers().firstValue("X-I4DW-Extraction").orElseThrow();
            HttpResponse<String> report = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/extractions/" + id + "/report")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<?, ?> json = (Map<?, ?>) Json.parse(report.body());
            assertEquals(1000 - 990 + 990 - (1000 - new java.util.HashSet<>(many).size()),
                    ((List<?>) json.get("accessions")).size(), "one outcome per distinct accession number");
        }
    }
}
