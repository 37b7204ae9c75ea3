/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.bench;

import static org.i4dw.bench.EndToEnd.deleteTree;
import static org.i4dw.bench.EndToEnd.exec;
import static org.i4dw.bench.EndToEnd.percentile;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.i4dw.api.AccessionOutcome;
import org.i4dw.api.AeTitle;
import org.i4dw.api.BatchReport;
import org.i4dw.api.Mode;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.PacsBridge;
import org.i4dw.api.SeriesOutcome;
import org.i4dw.spi.DeidentifierSpec;
import org.i4dw.spi.PivotSerializerProvider;
import org.i4dw.spi.ProviderRegistry;
import org.i4dw.testkit.OrthancPacs;
import org.i4dw.testkit.cohort.CohortManifest;
import org.i4dw.testkit.cohort.SyntheticCohort;

/**
 * End-to-end benchmark of routine extraction (issue #6): I4DW's {@link PacsBridge} against the
 * dcmtk script the published prototype ran, side by side in one run, on one Debian Orthanc
 * started on loopback and loaded with a synthetic cohort of the test kit (MR prostate and CT
 * abdomen-pelvis studies, a CT dose report per CT study). Upload is not measured.
 *
 * <ul>
 *   <li><b>I4DW</b>: a {@code PacsBridge} in {@link Mode#ROUTINE} (C-FIND by accession number,
 *       C-FIND of the series, C-GET of one header per series, de-identification with the default
 *       profile under a 32-byte key, features {@code pivot} and {@code terminology}), each
 *       document written with {@code pivot-xml} to a file of a temporary folder. Twice: with one
 *       association (concurrency 1) and with the default four. Per series: the engine's own
 *       {@link SeriesOutcome#elapsed()}; per pass: wall time over the series; and the CPU time of
 *       this JVM while it extracted, per series.</li>
 *   <li><b>dcmtk</b>: per accession number, {@code findscu} at STUDY level by Accession Number,
 *       {@code findscu} at SERIES level for each study, and per series {@code findscu} at IMAGE
 *       level and {@code getscu} of the instance with the lowest Instance Number, one process
 *       each. Per series: its {@code findscu} IMAGE + {@code getscu}; per pass: wall time over the
 *       series (the study and series queries included); the CPU time of the processes.</li>
 * </ul>
 *
 * <p>The accession numbers are cut into chunks; each chunk is run by the three contenders one
 * after the other, the order rotating from chunk to chunk, so that the machine's load falls on
 * all alike. Each round (a pass over every accession number) builds new bridges, so the
 * de-identifier's caches and the terminology start empty as in a new ETL run. The first rounds
 * ({@code --warmup}, default 5) warm I4DW up (the JIT compiles the routine path) and are not
 * counted; dcmtk runs the first chunk once in the last of them. Besides time, the CPU time of
 * each contender per series (this JVM's while I4DW ran, JIT and GC included, with a breakdown by
 * thread; the dcmtk processes'), and the CPU time Orthanc spent meanwhile.
 *
 * <p>Run with {@code ./i4dw bench extraction [options]} or {@code java -cp
 * i4dw-bench/target/i4dw-benchmarks.jar org.i4dw.bench.ExtractionBenchmark [options]};
 * {@code --help} lists the options. It holds JMH's lock file while it runs (and waits for it), so
 * that it never shares the machine with a JMH benchmark. Figures are recorded in docs/BENCHMARKS.md.
 */
public final class ExtractionBenchmark {

