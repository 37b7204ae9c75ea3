/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.i4dw.api.I4dwConfigurationException;

/** Process, port and folder chores shared by the fixtures. */
final class Processes {

    /** The Debian packages that provide every binary the fixtures run. */
    static final String INSTALL_HINT = "apt-get install -y orthanc orthanc-dicomweb dcmtk";

    static final String LOOPBACK = "127.0.0.1";

    private Processes() {
    }

    /** The result of a finished helper command: its exit code and its merged output. */
    record Result(int exitCode, String output) {
    }

    /**
     * Resolves a binary: the environment variable if set, else the default path.
     *
     * @throws I4dwConfigurationException if the file is missing or not executable, naming the
     *     package to install
     */
    static Path requireBinary(Path binary, String what, String envVariable) {
        if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
            throw new I4dwConfigurationException(what + " binary not found or not executable at "
                    + binary + " (set " + envVariable + " or the builder's binary path to override). "
                    + "On Debian or Ubuntu install it with: " + INSTALL_HINT);
        }
        return binary;
    }

    /** The binary named by an environment variable, or the default. */
    static Path binaryFromEnvironment(String envVariable, Path defaultPath) {
        String value = System.getenv(envVariable);
        return value == null || value.isBlank() ? defaultPath : Path.of(value);
    }

    /** Locates a dcmtk tool next to another dcmtk binary, else in /usr/bin, else on the PATH. */
    static Path dcmtkTool(Path siblingBinary, String name) {
        List<Path> candidates = new ArrayList<>();
        Path parent = siblingBinary.toAbsolutePath().getParent();
        if (parent != null) {
            candidates.add(parent.resolve(name));
        }
        candidates.add(Path.of("/usr/bin", name));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, name));
                }
            }
        }
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new I4dwConfigurationException("dcmtk tool '" + name + "' not found next to "
                + siblingBinary + ", in /usr/bin or on the PATH. On Debian or Ubuntu install it with: "
                + INSTALL_HINT);
    }

    /** Picks distinct free ephemeral ports on loopback (bind to port 0, read, close). */
    static int[] freeLoopbackPorts(int count) {
        int[] ports = new int[count];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                held.add(socket);
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
                ports[i] = socket.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot pick a free loopback port", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing a listening socket that never accepted cannot lose anything.
                }
            }
        }
        return ports;
    }

    /** Whether a TCP connection to loopback:port succeeds within the timeout. */
    static boolean acceptsConnection(int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), (int) timeout.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The last lines of a log file, or a note why it cannot be read. */
    static String tail(Path log, int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no log written)";
            }
            List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            int from = Math.max(0, all.size() - lines);
            return String.join(System.lineSeparator(), all.subList(from, all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * Stops a process and its descendants: SIGTERM, wait up to {@code grace}, then SIGKILL and
     * wait again.
     */
    static void stop(Process process, Duration grace) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        for (ProcessHandle child : children) {
            child.destroy();
        }
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // A child that outlives SIGKILL and the grace period cannot be helped from here.
            }
        }
    }

    /**
     * Runs a short helper command (echoscu, storescu, ...) to completion with a timeout, merging
     * stderr into stdout.
     *
     * @throws PacsFixtureException if it cannot start or does not finish in time
     */
    static Result run(List<String> command, Duration timeout, Path workDir) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new PacsFixtureException("Cannot start " + command.get(0), e);
        }
        try {
            process.getOutputStream().close();
            byte[][] output = new byte[1][];
            Thread reader = new Thread(() -> {
                try (InputStream in = process.getInputStream()) {
                    output[0] = in.readAllBytes();
                } catch (IOException e) {
                    output[0] = ("(output unreadable: " + e.getMessage() + ")").getBytes(StandardCharsets.UTF_8);
                }
            }, "i4dw-testkit-output-reader");
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(process, Duration.ofSeconds(2));
                throw new PacsFixtureException(
                        Path.of(command.get(0)).getFileName() + " did not finish within " + timeout);
            }
            reader.join(timeout.toMillis());
            String text = output[0] == null ? "" : new String(output[0], StandardCharsets.ISO_8859_1);
            return new Result(process.exitValue(), text);
        } catch (IOException e) {
            throw new PacsFixtureException("I/O error talking to " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new PacsFixtureException("Interrupted while running " + command.get(0), e);
        }
    }

    /** Deletes a folder tree; returns the first failure, if any, after trying every entry. */
    static Optional<IOException> deleteTree(Path root) {
        if (!Files.exists(root)) {
            return Optional.empty();
        }
        IOException[] first = new IOException[1];
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    remember(exc);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
                    if (exc != null) {
                        remember(exc);
                    }
                    delete(dir);
                    return FileVisitResult.CONTINUE;
                }

                private void delete(Path p) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        remember(e);
                    }
                }

                private void remember(IOException e) {
                    if (first[0] == null) {
                        first[0] = e;
                    }
                }
            });
        } catch (IOException e) {
            return Optional.of(e);
        }
        return Optional.ofNullable(first[0]);
    }

    /** Checks a timeout setting. */
    static Duration checkTimeout(Duration timeout, String what) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new I4dwConfigurationException(what + " must be positive, was " + timeout);
        }
        return timeout;
    }
}
