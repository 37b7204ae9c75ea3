/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.i4dw.api.AeTitle;
import org.i4dw.api.I4dwException;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.QueryLevel;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.dicom.net.DimseClient;
import org.i4dw.dicom.net.InstanceHandler;
import org.i4dw.dicom.net.QueryModel;
import org.i4dw.dicom.net.RetrieveResult;
import org.i4dw.testkit.LoadReport;
import org.i4dw.testkit.OrthancPacs;

/**
 * The demo's second part, the routine job over the network: a local Orthanc (Debian's, on
 * loopback, in a temporary folder) is loaded with the corpus, then every accession number is
 * looked up with C-FIND and the header of one instance per series is fetched with C-GET, pixel
 * data skipped, on one kept association. Prints counts and timings only.
 */
final class NetworkDemo {

    /** Files of the bulk benchmark folder loaded into the demo PACS (the rest of that folder is alike). */
    private static final int BULK_FILES = 40;

    private NetworkDemo() {
    }

    static void run(List<Path> files, PrintWriter out, PrintWriter err) {
        List<Path> load = new ArrayList<>();
        int bulk = 0;
        for (Path f : files) {
            if (f.toString().contains("12-bulk-benchmark")) {
                if (bulk++ >= BULK_FILES) {
                    continue;
                }
            }
            load.add(f);
        }
        out.println("Part 2: the routine job against a PACS (Debian's Orthanc, started on loopback)");
        out.println();
        try (OrthancPacs pacs = OrthancPacs.builder().aeTitle("DEMO-PACS").dicomWeb(false).start()) {
            long t0 = System.nanoTime();
            LoadReport loaded = pacs.uploadAll(load);
            out.printf(Locale.ROOT, "Loaded %d instances into the PACS in %.1f s (%d refused by Orthanc)%n",
                    loaded.acceptedCount(), (System.nanoTime() - t0) / 1e9, load.size() - loaded.acceptedCount());
            PacsAddress address = new PacsAddress(AeTitle.of(pacs.aeTitle()), pacs.host(), pacs.dicomPort());
            try (DimseClient client = DimseClient.builder().pacs(address).callingAeTitle("I4DW-DEMO")
                    .maxAssociations(1).build()) {
                List<Duration> echoes = client.echo(50);
                long[] e = echoes.stream().mapToLong(Duration::toNanos).sorted().toArray();
                out.printf(Locale.ROOT, "C-ECHO on one kept association: median %.3f ms over %d%n", e[e.length / 2] / 1e6,
                        e.length);
                Map<String, Integer> accessions = accessionNumbers(client);
                out.printf(Locale.ROOT, "%d studies with an accession number (the ETL's keys)%n", accessions.size());
                routine(client, accessions, out, false);
                routine(client, accessions, out, true);
            }
        } catch (I4dwException e) {
            err.println("i4dw demo: the network part could not run: " + e.getMessage());
        }
        out.println();
    }

    private static Map<String, Integer> accessionNumbers(DimseClient client) {
        Map<String, Integer> accessions = new LinkedHashMap<>();
        DicomObject keys = DicomObject.builder().setEmpty(Tag.AccessionNumber, VR.SH)
                .setEmpty(Tag.StudyInstanceUID, VR.UI).build();
        client.find(QueryModel.STUDY_ROOT, QueryLevel.STUDY, keys, study -> {
            study.string(Tag.AccessionNumber).filter(a -> !a.isBlank()).ifPresent(a -> accessions.merge(a, 1, Integer::sum));
            return true;
        });
        return accessions;
    }

    /** For each accession number: C-FIND the studies, then the header of the first instance of each series. */
    private static void routine(DimseClient client, Map<String, Integer> accessions, PrintWriter out, boolean report) {
        List<Long> perSeries = new ArrayList<>();
        AtomicLong elements = new AtomicLong();
        int series = 0;
        Map<String, Integer> failures = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        for (String accession : accessions.keySet()) {
            try {
            long s0 = System.nanoTime();
            List<String> studies = new ArrayList<>();
            DicomObject keys = DicomObject.builder().set(Tag.AccessionNumber, VR.SH, accession)
                    .setEmpty(Tag.StudyInstanceUID, VR.UI).build();
            client.find(QueryModel.STUDY_ROOT, QueryLevel.STUDY, keys,
                    s -> studies.add(s.string(Tag.StudyInstanceUID).orElse("")));
            int n = 0;
            for (String study : studies.stream().filter(s -> !s.isEmpty()).collect(Collectors.toList())) {
                List<RetrieveResult> results = client.getOneInstancePerSeries(study,
                        InstanceHandler.headers(h -> elements.addAndGet(count(h))));
                n += results.size();
            }
            long ns = System.nanoTime() - s0;
            if (n > 0) {
                for (int i = 0; i < n; i++) {
                    perSeries.add(ns / n);
                }
                series += n;
            }
            } catch (I4dwException e) {
                failures.merge(e.getMessage(), 1, Integer::sum);
            }
        }
        double total = (System.nanoTime() - t0) / 1e9;
        if (!report) {
            return;
        }
        long[] t = perSeries.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(t);
        if (t.length == 0) {
            out.println("No series found.");
            return;
        }
        out.printf(Locale.ROOT, "Routine extraction (C-FIND by accession number, C-FIND of the series, C-GET of one "
                + "header per series, pixel data skipped):%n");
        out.printf(Locale.ROOT, "  %d series in %.2f s: median %.2f ms per series, p90 %.2f ms; %d data elements read%n",
                series, total, t[t.length / 2] / 1e6, t[Math.min(t.length - 1, (int) (t.length * 0.9))] / 1e6,
                elements.get());
        out.printf(Locale.ROOT, "  the published prototype needed 900 ms per series: %.0fx faster here%n",
                900.0 / (t[t.length / 2] / 1e6));
        failures.forEach((kind, n) -> out.printf(Locale.ROOT, "  %d accession numbers failed: %s%n", n, kind));
    }

    private static long count(DicomObject o) {
        long n = 0;
        for (DicomElement e : o) {
            n++;
            for (DicomObject item : e.items()) {
                n += count(item);
            }
        }
        return n;
    }
}