    private static final String USAGE = """
            usage: ExtractionBenchmark [options]
              --patients N        patients of the synthetic cohort (default 20)
              --mr N              MR prostate studies per patient (default 1; 5 series each)
              --ct N              CT studies per patient (default 1; 3 series each, + 1 dose report)
              --instances N       instances per series (default 2)
              --no-dose           no dose report in the CT studies
              --seed N            the cohort's seed (default 6)
              --rounds N          measured passes over all accession numbers (default 2)
              --warmup N          passes of I4DW first, not counted (dcmtk: the first chunk once) (default 5)
              --chunk N           accession numbers per chunk the contenders take in turn (default 8)
              --associations N    associations of the second I4DW bridge (default 4, the default)
              --keep-associations keepAssociationsAfterCancel for Orthanc (default: released after each cancel)
              --ignore-lock       do not wait for JMH's lock (another benchmark running on the machine)
            The sample corpus (for the dose report template) is found with -Di4dw.samples=DIR,
            env I4DW_SAMPLES or ../shared/dicom-samples.
            """;

    private static final Pattern STUDY_UID = Pattern.compile("\\(0020,000d\\) UI \\[([0-9.]+)[^\\]]*\\]");
    private static final Pattern SERIES_UID = Pattern.compile("\\(0020,000e\\) UI \\[([0-9.]+)[^\\]]*\\]");
    private static final String DOSE_TEMPLATE = "01-rdsr/openrem__CT-RDSR-Siemens_Flash-TAP-SS.dcm";
    private static final double PROTOTYPE_MS_PER_SERIES = 900.0;
    private static final String WAITED = "waited:";

    private int patients = 20;
    private int mr = 1;
    private int ct = 1;
    private int instances = 2;
    private boolean dose = true;
    private long seed = 6;
    private int rounds = 2;
    private int warmup = 5;
    private int chunk = 8;
    private int associations = 4;
    private boolean waitForLock = true;
    private boolean keepAssociations;
    private final String loadBefore = loadAverage();

