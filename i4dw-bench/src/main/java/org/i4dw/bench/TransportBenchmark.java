/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.i4dw.api.AeTitle;
import org.i4dw.api.BatchReport;
import org.i4dw.api.HttpAuthentication;
import org.i4dw.api.InstanceSelection;
import org.i4dw.api.Mode;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.PacsBridge;
import org.i4dw.api.QueryLevel;
import org.i4dw.api.Retrieve;
import org.i4dw.api.SeriesOutcome;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.dicom.compare.HeaderComparison;
import org.i4dw.dicom.net.DimseTransportProvider;
import org.i4dw.dicom.web.DicomWebTransportProvider;
import org.i4dw.spi.DeidentifierSpec;
import org.i4dw.spi.RetrieveOutcome;
import org.i4dw.spi.RetrieveRequest;
import org.i4dw.spi.Transport;
import org.i4dw.spi.TransportSettings;
import org.i4dw.testkit.DicomNode;
import org.i4dw.testkit.OrthancPacs;
import org.i4dw.testkit.SampleCorpus;
import org.i4dw.testkit.cohort.CohortManifest;
import org.i4dw.testkit.cohort.SyntheticCohort;

/**
 * DIMSE or DICOMweb (issue #8), side by side in one run on one Orthanc (Debian's, with its
 * DICOMweb plugin, on loopback) loaded with a synthetic cohort of {@code i4dw-testkit-cohort} (MR
 * prostate and CT studies with dose reports, from real headers). The contenders alternate, series
 * by series or batch by batch, and swap who goes first, so that they share the machine's noise.
 *
 * <ol>
 *   <li><b>header of one instance per series</b> (the transport alone): C-GET of the first the
 *       PACS sends, C-MOVE of the lowest Instance Number (C-FIND IMAGE first), WADO-RS metadata of
 *       the lowest Instance Number found by a QIDO-RS instance list, and WADO-RS metadata of the
 *       whole series keeping the lowest; ms per series and attributes obtained (all levels);</li>
 *   <li><b>series of a study</b> (the transport alone): C-FIND and QIDO-RS, the study by Accession
 *       Number then its series, as the engine asks; ms per series;</li>
 *   <li><b>the whole pipeline</b> ({@link PacsBridge}, de-identification, DCMEHOP, pivot
 *       documents): routine through C-GET, C-MOVE and WADO-RS metadata, light through C-FIND and
 *       QIDO-RS; ms per series and pivot elements per document;</li>
 *   <li>the attribute differences between the C-MOVE header and the WADO-RS metadata of the same
 *       instance ({@link HeaderComparison}), by kind, per series.</li>
 * </ol>
 *
 * <p>Run with {@code ./i4dw bench transports [options]} or {@code java -cp
 * i4dw-bench/target/i4dw-benchmarks.jar org.i4dw.bench.TransportBenchmark [options]}; {@code --help}
 * lists the options. Upload time is not measured. Figures are recorded in docs/BENCHMARKS.md.
 */
public final class TransportBenchmark {

    private static final String USAGE = """
            usage: TransportBenchmark [options]
              --patients N        patients in the synthetic cohort (default 10; 1 MR and 1 CT study each)
              --instances N       instances per image series (default 20)
              --matrix N          rows and columns of the pixel data (default 256)
              --rounds N          measured passes (default 3)
              --warmup N          warm-up passes (default 1)
              --concurrency N     accession numbers at once in the pipeline runs (default 2)
            """;
    private static final AeTitle US = AeTitle.of("I4DW-BENCH");
    private static final byte[] KEY = "transport-benchmark-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private int patients = 10;
    private int instances = 20;
    private int matrix = 256;
    private int rounds = 3;
    private int warmup = 1;
    private int concurrency = 2;

