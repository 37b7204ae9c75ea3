/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.i4dw.data.DicomObject;
import org.i4dw.dicom.io.DicomFile;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Part 10 parsing speed on real files: headers per second (the score, one file per operation) and,
 * from the file sizes printed at setup, MB/s. Side by side with two baselines in the same run:
 * copying the file's bytes (the floor any parser pays in memory) and {@code Files.readAllBytes}
 * (the floor for a whole-file read from the page cache).
 *
 * <p>Samples: {@code mr} is a Siemens T2 TSE MR slice (Explicit VR LE, 313 KB), {@code ct} a GE CT
 * slice (526 KB), both from ../shared/dicom-samples (override the folder with -Di4dw.samples=DIR).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseBenchmark {

    /** Which sample file. */
    @Param({"mr", "ct"})
    public String sample;

    private Path file;
    private byte[] bytes;
    private ReadOptions headerOnly;
    private ReadOptions full;

    /** Loads the sample into memory and prints its size and element count. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        file = Samples.file(sample);
        bytes = Files.readAllBytes(file);
        headerOnly = ReadOptions.builder().headerOnly(true).build();
        full = ReadOptions.builder().headerOnly(false).bulkDataThreshold(Integer.MAX_VALUE).build();
        DicomObject ds = DicomReader.read(new ByteArrayInputStream(bytes), file.toString(), headerOnly).dataset();
        System.out.printf("%n[sample %s] %s: %d bytes, %d top-level elements%n", sample, file.getFileName(),
                bytes.length, ds.size());
    }

    /** Header only from memory: stops before Pixel Data. */
    @Benchmark
    public DicomFile headerOnlyFromMemory() throws IOException {
        return DicomReader.read(new ByteArrayInputStream(bytes), "bench", headerOnly);
    }

    /** Whole file from memory, pixel data read into memory. */
    @Benchmark
    public DicomFile fullFromMemory() throws IOException {
        return DicomReader.read(new ByteArrayInputStream(bytes), "bench", full);
    }

    /** Header only from the file (page cache): never reads the pixel bytes. */
    @Benchmark
    public DicomFile headerOnlyFromFile() throws IOException {
        return DicomReader.read(file, headerOnly);
    }

    /** Baseline: copying the file's bytes through an InputStream, no parsing. */
    @Benchmark
    public byte[] baselineCopyFromMemory() throws IOException {
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            return in.readAllBytes();
        }
    }

    /** Baseline: reading the whole file from the page cache, no parsing. */
    @Benchmark
    public byte[] baselineReadAllBytesFromFile() throws IOException {
        return Files.readAllBytes(file);
    }
}
