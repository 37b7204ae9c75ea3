/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.i4dw.api.I4dwConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real dcmtk {@code dcmqrscp} (Debian's {@code dcmtk} package) running on loopback in a fresh
 * temporary folder: a Query/Retrieve SCP answering C-ECHO, C-STORE, C-FIND, C-GET and C-MOVE for
 * one AE title. Built with {@link #builder()}; stopped, and its folder deleted, by
 * {@link #close()}.
 *
 * <pre>{@code
 * try (DcmqrscpPacs pacs = DcmqrscpPacs.builder()
 *         .peer(new DicomNode("DEST", "127.0.0.1", 11113))
 *         .start()) {
 *     LoadReport report = pacs.storeAll(folder);
 * }
 * }</pre>
 *
 * <p>Files are loaded over the network with dcmtk's {@code storescu}, so loading exercises
 * C-STORE. dcmqrscp 3.6.7 accepts uncompressed transfer syntaxes only (explicit and implicit VR
 * little endian, explicit big endian); files in compressed transfer syntaxes are reported as
 * rejected. Its association-profile option ({@code -xf}) would accept them, but then C-GET fails
 * with "Out of Resources - Sub-operations", so it is not used. dcmqrscp runs in its default
 * forking mode: {@code --single-process} crashes 3.6.7 after the first association.
 */
public final class DcmqrscpPacs implements AutoCloseable {

    /** The environment variable that overrides the dcmqrscp binary. */
    public static final String BINARY_ENV = "DCMQRSCP_BIN";

    /** Where Debian installs dcmqrscp. */
    public static final Path DEFAULT_BINARY = Path.of("/usr/bin/dcmqrscp");

    /** The calling AE title this fixture's own storescu and echoscu use. */
    public static final String FIXTURE_AE_TITLE = "I4DW-TESTKIT";

    private static final Logger LOG = LoggerFactory.getLogger(DcmqrscpPacs.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration LIMIT_WAIT = Duration.ofSeconds(15);

    private final String aeTitle;
    private final int dicomPort;
    private final Path directory;
    private final Path storageDir;
    private final Path logFile;
    private final List<DicomNode> peers;
    private final Process process;
    private final Path storescu;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private DcmqrscpPacs(Builder b, int dicomPort, Path directory, Process process) {
        this.aeTitle = b.aeTitle;
        this.dicomPort = dicomPort;
        this.directory = directory;
        this.storageDir = directory.resolve("storage");
        this.logFile = directory.resolve("dcmqrscp.log");
        this.peers = List.copyOf(b.peers.values());
        this.process = process;
        this.storescu = b.storescu;
        this.shutdownHook = new Thread(() -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Processes.deleteTree(directory);
        }, "i4dw-dcmqrscp-shutdown-" + dicomPort);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * A builder with the defaults: AE title {@code DCMQRSCP}, a free loopback port, no peers,
     * binary from {@value #BINARY_ENV} or {@code /usr/bin/dcmqrscp}, 30 s startup timeout.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The called AE title dcmqrscp answers to.
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
     * The DICOM port.
     *
     * @return the TCP port
     */
    public int dicomPort() {
        return dicomPort;
    }

    /**
     * The DICOM address of this server.
     *
     * @return AE title, host and port
     */
    public DicomNode node() {
        return new DicomNode(aeTitle, host(), dicomPort);
    }

    /**
     * The storage area of the AE title: received files and dcmqrscp's {@code index.dat}.
     *
     * @return the folder; deleted by {@link #close()}
     */
    public Path storageDir() {
        return storageDir;
    }

    /**
     * The temporary folder holding the configuration, storage and log.
     *
     * @return the folder; deleted by {@link #close()}
     */
    public Path directory() {
        return directory;
    }

    /**
     * dcmqrscp's verbose log.
     *
     * @return the log file inside {@link #directory()}
     */
    public Path logFile() {
        return logFile;
    }

    /**
     * The C-MOVE destinations configured in its host table.
     *
     * @return the peers, in the order given to the builder
     */
    public List<DicomNode> peers() {
        return peers;
    }

    /**
     * Sends one file with {@code storescu}.
     *
     * @param file a DICOM Part 10 file in an uncompressed transfer syntax
     * @return the SOP Instance UID dcmqrscp acknowledged
     * @throws I4dwConfigurationException if the file lies in {@value SampleCorpus#HAZARDOUS_FOLDER}
     * @throws PacsFixtureException if it is refused, with storescu's reason
     */
    public String store(Path file) {
        LoadReport report = storeAll(List.of(file));
        if (report.acceptedCount() != 1) {
            throw new PacsFixtureException("dcmqrscp " + aeTitle + " on port " + dicomPort + " did not store "
                    + file.getFileName() + ": " + report.rejected().get(0).reason());
        }
        return report.accepted().get(0).instanceId();
    }

    /**
     * Sends every file below a folder, recursively and in path order, or a single file, with one
     * {@code storescu} run. Files without the PS3.10 {@code DICM} marker are skipped; files that
     * cannot be negotiated or are refused are reported with storescu's reason;
     * {@value SampleCorpus#HAZARDOUS_FOLDER} is always left out.
     *
     * @param dirOrFile a folder or a file
     * @return one entry per file tried; accepted entries carry the SOP Instance UID
     */
    public LoadReport storeAll(Path dirOrFile) {
        return storeAll(SampleCorpus.candidates(dirOrFile));
    }

    /**
     * Sends the given files in order, with the same rules as {@link #storeAll(Path)}.
     *
     * @param files the files
     * @return one entry per file
     * @throws I4dwConfigurationException if one lies in {@value SampleCorpus#HAZARDOUS_FOLDER}
     */
    public LoadReport storeAll(List<Path> files) {
        for (Path file : files) {
            if (SampleCorpus.isHazardous(file)) {
                throw new I4dwConfigurationException("Refusing to send " + file.getFileName() + " from "
                        + SampleCorpus.HAZARDOUS_FOLDER + ": it crashes dcmtk");
            }
        }
        List<LoadReport.Rejected> rejected = new ArrayList<>();
        List<Path> toSend = new ArrayList<>();
        for (Path file : files) {
            if (SampleCorpus.isPart10(file)) {
                toSend.add(file.toAbsolutePath());
            } else {
                rejected.add(new LoadReport.Rejected(file, "not a DICOM Part 10 file (no DICM marker at offset 128)"));
            }
        }
        List<LoadReport.Accepted> accepted = new ArrayList<>();
        if (!toSend.isEmpty()) {
            List<String> command = new ArrayList<>(List.of(storescu.toString(), "-d", "--required", "--no-halt",
                    "-aet", FIXTURE_AE_TITLE, "-aec", aeTitle, host(), Integer.toString(dicomPort)));
            for (Path file : toSend) {
                command.add(file.toString());
            }
            Processes.Result result = Processes.run(command, TOOL_TIMEOUT, directory);
            // with a low association limit, the association of an earlier tool (the readiness
            // C-ECHO) may still count for a moment: a transient rejection is waited out
            long deadline = System.nanoTime() + LIMIT_WAIT.toNanos();
            while (rejectedTransient(result.output()) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PacsFixtureException("Interrupted while waiting to store into dcmqrscp", e);
                }
                result = Processes.run(command, TOOL_TIMEOUT, directory);
            }
            parseStorescu(result.output(), toSend, accepted, rejected);
        }
        LoadReport report = new LoadReport(accepted, rejected);
        LOG.info("dcmqrscp {} store: {} accepted, {} rejected", aeTitle, report.acceptedCount(), report.rejectedCount());
        return report;
    }

    /** Whether storescu's association was rejected as transient (dcmqrscp at its association limit). */
    private static boolean rejectedTransient(String storescuOutput) {
        return storescuOutput.contains("Association Rejected") && storescuOutput.contains("Rejected Transient");
    }

    /**
     * Reads storescu's debug output file by file. Only command-set lines (SOP Instance UID, DIMSE
     * status) and error lines are used; data-set contents are never copied into the report.
     */
    private static void parseStorescu(String output, List<Path> sent, List<LoadReport.Accepted> accepted,
            List<LoadReport.Rejected> rejected) {
        Map<String, Path> byName = new LinkedHashMap<>();
        for (Path p : sent) {
            byName.put(p.toString(), p);
        }
        Map<Path, String> outcome = new LinkedHashMap<>();
        Map<Path, String> uid = new LinkedHashMap<>();
        Path current = null;
        String warning = null;
        String[] lines = output.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("I: Sending file: ")) {
                current = byName.get(line.substring("I: Sending file: ".length()).trim());
                warning = null;
            } else if (line.startsWith("E: Store Failed, file: ")) {
                String name = line.substring("E: Store Failed, file: ".length());
                if (name.endsWith(":")) {
                    name = name.substring(0, name.length() - 1);
                }
                Path file = byName.get(name.trim());
                String reason = i + 1 < lines.length && lines[i + 1].startsWith("E: ")
                        ? lines[i + 1].substring(3).trim() : "store failed";
                if (warning != null) {
                    reason = reason + " (" + warning + ")";
                }
                if (file != null) {
                    outcome.put(file, "REJECTED:" + reason);
                }
            } else if (line.startsWith("W: DIMSE Warning: ")) {
                int colon = line.indexOf("): ");
                warning = colon > 0 ? line.substring(colon + 3).trim() : line.substring(3).trim();
            } else if (current != null && line.startsWith("D: Affected SOP Instance UID")) {
                uid.put(current, line.substring(line.indexOf(':', 3) + 1).trim());
            } else if (current != null && line.startsWith("D: DIMSE Status")) {
                String status = line.substring(line.indexOf(':', 3) + 1).trim();
                boolean ok = status.startsWith("0x0000") || status.startsWith("0xB");
                outcome.put(current, ok ? "OK" : "REJECTED:DIMSE status " + status);
            }
        }
        for (Path file : sent) {
            String o = outcome.get(file);
            if ("OK".equals(o) && uid.containsKey(file)) {
                accepted.add(new LoadReport.Accepted(file, uid.get(file)));
            } else if (o != null && o.startsWith("REJECTED:")) {
                rejected.add(new LoadReport.Rejected(file, o.substring("REJECTED:".length())));
            } else {
                rejected.add(new LoadReport.Rejected(file, "not sent: storescu found no usable presentation context"
                        + " or could not read the file"));
            }
        }
    }

    /**
     * Whether the dcmqrscp process is still running.
     *
     * @return true until it stops or is closed
     */
    public boolean isRunning() {
        return process.isAlive();
    }

    /**
     * Stops dcmqrscp and its forked association handlers (SIGTERM, then SIGKILL after a bounded
     * wait) and deletes its folder. Calling it again does nothing.
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
        LOG.info("dcmqrscp {} on port {} stopped", aeTitle, dicomPort);
        if (failure.isPresent()) {
            throw new PacsFixtureException("dcmqrscp stopped but its folder " + directory
                    + " could not be deleted", failure.get());
        }
    }

    @Override
    public String toString() {
        return "DcmqrscpPacs[" + aeTitle + ", DICOM " + dicomPort + "]";
    }

    /**
     * Settings of a {@link DcmqrscpPacs}; each is checked when set, and {@link #start()} checks the
     * binaries and starts the server. A builder may start several servers.
     */
    public static final class Builder {

        private String aeTitle = "DCMQRSCP";
        private int dicomPort;
        private final Map<String, DicomNode> peers = new LinkedHashMap<>();
        private Path binary = Processes.binaryFromEnvironment(BINARY_ENV, DEFAULT_BINARY);
        private Duration startupTimeout = Duration.ofSeconds(30);
        private int maxPduSize = 65536;
        private int maxAssociations = 16;
        private int maxStudies = 1000;
        private int maxMegabytesPerStudy = 1024;
        private Path parentDirectory;
        private Path storescu;
        private Path echoscu;

        private Builder() {
        }

        /**
         * The AE title dcmqrscp answers to (default {@code DCMQRSCP}); associations to other
         * called AE titles are rejected.
         *
         * @param aeTitle 1 to 16 characters, no spaces (the configuration file cannot carry them)
         * @return this builder
         * @throws I4dwConfigurationException if the title is invalid
         */
        public Builder aeTitle(String aeTitle) {
            this.aeTitle = noSpaces(DicomNode.checkAeTitle(aeTitle));
            return this;
        }

        private static String noSpaces(String aeTitle) {
            if (aeTitle.indexOf(' ') >= 0) {
                throw new I4dwConfigurationException("dcmqrscp's configuration file cannot carry an AE title "
                        + "with spaces, was '" + aeTitle + "'");
            }
            return aeTitle;
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
         * A known peer, written to the host table: C-MOVE can send to its AE title.
         *
         * @param peer the peer's AE title, host (name or IP address) and port
         * @return this builder
         * @throws I4dwConfigurationException if a peer with that AE title is already set
         */
        public Builder peer(DicomNode peer) {
            Objects.requireNonNull(peer, "peer");
            noSpaces(peer.aeTitle());
            if (peers.containsKey(peer.aeTitle())) {
                throw new I4dwConfigurationException("Peer AE title '" + peer.aeTitle() + "' is already set");
            }
            if (peer.host().matches(".*[\\s(),=\"].*")) {
                throw new I4dwConfigurationException("Peer host '" + peer.host() + "' holds characters the "
                        + "dcmqrscp host table cannot carry");
            }
            peers.put(peer.aeTitle(), peer);
            return this;
        }

        /**
         * The dcmqrscp binary (default: {@value #BINARY_ENV} if set, else {@code /usr/bin/dcmqrscp}).
         * storescu and echoscu are looked up next to it, then in {@code /usr/bin}, then on the PATH.
         *
         * @param binary the executable
         * @return this builder
         */
        public Builder binary(Path binary) {
            this.binary = Objects.requireNonNull(binary, "binary");
            return this;
        }

        /**
         * How long to wait for the port and a C-ECHO to succeed (default 30 s).
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
         * The maximum PDU size dcmqrscp receives (default 65536).
         *
         * @param bytes 4096 to 131072, as dcmqrscp allows
         * @return this builder
         * @throws I4dwConfigurationException if out of range
         */
        public Builder maxPduSize(int bytes) {
            if (bytes < 4096 || bytes > 131072) {
                throw new I4dwConfigurationException("max PDU size must be 4096 to 131072, was " + bytes);
            }
            this.maxPduSize = bytes;
            return this;
        }

        /**
         * The maximum number of simultaneous associations (default 16).
         *
         * @param count 1 or more
         * @return this builder
         * @throws I4dwConfigurationException if below 1
         */
        public Builder maxAssociations(int count) {
            if (count < 1) {
                throw new I4dwConfigurationException("max associations must be at least 1, was " + count);
            }
            this.maxAssociations = count;
            return this;
        }

        /**
         * The storage quota: dcmqrscp deletes the oldest study beyond {@code maxStudies}, and refuses
         * studies larger than {@code maxMegabytesPerStudy} (defaults 1000 and 1024).
         *
         * @param maxStudies 1 or more
         * @param maxMegabytesPerStudy 1 or more
         * @return this builder
         * @throws I4dwConfigurationException if either is below 1
         */
        public Builder quota(int maxStudies, int maxMegabytesPerStudy) {
            if (maxStudies < 1 || maxMegabytesPerStudy < 1) {
                throw new I4dwConfigurationException("quota must be at least 1 study and 1 MB per study, was "
                        + maxStudies + " studies, " + maxMegabytesPerStudy + " MB");
            }
            this.maxStudies = maxStudies;
            this.maxMegabytesPerStudy = maxMegabytesPerStudy;
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
         * Writes a fresh folder and {@code dcmqrscp.cfg}, starts dcmqrscp and waits until its port
         * accepts connections and a C-ECHO with {@code echoscu} succeeds. With an ephemeral port, a
         * failed start is retried once on a new port.
         *
         * @return the running server; close it
         * @throws I4dwConfigurationException if a binary is missing (the message names the Debian
         *     package)
         * @throws PacsFixtureException if dcmqrscp exits or is not ready in time, with its log tail
         */
        public DcmqrscpPacs start() {
            Processes.requireBinary(binary, "dcmqrscp", BINARY_ENV);
            storescu = Processes.dcmtkTool(binary, "storescu");
            echoscu = Processes.dcmtkTool(binary, "echoscu");
            try {
                return attempt();
            } catch (PacsFixtureException first) {
                if (dicomPort != 0) {
                    throw first;
                }
                LOG.warn("dcmqrscp did not start on an ephemeral port, retrying once: {}", first.getMessage());
                return attempt();
            }
        }

        private DcmqrscpPacs attempt() {
            int port = dicomPort != 0 ? dicomPort : Processes.freeLoopbackPorts(1)[0];
            Path dir;
            try {
                dir = parentDirectory == null ? Files.createTempDirectory("i4dw-dcmqrscp-")
                        : Files.createTempDirectory(parentDirectory, "i4dw-dcmqrscp-");
                Files.createDirectories(dir.resolve("storage"));
                Files.writeString(dir.resolve("dcmqrscp.cfg"), config(dir, port), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot prepare a dcmqrscp folder", e);
            }
            Path log = dir.resolve("dcmqrscp.log");
            long started = System.nanoTime();
            Process process;
            try {
                process = new ProcessBuilder(binary.toString(), "-c", dir.resolve("dcmqrscp.cfg").toString(),
                        "--verbose", "--disable-host-lookup", "--bit-preserving", "--max-pdu", Integer.toString(maxPduSize))
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
            } catch (IOException e) {
                Processes.deleteTree(dir);
                throw new PacsFixtureException("Cannot run " + binary, e);
            }
            try {
                awaitReady(process, port, log, dir);
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
            LOG.info("dcmqrscp {} ready on port {} in {} ms", aeTitle, port, (System.nanoTime() - started) / 1_000_000);
            return new DcmqrscpPacs(this, port, dir, process);
        }

        private void awaitReady(Process process, int port, Path log, Path dir) {
            long deadline = System.nanoTime() + startupTimeout.toNanos();
            String lastEcho = "no C-ECHO tried yet";
            while (true) {
                if (!process.isAlive()) {
                    throw new PacsFixtureException("dcmqrscp exited with code " + process.exitValue()
                            + " before becoming ready on port " + port + ". Log tail:" + System.lineSeparator()
                            + Processes.tail(log, 30));
                }
                if (Processes.acceptsConnection(port, Duration.ofSeconds(1))) {
                    Processes.Result echo = Processes.run(List.of(echoscu.toString(), "-aet", FIXTURE_AE_TITLE,
                            "-aec", aeTitle, "-to", "5", Processes.LOOPBACK, Integer.toString(port)),
                            Duration.ofSeconds(10), dir);
                    if (echo.exitCode() == 0) {
                        return;
                    }
                    lastEcho = "echoscu exit code " + echo.exitCode() + ": " + echo.output().strip();
                }
                if (System.nanoTime() > deadline) {
                    throw new PacsFixtureException("dcmqrscp not ready within " + startupTimeout + " on port " + port
                            + " (" + lastEcho + "). Log tail:" + System.lineSeparator() + Processes.tail(log, 30));
                }
                try {
                    Thread.sleep(25);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PacsFixtureException("Interrupted while waiting for dcmqrscp", e);
                }
            }
        }

        private String config(Path dir, int port) {
            StringBuilder sb = new StringBuilder();
            sb.append("# Written by the I4DW test kit for one test run.\n");
            sb.append("NetworkTCPPort  = ").append(port).append('\n');
            sb.append("MaxPDUSize      = ").append(maxPduSize).append('\n');
            sb.append("MaxAssociations = ").append(maxAssociations).append('\n');
            sb.append("\nHostTable BEGIN\n");
            int i = 1;
            for (DicomNode peer : peers.values()) {
                sb.append("peer").append(i++).append(" = (").append(peer.aeTitle()).append(", ")
                        .append(peer.host()).append(", ").append(peer.port()).append(")\n");
            }
            sb.append("HostTable END\n\nVendorTable BEGIN\nVendorTable END\n\nAETable BEGIN\n");
            sb.append(aeTitle).append(' ').append(dir.resolve("storage").toAbsolutePath()).append(" RW (")
                    .append(maxStudies).append(", ").append(maxMegabytesPerStudy).append("mb) ANY\n");
            sb.append("AETable END\n");
            return sb.toString();
        }
    }
}
