/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.i4dw.api.AccessionOutcome;
import org.i4dw.api.AeTitle;
import org.i4dw.api.BatchReport;
import org.i4dw.api.I4dwException;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.PacsBridge;
import org.i4dw.api.QueryLevel;
import org.i4dw.api.SeriesOutcome;
import org.i4dw.api.terminology.Terminology;
import org.i4dw.api.terminology.TerminologyFormat;
import org.i4dw.api.terminology.TerminologyNode;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.dicom.net.DimseClient;
import org.i4dw.dicom.net.QueryModel;
import org.i4dw.examples.plugin.MrFieldStrengthPlugin;
import org.i4dw.spi.DeidentifierProvider;
import org.i4dw.spi.DeidentifierSpec;
import org.i4dw.spi.ObjectDeidentifier;
import org.i4dw.spi.PivotSerializerProvider;
import org.i4dw.spi.ProviderRegistry;
import org.i4dw.spi.TerminologyProvider;
import org.i4dw.testkit.LoadReport;
import org.i4dw.testkit.OrthancPacs;
import org.i4dw.testkit.cohort.CohortManifest;
import org.i4dw.testkit.cohort.SyntheticCohort;

/**
 * The demo's second part, the ETL's job end to end: a local Orthanc (Debian's, on loopback, in a
 * temporary folder) is loaded with a synthetic cohort (MR prostate and CT studies made from real
 * headers, with a ground truth) and the real samples; then every accession number the PACS holds
 * goes through a {@link PacsBridge}: C-FIND by accession number, C-GET of one header per series
 * (pixel data never read), de-identification with I4DW's default profile under a key drawn for
 * this run, the DCMEHOP terminology, the MR field strength example plugin, one pivot XML document
 * per series. Prints counts, timings, the agreement with the ground truth and the top of the
 * terminology; never an identifier.
 */
final class ExtractionDemo {

    /** Files of the bulk benchmark folder loaded into the demo PACS (the rest of that folder is alike). */
    private static final int BULK_FILES = 40;

    /** Top nodes of the terminology shown. */
    private static final int ROOTS_SHOWN = 4;

    /** Children shown under each top node. */
    private static final int CHILDREN_SHOWN = 5;

    private ExtractionDemo() {
    }

    static void run(List<Path> corpusFiles, Path corpusRoot, int patients, Path outDir, PrintWriter out,
            PrintWriter err) {
        out.println("Part 2: the ETL's job against a PACS (Debian's Orthanc, started on loopback)");
        out.println();
        Path work = null;
        try {
            work = Files.createTempDirectory("i4dw-demo-");
            SyntheticCohort.Builder cohort = SyntheticCohort.builder().patients(patients).seed(2026)
                    .mrStudiesPerPatient(1).ctStudiesPerPatient(1).instancesPerSeries(3);
            Path dose = corpusRoot.resolve("01-rdsr").resolve("openrem__CT-RDSR-Siemens_Flash-TAP-SS.dcm");
            if (Files.isRegularFile(dose)) {
                cohort.doseReports(dose);
            }
            long g0 = System.nanoTime();
            CohortManifest truth = cohort.build().write(work.resolve("cohort"));
            out.printf(Locale.ROOT, "Synthetic cohort: %d patients, %d studies, %d series, %d instances (MR prostate, "
                    + "CT abdomen-pelvis%s), written in %.1f s with its ground truth%n", truth.patients().size(),
                    truth.studies().size(), truth.seriesCount(), truth.instanceCount(),
                    Files.isRegularFile(dose) ? " with a dose report" : "", (System.nanoTime() - g0) / 1e9);
            List<Path> load = new ArrayList<>();
            try (Stream<Path> s = Files.walk(work.resolve("cohort"))) {
                s.filter(p -> p.toString().endsWith(".dcm")).sorted().forEach(load::add);
            }
            int bulk = 0;
            for (Path f : corpusFiles) {
                if (f.toString().contains("12-bulk-benchmark") && bulk++ >= BULK_FILES) {
                    continue;
                }
                load.add(f);
            }
            try (OrthancPacs pacs = OrthancPacs.builder().aeTitle("DEMO-PACS").dicomWeb(false).start()) {
                long t0 = System.nanoTime();
                LoadReport loaded = pacs.uploadAll(load);
                out.printf(Locale.ROOT, "Loaded %d instances (the cohort and the sample corpus) into the PACS in %.1f s "
                        + "(%d refused by Orthanc)%n", loaded.acceptedCount(), (System.nanoTime() - t0) / 1e9,
                        load.size() - loaded.acceptedCount());
                PacsAddress address = new PacsAddress(AeTitle.of(pacs.aeTitle()), pacs.host(), pacs.dicomPort());
                List<String> accessions = accessionNumbers(address, out);
                extract(address, accessions, truth, outDir, out);
            }
        } catch (I4dwException | IOException e) {
            err.println("i4dw demo: the network part could not run: " + e.getMessage());
        } finally {
            if (work != null) {
                deleteTree(work);
            }
        }
        out.println();
    }