    private TransportBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args options, see {@code --help}
     * @throws Exception if the cohort cannot be written or Orthanc not started
     */
    public static void main(String[] args) throws Exception {
        TransportBenchmark b = new TransportBenchmark();
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
                case "--patients" -> patients = positive(args, ++i, a);
                case "--instances" -> instances = positive(args, ++i, a);
                case "--matrix" -> matrix = positive(args, ++i, a);
                case "--rounds" -> rounds = positive(args, ++i, a);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--concurrency" -> concurrency = positive(args, ++i, a);
                default -> throw new IllegalArgumentException("unknown option '" + a + "'; --help lists them");
            }
        }
        return true;
    }

    private static int positive(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        int n = Integer.parseInt(args[i]);
        if (n < 1) {
            throw new IllegalArgumentException(option + " needs a positive integer, got " + n);
        }
        return n;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private void run(String[] args) throws Exception {
        String loadBefore = load();
        Path work = Files.createTempDirectory("i4dw-transport-bench");
        try {
            Path dose = SampleCorpus.locate().folder("01-rdsr").resolve("openrem__CT-RDSR-Siemens_Flash-TAP-SS.dcm");
            long t0 = System.nanoTime();
            CohortManifest truth = SyntheticCohort.builder().patients(patients).seed(8).mrStudiesPerPatient(1)
                    .ctStudiesPerPatient(1).instancesPerSeries(instances).matrix(matrix).doseReports(dose).build()
                    .write(work.resolve("cohort"));
            System.out.printf(Locale.ROOT, "cohort: %d accession numbers, %d series, %d instances, matrix %d, "
                    + "written in %.1f s%n", truth.studies().size(), truth.seriesCount(), truth.instanceCount(), matrix,
                    (System.nanoTime() - t0) / 1e9);
            int scpPort;
            try (ServerSocket s = new ServerSocket(0)) {
                scpPort = s.getLocalPort();
            }
            try (OrthancPacs pacs = OrthancPacs.builder().aeTitle("ORTHANC").dicomWeb(true)
                    .remoteModality("i4dw", new DicomNode(US.value(), "127.0.0.1", scpPort)).start()) {
                t0 = System.nanoTime();
                pacs.uploadAll(work.resolve("cohort"));
                System.out.printf(Locale.ROOT, "uploaded to Orthanc in %.1f s (not measured)%n",
                        (System.nanoTime() - t0) / 1e9);
                PacsAddress dimse = new PacsAddress(AeTitle.of(pacs.aeTitle()), pacs.host(), pacs.dicomPort());
                PacsAddress web = PacsAddress.dicomWeb(pacs.dicomWebBaseUri());
                List<String> rows = new ArrayList<>();
                rows.addAll(headers(truth, dimse, web, scpPort));
                rows.addAll(queries(truth, dimse, web));
                rows.addAll(pipeline(truth, dimse, web, scpPort));
                System.out.println();
                System.out.println("Summary (" + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors()
                        + " processors, Java " + Runtime.version() + ", load average before " + loadBefore
                        + ", after " + load() + "):");
                rows.forEach(System.out::println);
                System.out.println();
                System.out.println("command: java -cp i4dw-bench/target/i4dw-benchmarks.jar "
                        + TransportBenchmark.class.getName() + (args.length == 0 ? "" : " " + String.join(" ", args)));
            }
        } finally {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static TransportSettings settings(PacsAddress pacs, Retrieve how, int scpPort) {
        return new TransportSettings(pacs, US, 2, how == Retrieve.WADO_RS ? Retrieve.C_GET : how, scpPort,
                Duration.ofSeconds(5), Duration.ofSeconds(60), List.of(how), HttpAuthentication.none());
    }

    /** Per-contender timings (ns) and attribute counts. */
    private static final class Tally {
        final String name;
        final List<Long> nanos = new ArrayList<>();
        long attributes;
        long topLevel;
        long samples;

        Tally(String name) {
            this.name = name;
        }

        void add(long ns, DicomObject header) {
            nanos.add(ns);
            if (header != null) {
                attributes += HeaderComparison.count(header);
                topLevel += header.size();
                samples++;
            }
        }

        double median() {
            long[] a = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            return a.length == 0 ? 0 : (a[a.length / 2] + a[(a.length - 1) / 2]) / 2e6;
        }

        double mean() {
            return nanos.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
        }

        String row(String what) {
            return String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %s | %d |", what, name, median(), mean(),
                    samples == 0 ? "-" : String.format(Locale.ROOT, "%.0f (%.0f top level)",
                            attributes / (double) samples, topLevel / (double) samples), nanos.size());
        }
    }

    private List<String> headers(CohortManifest truth, PacsAddress dimse, PacsAddress web, int scpPort) {
        DicomWebTransportProvider listed = DicomWebTransportProvider.builder()
                .firstInstance(DicomWebTransportProvider.FirstInstance.LIST_THEN_INSTANCE_METADATA).build();
        DicomWebTransportProvider whole = DicomWebTransportProvider.builder()
                .firstInstance(DicomWebTransportProvider.FirstInstance.SERIES_METADATA).build();
        Map<HeaderComparison.Kind, Long> differences = new EnumMap<>(HeaderComparison.Kind.class);
        Map<String, Long> where = new java.util.TreeMap<>();
        long compared = 0;
        List<Tally> tallies = new ArrayList<>();
        try (Transport get = new DimseTransportProvider().open(settings(dimse, Retrieve.C_GET, scpPort));
                Transport move = new DimseTransportProvider().open(settings(dimse, Retrieve.C_MOVE, scpPort));
                Transport wado = listed.open(settings(web, Retrieve.WADO_RS, scpPort));
                Transport wadoSeries = whole.open(settings(web, Retrieve.WADO_RS, scpPort))) {
            Map<String, Transport> contenders = new LinkedHashMap<>();
            contenders.put("C-GET (first sent, pixels skipped)", get);
            contenders.put("C-MOVE (C-FIND IMAGE, lowest number)", move);
            contenders.put("WADO-RS metadata (QIDO-RS list, one instance)", wado);
            contenders.put("WADO-RS metadata (whole series)", wadoSeries);
            contenders.keySet().forEach(n -> tallies.add(new Tally(n)));
            List<String> names = new ArrayList<>(contenders.keySet());
            for (int round = -warmup; round < rounds; round++) {
                int k = 0;
                for (CohortManifest.Study study : truth.studies()) {
                    for (CohortManifest.Series s : study.series()) {
                        RetrieveRequest r = new RetrieveRequest(study.studyInstanceUid(), s.seriesInstanceUid(),
                                InstanceSelection.FIRST, true);
                        Map<String, DicomObject> got = new LinkedHashMap<>();
                        for (int i = 0; i < names.size(); i++) {
                            int c = (i + k + Math.max(0, round)) % names.size();
                            AtomicReference<DicomObject> h = new AtomicReference<>();
                            long t0 = System.nanoTime();
                            RetrieveOutcome o = contenders.get(names.get(c)).retrieve(r, x -> h.compareAndSet(null,
                                    x.header()));
                            long ns = System.nanoTime() - t0;
                            if (o.received() != 1 || h.get() == null) {
                                throw new IllegalStateException(names.get(c) + " brought " + o.received()
                                        + " instances for a series");
                            }
                            if (round >= 0) {
                                tallies.get(c).add(ns, h.get());
                            }
                            got.put(names.get(c), h.get());
                        }
                        if (round == 0) {
                            HeaderComparison cmp = HeaderComparison.compare(got.get(names.get(1)), got.get(names.get(2)));
                            cmp.counts().forEach((kind, n) -> differences.merge(kind, (long) n, Long::sum));
                            cmp.differences().forEach(d -> where.merge(HeaderComparison.generic(d), 1L, Long::sum));
                            compared++;
                        }
                        k++;
                    }
                }
            }
        }
        List<String> rows = new ArrayList<>();
        rows.add("");
        rows.add("| measurement | path | median ms per series | mean ms | attributes per series (all levels) | samples |");
        rows.add("| --- | --- | --- | --- | --- | --- |");
        tallies.forEach(t -> rows.add(t.row("header of one instance")));
        StringBuilder diff = new StringBuilder();
        long c = compared;
        differences.forEach((kind, n) -> diff.append(diff.length() == 0 ? "" : ", ").append(kind).append(' ')
                .append(String.format(Locale.ROOT, "%.1f", n / (double) c)));
        rows.add("");
        rows.add("differences, C-MOVE header against WADO-RS metadata of the same instance, per series (" + compared
                + " series): " + diff);
        where.forEach((w, n) -> rows.add(String.format(Locale.ROOT, "    %5d  %s", n, w)));
        return rows;
    }

    private List<String> queries(CohortManifest truth, PacsAddress dimse, PacsAddress web) {
        List<Tally> tallies = List.of(new Tally("C-FIND"), new Tally("QIDO-RS"));
        try (Transport find = new DimseTransportProvider().open(settings(dimse, Retrieve.C_GET, 0));
                Transport qido = new DicomWebTransportProvider().open(settings(web, Retrieve.WADO_RS, 0))) {
            List<Transport> ts = List.of(find, qido);
            for (int round = -warmup; round < rounds; round++) {
                int k = 0;
                for (CohortManifest.Study study : truth.studies()) {
                    for (int i = 0; i < 2; i++) {
                        int c = (i + k + Math.max(0, round)) % 2;
                        Transport t = ts.get(c);
                        List<DicomObject> series = new ArrayList<>();
                        List<DicomObject> studies = new ArrayList<>();
                        long t0 = System.nanoTime();
                        t.query(QueryLevel.STUDY, DicomObject.builder().set(Tag.AccessionNumber, VR.SH,
                                study.accessionNumber()).setEmpty(Tag.StudyInstanceUID, VR.UI)
                                .setEmpty(Tag.PatientID, VR.LO).setEmpty(Tag.StudyDate, VR.DA)
                                .setEmpty(Tag.StudyDescription, VR.LO).setEmpty(Tag.ModalitiesInStudy, VR.CS)
                                .setEmpty(Tag.NumberOfStudyRelatedSeries, VR.IS).build(), studies::add);
                        t.query(QueryLevel.SERIES, DicomObject.builder().set(Tag.StudyInstanceUID, VR.UI,
                                studies.get(0).string(Tag.StudyInstanceUID).orElseThrow())
                                .setEmpty(Tag.SeriesInstanceUID, VR.UI).setEmpty(Tag.Modality, VR.CS)
                                .setEmpty(Tag.SeriesNumber, VR.IS).setEmpty(Tag.SeriesDescription, VR.LO)
                                .setEmpty(Tag.BodyPartExamined, VR.CS).setEmpty(Tag.NumberOfSeriesRelatedInstances,
                                        VR.IS).build(), series::add);
                        long ns = System.nanoTime() - t0;
                        if (series.size() != study.series().size()) {
                            throw new IllegalStateException(ts.get(c).queryPath() + " listed " + series.size()
                                    + " series of a study of " + study.series().size());
                        }
                        if (round >= 0) {
                            for (DicomObject s : series) {
                                tallies.get(c).add(ns / series.size(), s.toBuilder().remove(Tag.QueryRetrieveLevel)
                                        .build());
                            }
                        }
                    }
                    k++;
                }
            }
        }
        List<String> rows = new ArrayList<>();
        tallies.forEach(t -> rows.add(t.row("study by accession, then its series (per series)")));
        return rows;
    }

    private List<String> pipeline(CohortManifest truth, PacsAddress dimse, PacsAddress web, int scpPort) {
        List<String> accessions = truth.studies().stream().map(CohortManifest.Study::accessionNumber).toList();
        Map<String, PacsBridge.Builder> runs = new LinkedHashMap<>();
        runs.put("routine, C-GET", bridge(dimse).retrieveWith(Retrieve.C_GET));
        runs.put("routine, C-MOVE", bridge(dimse).retrieveWith(Retrieve.C_MOVE).storageScpPort(scpPort));
        runs.put("routine, WADO-RS metadata", bridge(web));
        runs.put("light, C-FIND", bridge(dimse).mode(Mode.LIGHT));
        runs.put("light, QIDO-RS", bridge(web).mode(Mode.LIGHT));
        List<String> names = new ArrayList<>(runs.keySet());
        Map<String, Tally> tallies = new LinkedHashMap<>();
        Map<String, long[]> elements = new LinkedHashMap<>();
        names.forEach(n -> {
            tallies.put(n, new Tally(n));
            elements.put(n, new long[4]);
        });
        // each batch gets a bridge of its own, built before and closed after it: bridges kept open
        // would hold pooled associations, and Orthanc serves only 4 at once (DicomThreadsCount)
        for (int round = -warmup; round < rounds; round++) {
            for (int i = 0; i < names.size(); i++) {
                String n = names.get((i + Math.max(0, round)) % names.size());
                long[] docs = new long[2];
                try (PacsBridge bridge = runs.get(n).build()) {
                    long t0 = System.nanoTime();
                    BatchReport r = bridge.extract(accessions, d -> {
                        docs[0]++;
                        docs[1] += d.elements().size();
                    });
                    long ns = System.nanoTime() - t0;
                    long ok = r.accessions().stream().flatMap(a -> a.series().stream())
                            .filter(x -> x.status() == SeriesOutcome.Status.OK).count();
                    if (ok != truth.seriesCount()) {
                        throw new IllegalStateException(n + ": " + ok + " series OK of " + truth.seriesCount() + ": "
                                + r);
                    }
                    if (round >= 0) {
                        tallies.get(n).nanos.add(ns / truth.seriesCount());
                        long[] e = elements.get(n);
                        e[0] += docs[0];
                        e[1] += docs[1];
                        r.pacsStatistics().forEach(st -> {
                            e[2] += st.retries();
                            e[3] += st.operations();
                        });
                    }
                }
            }
        }
        List<String> rows = new ArrayList<>();
        rows.add("");
        rows.add("| pipeline (PacsBridge, concurrency " + concurrency + ", " + truth.seriesCount()
                + " series per batch) | path | median ms per series | mean ms | pivot elements per document | batches "
                + "| operations retried |");
        rows.add("| --- | --- | --- | --- | --- | --- | --- |");
        for (String n : names) {
            Tally t = tallies.get(n);
            long[] e = elements.get(n);
            rows.add(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.0f | %d | %d of %d |",
                    n.substring(0, n.indexOf(',')), n.substring(n.indexOf(',') + 2), t.median(), t.mean(),
                    e[1] / (double) Math.max(1, e[0]), t.nanos.size(), e[2], e[3]));
        }
        return rows;
    }

    private PacsBridge.Builder bridge(PacsAddress pacs) {
        return PacsBridge.builder().pacs(pacs).callingAeTitle(US.value())
                .deidentification(DeidentifierSpec.of("default", KEY, null)).maxAssociations(2)
                .concurrency(concurrency).adaptiveLoadControl(false).responseTimeout(Duration.ofSeconds(60));
    }
}
