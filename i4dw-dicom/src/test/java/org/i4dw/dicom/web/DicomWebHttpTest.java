/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.i4dw.api.AeTitle;
import org.i4dw.api.DicomNetworkException;
import org.i4dw.api.DicomTimeoutException;
import org.i4dw.api.HttpAuthentication;
import org.i4dw.api.HttpStatusException;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.QueryLevel;
import org.i4dw.api.Retrieve;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.dicom.net.Tls;
import org.i4dw.spi.QueryOutcome;
import org.i4dw.spi.Transport;
import org.i4dw.spi.TransportSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP behaviour of the {@code dicomweb} transport against a small local server
 * ({@code com.sun.net.httpserver}) that answers as a test needs: 503 and 429 retried as
 * Retry-After asks (and no longer than the bound), statuses in words, the Authorization header,
 * the response and body timeouts, the PACS-protection limit on requests at once, paging that
 * follows the server's Warning and refuses a server that ignores the offset, and TLS through the
 * JDK with key pairs made by keytool for the run.
 */
class DicomWebHttpTest {

    private static final AeTitle US = AeTitle.of("I4DW-HTTP");
    private static final String STUDY = "2.25.98765432109876543210";
    private static final DicomObject KEYS = DicomObject.builder().set(Tag.StudyInstanceUID, VR.UI, STUDY)
            .setEmpty(Tag.SeriesInstanceUID, VR.UI).setEmpty(Tag.Modality, VR.CS).build();

    private HttpServer server;
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A handler that answers with a status, headers and a body. */
    @FunctionalInterface
    interface Answer {
        void answer(HttpExchange exchange, int call) throws Exception;
    }

