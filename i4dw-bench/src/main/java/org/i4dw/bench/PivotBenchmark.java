/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.i4dw.api.pivot.PivotDocument;
import org.i4dw.pivot.PivotXmlSerializerProvider;
import org.i4dw.spi.PivotSerializerProvider;
import org.i4dw.spi.PivotSerializerProvider.PivotStreamWriter;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pivot XML speed, microseconds per document on one thread (the whole CPU budget per series for
 * de-identification, terminology and pivot together is 50 µs, issue #6). The documents are
 * {@link PivotDocuments}: {@code ct-150} (a CT series, 150 elements) and {@code rdsr-600} (a dose
 * report, 600 elements).
 *
 * <p>{@code write}: one document as a whole file ({@code write(doc, out)}) into a sink that counts
 * and drops the bytes. {@code stream}: one document into an open stream writer on such a sink,
 * flushed after each, as a batch is written. {@code read}: JAXB with schema validation, for
 * reference (reading is the CDW's side, not in the budget).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class PivotBenchmark {

    /** Which document. */
    @Param({"ct-150", "rdsr-600"})
    public String document;

    /** Counts the bytes it is given and keeps none. */
    static final class CountingSink extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    private final PivotSerializerProvider provider = new PivotXmlSerializerProvider();
    private PivotDocument doc;
    private CountingSink sink;
    private PivotStreamWriter stream;
    private byte[] xml;

    /** Builds the document, opens the stream, and writes the document once to read it back. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        doc = PivotDocuments.of(document, 42);
        sink = new CountingSink();
        stream = provider.openStream(sink);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        provider.write(doc, out);
        xml = out.toByteArray();
        if (!provider.read(new ByteArrayInputStream(xml)).equals(doc)) {
            throw new IllegalStateException("the benchmark document does not read back equal");
        }
        System.out.printf("%n[%s] %d elements, %d bytes of XML%n", document, doc.elements().size(), xml.length);
    }

    /** Closes the stream. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        stream.close();
    }

    /**
     * One document as a whole file.
     *
     * @return the bytes written so far
     * @throws IOException never (the sink does not fail)
     */
    @Benchmark
    public long write() throws IOException {
        provider.write(doc, sink);
        return sink.bytes;
    }

    /**
     * One document into an open stream.
     *
     * @return the bytes written so far
     * @throws IOException never (the sink does not fail)
     */
    @Benchmark
    public long stream() throws IOException {
        stream.write(doc);
        return sink.bytes;
    }

    /**
     * One document read and validated (reference only).
     *
     * @return the document
     * @throws IOException never (the input is in memory)
     */
    @Benchmark
    public PivotDocument read() throws IOException {
        return provider.read(new ByteArrayInputStream(xml));
    }
}
