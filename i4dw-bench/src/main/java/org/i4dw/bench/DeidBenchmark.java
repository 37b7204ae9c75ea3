/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.deid.DeidProfile;
import org.i4dw.deid.Deidentifier;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.ReadOptions;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * De-identification speed: typical MR headers de-identified per second, on one thread (the target
 * of issue #4 is 100,000 per second per core). The header is the Siemens T2 TSE MR slice of
 * ../shared/dicom-samples read up to Pixel Data (override the folder with -Di4dw.samples=DIR).
 *
 * <p>{@code sameInstance} de-identifies the same header again and again: every UID is already in
 * the de-identifier's remap cache, as for the instances of one series after the first.
 * {@code newInstance} gives each operation a new SOP Instance UID (set on a copy of the header,
 * which the score includes), so that one HMAC-SHA256 remap is computed per header, as in a real
 * batch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class DeidBenchmark {

    /** The profile: {@code default} (I4DW's) or {@code basic}. */
    @Param({"default", "basic"})
    public String profile;

    private DicomObject header;
    private Deidentifier deidentifier;
    private long counter;

    /** Reads the header and builds the de-identifier. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        header = DicomReader.read(Samples.file("mr"), ReadOptions.builder().headerOnly(true).build()).dataset();
        deidentifier = Deidentifier.builder(DeidProfile.parse(profile))
                .key("benchmark key, not a secret at all".getBytes(StandardCharsets.US_ASCII)).build();
        System.out.printf("%n[%s] MR header of %d top-level elements%n", deidentifier.description(), header.size());
    }

    /** The same header each time (all UIDs cached). */
    @Benchmark
    public DicomObject sameInstance() {
        return deidentifier.deidentify(header);
    }

    /** A new SOP Instance UID each time (one keyed remap per header). */
    @Benchmark
    public DicomObject newInstance() {
        DicomObject h = header.toBuilder().set(Tag.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.9." + counter++)
                .build();
        return deidentifier.deidentify(h);
    }
}
