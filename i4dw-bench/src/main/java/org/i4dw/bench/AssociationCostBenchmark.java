/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.i4dw.api.AeTitle;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.QueryLevel;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.dicom.net.DimseClient;
import org.i4dw.dicom.net.InstanceHandler;
import org.i4dw.dicom.net.QueryModel;
import org.i4dw.dicom.net.RetrieveRequest;
import org.i4dw.testkit.OrthancPacs;
import org.i4dw.testkit.SampleCorpus;

/**
 * What one operation costs the PACS, in its own CPU time, by how the association is made: the PACS
 * side of a routine series, which sets the pace on a machine shared with the PACS. On Debian's
 * Orthanc (started through the test kit on loopback, loaded with one MR series of the sample
 * corpus), each case runs {@code --operations} times after 20 unmeasured ones, and Orthanc's user
 * + system time (from /proc) is divided by the operations:
 *
 * <ul>
 *   <li>C-ECHO and a STUDY C-FIND, each on a new association, and the C-FIND on one kept;</li>
 *   <li>a C-GET of one instance (IMAGE level) on a new association proposing every common storage
 *       class (128 contexts), proposing its one class (about 20 contexts), and on one kept;</li>
 *   <li>routine retrieval ({@code DimseClient.getOneInstance}: C-GET of the series cancelled
 *       after the first instance) on a new association each, without and with the series'
 *       Modality as a hint (the proposal narrowed to that modality's classes), and on one
 *       association kept after cancels.</li>
 * </ul>
 *
 * <pre>
 * java -Di4dw.samples=/work/shared/dicom-samples -cp i4dw-bench/target/i4dw-benchmarks.jar \
 *     org.i4dw.bench.AssociationCostBenchmark [--operations N]
 * </pre>
 */
public final class AssociationCostBenchmark {

    private static final String SERIES = "02-mr-series/ge-genesis-signa-dcm4che";

    private AssociationCostBenchmark() {
    }

    /**
     * Runs the cases and prints one line each.
     *
     * @param args {@code --operations N} (default 200)
     * @throws Exception if Orthanc cannot be started or an operation fails
     */
    public static void main(String[] args) throws Exception {
        int operations = 200;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--operations") && i + 1 < args.length) {
                operations = Integer.parseInt(args[++i]);
            } else {
                System.err.println("usage: AssociationCostBenchmark [--operations N]");
                System.exit(2);
            }
        }
        try (OrthancPacs pacs = OrthancPacs.builder().aeTitle("COST").dicomWeb(false).start()) {
            pacs.uploadAll(SampleCorpus.locate().folder(SERIES));
            long pid = EndToEnd.orthancPid();
            if (pid < 0) {
                throw new IllegalStateException("Orthanc's process was not found among this JVM's descendants");
            }
            PacsAddress address = new PacsAddress(AeTitle.of(pacs.aeTitle()), pacs.host(), pacs.dicomPort());
            Supplier<DimseClient> fresh = () -> DimseClient.builder().pacs(address).maxAssociations(1).build();
            String study = pacs.studyInstanceUids().get(0);
            DicomObject first;
            try (DimseClient c = fresh.get()) {
                List<DicomObject> found = new ArrayList<>();
                c.find(QueryModel.STUDY_ROOT, QueryLevel.IMAGE, DicomObject.builder()
                        .set(Tag.StudyInstanceUID, VR.UI, study).setEmpty(Tag.SeriesInstanceUID, VR.UI)
                        .setEmpty(Tag.SOPInstanceUID, VR.UI).setEmpty(Tag.SOPClassUID, VR.UI)
                        .setEmpty(Tag.Modality, VR.CS).build(), found::add);
                first = found.get(0);
            }
            String series = first.string(Tag.SeriesInstanceUID).orElseThrow();
            String sopClass = first.string(Tag.SOPClassUID).orElseThrow();
            String modality = first.string(Tag.Modality).orElse("MR");
            RetrieveRequest one = RetrieveRequest.builder().level(QueryLevel.IMAGE).studyInstanceUid(study)
                    .seriesInstanceUid(series).sopInstanceUids(List.of(first.string(Tag.SOPInstanceUID).orElseThrow()))
                    .build();
            DicomObject studyKeys = DicomObject.builder().set(Tag.StudyInstanceUID, VR.UI, study).build();

            System.out.printf(Locale.ROOT, "Orthanc CPU per operation (%s, %d operations per case, %d processors, "
                    + "Java %s):%n", LocalDate.now(), operations, Runtime.getRuntime().availableProcessors(),
                    Runtime.version());
            System.out.printf(Locale.ROOT, "  %-62s %12s %12s%n", "case", "PACS CPU ms", "wall ms");
            Case run = new Case(pid, operations);
            run.measure("C-ECHO, a new association each", () -> {
                try (DimseClient c = fresh.get()) {
                    c.echo();
                }
            });
            run.measure("C-FIND STUDY, a new association each", () -> {
                try (DimseClient c = fresh.get()) {
                    c.find(QueryModel.STUDY_ROOT, QueryLevel.STUDY, studyKeys, r -> true);
                }
            });
            try (DimseClient c = fresh.get()) {
                run.measure("C-FIND STUDY, one association kept", () ->
                        c.find(QueryModel.STUDY_ROOT, QueryLevel.STUDY, studyKeys, r -> true));
            }
            run.measure("C-GET one instance, new association, every class (128 ctx)", () -> {
                try (DimseClient c = fresh.get()) {
                    c.get(one, InstanceHandler.discard());
                }
            });
            run.measure("C-GET one instance, new association, its class only", () -> {
                try (DimseClient c = fresh.get()) {
                    c.get(one, List.of(sopClass), InstanceHandler.discard());
                }
            });
            try (DimseClient c = fresh.get()) {
                run.measure("C-GET one instance, one association kept", () -> c.get(one, InstanceHandler.discard()));
            }
            run.measure("routine getOneInstance, new association, no hint", () -> {
                try (DimseClient c = fresh.get()) {
                    c.getOneInstance(study, series, InstanceHandler.discard());
                }
            });
            run.measure("routine getOneInstance, new association, Modality " + modality, () -> {
                try (DimseClient c = fresh.get()) {
                    c.getOneInstance(study, series, modality, InstanceHandler.discard());
                }
            });
            try (DimseClient c = DimseClient.builder().pacs(address).maxAssociations(1)
                    .keepAssociationsAfterCancel(true).build()) {
                run.measure("routine getOneInstance, one association kept after cancels", () ->
                        c.getOneInstance(study, series, modality, InstanceHandler.discard()));
            }
            System.out.println("  command: java -cp i4dw-bench/target/i4dw-benchmarks.jar "
                    + "org.i4dw.bench.AssociationCostBenchmark --operations " + operations);
        }
    }

    /** Runs and prints one case. */
    private record Case(long pid, int operations) {

        void measure(String name, Runnable operation) {
            for (int i = 0; i < 20; i++) {
                operation.run();
            }
            long cpu0 = EndToEnd.processCpuNanos(pid);
            long t0 = System.nanoTime();
            for (int i = 0; i < operations; i++) {
                operation.run();
            }
            long wall = System.nanoTime() - t0;
            long cpu = EndToEnd.processCpuNanos(pid) - cpu0;
            System.out.printf(Locale.ROOT, "  %-62s %12.2f %12.2f%n", name, cpu / 1e6 / operations,
                    wall / 1e6 / operations);
        }
    }
}
