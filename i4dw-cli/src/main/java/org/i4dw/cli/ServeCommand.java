/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.api.PacsBridge;
import org.i4dw.spi.PivotSerializerProvider;
import org.i4dw.spi.ProviderRegistry;
import org.i4dw.spi.TerminologyProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code i4dw serve}: the REST facade ({@link RestServer}) over one bridge, until the process is
 * stopped (SIGINT/SIGTERM close the bridge's associations cleanly).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve extractions over HTTP: POST /extractions, GET /terminology, GET /health.",
            "POST /extractions {\"accessionNumbers\": [...], \"features\": [...], \"cache\": false} streams the "
                    + "pivot documents back as they are made."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private BridgeOptions bridgeOptions;

    @Option(names = "--http-port", paramLabel = "N", defaultValue = "8080",
            description = "The HTTP port (0: any free port). Default: ${DEFAULT-VALUE}.")
    private int httpPort;

    @Option(names = "--bind", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "The address to listen on. Default: ${DEFAULT-VALUE} (loopback only).")
    private String bind;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PacsBridge bridge;
        try {
            bridge = bridgeOptions.build();
        } catch (I4dwConfigurationException | IllegalArgumentException e) {
            err.println("i4dw serve: " + e.getMessage());
            err.flush();
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopped.countDown();
            try {
                closed.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "i4dw-serve-stop");
        try (PacsBridge b = bridge;
                RestServer server = new RestServer(b,
                        ProviderRegistry.builder(PivotSerializerProvider.class, "i4dw-pivot").build().best(),
                        ProviderRegistry.builder(TerminologyProvider.class, "i4dw-terminology").build().best(), bind,
                        httpPort)) {
            Runtime.getRuntime().addShutdownHook(hook);
            out.println("i4dw serve: listening on http://" + bind + ":" + server.port() + " (POST /extractions, "
                    + "GET /terminology, GET /health); stop with Ctrl-C");
            out.flush();
            stopped.await();
            return 0;
        } catch (IOException e) {
            err.println("i4dw serve: cannot listen on " + bind + ":" + httpPort + ": " + e.getMessage());
            err.flush();
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            closed.countDown();
        }
    }
}
