/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cache;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.i4dw.data.TransferSyntax;
import org.i4dw.spi.SeriesKey;
import org.i4dw.spi.SeriesStore;
import org.i4dw.spi.SeriesStoreException;
import org.i4dw.spi.SeriesStoreSettings;
import org.i4dw.spi.SeriesWriter;

/**
 * A second process for {@link ProcessTest}: writes into a store and reports on stdout, one line per
 * step, so the test knows when to kill it or what it did.
 *
 * <ul>
 * <li>{@code loop DIR FIRST N}: writes series 2.25.FIRST, 2.25.FIRST+1, ... of N sample files each,
 * forever; prints {@code BEGIN no} and {@code COMMITTED no}.
 * <li>{@code same-key DIR KEY WRITER ROUNDS N}: writes series KEY ROUNDS times, N instances tagged
 * with the writer and round in their preamble; prints {@code DONE}.
 * <li>{@code hold DIR KEY}: begins KEY, writes one instance, prints {@code HOLDING}, then on a stdin
 * line {@code commit} commits ({@code COMMITTED}) or on any other line aborts ({@code ABORTED}).
 * <li>{@code try-begin DIR KEY MILLIS}: prints {@code LOCKED} if it gets the key within MILLIS,
 * else {@code BUSY}.
 * </ul>
 */
public final class StoreWriterMain {

    private StoreWriterMain() {
    }

    /** The instance {@code i} of a tagged series: a sample file with "W{writer}R{round}" in its preamble. */
    static byte[] tagged(int i, int writer, int round) {
        byte[] b = Samples.bytes(i);
        byte[] tag = String.format("W%03dR%04d", writer, round).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(tag, 0, b, 0, tag.length);
        return b;
    }

    /** The tag of an instance written by {@link #tagged}. */
    static String tagOf(byte[] b) {
        return new String(b, 0, 9, StandardCharsets.US_ASCII);
    }

    /**
     * Runs one mode.
     *
     * @param args the mode and its arguments
     * @throws Exception on any failure (exit status 1)
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.US_ASCII);
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "loop" -> {
                long first = Long.parseLong(args[2]);
                int n = Integer.parseInt(args[3]);
                try (SeriesStore store = DiskSeriesStoreTest.open(dir)) {
                    for (long no = first; ; no++) {
                        out.println("BEGIN " + no);
                        try (SeriesWriter w = store.begin(SeriesKey.of("2.25." + no))) {
                            for (int i = 0; i < n; i++) {
                                w.add(Samples.sopUid(no, i), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                                        Samples.bytes((int) no + i));
                            }
                            w.commit();
                        }
                        out.println("COMMITTED " + no);
                    }
                }
            }
            case "same-key" -> {
                SeriesKey key = SeriesKey.of(args[2]);
                int writer = Integer.parseInt(args[3]);
                int rounds = Integer.parseInt(args[4]);
                int n = Integer.parseInt(args[5]);
                try (SeriesStore store = DiskSeriesStoreTest.open(dir)) {
                    for (int r = 0; r < rounds; r++) {
                        try (SeriesWriter w = store.begin(key)) {
                            for (int i = 0; i < n; i++) {
                                w.add(key + "." + (i + 1), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                                        tagged(i, writer, r));
                            }
                            w.commit();
                        }
                    }
                }
                out.println("DONE");
            }
            case "hold" -> {
                SeriesKey key = SeriesKey.of(args[2]);
                try (SeriesStore store = DiskSeriesStoreTest.open(dir); SeriesWriter w = store.begin(key)) {
                    w.add(key + ".1", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Samples.bytes(0));
                    out.println("HOLDING");
                    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII))
                            .readLine();
                    if ("commit".equals(line)) {
                        w.commit();
                        out.println("COMMITTED");
                    } else {
                        w.abort();
                        out.println("ABORTED");
                    }
                }
            }
            case "try-begin" -> {
                SeriesKey key = SeriesKey.of(args[2]);
                SeriesStoreSettings s = SeriesStoreSettings.builder(dir)
                        .lockTimeout(Duration.ofMillis(Long.parseLong(args[3]))).build();
                try (SeriesStore store = new DiskSeriesStoreProvider().open(s)) {
                    try (SeriesWriter w = store.begin(key)) {
                        out.println("LOCKED");
                    } catch (SeriesStoreException e) {
                        out.println("BUSY");
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }
}
