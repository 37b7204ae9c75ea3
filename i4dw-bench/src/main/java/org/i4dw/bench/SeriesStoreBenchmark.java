/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;
import org.i4dw.cache.DiskSeriesStoreProvider;
import org.i4dw.data.TransferSyntax;
import org.i4dw.spi.CachedInstance;
import org.i4dw.spi.CachedSeries;
import org.i4dw.spi.SeriesKey;
import org.i4dw.spi.SeriesManifest;
import org.i4dw.spi.SeriesStore;
import org.i4dw.spi.SeriesStoreSettings;
import org.i4dw.spi.SeriesWriter;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The {@code disk} series store (issue #7): milliseconds to write or read one whole series of
 * {@link #instances} instances, each the real GE CT sample file (526,474 bytes, ~512 KB; 26.3 MB per
 * series of 50), side by side with plain files in one folder as the baselines. MB/s = series bytes
 * / time per operation.
 *
 * <ul>
 * <li>{@code writeStore}: {@code begin}, {@code add} of every instance from memory (each fsync'ed),
 * {@code commit} (manifest, fsyncs, atomic rename; the previous copy of the same key is replaced and
 * deleted, as the baselines overwrite their files).
 * <li>{@code writePlain}: {@code Files.write} of each file (no fsync): the floor of any writer.
 * <li>{@code writePlainFsync}: each file written and forced, then the folder forced: the floor of a
 * durable writer.
 * <li>{@code readStore}: {@code lookup} and {@code readInstance} of each (SHA-256 checked).
 * <li>{@code readStoreStream}: {@code openInstance} of each, read through in 64 KiB chunks (checked).
 * <li>{@code readPlain}: {@code Files.readAllBytes} of each file, unchecked.
 * </ul>
 *
 * The folder is under {@code java.io.tmpdir} (pass {@code -jvmArgs -Djava.io.tmpdir=/dev/shm} to
 * measure without a disk); reads are from the page cache.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(1)
public class SeriesStoreBenchmark {

    /** Instances per series. */
    @Param({"50"})
    public int instances;

    private static final SeriesKey WRITE_KEY = SeriesKey.of("2.25.7001");
    private static final SeriesKey READ_KEY = SeriesKey.of("2.25.7002");

    private byte[][] content;
    private Path root;
    private Path plain;
    private Path plainFsync;
    private Path plainRead;
    private SeriesStore store;
    private byte[] chunk;

    /** Reads the sample, opens the store, writes the series and files that the reads read. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        byte[] ct = Files.readAllBytes(Samples.file("ct"));
        content = new byte[instances][];
        for (int i = 0; i < instances; i++) {
            content[i] = ct.clone();
            byte[] tag = String.format("instance %05d", i).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(tag, 0, content[i], 0, tag.length); // in the 128-byte preamble
        }
        root = Files.createTempDirectory("i4dw-store-bench");
        plain = Files.createDirectory(root.resolve("plain"));
        plainFsync = Files.createDirectory(root.resolve("plain-fsync"));
        plainRead = Files.createDirectory(root.resolve("plain-read"));
        store = new DiskSeriesStoreProvider().open(SeriesStoreSettings.builder(root.resolve("store")).build());
        write(READ_KEY);
        for (int i = 0; i < instances; i++) {
            Files.write(plainRead.resolve(i + ".dcm"), content[i]);
        }
        chunk = new byte[64 * 1024];
    }

    /** Closes the store and deletes every file. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private SeriesManifest write(SeriesKey key) {
        try (SeriesWriter w = store.begin(key)) {
            for (int i = 0; i < instances; i++) {
                w.add(key + "." + (i + 1), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, content[i]);
            }
            return w.commit();
        }
    }

    /** One whole series into the store. */
    @Benchmark
    public SeriesManifest writeStore() {
        return write(WRITE_KEY);
    }

    /** Baseline: plain {@code Files.write} of every file. */
    @Benchmark
    public Path writePlain() throws IOException {
        Path last = null;
        for (int i = 0; i < instances; i++) {
            last = Files.write(plain.resolve(i + ".dcm"), content[i]);
        }
        return last;
    }

    /** Baseline: every file written and forced to disk, then the folder forced. */
    @Benchmark
    public long writePlainFsync() throws IOException {
        long n = 0;
        for (int i = 0; i < instances; i++) {
            try (FileChannel ch = FileChannel.open(plainFsync.resolve(i + ".dcm"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(content[i]);
                while (b.hasRemaining()) {
                    n += ch.write(b);
                }
                ch.force(true);
            }
        }
        try (FileChannel dir = FileChannel.open(plainFsync, StandardOpenOption.READ)) {
            dir.force(true);
        }
        return n;
    }

    /** One whole series from the store, every instance checked. */
    @Benchmark
    public void readStore(Blackhole bh) {
        CachedSeries s = store.lookup(READ_KEY).orElseThrow();
        for (CachedInstance ci : s.manifest().instances()) {
            bh.consume(s.readInstance(ci.sopInstanceUid()));
        }
    }

    /** One whole series from the store as streams, every instance checked. */
    @Benchmark
    public long readStoreStream() throws IOException {
        CachedSeries s = store.lookup(READ_KEY).orElseThrow();
        long n = 0;
        for (CachedInstance ci : s.manifest().instances()) {
            try (InputStream in = s.openInstance(ci.sopInstanceUid())) {
                int r;
                while ((r = in.read(chunk)) > 0) {
                    n += r;
                }
            }
        }
        return n;
    }

    /** Baseline: {@code Files.readAllBytes} of every file, unchecked. */
    @Benchmark
    public void readPlain(Blackhole bh) throws IOException {
        for (int i = 0; i < instances; i++) {
            bh.consume(Files.readAllBytes(plainRead.resolve(i + ".dcm")));
        }
    }
}
