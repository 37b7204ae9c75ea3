/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.i4dw.api.BatchReport;
import org.i4dw.api.Mode;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.PacsBridge;
import org.i4dw.api.PacsStatistics;
import org.i4dw.spi.DeidentifierSpec;
import org.i4dw.testkit.OrthancPacs;
import org.i4dw.testkit.cohort.CohortManifest;
import org.i4dw.testkit.cohort.SyntheticCohort;

/**
 * Caching mode end to end against dcmtk, side by side in one run (issue #7): a synthetic cohort
 * in Orthanc; I4DW's PacsBridge in CACHING mode (C-FIND by accession number, C-GET of every
 * instance, de-identification of every whole instance, SHA-256, fsync'ed atomic commit into the
 * disk store, pivot documents) against the script the prototype would run per accession number
 * (findscu of the study, findscu of its series, getscu of each series into a folder, one process
 * each; no de-identification). Then a second caching run of the same cohort, which must send
 * nothing to the PACS. Prints series/s, MB/s, the ratio, the JVM's peak RSS.
 *
 * <p>{@code ./i4dw bench caching [--patients N] [--instances N] [--matrix N]}
 */
public final class CachingBenchmark {

    private int patients = 13;
    private int instances = 10;
    private int matrix = 256;

    private CachingBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args options, see the class comment
     * @throws Exception if the PACS or a peer cannot run
     */
    public static void main(String[] args) throws Exception {
        CachingBenchmark b = new CachingBenchmark();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--patients" -> b.patients = Integer.parseInt(args[++i]);
                case "--instances" -> b.instances = Integer.parseInt(args[++i]);
                case "--matrix" -> b.matrix = Integer.parseInt(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("./i4dw bench caching [--patients N] [--instances N] [--matrix N]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        b.run();
    }

    private void run() throws Exception {
        Path work = Files.createTempDirectory("i4dw-bench-caching-");
        try {
            CohortManifest truth = SyntheticCohort.builder().patients(patients).seed(77).instancesPerSeries(instances)
                    .matrix(matrix).build().write(work.resolve("cohort"));
            long bytes;
            try (Stream<Path> s = Files.walk(work.resolve("cohort"))) {
                bytes = s.filter(p -> p.toString().endsWith(".dcm")).mapToLong(p -> p.toFile().length()).sum();
            }
            List<String> accessions = truth.studies().stream().map(CohortManifest.Study::accessionNumber)
                    .collect(Collectors.toList());
            System.out.printf(Locale.ROOT, "cohort: %d accession numbers, %d series, %d instances, %.1f MB (matrix %d)%n",
                    accessions.size(), truth.seriesCount(), truth.instanceCount(), bytes / 1e6, matrix);
            try (OrthancPacs pacs = OrthancPacs.builder().aeTitle("BENCH-PACS").dicomWeb(false).start()) {
                pacs.uploadAll(work.resolve("cohort"));
                PacsAddress address = PacsAddress.parse(pacs.aeTitle() + "@" + pacs.host() + ":" + pacs.dicomPort());
                DeidentifierSpec deid = DeidentifierSpec.of("default",
                        "caching-benchmark-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII), null);
                // warm-up: one accession number each way, not counted
                caching(address, deid, work.resolve("warm-store"), accessions.subList(0, 1));
                dcmtk(pacs, accessions.subList(0, 1), work.resolve("warm-dcmtk"));

                long t0 = System.nanoTime();
                BatchReport first = caching(address, deid, work.resolve("store"), accessions);
                double ours = (System.nanoTime() - t0) / 1e9;
                t0 = System.nanoTime();
                int theirSeries = dcmtk(pacs, accessions, work.resolve("dcmtk"));
                double theirs = (System.nanoTime() - t0) / 1e9;
                t0 = System.nanoTime();
                BatchReport second = caching(address, deid, work.resolve("store"), accessions);
                double again = (System.nanoTime() - t0) / 1e9;

                int series = truth.seriesCount();
                System.out.printf(Locale.ROOT, "I4DW caching (C-GET, de-identify every instance, SHA-256, fsync, "
                        + "pivot): %.2f s, %.1f series/s, %.1f MB/s; %s%n", ours, series / ours, bytes / 1e6 / ours,
                        first.seriesCounts());
                System.out.printf(Locale.ROOT, "dcmtk findscu + getscu per series (no de-identification): %.2f s, "
                        + "%.1f series/s, %.1f MB/s (%d series)%n", theirs, theirSeries / theirs, bytes / 1e6 / theirs,
                        theirSeries);
                System.out.printf(Locale.ROOT, "ratio (throughput, I4DW / dcmtk): %.1fx%n", theirs / ours);
                PacsStatistics p = second.pacsStatistics().get(0);
                System.out.printf(Locale.ROOT, "second caching run of the same cohort: %.2f s, %.1f series/s, "
                        + "%d operations sent to the PACS, %d series served from the store%n", again, series / again,
                        p.operations(), second.accessions().stream().flatMap(a -> a.series().stream())
                                .filter(x -> x.path().equals("cache")).count());
                System.out.printf(Locale.ROOT, "peak RSS of this JVM: %s%n", EndToEnd.peakRss());
            }
        } finally {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static BatchReport caching(PacsAddress address, DeidentifierSpec deid, Path store, List<String> accessions) {
        try (PacsBridge bridge = PacsBridge.builder().pacs(address).callingAeTitle("I4DW-BENCH").deidentification(deid)
                .mode(Mode.CACHING).seriesStore(store).maxAssociations(2).build()) {
            return bridge.extract(accessions, d -> { });
        }
    }

    /** The prototype's way: per accession number, findscu the study and its series, getscu each series. */
    private static int dcmtk(OrthancPacs pacs, List<String> accessions, Path out) throws IOException {
        int series = 0;
        for (String acc : accessions) {
            String studyOut = exec(List.of("findscu", "-S", "-aet", "FINDSCU", "-aec", pacs.aeTitle(), "-k",
                    "QueryRetrieveLevel=STUDY", "-k", "AccessionNumber=" + acc, "-k", "StudyInstanceUID",
                    pacs.host(), Integer.toString(pacs.dicomPort())));
            for (String study : uids(studyOut, "(0020,000d)")) {
                String seriesOut = exec(List.of("findscu", "-S", "-aet", "FINDSCU", "-aec", pacs.aeTitle(), "-k",
                        "QueryRetrieveLevel=SERIES", "-k", "StudyInstanceUID=" + study, "-k", "SeriesInstanceUID",
                        pacs.host(), Integer.toString(pacs.dicomPort())));
                for (String s : uids(seriesOut, "(0020,000e)")) {
                    Path dir = Files.createDirectories(out.resolve("s" + series++));
                    exec(List.of("getscu", "-S", "-aet", "GETSCU", "-aec", pacs.aeTitle(), "-k",
                            "QueryRetrieveLevel=SERIES", "-k", "StudyInstanceUID=" + study, "-k",
                            "SeriesInstanceUID=" + s, "-od", dir.toString(), pacs.host(),
                            Integer.toString(pacs.dicomPort())));
                }
            }
        }
        return series;
    }

    private static List<String> uids(String findscuOutput, String tag) {
        List<String> out = new ArrayList<>();
        for (String line : findscuOutput.split("\n")) {
            String l = line.toLowerCase(Locale.ROOT);
            int i = l.indexOf(tag);
            if (i >= 0 && line.contains("UI [")) {
                String v = line.substring(line.indexOf("UI [") + 4);
                v = v.substring(0, v.indexOf(']')).replace("\0", "").strip();
                if (!v.isEmpty() && !out.contains(v)) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    private static String exec(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (InputStream in = p.getInputStream()) {
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException(cmd.get(0) + " failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
