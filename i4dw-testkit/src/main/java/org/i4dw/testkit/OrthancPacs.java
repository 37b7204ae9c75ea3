/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.i4dw.api.I4dwConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Orthanc server (Debian's {@code orthanc} package) running on loopback in a fresh temporary
 * folder, for integration tests. Built with {@link #builder()}; stopped, and its folder deleted, by
 * {@link #close()}.
 *
 * <pre>{@code
 * try (OrthancPacs pacs = OrthancPacs.builder().aeTitle("PACS").start()) {
 *     String id = pacs.upload(file);
 *     byte[] stored = pacs.instanceFile(id);
 * }
 * }</pre>
 *
 * <p>Orthanc is configured to keep files exactly as received ({@code StorageCompression} off, no
 * ingest transcoding), to check the called AE title, to answer C-ECHO, C-STORE, C-FIND, C-GET and
 * C-MOVE from any calling AE, to overwrite instances that are sent again, and to refuse HTTP
 * clients other than loopback ({@code RemoteAccessAllowed} false). HTTP authentication is off
 * unless {@link Builder#credentials(String, String)} turns it on; C-GET can be refused with
 * {@link Builder#dimseGet(boolean)}. Orthanc 1.10.1 has no option to
 * choose the listening address: both ports listen on every interface, so tests should not run on
 * hosts exposed to untrusted networks.
 *
 * <p>For fault tests, {@link #kill()} kills the process with SIGKILL (no clean shutdown) and
 * {@link #restart()} starts it again on the same ports and storage, waiting for readiness.
 *
 * <p>Instances are thread-safe: every operation is a stateless REST call, and {@link #kill()} may
 * be called from any thread, for example from the sink of a batch that is running.
 */
public final class OrthancPacs implements AutoCloseable {

    /** The environment variable that overrides the Orthanc binary. */
    public static final String BINARY_ENV = "ORTHANC_BIN";

    /** The environment variable that overrides the DICOMweb plugin file. */
    public static final String DICOMWEB_PLUGIN_ENV = "ORTHANC_DICOMWEB_PLUGIN";

    /** Where Debian installs the Orthanc binary. */
    public static final Path DEFAULT_BINARY = Path.of("/usr/sbin/Orthanc");

    /** Where Debian's {@code orthanc-dicomweb} installs the plugin. */
    public static final Path DEFAULT_DICOMWEB_PLUGIN = Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");

    private static final Logger LOG = LoggerFactory.getLogger(OrthancPacs.class);
    private static final Pattern ORTHANC_ID = Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{8}){4}");
    private static final Pattern MODALITY_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final String aeTitle;
    private final int dicomPort;
    private final int httpPort;
    private final boolean dicomWeb;
    private final String authorization;
    private final Path directory;
    private final Path logFile;
    private final Path binary;
    private final Duration startupTimeout;
    private volatile Process process;
    private final HttpClient http;
    private final URI restBase;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private OrthancPacs(Builder b, int dicomPort, int httpPort, Path directory, Process process, HttpClient http) {
        this.aeTitle = b.aeTitle;
        this.dicomPort = dicomPort;
        this.httpPort = httpPort;
        this.dicomWeb = b.dicomWeb;
        this.authorization = b.authorization();
        this.directory = directory;
        this.logFile = directory.resolve("orthanc.log");
        this.binary = b.binary;
        this.startupTimeout = b.startupTimeout;
        this.process = process;
        this.http = http;
        this.restBase = URI.create("http://" + Processes.LOOPBACK + ":" + httpPort + "/");
        this.shutdownHook = new Thread(() -> {
            Process p = this.process;
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Processes.deleteTree(directory);
        }, "i4dw-orthanc-shutdown-" + httpPort);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * A builder with the defaults: AE title {@code ORTHANC}, free loopback ports, DICOMweb on,
     * binary from {@value #BINARY_ENV} or {@code /usr/sbin/Orthanc}, 30 s startup timeout.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The called AE title Orthanc answers to.
     *
     * @return the AE title
     */
    public String aeTitle() {
        return aeTitle;
    }

    /**
     * The address to connect to.
     *
     * @return {@code 127.0.0.1}
     */
    public String host() {
        return Processes.LOOPBACK;
    }

    /**
     * The DICOM (DIMSE) port.
     *
     * @return the TCP port
     */
    public int dicomPort() {
        return dicomPort;
    }

    /**
     * The HTTP (REST and DICOMweb) port.
     *
     * @return the TCP port
     */
    public int httpPort() {
        return httpPort;
    }

    /**
     * The DICOM address of this server.
     *
     * @return AE title, host and DICOM port
     */
    public DicomNode node() {
        return new DicomNode(aeTitle, host(), dicomPort);
    }

    /**
     * The root of Orthanc's REST API.
     *
     * @return {@code http://127.0.0.1:<httpPort>/}
     */
    public URI restBaseUri() {
        return restBase;
    }

    /**
     * The root of the DICOMweb plugin (QIDO-RS, WADO-RS, STOW-RS).
     *
     * @return {@code http://127.0.0.1:<httpPort>/dicom-web/}
     * @throws IllegalStateException if the server was built with DICOMweb off
     */
    public URI dicomWebBaseUri() {
        if (!dicomWeb) {
            throw new IllegalStateException("This Orthanc was started with DICOMweb off");
        }
        return restBase.resolve("dicom-web/");
    }

    /**
     * The temporary folder holding the configuration, storage, index and log.
     *
     * @return the folder; deleted by {@link #close()}
     */
    public Path directory() {
        return directory;
    }

    /**
     * Orthanc's standard output and error.
     *
     * @return the log file inside {@link #directory()}
     */
    public Path logFile() {
        return logFile;
    }

    /**
     * Uploads one DICOM file ({@code POST /instances}).
     *
     * @param file a DICOM Part 10 file
     * @return Orthanc's instance id
     * @throws I4dwConfigurationException if the file lies in {@value SampleCorpus#HAZARDOUS_FOLDER}
     * @throws PacsFixtureException if Orthanc refuses it, with Orthanc's error name
     * @throws UncheckedIOException if the file cannot be read
     */
    public String upload(Path file) {
        refuseHazardous(file);
        Outcome outcome = post(file);
        if (outcome.instanceId == null) {
            throw new PacsFixtureException("Orthanc on HTTP port " + httpPort + " refused "
                    + file.getFileName() + ": " + outcome.reason);
        }
        return outcome.instanceId;
    }

    /**
     * Uploads every file below a folder, recursively and in path order, or a single file. Files
     * without the PS3.10 {@code DICM} marker are skipped without being sent; files Orthanc refuses
     * are reported with its error; {@value SampleCorpus#HAZARDOUS_FOLDER} is always left out.
     *
     * @param dirOrFile a folder or a file
     * @return one entry per file tried
     * @throws UncheckedIOException if the folder cannot be listed or a file cannot be read
     */
    public LoadReport uploadAll(Path dirOrFile) {
        return uploadAll(SampleCorpus.candidates(dirOrFile));
    }

    /**
     * Uploads the given files in order, with the same rules as {@link #uploadAll(Path)}.
     *
     * @param files the files
     * @return one entry per file
     * @throws I4dwConfigurationException if one lies in {@value SampleCorpus#HAZARDOUS_FOLDER}
     */
    public LoadReport uploadAll(List<Path> files) {
        List<LoadReport.Accepted> accepted = new ArrayList<>();
        List<LoadReport.Rejected> rejected = new ArrayList<>();
        for (Path file : files) {
            refuseHazardous(file);
        }
        for (Path file : files) {
            if (!SampleCorpus.isPart10(file)) {
                rejected.add(new LoadReport.Rejected(file, "not a DICOM Part 10 file (no DICM marker at offset 128)"));
                continue;
            }
            Outcome outcome = post(file);
            if (outcome.instanceId != null) {
                accepted.add(new LoadReport.Accepted(file, outcome.instanceId));
            } else {
                rejected.add(new LoadReport.Rejected(file, outcome.reason));
            }
        }
        LoadReport report = new LoadReport(accepted, rejected);
        LOG.info("Orthanc {} upload: {} accepted, {} rejected", aeTitle, report.acceptedCount(), report.rejectedCount());
        return report;
    }

    /**
     * The file Orthanc stored for an instance ({@code GET /instances/{id}/file}).
     *
     * @param instanceId an Orthanc instance id
     * @return the file's bytes
     * @throws PacsFixtureException if there is no such instance
     */
    public byte[] instanceFile(String instanceId) {
        checkId(instanceId);
        HttpResponse<byte[]> response = send(request("instances/" + instanceId + "/file").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        expectOk(response.statusCode(), "GET /instances/{id}/file", response.body());
        return response.body();
    }

    /**
     * Orthanc ids of every patient ({@code GET /patients}).
     *
     * @return the ids
     */
    public List<String> patients() {
        return stringList(getJson("patients"), "patients");
    }

    /**
     * Orthanc ids of every study ({@code GET /studies}).
     *
     * @return the ids
     */
    public List<String> studies() {
        return stringList(getJson("studies"), "studies");
    }

    /**
     * Orthanc ids of every series ({@code GET /series}).
     *
     * @return the ids
     */
    public List<String> series() {
        return stringList(getJson("series"), "series");
    }

    /**
     * Orthanc ids of every instance ({@code GET /instances}).
     *
     * @return the ids
     */
    public List<String> instances() {
        return stringList(getJson("instances"), "instances");
    }

    /**
     * The Study Instance UIDs of every study stored.
     *
     * @return the UIDs, in Orthanc's order
     */
    public List<String> studyInstanceUids() {
        return mainTag("studies?expand", "StudyInstanceUID");
    }

    /**
     * The Series Instance UIDs of every series stored.
     *
     * @return the UIDs, in Orthanc's order
     */
    public List<String> seriesInstanceUids() {
        return mainTag("series?expand", "SeriesInstanceUID");
    }

    /**
     * Orthanc's counts ({@code GET /statistics}).
     *
     * @return patients, studies, series, instances and disk size
     */
    public OrthancStatistics statistics() {
        Map<String, Object> map = object(getJson("statistics"), "statistics");
        return new OrthancStatistics(number(map, "CountPatients"), number(map, "CountStudies"),
                number(map, "CountSeries"), number(map, "CountInstances"), number(map, "TotalDiskSize"));
    }

    /**
     * Registers (or replaces) a remote modality, for example a C-MOVE destination
     * ({@code PUT /modalities/{name}}).
     *
     * @param name Orthanc's symbolic name: letters, digits, {@code _} and {@code -}
     * @param node the modality's AE title, host and port
     * @throws I4dwConfigurationException if the name is invalid
     */
    public void registerModality(String name, DicomNode node) {
        checkModalityName(name);
        Objects.requireNonNull(node, "node");
        String body = "{\"AET\":" + Json.quote(node.aeTitle()) + ",\"Host\":" + Json.quote(node.host())
                + ",\"Port\":" + node.port() + "}";
        HttpResponse<byte[]> response = send(request("modalities/" + name)
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        expectOk(response.statusCode(), "PUT /modalities/" + name, response.body());
    }

    /**
     * The symbolic names of the registered modalities ({@code GET /modalities}).
     *
     * @return the names
     */
    public List<String> modalities() {
        return stringList(getJson("modalities"), "modalities");
    }

    /**
     * Deletes every patient, and so every study, series and instance.
     */
    public void deleteAll() {
        for (String patient : patients()) {
            HttpResponse<byte[]> response = send(request("patients/" + patient).DELETE().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            expectOk(response.statusCode(), "DELETE /patients/{id}", response.body());
        }
    }

    /**
     * Whether the Orthanc process is still running.
     *
     * @return true until it stops or is closed
     */
    public boolean isRunning() {
        return process.isAlive();
    }

    /**
     * Kills Orthanc at once with SIGKILL, as a crash or an operator's {@code kill -9} would: no
     * clean shutdown, open associations and HTTP connections are cut, the storage and index stay
     * as they were at that instant. Returns when the process is gone. The folder is kept, so
     * {@link #restart()} can start Orthanc again on it; {@link #close()} still removes it.
     *
     * @throws PacsFixtureException if the process is still alive after the grace period
     * @throws IllegalStateException if this server was closed
     */
    public void kill() {
        requireOpen();
        Process p = process;
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            if (!p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new PacsFixtureException("Orthanc on DICOM port " + dicomPort + " survived SIGKILL for "
                        + STOP_GRACE.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PacsFixtureException("Interrupted while waiting for Orthanc to die", e);
        }
        LOG.info("Orthanc {} on DICOM port {} killed (SIGKILL)", aeTitle, dicomPort);
    }

    /**
     * Starts Orthanc again on the same ports, configuration and storage, and waits until it is
     * ready as {@link Builder#start()} does. A server still running is first stopped cleanly
     * (SIGTERM, then SIGKILL after a bounded wait). What was stored before survives: Orthanc
     * reopens its index and files.
     *
     * @throws PacsFixtureException if Orthanc exits or is not ready within the startup timeout
     *     (for example because another process took one of its ports meanwhile), with its log tail
     * @throws IllegalStateException if this server was closed
     */
    public void restart() {
        requireOpen();
        Process old = process;
        if (old.isAlive()) {
            try {
                Processes.stop(old, STOP_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                old.destroyForcibly();
                throw new PacsFixtureException("Interrupted while stopping Orthanc for a restart", e);
            }
        }
        long started = System.nanoTime();
        Process p;
        try {
            p = Builder.launch(binary, directory, logFile, true);
        } catch (IOException e) {
            throw new PacsFixtureException("Cannot run " + binary, e);
        }
        process = p;
        if (closed) {
            p.destroyForcibly();
            throw new IllegalStateException("This Orthanc was closed during its restart");
        }
        try {
            Builder.awaitReady(p, http, dicomPort, httpPort, logFile, startupTimeout, authorization);
        } catch (RuntimeException e) {
            try {
                Processes.stop(p, STOP_GRACE);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
            throw e;
        }
        LOG.info("Orthanc {} restarted on DICOM port {} and HTTP port {} in {} ms", aeTitle, dicomPort, httpPort,
                (System.nanoTime() - started) / 1_000_000);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("This Orthanc was closed");
        }
    }

    /**
     * Stops Orthanc (SIGTERM, then SIGKILL after a bounded wait) and deletes its folder. Calling it
     * again does nothing.
     *
     * @throws PacsFixtureException if the folder cannot be deleted
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Processes.stop(process, STOP_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook will run anyway; nothing to undo.
            }
        }
        Optional<IOException> failure = Processes.deleteTree(directory);
        LOG.info("Orthanc {} on DICOM port {} stopped", aeTitle, dicomPort);
        if (failure.isPresent()) {
            throw new PacsFixtureException("Orthanc stopped but its folder " + directory
                    + " could not be deleted", failure.get());
        }
    }

    @Override
    public String toString() {
        return "OrthancPacs[" + aeTitle + ", DICOM " + dicomPort + ", HTTP " + httpPort + "]";
    }

    private static final class Outcome {
        final String instanceId;
        final String reason;

        Outcome(String instanceId, String reason) {
            this.instanceId = instanceId;
            this.reason = reason;
        }
    }

    private Outcome post(Path file) {
        HttpRequest request;
        try {
            request = request("instances").header("Content-Type", "application/dicom")
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        HttpResponse<byte[]> response = send(request, HttpResponse.BodyHandlers.ofByteArray());
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() != 200) {
            return new Outcome(null, "HTTP " + response.statusCode() + " " + orthancError(body));
        }
        try {
            Object id = object(Json.parse(body), "POST /instances").get("ID");
            if (id instanceof String s) {
                return new Outcome(s, null);
            }
        } catch (IOException e) {
            throw new PacsFixtureException("Unreadable reply from Orthanc to POST /instances", e);
        }
        return new Outcome(null, "HTTP 200 without an instance ID");
    }

    private static String orthancError(String body) {
        try {
            Object parsed = Json.parse(body);
            if (parsed instanceof Map<?, ?> map) {
                Object message = map.get("Message");
                if (message == null) {
                    message = map.get("OrthancError");
                }
                if (message != null) {
                    return message.toString();
                }
            }
        } catch (IOException e) {
            return "(reply is not JSON)";
        }
        return "(no error message)";
    }

    private List<String> mainTag(String path, String keyword) {
        List<String> values = new ArrayList<>();
        Object parsed = getJson(path);
        if (!(parsed instanceof List<?> list)) {
            throw new PacsFixtureException("Orthanc's reply to GET /" + path + " is not a list");
        }
        for (Object item : list) {
            Object tags = object(item, path).get("MainDicomTags");
            Object value = tags instanceof Map<?, ?> m ? m.get(keyword) : null;
            if (value instanceof String s) {
                values.add(s);
            }
        }
        return values;
    }

    private Object getJson(String path) {
        HttpResponse<byte[]> response = send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        expectOk(response.statusCode(), "GET /" + path, response.body());
        try {
            return Json.parse(new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PacsFixtureException("Unreadable reply from Orthanc to GET /" + path, e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(restBase.resolve(path)).timeout(REQUEST_TIMEOUT);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return send(http, request, handler, httpPort);
    }

    private static <T> HttpResponse<T> send(HttpClient client, HttpRequest request,
            HttpResponse.BodyHandler<T> handler, int port) {
        try {
            return client.send(request, handler);
        } catch (IOException e) {
            throw new PacsFixtureException("HTTP " + request.method() + " to Orthanc on port " + port + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PacsFixtureException("Interrupted during HTTP " + request.method() + " to Orthanc", e);
        }
    }

    private void expectOk(int status, String what, byte[] body) {
        if (status != 200) {
            throw new PacsFixtureException("Orthanc on HTTP port " + httpPort + " answered " + what + " with HTTP "
                    + status + " " + orthancError(new String(body, StandardCharsets.UTF_8)));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object parsed, String what) {
        if (parsed instanceof Map<?, ?>) {
            return (Map<String, Object>) parsed;
        }
        throw new PacsFixtureException("Orthanc's reply to " + what + " is not a JSON object");
    }

    private static List<String> stringList(Object parsed, String what) {
        if (!(parsed instanceof List<?> list)) {
            throw new PacsFixtureException("Orthanc's reply to GET /" + what + " is not a list");
        }
        List<String> result = new ArrayList<>(list.size());
        for (Object item : list) {
            result.add(String.valueOf(item));
        }
        return List.copyOf(result);
    }

    private static long number(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value instanceof BigDecimal d) {
            return d.longValueExact();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new PacsFixtureException("Orthanc statistic " + key + " is not a number", e);
            }
        }
        throw new PacsFixtureException("Orthanc statistics lack " + key);
    }

    private static void checkId(String id) {
        if (id == null || !ORTHANC_ID.matcher(id).matches()) {
            throw new I4dwConfigurationException("Not an Orthanc id: '" + id + "'");
        }
    }

    private static String checkModalityName(String name) {
        if (name == null || !MODALITY_NAME.matcher(name).matches()) {
            throw new I4dwConfigurationException(
                    "Modality name must be 1 to 64 letters, digits, '_' or '-', was '" + name + "'");
        }
        return name;
    }

    private static void refuseHazardous(Path file) {
        if (SampleCorpus.isHazardous(file)) {
            throw new I4dwConfigurationException("Refusing to upload " + file.getFileName() + " from "
                    + SampleCorpus.HAZARDOUS_FOLDER + ": it crashes Orthanc 1.10.1");
        }
    }

    /**
     * Settings of an {@link OrthancPacs}; each is checked when set, and {@link #start()} checks the
     * binaries and starts the server. A builder may start several servers.
     */
    public static final class Builder {

        private String aeTitle = "ORTHANC";
        private int dicomPort;
        private int httpPort;
        private boolean dicomWeb = true;
        private boolean dimseGet = true;
        private String user;
        private String password;
        private final Map<String, DicomNode> modalities = new LinkedHashMap<>();
        private Path binary = Processes.binaryFromEnvironment(BINARY_ENV, DEFAULT_BINARY);
        private Path dicomWebPlugin = Processes.binaryFromEnvironment(DICOMWEB_PLUGIN_ENV, DEFAULT_DICOMWEB_PLUGIN);
        private Duration startupTimeout = Duration.ofSeconds(30);
        private Path parentDirectory;
        private int limitFindResults;
        private int limitFindInstances;

        private Builder() {
        }

        /**
         * The AE title Orthanc answers to (default {@code ORTHANC}); Orthanc checks it on every
         * association.
         *
         * @param aeTitle 1 to 16 characters
         * @return this builder
         * @throws I4dwConfigurationException if the title is invalid
         */
        public Builder aeTitle(String aeTitle) {
            this.aeTitle = DicomNode.checkAeTitle(aeTitle);
            return this;
        }

        /**
         * A fixed DICOM port instead of a free ephemeral one.
         *
         * @param port 1 to 65535
         * @return this builder
         * @throws I4dwConfigurationException if out of range
         */
        public Builder dicomPort(int port) {
            this.dicomPort = DicomNode.checkPort(port, "DICOM port");
            return this;
        }

        /**
         * A fixed HTTP port instead of a free ephemeral one.
         *
         * @param port 1 to 65535
         * @return this builder
         * @throws I4dwConfigurationException if out of range
         */
        public Builder httpPort(int port) {
            this.httpPort = DicomNode.checkPort(port, "HTTP port");
            return this;
        }

        /**
         * Whether to load the DICOMweb plugin (default true).
         *
         * @param enabled true to serve {@code /dicom-web/}
         * @return this builder
         */
        public Builder dicomWeb(boolean enabled) {
            this.dicomWeb = enabled;
            return this;
        }

        /**
         * Whether Orthanc serves C-GET (default true). When false, C-GET is refused to every
         * calling AE, registered remote modalities included (each gets {@code "AllowGet": false}),
         * while C-FIND and C-MOVE are still served: a PACS on which a retrieval chain must fall
         * back from C-GET to C-MOVE.
         *
         * @param enabled false to refuse C-GET
         * @return this builder
         */
        public Builder dimseGet(boolean enabled) {
            this.dimseGet = enabled;
            return this;
        }

        /**
         * Makes Orthanc cut C-FIND answers short, as a PACS that caps its results does: its
         * {@code LimitFindResults} (the most matches at PATIENT, STUDY and SERIES level) and
         * {@code LimitFindInstances} (at IMAGE level). A query with more matches gets the first
         * ones as pending responses and ends with the final status Cancel (FE00H, "matching
         * terminated") instead of Success; the counts Orthanc reports (Number of Study Related
         * Series, Number of Series Related Instances) stay exact. Default 0 for both: no limit.
         *
         * @param results the most matches per query at PATIENT, STUDY and SERIES level, 0 for none
         * @param instances the most matches per query at IMAGE level, 0 for none
         * @return this builder
         * @throws I4dwConfigurationException if either is negative
         */
        public Builder limitFind(int results, int instances) {
            if (results < 0 || instances < 0) {
                throw new I4dwConfigurationException("Orthanc's C-FIND limits must be >= 0 (0: no limit), got "
                        + results + " results and " + instances + " instances");
            }
            this.limitFindResults = results;
            this.limitFindInstances = instances;
            return this;
        }

        /**
         * Turns HTTP authentication on (REST and DICOMweb): Orthanc's {@code AuthenticationEnabled}
         * with one registered user. The fixture's own requests send these credentials (HTTP Basic).
         *
         * @param user the user name: letters, digits, {@code _}, {@code -} and {@code .}
         * @param password the password: printable ASCII without {@code "} or {@code \}
         * @return this builder
         * @throws I4dwConfigurationException if either holds other characters or is empty
         */
        public Builder credentials(String user, String password) {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (!user.matches("[A-Za-z0-9_.-]{1,64}")) {
                throw new I4dwConfigurationException("Orthanc user must be 1 to 64 letters, digits, '_', '-' or '.'");
            }
            if (!password.matches("[\\x21\\x23-\\x5b\\x5d-\\x7e]{1,128}")) {
                throw new I4dwConfigurationException("Orthanc password must be 1 to 128 printable ASCII characters "
                        + "without spaces, '\"' or '\\'");
            }
            this.user = user;
            this.password = password;
            return this;
        }

        /** The Authorization header of the fixture's own requests, or null without credentials. */
        private String authorization() {
            if (user == null) {
                return null;
            }
            return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
        }

        /**
         * A remote modality known from the start, for example a C-MOVE destination.
         *
         * @param name Orthanc's symbolic name: letters, digits, {@code _} and {@code -}
         * @param node its AE title, host and port
         * @return this builder
         * @throws I4dwConfigurationException if the name is invalid or already used
         */
        public Builder remoteModality(String name, DicomNode node) {
            checkModalityName(name);
            Objects.requireNonNull(node, "node");
            if (modalities.containsKey(name)) {
                throw new I4dwConfigurationException("Remote modality '" + name + "' is already set");
            }
            modalities.put(name, node);
            return this;
        }

        /**
         * The Orthanc binary (default: {@value #BINARY_ENV} if set, else {@code /usr/sbin/Orthanc}).
         *
         * @param binary the executable
         * @return this builder
         */
        public Builder binary(Path binary) {
            this.binary = Objects.requireNonNull(binary, "binary");
            return this;
        }

        /**
         * The DICOMweb plugin (default: {@value #DICOMWEB_PLUGIN_ENV} if set, else Debian's path).
         *
         * @param plugin the shared library
         * @return this builder
         */
        public Builder dicomWebPlugin(Path plugin) {
            this.dicomWebPlugin = Objects.requireNonNull(plugin, "plugin");
            return this;
        }

        /**
         * How long to wait for Orthanc to answer on both ports (default 30 s).
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws I4dwConfigurationException if not positive
         */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = Processes.checkTimeout(timeout, "startup timeout");
            return this;
        }

        /**
         * Where to create the server's temporary folder (default: the system temporary folder).
         *
         * @param parent an existing folder
         * @return this builder
         */
        public Builder parentDirectory(Path parent) {
            this.parentDirectory = Objects.requireNonNull(parent, "parent");
            return this;
        }

        /**
         * Writes a fresh folder and configuration, starts Orthanc and waits until {@code GET /system}
         * answers and the DICOM port accepts connections. When both ports are ephemeral, a failed start
         * is retried once on new ports (another process may have taken one between the pick and the
         * bind).
         *
         * @return the running server; close it
         * @throws I4dwConfigurationException if a binary is missing (the message names the Debian
         *     packages) or the ports coincide
         * @throws PacsFixtureException if Orthanc exits or is not ready in time, with its log tail
         */
        public OrthancPacs start() {
            Processes.requireBinary(binary, "Orthanc", BINARY_ENV);
            if (dicomWeb) {
                if (!Files.isRegularFile(dicomWebPlugin) || !Files.isReadable(dicomWebPlugin)) {
                    throw new I4dwConfigurationException("Orthanc DICOMweb plugin not found or not readable at "
                            + dicomWebPlugin + " (set " + DICOMWEB_PLUGIN_ENV + ", call dicomWebPlugin(..) or "
                            + "dicomWeb(false)). On Debian or Ubuntu install it with: " + Processes.INSTALL_HINT);
                }
            }
            if (dicomPort != 0 && dicomPort == httpPort) {
                throw new I4dwConfigurationException("DICOM and HTTP ports must differ, both were " + dicomPort);
            }
            boolean ephemeral = dicomPort == 0 && httpPort == 0;
            try {
                return attempt();
            } catch (PacsFixtureException first) {
                if (!ephemeral) {
                    throw first;
                }
                LOG.warn("Orthanc did not start on ephemeral ports, retrying once on new ports: {}", first.getMessage());
                return attempt();
            }
        }

        private OrthancPacs attempt() {
            int[] free = Processes.freeLoopbackPorts(2);
            int dicom = dicomPort != 0 ? dicomPort : (free[0] != httpPort ? free[0] : free[1]);
            int httpP = httpPort != 0 ? httpPort : (free[1] != dicom ? free[1] : free[0]);
            Path dir;
            try {
                dir = parentDirectory == null ? Files.createTempDirectory("i4dw-orthanc-")
                        : Files.createTempDirectory(parentDirectory, "i4dw-orthanc-");
                Files.createDirectories(dir.resolve("storage"));
                Files.writeString(dir.resolve("orthanc.json"), config(dir, dicom, httpP), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot prepare an Orthanc folder", e);
            }
            Path log = dir.resolve("orthanc.log");
            long started = System.nanoTime();
            Process process;
            try {
                process = launch(binary, dir, log, false);
            } catch (IOException e) {
                Processes.deleteTree(dir);
                throw new PacsFixtureException("Cannot run " + binary, e);
            }
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            try {
                awaitReady(process, client, dicom, httpP, log, startupTimeout, authorization());
            } catch (RuntimeException e) {
                try {
                    Processes.stop(process, Duration.ofSeconds(5));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                }
                Processes.deleteTree(dir);
                throw e;
            }
            LOG.info("Orthanc {} ready on DICOM port {} and HTTP port {} in {} ms", aeTitle, dicom, httpP,
                    (System.nanoTime() - started) / 1_000_000);
            return new OrthancPacs(this, dicom, httpP, dir, process, client);
        }

        /** Runs Orthanc on the configuration of {@code dir}, its output to {@code log}. */
        static Process launch(Path binary, Path dir, Path log, boolean appendLog) throws IOException {
            return new ProcessBuilder(binary.toString(), dir.resolve("orthanc.json").toString())
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(log.toFile())
                            : ProcessBuilder.Redirect.to(log.toFile()))
                    .start();
        }

        static void awaitReady(Process process, HttpClient client, int dicom, int httpP, Path log,
                Duration startupTimeout, String authorization) {
            long deadline = System.nanoTime() + startupTimeout.toNanos();
            URI system = URI.create("http://" + Processes.LOOPBACK + ":" + httpP + "/system");
            boolean httpReady = false;
            while (true) {
                if (!process.isAlive()) {
                    throw new PacsFixtureException("Orthanc exited with code " + process.exitValue()
                            + " before becoming ready (DICOM port " + dicom + ", HTTP port " + httpP
                            + "). Log tail:" + System.lineSeparator() + Processes.tail(log, 30));
                }
                if (!httpReady) {
                    try {
                        HttpRequest.Builder rb = HttpRequest.newBuilder(system).timeout(Duration.ofSeconds(2)).GET();
                        if (authorization != null) {
                            rb.header("Authorization", authorization);
                        }
                        HttpResponse<Void> r = client.send(rb.build(), HttpResponse.BodyHandlers.discarding());
                        httpReady = r.statusCode() == 200;
                    } catch (IOException notYet) {
                        httpReady = false;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new PacsFixtureException("Interrupted while waiting for Orthanc", e);
                    }
                }
                if (httpReady && Processes.acceptsConnection(dicom, Duration.ofSeconds(1))) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new PacsFixtureException("Orthanc not ready within " + startupTimeout + " (HTTP "
                            + (httpReady ? "answered" : "silent") + " on port " + httpP + ", DICOM port " + dicom
                            + "). Log tail:" + System.lineSeparator() + Processes.tail(log, 30));
                }
                try {
                    Thread.sleep(25);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PacsFixtureException("Interrupted while waiting for Orthanc", e);
                }
            }
        }

        private String config(Path dir, int dicom, int httpP) {
            String storage = dir.resolve("storage").toString();
            StringBuilder modalitiesJson = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<String, DicomNode> e : modalities.entrySet()) {
                if (!first) {
                    modalitiesJson.append(',');
                }
                first = false;
                DicomNode n = e.getValue();
                if (dimseGet) {
                    modalitiesJson.append(Json.quote(e.getKey())).append(":[").append(Json.quote(n.aeTitle()))
                            .append(',').append(Json.quote(n.host())).append(',').append(n.port()).append(']');
                } else {
                    modalitiesJson.append(Json.quote(e.getKey())).append(":{\"AET\":").append(Json.quote(n.aeTitle()))
                            .append(",\"Host\":").append(Json.quote(n.host())).append(",\"Port\":").append(n.port())
                            .append(",\"AllowGet\":false}");
                }
            }
            modalitiesJson.append('}');
            String plugins = dicomWeb ? "[" + Json.quote(dicomWebPlugin.toAbsolutePath().toString()) + "]" : "[]";
            return "{\n"
                    + "  \"Name\": \"I4DW test Orthanc\",\n"
                    + "  \"StorageDirectory\": " + Json.quote(storage) + ",\n"
                    + "  \"IndexDirectory\": " + Json.quote(storage) + ",\n"
                    + "  \"StorageCompression\": false,\n"
                    + "  \"OverwriteInstances\": true,\n"
                    + "  \"HttpPort\": " + httpP + ",\n"
                    + "  \"HttpServerEnabled\": true,\n"
                    + "  \"RemoteAccessAllowed\": false,\n"
                    + "  \"AuthenticationEnabled\": " + (user != null) + ",\n"
                    + (user == null ? "" : "  \"RegisteredUsers\": {" + Json.quote(user) + ": " + Json.quote(password)
                            + "},\n")
                    + "  \"HttpCompressionEnabled\": false,\n"
                    + "  \"HttpThreadsCount\": 16,\n"
                    + "  \"WebDavEnabled\": false,\n"
                    + "  \"MetricsEnabled\": false,\n"
                    + "  \"SaveJobs\": false,\n"
                    + "  \"ConcurrentJobs\": 2,\n"
                    + "  \"DicomServerEnabled\": true,\n"
                    + "  \"DicomAet\": " + Json.quote(aeTitle) + ",\n"
                    + "  \"DicomPort\": " + dicom + ",\n"
                    + "  \"DicomCheckCalledAet\": true,\n"
                    + "  \"DicomAlwaysAllowEcho\": true,\n"
                    + "  \"DicomAlwaysAllowStore\": true,\n"
                    + "  \"DicomAlwaysAllowFind\": true,\n"
                    + "  \"DicomAlwaysAllowGet\": " + dimseGet + ",\n"
                    + "  \"DicomAlwaysAllowMove\": true,\n"
                    + "  \"DicomCheckModalityHost\": false,\n"
                    + "  \"UnknownSopClassAccepted\": true,\n"
                    + "  \"LimitFindResults\": " + limitFindResults + ",\n"
                    + "  \"LimitFindInstances\": " + limitFindInstances + ",\n"
                    + "  \"DicomModalities\": " + modalitiesJson + ",\n"
                    + "  \"DicomModalitiesInDatabase\": false,\n"
                    + "  \"DeidentifyLogs\": true,\n"
                    + "  \"Plugins\": " + plugins + ",\n"
                    + "  \"DicomWeb\": { \"Enable\": " + dicomWeb + ", \"Root\": \"/dicom-web/\" }\n"
                    + "}\n";
        }
    }
}
