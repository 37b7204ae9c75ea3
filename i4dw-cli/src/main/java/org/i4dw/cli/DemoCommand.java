/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.i4dw.api.DicomParseException;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.UidDictionary;
import org.i4dw.dicom.io.DicomFile;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.ReadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The demo: reads every file of a DICOM corpus header-only, as routine extraction will, and prints
 * what a CDW engineer wants to know before a first load: how many patients, studies, series and
 * instances, which modalities, SOP classes, transfer syntaxes and character sets, what failed and
 * why, and how fast headers are read. Counts only: no identifier or name is printed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Read a DICOM corpus header-only and print what it holds (counts only) and how fast.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--samples", paramLabel = "DIR",
            description = "The corpus to read (default: env I4DW_SAMPLES, else ../shared/dicom-samples).")
    private Path samples;

    @Option(names = "--top", paramLabel = "N", defaultValue = "8",
            description = "How many rows of each table to show (default: ${DEFAULT-VALUE}).")
    private int top;

    @Option(names = "--no-network",
            description = "Skip the second part (the extraction from a local Orthanc).")
    private boolean noNetwork;

    @Option(names = "--patients", paramLabel = "N", defaultValue = "20",
            description = "Patients of the synthetic cohort loaded into the demo PACS (default: ${DEFAULT-VALUE}).")
    private int cohortPatients;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "i4dw-demo-output",
            description = "Where the demo writes its pivot documents, terminology and report (default: ${DEFAULT-VALUE}).")
    private Path demoOut;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path root = samples != null ? samples : defaultCorpus();
        if (!Files.isDirectory(root)) {
            err.println("i4dw demo: no corpus at " + root + " (use --samples DIR or set I4DW_SAMPLES)");
            return 2;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().contains("99-hazardous"))
                    .filter(p -> !p.getFileName().toString().endsWith(".md"))
                    .sorted().collect(Collectors.toList());
        }
        ReadOptions headerOnly = ReadOptions.builder().headerOnly(true).build();
        // Warm the JIT on a few files so the timing says what a long-running ETL sees.
        for (int i = 0; i < Math.min(files.size(), 50); i++) {
            try {
                DicomReader.read(files.get(i), headerOnly);
            } catch (IOException | DicomParseException e) {
                // counted below
            }
        }
        Map<String, Integer> modalities = new TreeMap<>();
        Map<String, Integer> sopClasses = new TreeMap<>();
        Map<String, Integer> syntaxes = new TreeMap<>();
        Map<String, Integer> charsets = new TreeMap<>();
        Map<String, Integer> failures = new TreeMap<>();
        Set<String> patients = new HashSet<>();
        Set<String> studies = new HashSet<>();
        Set<String> series = new HashSet<>();
        long bytes = 0;
        long elements = 0;
        int ok = 0;
        int warned = 0;
        long[] nanos = new long[files.size()];
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            long t0 = System.nanoTime();
            try {
                DicomFile df = DicomReader.read(f, headerOnly);
                nanos[ok] = System.nanoTime() - t0;
                ok++;
                bytes += Files.size(f);
                DicomObject ds = df.dataset();
                elements += countElements(ds);
                if (!df.warnings().isEmpty()) {
                    warned++;
                }
                count(modalities, ds.string(Tag.Modality).orElse("(none)"));
                String sop = ds.string(Tag.SOPClassUID).orElse("");
                count(sopClasses, UidDictionary.standard().name(sop).orElse(sop.isEmpty() ? "(none)" : sop));
                count(syntaxes, df.transferSyntax().name());
                count(charsets, ds.characterSet().toString());
                ds.string(Tag.PatientID).ifPresent(patients::add);
                ds.string(Tag.StudyInstanceUID).ifPresent(studies::add);
                ds.string(Tag.SeriesInstanceUID).ifPresent(series::add);
            } catch (DicomParseException e) {
                count(failures, firstWords(e.reason()));
            } catch (IOException e) {
                count(failures, "I/O error: " + e.getClass().getSimpleName());
            }
        }
        long[] times = java.util.Arrays.copyOf(nanos, ok);
        java.util.Arrays.sort(times);
        long total = java.util.Arrays.stream(times).sum();

        out.printf(Locale.ROOT, "I4DW demo: header-only read of %s%n%n", root);
        out.printf(Locale.ROOT, "%d files: %d read (%d with warnings), %d refused%n", files.size(), ok, warned,
                files.size() - ok);
        out.printf(Locale.ROOT, "%d patients, %d studies, %d series, %d data elements in all%n%n", patients.size(),
                studies.size(), series.size(), elements);
        table(out, "Modality", modalities);
        table(out, "SOP class", sopClasses);
        table(out, "Transfer syntax", syntaxes);
        table(out, "Specific Character Set", charsets);
        if (!failures.isEmpty()) {
            table(out, "Refused (reason)", failures);
        }
        if (ok > 0) {
            out.printf(Locale.ROOT, "Speed: median %.3f ms per header, p95 %.3f ms, %.0f headers/s, "
                            + "%.1f MB of files (pixel data skipped, never read)%n",
                    times[ok / 2] / 1e6, times[Math.min(ok - 1, (int) (ok * 0.95))] / 1e6,
                    ok / (total / 1e9), bytes / 1e6);
        }
        out.println();
        if (!noNetwork) {
            ExtractionDemo.run(files, root, cohortPatients, demoOut, out, err);
        }
        out.println("Next: ./i4dw extract AET@HOST:PORT --accessions FILE --out DIR runs this job on your PACS; ./i4dw test runs the whole suite.");
        out.flush();
        return 0;
    }

    private static Path defaultCorpus() {
        String env = System.getenv("I4DW_SAMPLES");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of("../shared/dicom-samples");
    }

    private static long countElements(DicomObject o) {
        long n = 0;
        for (var e : o) {
            n++;
            for (DicomObject item : e.items()) {
                n += countElements(item);
            }
        }
        return n;
    }

    private static void count(Map<String, Integer> m, String key) {
        m.merge(key, 1, Integer::sum);
    }

    private static String firstWords(String reason) {
        String r = reason.replaceAll("[0-9]+", "N");
        return r.length() > 70 ? r.substring(0, 70) + "..." : r;
    }

    private void table(PrintWriter out, String title, Map<String, Integer> counts) {
        out.println(title);
        List<Map.Entry<String, Integer>> rows = new ArrayList<>(counts.entrySet());
        rows.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        int shown = 0;
        int rest = 0;
        for (Map.Entry<String, Integer> r : rows) {
            if (shown < top) {
                out.printf(Locale.ROOT, "  %6d  %s%n", r.getValue(), r.getKey());
                shown++;
            } else {
                rest += r.getValue();
            }
        }
        if (rest > 0) {
            out.printf(Locale.ROOT, "  %6d  (%d more kinds)%n", rest, rows.size() - shown);
        }
        out.println();
    }
}
