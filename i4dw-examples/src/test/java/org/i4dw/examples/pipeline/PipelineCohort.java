/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.examples.pipeline;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.PacsBridge;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.spi.DeidentifierProvider;
import org.i4dw.spi.DeidentifierSpec;
import org.i4dw.spi.ObjectDeidentifier;
import org.i4dw.spi.PivotSerializerProvider;
import org.i4dw.spi.ProviderRegistry;
import org.i4dw.testkit.DicomNode;
import org.i4dw.testkit.OrthancPacs;
import org.i4dw.testkit.SampleCorpus;
import org.i4dw.testkit.cohort.CohortManifest;
import org.i4dw.testkit.cohort.SyntheticCohort;

/**
 * What the pipeline tests share: a synthetic cohort (MR and CT studies with a CT dose report per
 * CT study) written with its ground truth and loaded into an Orthanc that knows our Storage SCP
 * (AE {@code i4dw}, for C-MOVE), the de-identifier and pivot-xml serializer the tests check with,
 * and bridges configured alike.
 */
final class PipelineCohort implements AutoCloseable {

    /** The ground truth. */
    final CohortManifest truth;
    /** Where the cohort's files are. */
    final Path cohortDir;
    /** The free port registered in Orthanc for our Storage SCP (C-MOVE destination). */
    final int scpPort;
    /** The PACS, loaded with the cohort. */
    final OrthancPacs orthanc;
    /** The de-identifier of {@link #spec}, to compute expected document ids. */
    final ObjectDeidentifier deid;
    /** The pivot-xml serializer. */
    final PivotSerializerProvider xml;
    private final DeidentifierSpec spec;
    private final String callingAe;

    private PipelineCohort(CohortManifest truth, Path cohortDir, int scpPort, OrthancPacs orthanc,
            DeidentifierSpec spec, String callingAe) {
        this.truth = truth;
        this.cohortDir = cohortDir;
        this.scpPort = scpPort;
        this.orthanc = orthanc;
        this.spec = spec;
        this.callingAe = callingAe;
        this.xml = ProviderRegistry.builder(PivotSerializerProvider.class, "i4dw-pivot").build().get("pivot-xml");
        this.deid = ProviderRegistry.builder(DeidentifierProvider.class, "i4dw-deid").build().get("annex-e")
                .create(spec);
    }

    /**
     * Writes the cohort under {@code work/cohort} and starts Orthanc with it.
     *
     * @param work a scratch folder
     * @param patients patients (each with one MR and one CT study)
     * @param seed the cohort's seed
     * @param instances instances per series
     * @param pacsAe Orthanc's AE title
     * @param dicomWeb whether Orthanc serves DICOMweb
     * @param callingAe our AE title (also our Storage SCP's)
     * @param spec the de-identification the bridges and the expected ids use
     * @return the started fixture; close it to stop Orthanc
     * @throws IOException if the cohort cannot be written
     */
    static PipelineCohort start(Path work, int patients, long seed, int instances, String pacsAe, boolean dicomWeb,
            String callingAe, DeidentifierSpec spec) throws IOException {
        Path cohortDir = work.resolve("cohort");
        Path doseTemplate = SampleCorpus.locate().folder("01-rdsr").resolve("openrem__CT-RDSR-Siemens_Flash-TAP-SS.dcm");
        CohortManifest truth = SyntheticCohort.builder().patients(patients).seed(seed).mrStudiesPerPatient(1)
                .ctStudiesPerPatient(1).instancesPerSeries(instances).doseReports(doseTemplate).build()
                .write(cohortDir);
        int scpPort;
        try (ServerSocket s = new ServerSocket(0)) {
            scpPort = s.getLocalPort();
        }
        OrthancPacs orthanc = OrthancPacs.builder().aeTitle(pacsAe).dicomWeb(dicomWeb)
                .remoteModality("i4dw", new DicomNode(callingAe, "127.0.0.1", scpPort)).start();
        try {
            orthanc.uploadAll(cohortDir);
            return new PipelineCohort(truth, cohortDir, scpPort, orthanc, spec, callingAe);
        } catch (RuntimeException e) {
            orthanc.close();
            throw e;
        }
    }

    /** Orthanc's DIMSE address. */
    PacsAddress dimse() {
        return PacsAddress.parse(orthanc.aeTitle() + "@" + orthanc.host() + ":" + orthanc.dicomPort());
    }

    /** A bridge to {@code pacs} with our AE title, the fixture's de-identification, 2 associations, 30 s responses. */
    PacsBridge.Builder bridge(PacsAddress... pacs) {
        return PacsBridge.builder().pacs(pacs).callingAeTitle(callingAe).deidentification(spec).maxAssociations(2)
                .responseTimeout(Duration.ofSeconds(30));
    }

    /** Every accession number of the cohort. */
    List<String> accessions() {
        return truth.studies().stream().map(CohortManifest.Study::accessionNumber).collect(Collectors.toList());
    }

    /** The de-identified Series Instance UID of a ground-truth series: the expected document id. */
    String expectedDocumentId(CohortManifest.Study study, CohortManifest.Series series) {
        return deid.deidentify(DicomObject.builder().set(Tag.PatientID, VR.LO, study.patientId())
                .set(Tag.StudyInstanceUID, VR.UI, study.studyInstanceUid())
                .set(Tag.SeriesInstanceUID, VR.UI, series.seriesInstanceUid()).build()).string(Tag.SeriesInstanceUID)
                .orElseThrow();
    }

    @Override
    public void close() {
        orthanc.close();
    }
}
