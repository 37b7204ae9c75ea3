/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.i4dw.api.BatchOptions;
import org.i4dw.api.BatchReport;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.api.PacsBridge;
import org.i4dw.api.terminology.TerminologyFormat;
import org.i4dw.spi.PivotSerializerProvider;
import org.i4dw.spi.TerminologyProvider;
import org.i4dw.testkit.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST facade over one {@link PacsBridge} (the seed's web service), on the JDK's HTTP server:
 * <ul>
 * <li>{@code POST /extractions} with {@code {"accessionNumbers": [...], "features": [...], "cache": false}}
 *     streams the pivot documents back as one pivot XML stream, each document written as soon as
 *     its series is done (chunked; nothing is held). The response header
 *     {@code X-I4DW-Extraction} names the batch; its report is at
 *     {@code GET /extractions/ID/report} (the last {@value #KEPT_REPORTS} are kept).</li>
 * <li>{@code GET /terminology[?format=json|xml|tree]}: the terminology of everything extracted so far.</li>
 * <li>{@code GET /health}: {@code {"status": "UP", ...}}.</li>
 * </ul>
 * Bad JSON, unknown fields and unknown features get a 400 with a message that says what was wrong;
 * caching gets a 501 until this version has a series store.
 */
final class RestServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

    static final int KEPT_REPORTS = 100;

    /** The largest request body accepted, in bytes. */
    static final int MAX_BODY = 16 << 20;

    private final PacsBridge bridge;
    private final PivotSerializerProvider serializer;
    private final TerminologyProvider terminology;
    private final HttpServer server;
    private final ExecutorService threads;
    private final Map<String, BatchReport> reports = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BatchReport> eldest) {
            return size() > KEPT_REPORTS;
        }
    };

    RestServer(PacsBridge bridge, PivotSerializerProvider serializer, TerminologyProvider terminology, String host,
            int port) throws IOException {
        this.bridge = bridge;
        this.serializer = serializer;
        this.terminology = terminology;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 50);
        this.threads = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "i4dw-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/extractions", this::extractions);
        server.createContext("/terminology", this::terminology);
        server.createContext("/health", this::health);
        server.createContext("/", ex -> send(ex, 404, "no such resource: " + ex.getRequestURI().getPath()));
        server.start();
    }

    /** The port the server listens on. */
    int port() {
        return server.getAddress().getPort();
    }

    private void extractions(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (path.equals("/extractions") || path.equals("/extractions/")) {
                if (!"POST".equals(ex.getRequestMethod())) {
                    ex.getResponseHeaders().set("Allow", "POST");
                    send(ex, 405, "use POST on /extractions");
                    return;
                }
                extract(ex);
                return;
            }
            String[] parts = path.split("/");
            if (parts.length == 4 && parts[3].equals("report") && "GET".equals(ex.getRequestMethod())) {
                BatchReport r;
                synchronized (reports) {
                    r = reports.get(parts[2]);
                }
                if (r == null) {
                    send(ex, 404, "no report for extraction " + parts[2]);
                    return;
                }
                StringBuilder b = new StringBuilder();
                r.writeJson(b);
                sendBody(ex, 200, "application/json", b.toString());
                return;
            }
            send(ex, 404, "no such resource: " + path);
        }
    }

    private void extract(HttpExchange ex) throws IOException {
        Request request;
        try {
            request = Request.parse(readBody(ex));
        } catch (BadRequest e) {
            send(ex, e.status, e.getMessage());
            return;
        }
        if (request.cache) {
            send(ex, 501, "cache: true needs a series store (i4dw-cache), which this version does not ship yet");
            return;
        }
        String id = UUID.randomUUID().toString();
        LazyResponse out = new LazyResponse(ex, id);
        BatchReport report;
        try {
            PivotSerializerProvider.PivotStreamWriter[] writer = new PivotSerializerProvider.PivotStreamWriter[1];
            report = bridge.extract(request.accessionNumbers, doc -> {
                if (writer[0] == null) {
                    writer[0] = serializer.openStream(out);
                }
                writer[0].write(doc);
            }, request.features == null ? BatchOptions.defaults()
                    : BatchOptions.builder().features(request.features).build());
            if (writer[0] == null) {
                writer[0] = serializer.openStream(out);
            }
            writer[0].close();
            out.flush();
        } catch (I4dwConfigurationException e) {
            if (!out.started) {
                send(ex, 400, e.getMessage());
                return;
            }
            throw e;
        }
        synchronized (reports) {
            reports.put(id, report);
        }
        LOG.info("extraction {}: {}", id, report);
        out.close();
    }

    private void terminology(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod())) {
                send(ex, 405, "use GET on /terminology");
                return;
            }
            String query = ex.getRequestURI().getQuery();
            String format = query != null && query.startsWith("format=") ? query.substring(7) : "json";
            TerminologyFormat f;
            String type;
            switch (format.toLowerCase(Locale.ROOT)) {
                case "json":
                    f = TerminologyFormat.JSON;
                    type = "application/json";
                    break;
                case "xml":
                    f = TerminologyFormat.XML;
                    type = "application/xml";
                    break;
                case "tree":
                    f = TerminologyFormat.TREE;
                    type = "text/plain";
                    break;
                default:
                    send(ex, 400, "format must be json, xml or tree, got '" + format + "'");
                    return;
            }
            StringBuilder b = new StringBuilder();
            terminology.write(bridge.terminology(), f, b);
            sendBody(ex, 200, type, b.toString());
        }
    }

    private void health(HttpExchange ex) throws IOException {
        try (ex) {
            sendBody(ex, 200, "application/json", "{\"status\": \"UP\", \"mode\": "
                    + Json.quote(bridge.mode().name().toLowerCase(Locale.ROOT)) + ", \"features\": "
                    + quoteAll(bridge.features()) + "}\n");
        }
    }

    private static String quoteAll(List<String> list) {
        StringBuilder b = new StringBuilder("[");
        for (String s : list) {
            b.append(b.length() > 1 ? ", " : "").append(Json.quote(s));
        }
        return b.append(']').toString();
    }

    private static String readBody(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new BadRequest(413, "the request body is larger than " + MAX_BODY + " bytes");
            }
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static void send(HttpExchange ex, int status, String message) throws IOException {
        sendBody(ex, status, "application/json", "{\"status\": " + status + ", \"error\": " + Json.quote(message)
                + "}\n");
    }

    private static void sendBody(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(1);
        threads.shutdownNow();
    }

    /** A response body whose 200 headers are sent on the first write (so a bad request can still get a 400). */
    private final class LazyResponse extends OutputStream {
        private final HttpExchange ex;
        private final String id;
        private OutputStream body;
        private boolean started;

        LazyResponse(HttpExchange ex, String id) {
            this.ex = ex;
            this.id = id;
        }

        private OutputStream body() throws IOException {
            if (body == null) {
                started = true;
                ex.getResponseHeaders().set("Content-Type", serializer.mediaType() + "; charset=utf-8");
                ex.getResponseHeaders().set("X-I4DW-Extraction", id);
                ex.sendResponseHeaders(200, 0);
                body = ex.getResponseBody();
            }
            return body;
        }

        @Override
        public void write(int b) throws IOException {
            body().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            body().write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            body().flush();
        }

        @Override
        public void close() throws IOException {
            body().close();
        }
    }

    /** A request that gets a 4xx. */
    private static final class BadRequest extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** The body of POST /extractions. */
    private static final class Request {
        List<String> accessionNumbers;
        List<String> features;
        boolean cache;

        static Request parse(String body) throws BadRequest {
            Object json;
            try {
                json = Json.parse(body);
            } catch (IOException e) {
                throw new BadRequest(400, "the body is not JSON: " + e.getMessage());
            }
            if (!(json instanceof Map)) {
                throw new BadRequest(400, "the body must be a JSON object with accessionNumbers, features and cache");
            }
            Request r = new Request();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) json).entrySet()) {
                String key = String.valueOf(e.getKey());
                switch (key) {
                    case "accessionNumbers":
                        r.accessionNumbers = strings(key, e.getValue());
                        break;
                    case "features":
                        r.features = strings(key, e.getValue());
                        break;
                    case "cache":
                        if (!(e.getValue() instanceof Boolean)) {
                            throw new BadRequest(400, "cache must be true or false");
                        }
                        r.cache = (Boolean) e.getValue();
                        break;
                    default:
                        throw new BadRequest(400, "unknown field '" + key
                                + "'; the fields are accessionNumbers, features and cache");
                }
            }
            if (r.accessionNumbers == null) {
                throw new BadRequest(400, "accessionNumbers is missing");
            }
            return r;
        }

        private static List<String> strings(String key, Object value) throws BadRequest {
            if (!(value instanceof List)) {
                throw new BadRequest(400, key + " must be an array of strings");
            }
            List<String> out = new ArrayList<>();
            for (Object o : (List<?>) value) {
                if (!(o instanceof String)) {
                    throw new BadRequest(400, key + " must be an array of strings; found " + (o == null ? "null"
                            : o.getClass().getSimpleName().replace("BigDecimal", "a number")));
                }
                out.add((String) o);
            }
            return out;
        }
    }
}
