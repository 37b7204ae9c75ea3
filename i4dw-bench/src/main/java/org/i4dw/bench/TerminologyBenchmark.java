/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.i4dw.api.pivot.PivotElement;
import org.i4dw.api.terminology.DocumentIndexer;
import org.i4dw.api.terminology.Terminology;
import org.i4dw.api.terminology.TerminologyBuilder;
import org.i4dw.api.terminology.TerminologySettings;
import org.i4dw.data.DicomObject;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.ReadOptions;
import org.i4dw.spi.TerminologyProvider;
import org.i4dw.terminology.DcmehopTerminologyProvider;
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
 * Terminology speed on one thread. The header is a real one from ../shared/dicom-samples
 * ({@code mr}: Siemens MR slice, {@code ct}: GE CT slice, {@code rdsr}: Siemens CT dose report),
 * read up to Pixel Data.
 *
 * <ul>
 *   <li>{@link #add(ThreadCpu)}: headers added to a DCMEHOP builder per second (the target of issue #5 is
 *       50,000 per second per core). Each operation adds the header as a new document (10,000
 *       series of 1,000 patients, cycling); every 10,000 operations the builder's terminology is
 *       built and a new builder started, so that the key sets stay the size of a batch and the
 *       snapshot cost is in the score.</li>
 *   <li>{@link #index(ThreadCpu)}: headers turned into pivot elements per second by one shared
 *       {@link DocumentIndexer} (issue #6: de-identification, terminology and pivot share a budget
 *       of 50 µs of CPU per series).</li>
 * </ul>
 * Both report {@link ThreadCpu}'s CPU microseconds per operation besides the throughput.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class TerminologyBenchmark {

    private static final int BATCH = 10_000;

    /** Which header. */
    @Param({"mr", "ct", "rdsr"})
    public String header;

    private final TerminologyProvider provider = new DcmehopTerminologyProvider();
    private final DocumentIndexer indexer = provider.newIndexer(TerminologySettings.defaults());
    private DicomObject object;
    private TerminologyBuilder builder;
    private String[] documents;
    private String[] patients;
    private int counter;

    /** Reads the header and prepares the keys. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        object = DicomReader.read(Samples.file(header), ReadOptions.builder().headerOnly(true).build()).dataset();
        documents = new String[BATCH];
        patients = new String[BATCH];
        for (int i = 0; i < BATCH; i++) {
            documents[i] = "1.2.826.0.1.3680043.2.1125.8." + i;
            patients[i] = "P" + (i % 1000);
        }
        builder = provider.newBuilder(TerminologySettings.defaults());
    }

    /**
     * One header added as a new document; one snapshot per batch.
     *
     * @param cpu the CPU time counter
     * @return the terminology at the end of a batch, else null
     */
    @Benchmark
    public Terminology add(ThreadCpu cpu) {
        cpu.op();
        int i = counter++ % BATCH;
        builder.add(patients[i], documents[i], object);
        if (i == BATCH - 1) {
            Terminology t = builder.build();
            builder = provider.newBuilder(TerminologySettings.defaults());
            return t;
        }
        return null;
    }

    /**
     * One header turned into the elements of its pivot document.
     *
     * @param cpu the CPU time counter
     * @return the elements
     */
    @Benchmark
    public List<PivotElement> index(ThreadCpu cpu) {
        cpu.op();
        return indexer.index(object);
    }
}