    private ExtractionBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args options, see {@code --help}
     * @throws Exception if the cohort cannot be written, Orthanc not started or a tool fails
     */
    public static void main(String[] args) throws Exception {
        ExtractionBenchmark b = new ExtractionBenchmark();
        if (!b.parse(args)) {
            System.out.print(USAGE);
            return;
        }
        if (!b.waitForLock) {
            b.run(args);
            return;
        }
        try (FileChannel lockFile = FileChannel.open(Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock lock = acquire(lockFile)) {
            b.run(args);
        }
    }

    /**
     * JMH's lock, so that this benchmark and a JMH run do not share the machine; waits while
     * another holds it.
     */
    private static FileLock acquire(FileChannel file) throws IOException, InterruptedException {
        boolean told = false;
        while (true) {
            try {
                FileLock lock = file.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException e) {
                throw new IllegalStateException("this JVM already holds the JMH lock", e);
            }
            if (!told) {
                System.out.println("another benchmark holds the JMH lock (" + System.getProperty("java.io.tmpdir")
                        + "/jmh.lock); waiting for it (--ignore-lock not to wait)");
                told = true;
            }
            Thread.sleep(2000);
        }
    }

    private boolean parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return false;
                }
                case "--no-dose" -> dose = false;
                case "--ignore-lock" -> waitForLock = false;
                case "--keep-associations" -> keepAssociations = true;
                case "--patients" -> patients = count(args, ++i, a, 1);
                case "--mr" -> mr = count(args, ++i, a, 0);
                case "--ct" -> ct = count(args, ++i, a, 0);
                case "--instances" -> instances = count(args, ++i, a, 1);
                case "--seed" -> seed = count(args, ++i, a, 0);
                case "--rounds" -> rounds = count(args, ++i, a, 1);
                case "--warmup" -> warmup = count(args, ++i, a, 1);
                case "--chunk" -> chunk = count(args, ++i, a, 1);
                case "--associations" -> associations = count(args, ++i, a, 1);
                default -> throw new IllegalArgumentException("unknown option '" + a + "'; --help lists them");
            }
        }
        if (mr + ct == 0) {
            throw new IllegalArgumentException("--mr and --ct are both 0: the cohort would have no study");
        }
        return true;
    }

    private static int count(String[] args, int i, String option, int min) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        String v = args[i];
        try {
            int n = Integer.parseInt(v);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs an integer >= " + min + ", got '" + v + "'");
    }

    // ------------------------------------------------------------------ the run

    /** One contender's figures over the measured rounds. */
    private static final class Tally {
        final String name;
        final List<Long> perSeries = new ArrayList<>();
        long wallNanos;
        long cpuNanos;
        long pacsCpuNanos;
        long bytes;
        long allocatedBytes;
        int series;
        final Map<String, Long> threads = new TreeMap<>();

        Tally(String name) {
            this.name = name;
        }
    }

    private void run(String[] args) throws Exception {
        Path work = Files.createTempDirectory("i4dw-extraction-bench");
        try {
            SyntheticCohort.Builder cb = SyntheticCohort.builder().patients(patients).seed(seed)
                    .mrStudiesPerPatient(mr).ctStudiesPerPatient(ct).instancesPerSeries(instances);
            if (dose && ct > 0) {
                cb.doseReports(Samples.root().resolve(DOSE_TEMPLATE));
            }
            long t0 = System.nanoTime();
            CohortManifest truth = cb.build().write(work.resolve("cohort"));
            System.out.printf(Locale.ROOT, "cohort: %d patients, %d studies (accession numbers), %d series, "
                    + "%d instances, written in %.1f s%n", truth.patients().size(), truth.studies().size(),
                    truth.seriesCount(), truth.instanceCount(), (System.nanoTime() - t0) / 1e9);
            List<String> accessions = truth.studies().stream().map(CohortManifest.Study::accessionNumber).toList();
            try (OrthancPacs pacs = OrthancPacs.builder().aeTitle("ORTHANC").dicomWeb(false).start()) {
                t0 = System.nanoTime();
                int loaded = pacs.uploadAll(work.resolve("cohort")).acceptedCount();
                if (loaded != truth.instanceCount()) {
                    throw new IllegalStateException("Orthanc took " + loaded + " of " + truth.instanceCount()
                            + " instances");
                }
                System.out.printf(Locale.ROOT, "uploaded to Orthanc in %.1f s (not measured)%n",
                        (System.nanoTime() - t0) / 1e9);
                Peer peer = new Peer(pacs, work, EndToEnd.orthancPid());
                List<String> rows = measure(peer, truth, accessions);
                System.out.println();
                System.out.println("Summary (" + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors()
                        + " processors, Java " + Runtime.version() + ", load average " + loadBefore
                        + " before the run, " + loadAverage() + " after):");
                rows.forEach(System.out::println);
                System.out.println();
                System.out.println("command: java -cp i4dw-bench/target/i4dw-benchmarks.jar "
                        + ExtractionBenchmark.class.getName() + (args.length == 0 ? "" : " " + String.join(" ", args)));
            }
        } finally {
            deleteTree(work);
        }
    }

    /** The PACS, the scratch folder, the PACS's process id (-1: unknown). */
    private record Peer(OrthancPacs pacs, Path work, long pacsPid) {
        PacsAddress address() {
            return new PacsAddress(AeTitle.of(pacs.aeTitle()), pacs.host(), pacs.dicomPort());
        }

        List<String> dcmtk(String tool, String calling, String... rest) {
            List<String> cmd = new ArrayList<>(List.of(tool, "-S", "-aet", calling, "-aec", pacs.aeTitle()));
            cmd.addAll(Arrays.asList(rest));
            cmd.add(pacs.host());
            cmd.add(Integer.toString(pacs.dicomPort()));
            return cmd;
        }
    }

    private List<String> measure(Peer peer, CohortManifest truth, List<String> accessions) throws IOException {
        Map<String, Long> bytes = instanceBytes(peer.work().resolve("cohort"), truth);
        byte[] key = "extraction benchmark key 32 byte".getBytes(StandardCharsets.US_ASCII);
        DeidentifierSpec deid = DeidentifierSpec.of("default", key, null);
        PivotSerializerProvider xml = ProviderRegistry.builder(PivotSerializerProvider.class, "i4dw-pivot").build()
                .get("pivot-xml");
        Tally one = new Tally("I4DW PacsBridge, 1 association");
        Tally many = new Tally("I4DW PacsBridge, " + associations + " associations");
        Tally dcmtk = new Tally("dcmtk script (findscu, getscu)");
        Tally[] all = {one, many, dcmtk};
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < accessions.size(); i += chunk) {
            chunks.add(accessions.subList(i, Math.min(accessions.size(), i + chunk)));
        }
        int turn = 0;
        for (int round = 1 - warmup; round <= rounds; round++) {
            boolean counted = round > 0;
            Path out = Files.createDirectories(peer.work().resolve("pivot-" + round));
            AtomicInteger written = new AtomicInteger();
            try (PacsBridge b1 = bridge(peer, deid, 1, keepAssociations);
                    PacsBridge bn = bridge(peer, deid, associations, keepAssociations)) {
                for (int k = 0; k < chunks.size(); k++) {
                    List<String> c = chunks.get(k);
                    for (int j = 0; j < 3; j++) {
                        int who = (turn + j) % 3;
                        if (who == 2) {
                            if (counted || (round == 0 && k == 0)) {
                                dcmtkChunk(peer, c, counted ? dcmtk : null, truth);
                                if (counted) {
                                    c.forEach(a -> dcmtk.bytes += bytes.get(a));
                                }
                            }
                        } else {
                            i4dwChunk(who == 0 ? b1 : bn, c, xml, out, written, counted ? all[who] : null, peer,
                                    truth);
                            if (counted) {
                                Tally t = all[who];
                                c.forEach(a -> t.bytes += bytes.get(a));
                            }
                        }
                    }
                    turn++;
                }
            }
            if (written.get() != 2 * truth.seriesCount()) {
                throw new IllegalStateException("round " + round + ": " + written.get() + " pivot documents written, "
                        + "expected " + 2 * truth.seriesCount() + " (every series, by both bridges)");
            }
            deleteTree(out);
            System.out.printf(Locale.ROOT, "%s done: %d pivot documents written and checked%n",
                    counted ? "round " + round : "warm-up round " + (warmup + round), written.get());
        }
        List<String> rows = rows(all);
        rows.add(threadRow(one));
        rows.add(threadRow(many));
        rows.add("  peak RSS of this JVM (the cohort writer, both bridges, the dcmtk driver): " + EndToEnd.peakRss());
        return rows;
    }

    /**
     * Per accession number, the bytes of one instance of each of its series as the PACS stores
     * them (the mean file size of the series' instances in the cohort folder): what a routine
     * retrieval of one instance per series makes the PACS send, header-only reading or not.
     */
    private static Map<String, Long> instanceBytes(Path cohortDir, CohortManifest truth) throws IOException {
        Map<String, Long> bytes = new java.util.HashMap<>();
        for (CohortManifest.Study study : truth.studies()) {
            long sum = 0;
            for (CohortManifest.Series series : study.series()) {
                List<Path> files = series.files(cohortDir);
                long total = 0;
                for (Path f : files) {
                    total += Files.size(f);
                }
                sum += files.isEmpty() ? 0 : total / files.size();
            }
            bytes.put(study.accessionNumber(), sum);
        }
        return bytes;
    }

    private static PacsBridge bridge(Peer peer, DeidentifierSpec deid, int associations, boolean keep) {
        PacsBridge.Builder b = PacsBridge.builder().pacs(peer.address()).callingAeTitle("I4DW-BENCH")
                .mode(Mode.ROUTINE).deidentification(deid).features("pivot", "terminology")
                .maxAssociations(associations).responseTimeout(Duration.ofSeconds(60));
        if (keep) {
            b.keepAssociationsAfterCancel(peer.address());
        }
        return b.build();
    }

    private static void i4dwChunk(PacsBridge bridge, List<String> accessions, PivotSerializerProvider xml, Path out,
            AtomicInteger written, Tally tally, Peer peer, CohortManifest truth) throws IOException {
        Map<String, Long> threads0 = tally == null ? Map.of() : threadCpuNanos();
        long cpu0 = processCpuNanos();
        long alloc0 = ALLOCATION.getTotalThreadAllocatedBytes();
        long pacs0 = pacsCpuNanos(peer);
        long t0 = System.nanoTime();
        BatchReport report = bridge.extract(accessions, d -> {
            try (OutputStream o = Files.newOutputStream(out.resolve(d.documentId() + "." + written.getAndIncrement()
                    + "." + xml.fileExtension()))) {
                xml.write(d, o);
            }
        });
        long wall = System.nanoTime() - t0;
        long cpu = processCpuNanos() - cpu0;
        long allocated = ALLOCATION.getTotalThreadAllocatedBytes() - alloc0;
        long pacsCpu = pacsCpuNanos(peer) - pacs0;
        if (tally != null) {
            tally.allocatedBytes += allocated;
            threadCpuNanos().forEach((name, nanos) -> tally.threads.merge(name, nanos - threads0.getOrDefault(name, 0L),
                    Long::sum));
        }
        int series = 0;
        for (AccessionOutcome a : report.accessions()) {
            int expected = truth.study(a.accessionNumber()).orElseThrow().series().size();
            if (a.status() != AccessionOutcome.Status.OK || a.series().size() != expected) {
                throw new IllegalStateException("I4DW: accession outcome " + a.status() + " with " + a.series().size()
                        + " series, expected OK with " + expected + ": " + a.reason());
            }
            for (SeriesOutcome s : a.series()) {
                if (s.instancesRetrieved() != 1) {
                    throw new IllegalStateException("I4DW retrieved " + s.instancesRetrieved() + " instances of a "
                            + "series in routine mode");
                }
                if (tally != null) {
                    tally.perSeries.add(s.elapsed().toNanos());
                }
                series++;
            }
        }
        if (tally != null) {
            tally.wallNanos += wall;
            tally.cpuNanos += cpu;
            tally.pacsCpuNanos += pacsCpu;
            tally.series += series;
        }
    }

    private static void dcmtkChunk(Peer peer, List<String> accessions, Tally tally, CohortManifest truth)
            throws IOException {
        Path scratch = Files.createDirectories(peer.work().resolve("dcmtk"));
        long cpu0 = EndToEnd.childrenCpuNanos();
        long pacs0 = pacsCpuNanos(peer);
        long t0 = System.nanoTime();
        List<Long> perSeries = new ArrayList<>();
        int series = 0;
        for (String accession : accessions) {
            int before = series;
            String studies = exec(peer.dcmtk("findscu", "FINDSCU", "-k", "QueryRetrieveLevel=STUDY",
                    "-k", "AccessionNumber=" + accession, "-k", "StudyInstanceUID"));
            List<String> studyUids = all(STUDY_UID, studies);
            if (studyUids.isEmpty()) {
                throw new IllegalStateException("findscu found no study for an accession number; its output:\n"
                        + studies);
            }
            for (String study : studyUids) {
                String list = exec(peer.dcmtk("findscu", "FINDSCU", "-k", "QueryRetrieveLevel=SERIES",
                        "-k", "StudyInstanceUID=" + study, "-k", "SeriesInstanceUID", "-k", "Modality"));
                for (String s : all(SERIES_UID, list)) {
                    long s0 = System.nanoTime();
                    Path file = dcmtkSeries(peer, study, s, scratch);
                    perSeries.add(System.nanoTime() - s0);
                    Files.delete(file);
                    series++;
                }
            }
            int expected = truth.study(accession).orElseThrow().series().size();
            if (series - before != expected) {
                throw new IllegalStateException("dcmtk: " + (series - before) + " series fetched for an accession "
                        + "number, expected " + expected);
            }
        }
        long wall = System.nanoTime() - t0;
        long cpu = EndToEnd.childrenCpuNanos() - cpu0;
        long pacsCpu = pacsCpuNanos(peer) - pacs0;
        if (tally != null) {
            tally.perSeries.addAll(perSeries);
            tally.wallNanos += wall;
            tally.cpuNanos += cpu;
            tally.pacsCpuNanos += pacsCpu;
            tally.series += series;
        }
    }

    /** findscu for the instances of the series, the lowest Instance Number chosen, getscu of it. */
    private static Path dcmtkSeries(Peer peer, String study, String series, Path dir) throws IOException {
        String out = exec(peer.dcmtk("findscu", "FINDSCU", "-k", "QueryRetrieveLevel=IMAGE",
                "-k", "StudyInstanceUID=" + study, "-k", "SeriesInstanceUID=" + series,
                "-k", "SOPInstanceUID", "-k", "InstanceNumber"));
        String best = EndToEnd.lowestInstance(out);
        exec(peer.dcmtk("getscu", "GETSCU", "-k", "QueryRetrieveLevel=IMAGE", "-k", "StudyInstanceUID=" + study,
                "-k", "SeriesInstanceUID=" + series, "-k", "SOPInstanceUID=" + best, "-od", dir.toString()));
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> stored = files.toList();
            if (stored.size() != 1) {
                throw new IllegalStateException("getscu stored " + stored.size() + " files for one instance");
            }
            return stored.get(0);
        }
    }

    private static List<String> all(Pattern p, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            if (!found.contains(m.group(1))) {
                found.add(m.group(1));
            }
        }
        return found;
    }

    // ------------------------------------------------------------------ report

    private List<String> rows(Tally[] all) {
        List<String> rows = new ArrayList<>();
        rows.add(String.format(Locale.ROOT, "%-36s %8s %9s %8s %8s %11s %9s %7s %12s %12s",
                "routine extraction, per series", "series", "median ms", "p90 ms", "mean ms", "wall ms/ser", "series/s",
                "MB/s", "client CPU", "PACS CPU"));
        for (Tally t : all) {
            rows.add(String.format(Locale.ROOT, "  %-34s %8d %9.2f %8.2f %8.2f %11.2f %9.1f %7.2f %9.0f µs %9.0f µs",
                    t.name, t.perSeries.size(), percentile(t.perSeries, 0.5), percentile(t.perSeries, 0.9),
                    t.perSeries.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6,
                    t.wallNanos / 1e6 / t.series, t.series / (t.wallNanos / 1e9), t.bytes / 1e6 / (t.wallNanos / 1e9),
                    t.cpuNanos / 1e3 / t.series, t.pacsCpuNanos / 1e3 / t.series));
        }
        Tally one = all[0];
        Tally many = all[1];
        Tally dcmtk = all[2];
        double m1 = percentile(one.perSeries, 0.5);
        double mn = percentile(many.perSeries, 0.5);
        double md = percentile(dcmtk.perSeries, 0.5);
        double w1 = one.wallNanos / 1e6 / one.series;
        double wn = many.wallNanos / 1e6 / many.series;
        double wd = dcmtk.wallNanos / 1e6 / dcmtk.series;
        rows.add(String.format(Locale.ROOT, "  per series, median: dcmtk / I4DW = %.1fx (1 association), %.1fx (%d); "
                + "the prototype's %.0f ms / I4DW = %.0fx, %.0fx", md / m1, md / mn, associations,
                PROTOTYPE_MS_PER_SERIES, PROTOTYPE_MS_PER_SERIES / m1, PROTOTYPE_MS_PER_SERIES / mn));
        rows.add(String.format(Locale.ROOT, "  wall time per series: dcmtk / I4DW = %.1fx (1 association), %.1fx (%d); "
                + "the prototype's %.0f ms / I4DW = %.0fx, %.0fx", wd / w1, wd / wn, associations,
                PROTOTYPE_MS_PER_SERIES, PROTOTYPE_MS_PER_SERIES / w1, PROTOTYPE_MS_PER_SERIES / wn));
        rows.add(String.format(Locale.ROOT, "  target <= 10 ms per series median: %s (1 association), %s (%d)",
                m1 <= 10 ? "met" : "missed", mn <= 10 ? "met" : "missed", associations));
        rows.add("  per series = SeriesOutcome.elapsed (I4DW: C-GET of one header, de-identification, features, "
                + "XML file) or findscu IMAGE + getscu (dcmtk); wall = whole passes (the study and series C-FINDs "
                + "included) over the series; client CPU = this JVM's process CPU time while I4DW ran (JIT and "
                + "GC included) or the dcmtk processes' CPU time, per series; PACS CPU = Orthanc's; series/s and "
                + "MB/s over the wall time, MB = the bytes of one stored instance per series (what the PACS sends)");
        return rows;
    }

    /**
     * Where this JVM's CPU time went while one I4DW contender ran, by thread name (digits after a
     * non-letter folded to '#'), per series: JIT compiler and GC threads, the batch workers, the
     * association threads.
     */
    private static final com.sun.management.ThreadMXBean ALLOCATION =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

    private static String threadRow(Tally t) {
        List<Map.Entry<String, Long>> top = new ArrayList<>(t.threads.entrySet());
        top.removeIf(e -> e.getValue() <= 0 || e.getKey().startsWith(WAITED));
        top.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        StringBuilder b = new StringBuilder("  CPU per series by thread, " + t.name + ":");
        for (Map.Entry<String, Long> e : top.subList(0, Math.min(6, top.size()))) {
            b.append(String.format(Locale.ROOT, " %s %.0f µs;", e.getKey(), e.getValue() / 1e3 / t.series));
        }
        b.append(String.format(Locale.ROOT, " allocated %.0f KB per series (all threads);",
                t.allocatedBytes / 1e3 / t.series));
        long waited = t.threads.entrySet().stream().filter(e -> e.getKey().startsWith(WAITED + "i4dw-"))
                .mapToLong(Map.Entry::getValue).sum();
        b.append(String.format(Locale.ROOT, " and the i4dw-* threads waited %.2f ms per series for a CPU (run queue)",
                waited / 1e6 / t.series));
        return b.toString();
    }

    /**
     * CPU time of this JVM's live threads (Java, JIT, GC), from /proc/self/task/TID/schedstat,
     * summed by thread name with digits after a non-letter folded to '#'; and under
     * {@value #WAITED} + name, the time they were ready to run but waited for a CPU.
     */
    private static Map<String, Long> threadCpuNanos() {
        Map<String, Long> byName = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(t.resolve("comm"), StandardCharsets.UTF_8).strip()
                            .replaceAll("(?<![A-Za-z])[0-9]+", "#");
                    String[] stat = Files.readString(t.resolve("schedstat"), StandardCharsets.US_ASCII).strip()
                            .split(" ");
                    byName.merge(name, Long.parseLong(stat[0]), Long::sum);
                    byName.merge(WAITED + name, Long.parseLong(stat[1]), Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile, or the kernel keeps no schedstat
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return byName;
    }

    // ------------------------------------------------------------------ CPU time

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** User + system time of the PACS process; 0 if unknown. */
    private static long pacsCpuNanos(Peer peer) {
        return peer.pacsPid() < 0 ? 0 : EndToEnd.processCpuNanos(peer.pacsPid());
    }

    private static String loadAverage() {
        try {
            String s = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII);
            String[] p = s.split(" ");
            return p[0] + " " + p[1] + " " + p[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
