/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.bench;

import static org.i4dw.bench.EndToEnd.deleteTree;
import static org.i4dw.bench.EndToEnd.exec;
import static org.i4dw.bench.EndToEnd.percentile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.i4dw.api.AeTitle;
import org.i4dw.api.PacsAddress;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.ReadOptions;
import org.i4dw.dicom.net.DimseClient;
import org.i4dw.dicom.net.InstanceHandler;
import org.i4dw.dicom.net.RetrieveRequest;
import org.i4dw.dicom.net.RetrieveResult;
import org.i4dw.dicom.net.StorageScp;
import org.i4dw.testkit.DicomNode;
import org.i4dw.testkit.OrthancPacs;

/**
 * End-to-end retrieval benchmark of issue #3: I4DW's DIMSE client against dcmtk's command-line
 * tools, side by side in one run, on one Orthanc (Debian's, started on loopback) loaded with a
 * {@link SyntheticCohort}. Three measurements, each after a warm-up, the contenders alternating
 * series by series (and swapping who goes first) so that they share the machine's noise:
 *
 * <ol>
 *   <li><b>routine</b>: per series, find its instances (C-FIND IMAGE) and fetch the header of one
 *       (C-GET). I4DW: {@link DimseClient#getFirstInstancePerSeries} with
 *       {@link InstanceHandler#headers} on one kept association; dcmtk: {@code findscu} then
 *       {@code getscu} of the first instance into a temporary folder, one process each, as the
 *       shell ETLs run them;</li>
 *   <li><b>whole series, C-GET</b>: every instance of a series stored as files. I4DW:
 *       {@link DimseClient#get} with {@link InstanceHandler#toDirectory}; dcmtk: {@code getscu -od};</li>
 *   <li><b>whole series, C-MOVE</b> (unless {@code --no-move}): I4DW's {@link StorageScp} as the
 *       destination; dcmtk: {@code movescu} with its own storage port.</li>
 * </ol>
 *
 * <p>Run with {@code java -cp i4dw-bench/target/i4dw-benchmarks.jar org.i4dw.bench.RetrievalBenchmark
 * [options]}; {@code --help} lists the options. Upload time is not measured. Prints a table and the
 * command line; figures are recorded in docs/BENCHMARKS.md.
 */
public final class RetrievalBenchmark {

    private static final String USAGE = """
            usage: RetrievalBenchmark [options]
              --patients N        patients in the synthetic cohort (default 20)
              --studies N         studies per patient (default 1)
              --series N          series per study (default 3)
              --instances N       instances per series (default 50)
              --matrix N          rows and columns of the 16-bit pixel data (default 256, ~128 KB)
              --rounds N          measured passes over all series, routine mode (default 2)
              --warmup N          warm-up series per contender, routine mode (default 20)
              --whole N           series retrieved whole per contender and method (default 8)
              --no-move           skip the C-MOVE comparison
              --template FILE     template image (default: the CT sample of the corpus,
                                  -Di4dw.samples=DIR or env I4DW_SAMPLES)
            """;

    private static final ReadOptions HEADER_ONLY = ReadOptions.builder().headerOnly(true).build();

    private int patients = 20;
    private int studies = 1;
    private int seriesPerStudy = 3;
    private int instances = 50;
    private int matrix = 256;
    private int rounds = 2;
    private int warmup = 20;
    private int whole = 8;
    private boolean move = true;
    private Path template;

    private RetrievalBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args options, see {@code --help}
     * @throws Exception if the cohort cannot be written, Orthanc not started or a tool fails
     */
    public static void main(String[] args) throws Exception {
        RetrievalBenchmark b = new RetrievalBenchmark();
        if (!b.parse(args)) {
            System.out.print(USAGE);
            return;
        }
        b.run(args);
    }