    /** The ETL's input: every accession number the PACS holds (here found with C-FIND; an ETL reads them from the RIS). */
    private static List<String> accessionNumbers(PacsAddress address, PrintWriter out) {
        Set<String> accessions = new LinkedHashSet<>();
        try (DimseClient client = DimseClient.builder().pacs(address).callingAeTitle("I4DW-DEMO").maxAssociations(1)
                .build()) {
            List<Duration> echoes = client.echo(50);
            long[] e = echoes.stream().mapToLong(Duration::toNanos).sorted().toArray();
            out.printf(Locale.ROOT, "C-ECHO on one kept association: median %.3f ms over %d%n", e[e.length / 2] / 1e6,
                    e.length);
            DicomObject keys = DicomObject.builder().setEmpty(Tag.AccessionNumber, VR.SH)
                    .setEmpty(Tag.StudyInstanceUID, VR.UI).build();
            client.find(QueryModel.STUDY_ROOT, QueryLevel.STUDY, keys, study -> {
                study.string(Tag.AccessionNumber).map(String::strip).filter(a -> !a.isEmpty())
                        .ifPresent(accessions::add);
                return true;
            });
        }
        return new ArrayList<>(accessions);
    }

    private static void extract(PacsAddress address, List<String> accessions, CohortManifest truth, Path outDir,
            PrintWriter out) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        DeidentifierSpec deid = DeidentifierSpec.of("default", key, null);
        PivotSerializerProvider xml = ProviderRegistry.builder(PivotSerializerProvider.class, "i4dw-pivot").build()
                .best();
        TerminologyProvider terminologyProvider = ProviderRegistry.builder(TerminologyProvider.class,
                "i4dw-terminology").build().best();
        Path pivotDir = outDir.resolve("pivot");
        Files.createDirectories(pivotDir);
        try (Stream<Path> old = Files.list(pivotDir)) {
            for (Path p : (Iterable<Path>) old::iterator) {
                Files.delete(p);
            }
        }
        AtomicLong elements = new AtomicLong();
        Set<String> documents = new HashSet<>();
        out.printf(Locale.ROOT, "%d accession numbers to extract: C-FIND by accession number, C-FIND of the series, "
                + "C-GET of one header per series (pixel data never read), de-identification (I4DW's default profile, "
                + "a key drawn for this run), DCMEHOP terminology, the MR field strength plugin, pivot XML%n",
                accessions.size());
        BatchReport report;
        Terminology terminology;
        try (PacsBridge bridge = PacsBridge.builder().pacs(address).callingAeTitle("I4DW-DEMO").deidentification(deid)
                .features("pivot", "terminology", MrFieldStrengthPlugin.ID).maxAssociations(2).build()) {
            // one accession number first, so the timings say what a long-running ETL sees, not class loading
            bridge.extract(accessions.subList(0, Math.min(1, accessions.size())), d -> { });
            report = bridge.extract(accessions, d -> {
                ExtractCommand.writeAtomically(pivotDir.resolve(d.documentId() + ".xml"), o -> xml.write(d, o));
                elements.addAndGet(d.elements().size());
                documents.add(d.accessionNumber() + " " + d.documentId());
            });
            terminology = bridge.terminology();
        }
        var a = report.accessionCounts();
        var s = report.seriesCounts();
        int series = s.values().stream().mapToInt(Integer::intValue).sum();
        out.printf(Locale.ROOT, "  %d accession numbers: %d OK, %d partial, %d not found, %d failed; %d series: %d OK, "
                + "%d failed%n", report.accessions().size(), a.get(AccessionOutcome.Status.OK),
                a.get(AccessionOutcome.Status.PARTIAL), a.get(AccessionOutcome.Status.NOT_FOUND),
                a.get(AccessionOutcome.Status.FAILED), series, s.get(SeriesOutcome.Status.OK),
                s.get(SeriesOutcome.Status.FAILED));
        long[] t = report.accessions().stream().flatMap(x -> x.series().stream())
                .filter(x -> x.status() == SeriesOutcome.Status.OK).mapToLong(x -> x.elapsed().toNanos()).toArray();
        Arrays.sort(t);
        double wall = report.elapsed().toNanos() / 1e6;
        if (t.length > 0) {
            out.printf(Locale.ROOT, "  %.2f s in all, %.1f ms per series of wall time with 2 associations; per series "
                    + "(retrieve, de-identify, index, write): median %.2f ms, p90 %.2f ms%n", wall / 1000,
                    wall / Math.max(1, series), t[t.length / 2] / 1e6, t[Math.min(t.length - 1, (int) (t.length * 0.9))] / 1e6);
            out.printf(Locale.ROOT, "  the published prototype needed 900 ms per series: %.0fx faster here%n",
                    900.0 / (t[t.length / 2] / 1e6));
        }
        out.printf(Locale.ROOT, "  %d structured elements indexed into %d pivot documents (%.0f per series); the "
                + "terminology has %d nodes%n", elements.get(), documents.size(),
                elements.get() / (double) Math.max(1, documents.size()), terminology.size());
        groundTruth(truth, report, documents, deid, out);
        out.println();
        out.println("The terminology (DCMEHOP): the largest top nodes and their largest children");
        List<TerminologyNode> roots = new ArrayList<>(terminology.roots());
        roots.sort(Comparator.comparingInt(TerminologyNode::documentCount).reversed());
        for (TerminologyNode root : roots.subList(0, Math.min(ROOTS_SHOWN, roots.size()))) {
            out.println("  " + line(root));
            List<TerminologyNode> children = new ArrayList<>(root.children());
            children.sort(Comparator.comparingInt(TerminologyNode::documentCount).reversed()
                    .thenComparing(TerminologyNode::label));
            for (TerminologyNode c : children.subList(0, Math.min(CHILDREN_SHOWN, children.size()))) {
                out.println("    " + line(c));
            }
            if (children.size() > CHILDREN_SHOWN) {
                out.println("    ... " + (children.size() - CHILDREN_SHOWN) + " more");
            }
        }
        terminology.path("X-Ray Radiation Dose Report", "CT Acquisition", "CT Dose").ifPresent(ctDose -> {
            out.println("  and deeper, for instance:");
            out.println("  X-Ray Radiation Dose Report > CT Acquisition > " + line(ctDose));
            ctDose.children().stream().filter(c -> !c.units().isEmpty()).limit(4)
                    .forEach(c -> out.println("      " + line(c)));
        });
        out.println("  (" + terminology.roots().size() + " top nodes, " + terminology.size()
                + " nodes in all: terminology.json and terminology.xml hold the whole tree)");
        write(outDir.resolve("terminology.xml"), terminologyProvider, terminology, TerminologyFormat.XML);
        write(outDir.resolve("terminology.json"), terminologyProvider, terminology, TerminologyFormat.JSON);
        ExtractCommand.writeAtomically(outDir.resolve("report.json"), o -> {
            Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
            report.writeJson(w);
            w.flush();
        });
        out.println();
        out.println("Files: " + pivotDir.toAbsolutePath() + " (" + documents.size() + " pivot documents, XSD: ./i4dw "
                + "schema pivot), " + outDir.resolve("terminology.xml").toAbsolutePath() + ", "
                + outDir.resolve("terminology.json").toAbsolutePath() + ", " + outDir.resolve("report.json").toAbsolutePath());
    }

    private static String line(TerminologyNode n) {
        StringBuilder b = new StringBuilder(n.label());
        if (!n.units().isEmpty()) {
            b.append(" [").append(String.join(", ", n.units())).append(']');
        }
        b.append(" (").append(n.patientCount()).append(n.patientCount() == 1 ? " patient, " : " patients, ")
                .append(n.documentCount()).append(n.documentCount() == 1 ? " doc)" : " docs)");
        if (!n.values().isEmpty() && !n.valuesTruncated()) {
            b.append("  values: ").append(n.values().stream().limit(4).map(v -> v.meaning())
                    .collect(Collectors.joining(", "))).append(n.values().size() > 4 ? ", ..." : "");
        }
        return b.toString();
    }

    /** Compares what came out for the synthetic cohort with its ground truth. */
    private static void groundTruth(CohortManifest truth, BatchReport report, Set<String> documents,
            DeidentifierSpec spec, PrintWriter out) {
        ObjectDeidentifier deid = ProviderRegistry.builder(DeidentifierProvider.class, "i4dw-deid").build().best()
                .create(spec);
        Set<String> expected = new HashSet<>();
        for (CohortManifest.Study st : truth.studies()) {
            for (CohortManifest.Series se : st.series()) {
                expected.add(st.accessionNumber() + " " + deid.deidentify(DicomObject.builder()
                        .set(Tag.PatientID, VR.LO, st.patientId()).set(Tag.StudyInstanceUID, VR.UI, st.studyInstanceUid())
                        .set(Tag.SeriesInstanceUID, VR.UI, se.seriesInstanceUid()).build())
                        .string(Tag.SeriesInstanceUID).orElse(""));
            }
        }
        Set<String> cohortAccessions = truth.studies().stream().map(CohortManifest.Study::accessionNumber)
                .collect(Collectors.toSet());
        Set<String> got = documents.stream().filter(d -> cohortAccessions.contains(d.substring(0, d.indexOf(' '))))
                .collect(Collectors.toSet());
        Set<String> hit = new HashSet<>(got);
        hit.retainAll(expected);
        long ok = report.accessions().stream().filter(x -> cohortAccessions.contains(x.accessionNumber())
                && x.status() == AccessionOutcome.Status.OK).count();
        out.printf(Locale.ROOT, "  against the cohort's ground truth: %d of %d accession numbers OK, %d of %d series; "
                + "precision %.2f, recall %.2f%n", ok, cohortAccessions.size(), hit.size(), expected.size(),
                got.isEmpty() ? 0.0 : hit.size() / (double) got.size(), hit.size() / (double) expected.size());
    }

    private static void write(Path file, TerminologyProvider provider, Terminology t, TerminologyFormat format)
            throws IOException {
        ExtractCommand.writeAtomically(file, o -> {
            Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
            provider.write(t, format, w);
            w.flush();
        });
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted((x, y) -> y.getNameCount() - x.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
