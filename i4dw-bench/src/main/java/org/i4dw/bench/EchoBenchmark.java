/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.i4dw.api.AeTitle;
import org.i4dw.api.PacsAddress;
import org.i4dw.dicom.net.DimseClient;
import org.i4dw.dicom.net.NetworkOptions;
import org.i4dw.testkit.OrthancPacs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One C-ECHO round trip on a kept (pooled) association against a local Orthanc (Debian's, started
 * by the benchmark on loopback), with and without quick ACKs re-armed before each read. Without
 * them, Orthanc's Nagle algorithm waits for our delayed ACK (~40 ms) before it sends its answer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class EchoBenchmark {

    /** Quick ACK on or off. */
    @Param({"true", "false"})
    public boolean quickAck;

    private OrthancPacs pacs;
    private DimseClient client;

    /** Starts Orthanc and opens the association. */
    @Setup(Level.Trial)
    public void setUp() {
        pacs = OrthancPacs.builder().start();
        client = DimseClient.builder()
                .pacs(new PacsAddress(AeTitle.of(pacs.aeTitle()), pacs.host(), pacs.dicomPort()))
                .callingAeTitle("I4DW-BENCH")
                .networkOptions(NetworkOptions.builder().quickAck(quickAck).build())
                .maxAssociations(1)
                .build();
        client.echo();
    }

    /** Releases the association and stops Orthanc. */
    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
        pacs.close();
    }

    /** One C-ECHO-RQ / C-ECHO-RSP on the kept association. */
    @Benchmark
    public Duration echo() {
        return client.echo();
    }
}