    private URI serve(Answer answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        AtomicInteger calls = new AtomicInteger();
        server.createContext("/dicom-web", ex -> {
            seen.add(ex.getRequestURI().toString());
            authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            try {
                answer.answer(ex, calls.getAndIncrement());
            } catch (Exception e) {
                ex.sendResponseHeaders(500, -1);
            } finally {
                ex.close();
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/dicom-web");
    }

    private static void json(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/dicom+json");
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        }
    }

    private static String series(int from, int to) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = from; i < to; i++) {
            sb.append(i == from ? "" : ",").append("{\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"").append(STUDY)
                    .append("\"]},\"0020000E\":{\"vr\":\"UI\",\"Value\":[\"2.25.").append(1000 + i)
                    .append("\"]},\"00080060\":{\"vr\":\"CS\",\"Value\":[\"CT\"]}}");
        }
        return sb.append(']').toString();
    }

    private static TransportSettings settings(URI base, Duration response, HttpAuthentication auth, int max) {
        return new TransportSettings(PacsAddress.dicomWeb(base), US, max, Retrieve.C_GET, 0, Duration.ofSeconds(2),
                response, List.of(Retrieve.WADO_RS), auth);
    }

    private static Transport open(URI base) {
        return open(DicomWebTransportProvider.builder().maxRetryWait(Duration.ofSeconds(5)).build(), base);
    }

    private static Transport open(DicomWebTransportProvider p, URI base) {
        return p.open(settings(base, Duration.ofSeconds(5), HttpAuthentication.none(), 4));
    }

    private static void noUidIn(Exception e) {
        assertFalse(e.getMessage().contains(STUDY), "the message quotes no UID: " + e.getMessage());
    }

    @Test
    void a503WithRetryAfterIsRetriedOnceAfterTheWaitItAsks() throws Exception {
        URI base = serve((ex, call) -> {
            if (call == 0) {
                ex.getResponseHeaders().set("Retry-After", "1");
                ex.sendResponseHeaders(503, -1);
            } else {
                json(ex, 200, series(0, 2));
            }
        });
        try (Transport t = open(base)) {
            long t0 = System.nanoTime();
            List<DicomObject> got = new ArrayList<>();
            QueryOutcome o = t.query(QueryLevel.SERIES, KEYS, got::add);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(2, o.results());
            assertEquals(2, seen.size(), "the 503, then the answer");
            assertTrue(ms >= 1000, "waited the second Retry-After asked for: " + ms + " ms");
            assertEquals("2.25.1000", got.get(0).string(Tag.SeriesInstanceUID).orElseThrow());
        }
    }

    @Test
    void a429WithAnHttpDateIsRetriedAtThatTime() throws Exception {
        URI base = serve((ex, call) -> {
            if (call == 0) {
                ex.getResponseHeaders().set("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2)));
                ex.sendResponseHeaders(429, -1);
            } else {
                json(ex, 200, series(0, 1));
            }
        });
        try (Transport t = open(base)) {
            long t0 = System.nanoTime();
            assertEquals(1, t.query(QueryLevel.SERIES, KEYS, r -> true).results());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 900, "waited until the date given (second precision): " + ms + " ms");
        }
    }

    @Test
    void aRetryAfterLongerThanTheBoundFailsAtOnceAndSaysWhy() throws Exception {
        URI base = serve((ex, call) -> {
            ex.getResponseHeaders().set("Retry-After", "120");
            ex.sendResponseHeaders(503, -1);
        });
        try (Transport t = open(base)) {
            long t0 = System.nanoTime();
            HttpStatusException e = assertThrows(HttpStatusException.class,
                    () -> t.query(QueryLevel.SERIES, KEYS, r -> true));
            assertTrue(System.nanoTime() - t0 < 3_000_000_000L, "no wait");
            assertEquals(503, e.httpStatus());
            assertEquals(1, seen.size());
            assertTrue(e.getMessage().contains("HTTP 503 Service Unavailable"), e.getMessage());
            assertTrue(e.getMessage().contains("retry after 120 s, longer than the 5 s"), e.getMessage());
            noUidIn(e);
        }
    }

    @Test
    void retriesAreBoundedAndTheLastRefusalIsReported() throws Exception {
        URI base = serve((ex, call) -> {
            ex.getResponseHeaders().set("Retry-After", "0");
            ex.sendResponseHeaders(429, -1);
        });
        try (Transport t = open(DicomWebTransportProvider.builder().maxRetries(2).build(), base)) {
            HttpStatusException e = assertThrows(HttpStatusException.class,
                    () -> t.query(QueryLevel.SERIES, KEYS, r -> true));
            assertEquals(429, e.httpStatus());
            assertEquals(3, seen.size(), "the first request and 2 retries");
            assertTrue(e.getMessage().contains("Too Many Requests: still refused after 2 retries"), e.getMessage());
        }
    }

    @Test
    void otherStatusesAreNotRetriedAndSayWhoseFault() throws Exception {
        URI base = serve((ex, call) -> ex.sendResponseHeaders(call == 0 ? 401 : 500, -1));
        try (Transport t = open(base)) {
            HttpStatusException e = assertThrows(HttpStatusException.class,
                    () -> t.query(QueryLevel.SERIES, KEYS, r -> true));
            assertEquals(401, e.httpStatus());
            assertTrue(e.getMessage().contains("QIDO-RS series on 127.0.0.1:"), e.getMessage());
            assertTrue(e.getMessage().contains("HTTP 401 Unauthorized: the server asks for credentials and none are "
                    + "configured"), e.getMessage());
            HttpStatusException e2 = assertThrows(HttpStatusException.class,
                    () -> t.query(QueryLevel.SERIES, KEYS, r -> true));
            assertEquals(500, e2.httpStatus());
            assertTrue(e2.getMessage().contains("HTTP 500 Internal Server Error"), e2.getMessage());
            assertEquals(2, seen.size());
            noUidIn(e);
            noUidIn(e2);
        }
    }

    @Test
    void basicAndBearerCredentialsTravelInTheAuthorizationHeader() throws Exception {
        URI base = serve((ex, call) -> json(ex, 200, "[]"));
        AtomicInteger renewed = new AtomicInteger();
        List<HttpAuthentication> auths = List.of(HttpAuthentication.basic("etl", "pä:ss".toCharArray()),
                HttpAuthentication.bearer("abc.DEF-123"),
                HttpAuthentication.bearer(() -> "token" + renewed.incrementAndGet()));
        DicomWebTransportProvider p = new DicomWebTransportProvider();
        for (HttpAuthentication a : auths) {
            try (Transport t = p.open(settings(base, Duration.ofSeconds(5), a, 2))) {
                t.query(QueryLevel.SERIES, KEYS, r -> true);
                t.query(QueryLevel.SERIES, KEYS, r -> true);
            }
            assertFalse(a.toString().contains("etl") || a.toString().contains("abc") || a.toString().contains("token"));
        }
        assertEquals("Basic " + java.util.Base64.getEncoder().encodeToString("etl:pä:ss".getBytes(
                StandardCharsets.UTF_8)), authorizations.get(0));
        assertEquals("Bearer abc.DEF-123", authorizations.get(2));
        assertEquals(List.of("Bearer token1", "Bearer token2"), authorizations.subList(4, 6),
                "a supplied token is asked for before each request");
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsATimeout() throws Exception {
        URI base = serve((ex, call) -> {
            Thread.sleep(3000);
            json(ex, 200, "[]");
        });
        try (Transport t = DicomWebTransportProvider.builder().build().open(settings(base, Duration.ofMillis(500),
                HttpAuthentication.none(), 2))) {
            DicomTimeoutException e = assertThrows(DicomTimeoutException.class,
                    () -> t.query(QueryLevel.SERIES, KEYS, r -> true));
            assertTrue(e.getMessage().contains("did not answer QIDO-RS series within PT0.5S (response timeout)"),
                    e.getMessage());
        }
    }

    @Test
    void aBodyThatStallsIsATimeoutToo() throws Exception {
        URI base = serve((ex, call) -> {
            ex.getResponseHeaders().set("Content-Type", "application/dicom+json");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write("[{\"0020000D\":".getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(3000);
        });
        try (Transport t = DicomWebTransportProvider.builder().build().open(settings(base, Duration.ofMillis(700),
                HttpAuthentication.none(), 2))) {
            long t0 = System.nanoTime();
            DicomTimeoutException e = assertThrows(DicomTimeoutException.class,
                    () -> t.query(QueryLevel.SERIES, KEYS, r -> true));
            assertTrue(System.nanoTime() - t0 < 2_500_000_000L, "gave up before the server went on");
            assertTrue(e.getMessage().contains("stopped sending the response"), e.getMessage());
        }
    }

    @Test
    void aServerThatIsNotThereIsANetworkFailureNotATimeout() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (Transport t = open(URI.create("http://127.0.0.1:" + port + "/dicom-web"))) {
            DicomNetworkException e = assertThrows(DicomNetworkException.class,
                    () -> t.query(QueryLevel.SERIES, KEYS, r -> true));
            assertFalse(e instanceof DicomTimeoutException);
            assertTrue(e.getMessage().contains("cannot connect to 127.0.0.1:" + port), e.getMessage());
        }
    }

    @Test
    void requestsAtOnceNeverExceedTheLimit() throws Exception {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        URI base = serve((ex, call) -> {
            int n = now.incrementAndGet();
            most.accumulateAndGet(n, Math::max);
            Thread.sleep(150);
            now.decrementAndGet();
            json(ex, 200, series(0, 1));
        });
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try (Transport t = DicomWebTransportProvider.builder().build().open(settings(base, Duration.ofSeconds(5),
                HttpAuthentication.none(), 2))) {
            List<Future<QueryOutcome>> f = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                f.add(pool.submit(() -> t.query(QueryLevel.SERIES, KEYS, r -> true)));
            }
            for (Future<QueryOutcome> x : f) {
                assertEquals(1, x.get(20, TimeUnit.SECONDS).results());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, most.get(), "two requests at once, as maxAssociations says");
    }

    @Test
    void pagingFollowsTheWarningOfAServerThatCapsAndRefusesOneThatIgnoresTheOffset() throws Exception {
        // a server that caps every page at 2 whatever the limit, and says so
        URI base = serve((ex, call) -> {
            String q = ex.getRequestURI().getQuery();
            int offset = q.contains("offset=") ? Integer.parseInt(q.replaceAll(".*offset=([0-9]+).*", "$1")) : 0;
            if (offset + 2 < 5) {
                ex.getResponseHeaders().set("Warning", "299 test: There are more results");
            }
            json(ex, 200, series(offset, Math.min(5, offset + 2)));
        });
        try (Transport t = open(DicomWebTransportProvider.builder().pageSize(10).build(), base)) {
            List<DicomObject> got = new ArrayList<>();
            assertEquals(5, t.query(QueryLevel.SERIES, KEYS, got::add).results());
            assertEquals(3, seen.size());
            assertTrue(seen.get(0).contains("/studies/" + STUDY + "/series?"), seen.get(0));
            assertTrue(seen.get(0).contains("includefield=0020000E") && seen.get(0).contains("limit=10"), seen.get(0));
            assertTrue(seen.get(1).endsWith("offset=2"), seen.get(1));
        }
        stop();
        seen.clear();
        URI stubborn = serve((ex, call) -> json(ex, 200, series(0, 2)));
        try (Transport t = open(DicomWebTransportProvider.builder().pageSize(2).build(), stubborn)) {
            DicomNetworkException e = assertThrows(DicomNetworkException.class,
                    () -> t.query(QueryLevel.SERIES, KEYS, r -> true));
            assertTrue(e.getMessage().contains("ignore the offset"), e.getMessage());
            assertEquals(2, seen.size());
        }
    }

    @Test
    void anAnswerThatIsNotDicomJsonIsRefusedInWords() throws Exception {
        URI base = serve((ex, call) -> {
            byte[] b = "<html>login</html>".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
        });
        try (Transport t = open(base)) {
            DicomNetworkException e = assertThrows(DicomNetworkException.class,
                    () -> t.query(QueryLevel.SERIES, KEYS, r -> true));
            assertTrue(e.getMessage().contains("Content-Type 'text/html', not DICOM JSON"), e.getMessage());
        }
    }

    @TempDir
    Path keys;

    @Test
    void httpsUsesTheTlsContextGivenAndRefusesAnUntrustedServer() throws Exception {
        char[] pw = "s3cret-Pw".toCharArray();
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg",
                "SHA256withECDSA", "-dname", "CN=i4dw-web-test", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity",
                "2", "-storetype", "PKCS12", "-keystore", "server.p12", "-storepass", new String(pw), "-keypass",
                new String(pw));
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", "server.p12", "-storepass", new String(pw),
                "-file", "server.pem");
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", "server.pem", "-storetype", "PKCS12",
                "-keystore", "trust.p12", "-storepass", new String(pw));
        SSLContext serverContext = Tls.context(keys.resolve("server.p12"), pw, keys.resolve("trust.p12"), pw);
        SSLContext clientContext = Tls.builder().trustStore(keys.resolve("trust.p12"), pw).build().sslContext();
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        https.createContext("/dicom-web", ex -> {
            json(ex, 200, series(0, 3));
            ex.close();
        });
        https.start();
        try {
            URI base = URI.create("https://127.0.0.1:" + https.getAddress().getPort() + "/dicom-web");
            try (Transport t = DicomWebTransportProvider.builder().sslContext(clientContext).build().open(
                    settings(base, Duration.ofSeconds(5), HttpAuthentication.none(), 2))) {
                assertEquals(3, t.query(QueryLevel.SERIES, KEYS, r -> true).results());
            }
            try (Transport t = new DicomWebTransportProvider().open(settings(base, Duration.ofSeconds(5),
                    HttpAuthentication.none(), 2))) {
                DicomNetworkException e = assertThrows(DicomNetworkException.class,
                        () -> t.query(QueryLevel.SERIES, KEYS, r -> true));
                assertTrue(e.getMessage().contains("TLS handshake"), e.getMessage());
                assertInstanceOf(DicomNetworkException.class, e);
            }
        } finally {
            https.stop(0);
        }
    }

    private void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).directory(keys.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertEquals(Duration.ofSeconds(7), WebClient.parseRetryAfter(" 7 ").orElseThrow());
        assertEquals(Duration.ZERO, WebClient.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT").orElseThrow(),
                "a date in the past: at once");
        assertTrue(WebClient.parseRetryAfter("soon").isEmpty());
        assertTrue(WebClient.parseRetryAfter("-3").isEmpty());
    }
}
