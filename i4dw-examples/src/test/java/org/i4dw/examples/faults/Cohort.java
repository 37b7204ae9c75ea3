/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.examples.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.i4dw.api.AccessionOutcome;
import org.i4dw.api.BatchReport;
import org.i4dw.api.DocumentSink;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.PacsBridge;
import org.i4dw.api.pivot.PivotDocument;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.spi.DeidentifierProvider;
import org.i4dw.spi.DeidentifierSpec;
import org.i4dw.spi.ObjectDeidentifier;
import org.i4dw.spi.ProviderRegistry;
import org.i4dw.testkit.cohort.CohortManifest;
import org.i4dw.testkit.cohort.SyntheticCohort;

/**
 * A small synthetic cohort on disk with its ground truth, and what the fault tests need around
 * it: the bridge settings they share, the expected document id of every series, and a sink that
 * collects documents from several threads.
 */
final class Cohort {

    static final String CALLING_AE = "I4DW-FAULTS";
    private static final byte[] KEY = "fault-tests-secret-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final DeidentifierSpec DEID = DeidentifierSpec.of("default", KEY, null);

    final Path dir;
    final CohortManifest truth;
    private final ObjectDeidentifier deid;

    private Cohort(Path dir, CohortManifest truth) {
        this.dir = dir;
        this.truth = truth;
        this.deid = ProviderRegistry.builder(DeidentifierProvider.class, "i4dw-deid").build().get("annex-e")
                .create(DEID);
    }

    /** Writes {@code patients} patients (two accession numbers and eight series each, one instance per series). */
    static Cohort write(Path dir, int patients, long seed) throws IOException {
        CohortManifest truth = SyntheticCohort.builder().patients(patients).seed(seed).instancesPerSeries(1).build()
                .write(dir);
        return new Cohort(dir, truth);
    }

    /** Writes {@code patients} patients (two accession numbers and eight series each, {@code instances} per series). */
    static Cohort write(Path dir, int patients, long seed, int instances) throws IOException {
        CohortManifest truth = SyntheticCohort.builder().patients(patients).seed(seed).instancesPerSeries(instances)
                .build().write(dir);
        return new Cohort(dir, truth);
    }

    /**
     * Writes {@code patients} patients whose CT studies also hold a radiation dose report (a CT
     * study: three CT series and one SR series; an MR study: five MR series), one instance per series.
     */
    static Cohort writeWithDoseReports(Path dir, int patients, long seed) throws IOException {
        Path template = org.i4dw.testkit.SampleCorpus.locate().folder("01-rdsr")
                .resolve("openrem__CT-RDSR-Siemens_Flash-TAP-SS.dcm");
        CohortManifest truth = SyntheticCohort.builder().patients(patients).seed(seed).instancesPerSeries(1)
                .doseReports(template).build().write(dir);
        return new Cohort(dir, truth);
    }

    /** The expected document ids of one ground-truth study, with its accession number as {@link #expectedDocuments}. */
    Set<String> expectedDocuments(String accession) {
        return expectedDocuments(List.of(accession));
    }

    List<String> accessions() {
        return truth.studies().stream().map(CohortManifest.Study::accessionNumber).collect(Collectors.toList());
    }

    /** The de-identified Series Instance UID of a ground-truth series: its expected document id. */
    String documentId(CohortManifest.Study study, CohortManifest.Series series) {
        return deid.deidentify(DicomObject.builder().set(Tag.PatientID, VR.LO, study.patientId())
                .set(Tag.StudyInstanceUID, VR.UI, study.studyInstanceUid())
                .set(Tag.SeriesInstanceUID, VR.UI, series.seriesInstanceUid()).build()).string(Tag.SeriesInstanceUID)
                .orElseThrow();
    }

    /** Accession number and document id of every series of these accession numbers. */
    Set<String> expectedDocuments(List<String> accessions) {
        Set<String> want = new HashSet<>(accessions);
        Set<String> docs = new HashSet<>();
        for (CohortManifest.Study study : truth.studies()) {
            if (want.contains(study.accessionNumber())) {
                study.series().forEach(s -> docs.add(study.accessionNumber() + " " + documentId(study, s)));
            }
        }
        return docs;
    }

    int seriesOf(String accession) {
        return truth.study(accession).orElseThrow().series().size();
    }

    static PacsAddress address(String aeTitle, String host, int port) {
        return PacsAddress.parse(aeTitle + "@" + host + ":" + port);
    }

    /** The settings every fault test starts from: 4 associations, 4 accession numbers at once. */
    static PacsBridge.Builder bridge(PacsAddress pacs) {
        return PacsBridge.builder().pacs(pacs).callingAeTitle(CALLING_AE).deidentification(DEID).features("pivot")
                .maxAssociations(4).concurrency(4).responseTimeout(Duration.ofSeconds(30));
    }

    /** One outcome per accession number, by accession number; fails on a repeated or missing one. */
    static Map<String, AccessionOutcome> byAccession(BatchReport report, List<String> expected) {
        Map<String, AccessionOutcome> by = new HashMap<>();
        for (AccessionOutcome o : report.accessions()) {
            if (by.put(o.accessionNumber(), o) != null) {
                throw new AssertionError("two outcomes for one accession number: " + o.accessionNumber());
            }
        }
        assertEquals(new HashSet<>(expected), by.keySet(), "exactly one outcome per accession number");
        assertEquals(expected.size(), report.accessions().size());
        return by;
    }

    /** A sink that keeps every document it is given, in order, from any thread. */
    static final class Collected implements DocumentSink {
        final List<PivotDocument> documents = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void accept(PivotDocument document) {
            documents.add(document);
        }

        /** Accession number and document id of every document received; fails if one came twice. */
        Set<String> keys() {
            List<String> all;
            synchronized (documents) {
                all = documents.stream().map(d -> d.accessionNumber() + " " + d.documentId())
                        .collect(Collectors.toList());
            }
            Set<String> set = new HashSet<>(all);
            assertEquals(all.size(), set.size(), "no document is emitted twice");
            return set;
        }
    }
}