    private boolean parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return false;
                }
                case "--no-move" -> move = false;
                case "--template" -> template = Path.of(value(args, ++i, a));
                case "--patients" -> patients = positive(args, ++i, a);
                case "--studies" -> studies = positive(args, ++i, a);
                case "--series" -> seriesPerStudy = positive(args, ++i, a);
                case "--instances" -> instances = positive(args, ++i, a);
                case "--matrix" -> matrix = positive(args, ++i, a);
                case "--rounds" -> rounds = positive(args, ++i, a);
                case "--warmup" -> warmup = positive(args, ++i, a);
                case "--whole" -> whole = positive(args, ++i, a);
                default -> throw new IllegalArgumentException("unknown option '" + a + "'; --help lists them");
            }
        }
        return true;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String[] args, int i, String option) {
        String v = value(args, i, option);
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a positive integer, got '" + v + "'");
    }

    private void run(String[] args) throws Exception {
        Path tpl = template != null ? template : Samples.file("ct");
        SyntheticCohort cohort = new SyntheticCohort(patients, studies, seriesPerStudy, instances, matrix);
        Path work = Files.createTempDirectory("i4dw-retrieval-bench");
        try {
            long t0 = System.nanoTime();
            List<SyntheticCohort.Series> series = cohort.write(tpl, work.resolve("cohort"));
            System.out.printf(Locale.ROOT, "cohort: %d series x %d instances, matrix %d, written in %.1f s%n",
                    series.size(), instances, matrix, (System.nanoTime() - t0) / 1e9);
            int scpPort = freePort();
            int movescuPort = freePort();
            try (OrthancPacs pacs = OrthancPacs.builder().aeTitle("ORTHANC").dicomWeb(false)
                    .remoteModality("i4dw", new DicomNode("I4DW-SCP", "127.0.0.1", scpPort))
                    .remoteModality("movescu", new DicomNode("MOVESCU", "127.0.0.1", movescuPort))
                    .start()) {
                t0 = System.nanoTime();
                pacs.uploadAll(work.resolve("cohort"));
                System.out.printf(Locale.ROOT, "uploaded to Orthanc in %.1f s (not measured)%n",
                        (System.nanoTime() - t0) / 1e9);
                Peer peer = new Peer(pacs.host(), pacs.dicomPort(), pacs.aeTitle(), work);
                List<String> rows = new ArrayList<>();
                rows.addAll(routine(peer, series));
                rows.addAll(wholeGet(peer, series));
                if (move) {
                    rows.addAll(wholeMove(peer, series, scpPort, movescuPort));
                }
                System.out.println();
                System.out.println("Summary (" + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors()
                        + " processors, Java " + Runtime.version() + "):");
                rows.forEach(System.out::println);
                System.out.println();
                System.out.println("command: java -cp i4dw-bench/target/i4dw-benchmarks.jar "
                        + RetrievalBenchmark.class.getName() + (args.length == 0 ? "" : " " + String.join(" ", args)));
            }
        } finally {
            deleteTree(work);
        }
    }

    /** The PACS and the scratch folder. */
    private record Peer(String host, int port, String aeTitle, Path work) {
        DimseClient client(String calling) {
            return DimseClient.builder().pacs(new PacsAddress(AeTitle.of(aeTitle), host, port))
                    .callingAeTitle(calling).maxAssociations(1).build();
        }

        List<String> dcmtk(String tool, String calling, String... rest) {
            List<String> cmd = new ArrayList<>(List.of(tool, "-S", "-aet", calling, "-aec", aeTitle));
            cmd.addAll(Arrays.asList(rest));
            cmd.add(host);
            cmd.add(Integer.toString(port));
            return cmd;
        }
    }

    // ------------------------------------------------------------------ routine

    private List<String> routine(Peer peer, List<SyntheticCohort.Series> series) throws IOException {
        System.out.println();
        System.out.println("routine retrieval: C-FIND IMAGE of the series + C-GET of one instance's header");
        AtomicInteger attributes = new AtomicInteger();
        try (DimseClient client = peer.client("I4DW-BENCH")) {
            Path scratch = peer.work().resolve("routine");
            Files.createDirectories(scratch);
            for (int i = 0; i < warmup; i++) {
                SyntheticCohort.Series s = series.get(i % series.size());
                i4dwRoutine(client, s, attributes);
                i4dwOne(client, s);
                if (i < 3) {
                    dcmtkRoutine(peer, s, scratch);
                }
            }
            List<Long> ours = new ArrayList<>();
            List<Long> one = new ArrayList<>();
            List<Long> theirs = new ArrayList<>();
            int dcmtkAttributes = 0;
            int n = 0;
            for (int r = 0; r < rounds; r++) {
                for (SyntheticCohort.Series s : series) {
                    boolean oursFirst = (n++ & 1) == 0;
                    if (oursFirst) {
                        ours.add(i4dwRoutine(client, s, attributes));
                        one.add(i4dwOne(client, s));
                    }
                    long t0 = System.nanoTime();
                    Path file = dcmtkRoutine(peer, s, scratch);
                    theirs.add(System.nanoTime() - t0);
                    if (!oursFirst) {
                        one.add(i4dwOne(client, s));
                        ours.add(i4dwRoutine(client, s, attributes));
                    }
                    dcmtkAttributes = DicomReader.read(file, HEADER_ONLY).dataset().size();
                    Files.delete(file);
                }
            }
            List<String> rows = new ArrayList<>();
            rows.add(String.format(Locale.ROOT, "%-34s %10s %10s %10s", "routine, per series (" + ours.size() + ")",
                    "median ms", "p90 ms", "mean ms"));
            rows.add(row("  I4DW find IMAGE + get one", ours));
            rows.add(row("  I4DW get SERIES + cancel", one));
            rows.add(row("  dcmtk findscu + getscu", theirs));
            rows.add(String.format(Locale.ROOT, "  ratio of medians dcmtk / I4DW: %.1fx (find + get), %.1fx (get + "
                    + "cancel); target I4DW <= 10 ms: %s", median(theirs) / median(ours), median(theirs) / median(one),
                    Math.min(median(ours), median(one)) <= 10.0 ? "met" : "missed"));
            rows.add(String.format(Locale.ROOT, "  attributes per header: I4DW %d, dcmtk file read header-only %d",
                    attributes.get(), dcmtkAttributes));
            rows.forEach(System.out::println);
            return rows;
        }
    }

    private static long i4dwRoutine(DimseClient client, SyntheticCohort.Series s, AtomicInteger attributes) {
        long t0 = System.nanoTime();
        List<RetrieveResult> r = client.getFirstInstancePerSeries(s.studyUid(), s.seriesUid(),
                InstanceHandler.headers(h -> attributes.set(h.size())));
        long t = System.nanoTime() - t0;
        if (r.size() != 1 || r.get(0).received().size() != 1) {
            throw new IllegalStateException("I4DW routine retrieval brought " + r + " for one series");
        }
        return t;
    }

    /** The default routine path: C-GET of the series cancelled after the first instance, header only. */
    private static long i4dwOne(DimseClient client, SyntheticCohort.Series s) {
        long t0 = System.nanoTime();
        RetrieveResult r = client.getOneInstance(s.studyUid(), s.seriesUid(), InstanceHandler.headers(h -> { }));
        long t = System.nanoTime() - t0;
        if (r.received().size() != 1) {
            throw new IllegalStateException("I4DW one-instance retrieval brought " + r + " for one series");
        }
        return t;
    }

    /** findscu for the instances of the series, the lowest Instance Number chosen, getscu of it. */
    private static Path dcmtkRoutine(Peer peer, SyntheticCohort.Series s, Path dir) {
        String out = exec(peer.dcmtk("findscu", "FINDSCU", "-k", "QueryRetrieveLevel=IMAGE",
                "-k", "StudyInstanceUID=" + s.studyUid(), "-k", "SeriesInstanceUID=" + s.seriesUid(),
                "-k", "SOPInstanceUID", "-k", "InstanceNumber"));
        String best = EndToEnd.lowestInstance(out);
        exec(peer.dcmtk("getscu", "GETSCU", "-k", "QueryRetrieveLevel=IMAGE", "-k", "StudyInstanceUID=" + s.studyUid(),
                "-k", "SeriesInstanceUID=" + s.seriesUid(), "-k", "SOPInstanceUID=" + best, "-od", dir.toString()));
        try (Stream<Path> files = Files.list(dir)) {
            return files.findFirst().orElseThrow(() -> new IllegalStateException("getscu stored no file"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ whole series

    /** One whole-series measurement: time and bytes stored. */
    private record Transfer(long nanos, long bytes, int files) {
    }

    private List<String> wholeGet(Peer peer, List<SyntheticCohort.Series> series) throws IOException {
        System.out.println();
        System.out.println("whole series, C-GET, stored as files");
        try (DimseClient client = peer.client("I4DW-BENCH")) {
            Transfers t = new Transfers();
            int n = 0;
            for (int i = -1; i < whole; i++) { // i == -1: warm-up, not counted
                SyntheticCohort.Series s = series.get(Math.floorMod(i * 7 + 3, series.size()));
                boolean oursFirst = (n++ & 1) == 0;
                for (int k = 0; k < 2; k++) {
                    boolean oursNow = (k == 0) == oursFirst;
                    Path dir = Files.createDirectories(peer.work().resolve("get-" + n + "-" + k));
                    long t0 = System.nanoTime();
                    if (oursNow) {
                        client.get(RetrieveRequest.studyOrSeries(s.studyUid(), s.seriesUid()),
                                InstanceHandler.toDirectory(dir));
                    } else {
                        exec(peer.dcmtk("getscu", "GETSCU", "-k", "QueryRetrieveLevel=SERIES",
                                "-k", "StudyInstanceUID=" + s.studyUid(), "-k", "SeriesInstanceUID=" + s.seriesUid(),
                                "-od", dir.toString()));
                    }
                    t.add(oursNow, i >= 0, System.nanoTime() - t0, dir, instances);
                }
            }
            return t.rows("whole series C-GET", "I4DW get + toDirectory", "dcmtk getscu -od");
        }
    }

    private List<String> wholeMove(Peer peer, List<SyntheticCohort.Series> series, int scpPort, int movescuPort)
            throws IOException {
        System.out.println();
        System.out.println("whole series, C-MOVE, stored as files");
        AtomicReference<InstanceHandler> target = new AtomicReference<>(InstanceHandler.discard());
        try (StorageScp scp = StorageScp.builder().aeTitle(AeTitle.of("I4DW-SCP")).port(scpPort)
                .bindAddress(InetAddress.getLoopbackAddress()).acceptCallingAe(AeTitle.of(peer.aeTitle()))
                .handler(instance -> target.get().handle(instance)).start();
                DimseClient client = peer.client("I4DW-BENCH")) {
            Transfers t = new Transfers();
            int n = 0;
            for (int i = -1; i < whole; i++) {
                SyntheticCohort.Series s = series.get(Math.floorMod(i * 5 + 1, series.size()));
                boolean oursFirst = (n++ & 1) == 0;
                for (int k = 0; k < 2; k++) {
                    boolean oursNow = (k == 0) == oursFirst;
                    Path dir = Files.createDirectories(peer.work().resolve("move-" + n + "-" + k));
                    long t0 = System.nanoTime();
                    if (oursNow) {
                        target.set(InstanceHandler.toDirectory(dir));
                        client.move(RetrieveRequest.studyOrSeries(s.studyUid(), s.seriesUid()), scp);
                    } else {
                        exec(peer.dcmtk("movescu", "MOVESCU", "-aem", "MOVESCU", "--port",
                                Integer.toString(movescuPort), "-k", "QueryRetrieveLevel=SERIES",
                                "-k", "StudyInstanceUID=" + s.studyUid(), "-k", "SeriesInstanceUID=" + s.seriesUid(),
                                "-od", dir.toString()));
                    }
                    t.add(oursNow, i >= 0, System.nanoTime() - t0, dir, instances);
                }
            }
            return t.rows("whole series C-MOVE", "I4DW move + StorageScp", "dcmtk movescu -od");
        }
    }

    /** Collects whole-series transfers of both contenders. */
    private static final class Transfers {
        private final List<Transfer> ours = new ArrayList<>();
        private final List<Transfer> theirs = new ArrayList<>();

        void add(boolean oursNow, boolean counted, long nanos, Path dir, int expected) throws IOException {
            long bytes = 0;
            int files = 0;
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    bytes += Files.size(p);
                    files++;
                }
            }
            deleteTree(dir);
            if (files != expected) {
                throw new IllegalStateException((oursNow ? "I4DW" : "dcmtk") + " stored " + files + " files, expected "
                        + expected);
            }
            if (counted) {
                (oursNow ? ours : theirs).add(new Transfer(nanos, bytes, files));
            }
        }

        List<String> rows(String title, String oursName, String theirsName) {
            List<String> rows = new ArrayList<>();
            rows.add(String.format(Locale.ROOT, "%-34s %10s %10s %10s %10s", title + " (" + ours.size() + ")",
                    "median ms", "MB/s", "inst/s", "MB/series"));
            rows.add(row(oursName, ours));
            rows.add(row(theirsName, theirs));
            rows.add(String.format(Locale.ROOT, "  throughput ratio I4DW / dcmtk: %.2fx; target >= 2x: %s",
                    mbPerSecond(ours) / mbPerSecond(theirs), mbPerSecond(ours) >= 2 * mbPerSecond(theirs)
                            ? "met" : "missed"));
            rows.forEach(System.out::println);
            return rows;
        }

        private static String row(String name, List<Transfer> list) {
            List<Long> times = list.stream().map(Transfer::nanos).toList();
            int files = list.stream().mapToInt(Transfer::files).sum();
            double seconds = list.stream().mapToLong(Transfer::nanos).sum() / 1e9;
            long bytes = list.stream().mapToLong(Transfer::bytes).sum();
            return String.format(Locale.ROOT, "  %-32s %10.1f %10.1f %10.0f %10.2f", name, median(times),
                    mbPerSecond(list), files / seconds, bytes / 1e6 / list.size());
        }

        /** Total bytes over total time (MB = 10^6 bytes). */
        private static double mbPerSecond(List<Transfer> list) {
            return list.stream().mapToLong(Transfer::bytes).sum() / 1e6
                    / (list.stream().mapToLong(Transfer::nanos).sum() / 1e9);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String row(String name, List<Long> nanos) {
        return String.format(Locale.ROOT, "%-34s %10.2f %10.2f %10.2f", name, median(nanos), percentile(nanos, 0.9),
                nanos.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6);
    }

    private static double median(List<Long> nanos) {
        return percentile(nanos, 0.5);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
