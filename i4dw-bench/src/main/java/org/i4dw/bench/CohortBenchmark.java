/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.i4dw.testkit.cohort.CohortManifest;
import org.i4dw.testkit.cohort.SyntheticCohort;
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
 * Writing a synthetic cohort of the test kit ({@link SyntheticCohort}): the time to write a whole
 * cohort to a fresh folder, files and ground truth, as integration tests and the demo do before
 * loading a PACS. Default shape: 200 patients with one MR prostate study (5 series) and one CT
 * study (3 series) each, i.e. 1,600 series and 4,600 files of 64 x 64 pixels. Each operation is one
 * whole write (JMH single shot); the folder is deleted after each, outside the measurement.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(1)
public class CohortBenchmark {

    /** Patients in the cohort. */
    @Param({"200"})
    public int patients;

    /** Instances per image series. */
    @Param({"3"})
    public int instancesPerSeries;

    private SyntheticCohort cohort;
    private Path dir;

    /** Builds the cohort's settings. */
    @Setup(Level.Trial)
    public void setUp() {
        cohort = SyntheticCohort.builder().patients(patients).seed(2026).instancesPerSeries(instancesPerSeries)
                .build();
    }

    /** A fresh folder name for each write. */
    @Setup(Level.Iteration)
    public void folder() throws IOException {
        dir = Files.createTempDirectory("i4dw-cohort-bench").resolve("cohort");
    }

    /** Writes the cohort. */
    @Benchmark
    public CohortManifest write() throws IOException {
        return cohort.write(dir);
    }

    /** Deletes what was written. */
    @TearDown(Level.Iteration)
    public void delete() throws IOException {
        try (Stream<Path> walk = Files.walk(dir.getParent())) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
