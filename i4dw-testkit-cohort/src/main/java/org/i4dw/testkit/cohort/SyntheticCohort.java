/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit.cohort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.i4dw.api.I4dwConfigurationException;

/**
 * A synthetic cohort of patients with MR prostate and CT abdomen-pelvis studies, written as DICOM
 * Part 10 files (Explicit VR Little Endian) with a ground-truth file, for integration tests,
 * benchmarks and demonstrations of the extraction pipeline.
 *
 * <pre>{@code
 * SyntheticCohort cohort = SyntheticCohort.builder().patients(200).seed(42)
 *         .mrStudiesPerPatient(1).ctStudiesPerPatient(1).instancesPerSeries(3).build();
 * CohortManifest truth = cohort.write(dir);       // files, and dir/ground-truth.json
 * pacs.uploadAll(dir);                            // e.g. an OrthancPacs of the test kit
 * for (CohortManifest.Study s : truth.studies()) { ... s.accessionNumber() ... }
 * }</pre>
 *
 * <h2>What is generated</h2>
 * <ul>
 * <li><b>MR prostate</b> ({@link CohortManifest.StudyType#MR_PROSTATE}): five series as the
 *     scanner's vendor names them: T2 sagittal, T2 axial, diffusion (b-values cycling over the
 *     instances), the ADC map, dynamic contrast-enhanced; Body Part Examined {@code PROSTATE}.
 *     Patient by patient the MR scanner cycles through GE Signa HDxt 3 T, Philips Achieva 1.5 T,
 *     Philips Achieva 3 T and GE Signa HDxt 1.5 T (from a seed-chosen start), so two consecutive
 *     patients never share a Magnetic Field Strength.</li>
 * <li><b>CT abdomen-pelvis</b> ({@link CohortManifest.StudyType#CT_ABDOMEN_PELVIS}): a localizer
 *     (at most 2 instances) and two axial reconstructions (5 mm and 1.25 mm); with
 *     {@link Builder#doseReports(Path)}, one radiation dose structured report per study as series
 *     999.</li>
 * <li>Each series holds {@link Builder#instancesPerSeries(int)} instances (the localizer at most
 *     2, the dose report 1) with consecutive slice positions.</li>
 * </ul>
 *
 * <h2>Templates and identities</h2>
 * Headers come from real files of public test collections, shipped in this jar (their sources and
 * licences are in {@code org/i4dw/testkit/cohort/PROVENANCE.md}): a GE Signa HDxt prostate image
 * (TCIA QIN-PROSTATE-Repeatability, via dcmqi), a Philips Achieva dStream image (dcm_qa_philips)
 * and a GE LightSpeed Ultra abdominal CT slice (dcmqi), their pixel data resampled to
 * {@link Builder#matrix(int)}. Every identifying value of a template, at every depth of
 * sequences, is replaced:
 * <ul>
 * <li>patient (name, ID, birth date, sex, age, size, weight), accession number, study ID, order
 *     and procedure step IDs, institution, department, station, device serial number, physicians
 *     and operators, study, series and protocol descriptions: the cohort's own;</li>
 * <li>dates and times: the study's (Patient's Birth Date the patient's), the study dates spread
 *     over {@link Builder#studyDates}; no date or time of a template is ever generated, so one
 *     found in a generated file is a leak, never a coincidence;</li>
 * <li>every UID outside the standard's registry (Study, Series, SOP Instance, Frame of Reference,
 *     referenced instances, irradiation events...): a {@code 2.25} UID derived from the seed;</li>
 * <li>elements of VR UN (opaque bytes, mostly private) are dropped; other private elements follow
 *     the same rules.</li>
 * </ul>
 * The generated identifiers are distinctive strings (Patient IDs {@code SYN<tag><n>}, accession
 * numbers {@code A<tag><n>}, invented family names and institutions) that a leak scanner finds.
 * Manufacturer, model, software versions and acquisition parameters stay: they describe the
 * equipment. A caller's dose report template holding an identifying value these rules leave in
 * place is refused ({@link #write(Path)} checks each template with the test kit's PHI-leak
 * scanner before use).
 *
 * <h2>Determinism and scale</h2>
 * The same settings give the same cohort, byte for byte, files and ground truth alike, and a
 * larger cohort with the same other settings starts with the same patients and studies. Files are written one at a time
 * and never held in memory, so a cohort of thousands of series is written in seconds; the
 * ground truth is written study by study.
 *
 * <p>Immutable and thread-safe; {@link #write(Path)} may be called several times, each call
 * writing the same cohort.
 */
public final class SyntheticCohort {

    /** The largest number of patients. */
    public static final int MAX_PATIENTS = 99_999;

    /** The largest number of studies of one type per patient. */
    public static final int MAX_STUDIES_PER_PATIENT = 10;

    /** The largest number of instances per series. */
    public static final int MAX_INSTANCES_PER_SERIES = 9_999;

    private final int patients;
    private final long seed;
    private final int mrStudiesPerPatient;
    private final int ctStudiesPerPatient;
    private final int instancesPerSeries;
    private final int matrix;
    private final LocalDate firstStudyDate;
    private final LocalDate lastStudyDate;
    private final Path doseReportTemplate;

    private SyntheticCohort(Builder b) {
        this.patients = b.patients;
        this.seed = b.seed;
        this.mrStudiesPerPatient = b.mrStudiesPerPatient;
        this.ctStudiesPerPatient = b.ctStudiesPerPatient;
        this.instancesPerSeries = b.instancesPerSeries;
        this.matrix = b.matrix;
        this.firstStudyDate = b.firstStudyDate;
        this.lastStudyDate = b.lastStudyDate;
        this.doseReportTemplate = b.doseReportTemplate;
    }

    /**
     * A builder with the defaults: 10 patients, seed 0, one MR prostate and one CT study per
     * patient, 3 instances per series, 64 x 64 pixels, study dates from 2012-01-01 to 2024-12-31,
     * no dose reports.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes the cohort: one folder per patient, study and series
     * ({@code p00001/st01/se002/i0001.dcm}), file names that carry no identifier, and the ground
     * truth as {@value CohortManifest#FILE_NAME}, written study by study as they are done. If
     * writing fails half way, the folder holds a partial cohort and an unfinished ground truth,
     * which {@link CohortManifest#read(Path)} refuses.
     *
     * @param dir a folder that does not exist or is empty
     * @return the ground truth, equal to what {@link CohortManifest#read(Path)} reads back
     * @throws I4dwConfigurationException if the folder is not empty or is a file, or if the dose
     *     report template is not a structured report or holds identifying values the generator
     *     cannot replace
     * @throws IOException if a file cannot be written or the dose report template cannot be read
     */
    public CohortManifest write(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new I4dwConfigurationException("Cannot write a cohort to " + dir + ": it is a file");
            }
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new I4dwConfigurationException("Cannot write a cohort to " + dir
                            + ": the folder is not empty, and a cohort is never mixed with other files");
                }
            }
        }
        Files.createDirectories(dir);
        return new CohortWriter(this, dir).write();
    }

    /**
     * The number of patients.
     *
     * @return 1 to {@value #MAX_PATIENTS}
     */
    public int patients() {
        return patients;
    }

    /**
     * The seed everything is derived from.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * MR prostate studies per patient.
     *
     * @return 0 to {@value #MAX_STUDIES_PER_PATIENT}
     */
    public int mrStudiesPerPatient() {
        return mrStudiesPerPatient;
    }

    /**
     * CT abdomen-pelvis studies per patient.
     *
     * @return 0 to {@value #MAX_STUDIES_PER_PATIENT}
     */
    public int ctStudiesPerPatient() {
        return ctStudiesPerPatient;
    }

    /**
     * Instances per image series (the CT localizer has at most 2).
     *
     * @return 1 to {@value #MAX_INSTANCES_PER_SERIES}
     */
    public int instancesPerSeries() {
        return instancesPerSeries;
    }

    /**
     * Rows and columns of every image.
     *
     * @return 8 to 1024
     */
    public int matrix() {
        return matrix;
    }

    /**
     * The earliest study date.
     *
     * @return the date
     */
    public LocalDate firstStudyDate() {
        return firstStudyDate;
    }

    /**
     * The latest study date.
     *
     * @return the date
     */
    public LocalDate lastStudyDate() {
        return lastStudyDate;
    }

    /**
     * The dose report template, if CT studies get a dose report.
     *
     * @return the file
     */
    public Optional<Path> doseReportTemplate() {
        return Optional.ofNullable(doseReportTemplate);
    }

    /**
     * The number of series per patient.
     *
     * @return MR and CT series (and dose reports) of one patient
     */
    public int seriesPerPatient() {
        return mrStudiesPerPatient * Protocols.MR_GE.size()
                + ctStudiesPerPatient * (Protocols.CT.size() + (doseReportTemplate != null ? 1 : 0));
    }

    /** The settings, for a log line. */
    @Override
    public String toString() {
        return "SyntheticCohort[" + patients + " patients, seed " + seed + ", " + mrStudiesPerPatient + " MR + "
                + ctStudiesPerPatient + " CT studies each, " + instancesPerSeries + " instances per series, matrix "
                + matrix + ", " + firstStudyDate + ".." + lastStudyDate
                + (doseReportTemplate != null ? ", dose reports" : "") + "]";
    }

    /**
     * Settings of a {@link SyntheticCohort}; each is checked when set, their combination by
     * {@link #build()}.
     */
    public static final class Builder {

        private int patients = 10;
        private long seed;
        private int mrStudiesPerPatient = 1;
        private int ctStudiesPerPatient = 1;
        private int instancesPerSeries = 3;
        private int matrix = 64;
        private LocalDate firstStudyDate = LocalDate.of(2012, 1, 1);
        private LocalDate lastStudyDate = LocalDate.of(2024, 12, 31);
        private Path doseReportTemplate;

        private Builder() {
        }

        /**
         * The number of patients (default 10).
         *
         * @param n 1 to {@value SyntheticCohort#MAX_PATIENTS}
         * @return this builder
         * @throws I4dwConfigurationException if out of range
         */
        public Builder patients(int n) {
            this.patients = range(n, 1, MAX_PATIENTS, "The number of patients");
            return this;
        }

        /**
         * The seed (default 0): the same settings and seed give the same cohort, byte for byte;
         * another seed gives other identities, dates and UIDs.
         *
         * @param seed any number
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * MR prostate studies per patient (default 1). Patients with MR prostate studies are male.
         *
         * @param n 0 to {@value SyntheticCohort#MAX_STUDIES_PER_PATIENT}
         * @return this builder
         * @throws I4dwConfigurationException if out of range
         */
        public Builder mrStudiesPerPatient(int n) {
            this.mrStudiesPerPatient = range(n, 0, MAX_STUDIES_PER_PATIENT, "MR studies per patient");
            return this;
        }

        /**
         * CT abdomen-pelvis studies per patient (default 1).
         *
         * @param n 0 to {@value SyntheticCohort#MAX_STUDIES_PER_PATIENT}
         * @return this builder
         * @throws I4dwConfigurationException if out of range
         */
        public Builder ctStudiesPerPatient(int n) {
            this.ctStudiesPerPatient = range(n, 0, MAX_STUDIES_PER_PATIENT, "CT studies per patient");
            return this;
        }

        /**
         * Instances per image series (default 3); the CT localizer has at most 2.
         *
         * @param n 1 to {@value SyntheticCohort#MAX_INSTANCES_PER_SERIES}
         * @return this builder
         * @throws I4dwConfigurationException if out of range
         */
        public Builder instancesPerSeries(int n) {
            this.instancesPerSeries = range(n, 1, MAX_INSTANCES_PER_SERIES, "Instances per series");
            return this;
        }

        /**
         * Rows and columns of every image (default 64): 16-bit pixels resampled from the template,
         * so an image takes {@code 2 * n * n} bytes. Pixel Spacing follows, the field of view stays.
         *
         * @param n 8 to 1024
         * @return this builder
         * @throws I4dwConfigurationException if out of range
         */
        public Builder matrix(int n) {
            this.matrix = range(n, 8, 1024, "Matrix (rows and columns)");
            return this;
        }

        /**
         * The range of study dates (default 2012-01-01 to 2024-12-31); each study gets a date drawn
         * in it.
         *
         * @param first the earliest date, from 1950-01-01
         * @param last the latest date, not before {@code first}, until 2099-12-31
         * @return this builder
         * @throws I4dwConfigurationException if out of order or out of range
         */
        public Builder studyDates(LocalDate first, LocalDate last) {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(last, "last");
            if (last.isBefore(first)) {
                throw new I4dwConfigurationException("Study dates must be in order, got " + first + " after " + last);
            }
            if (first.isBefore(LocalDate.of(1950, 1, 1)) || last.isAfter(LocalDate.of(2099, 12, 31))) {
                throw new I4dwConfigurationException("Study dates must lie between 1950-01-01 and 2099-12-31, got "
                        + first + ".." + last);
            }
            this.firstStudyDate = first;
            this.lastStudyDate = last;
            return this;
        }

        /**
         * Gives every CT study a radiation dose structured report, made from a caller's template
         * (for example a CT X-Ray Radiation Dose SR of the test kit's sample corpus). No dose
         * report template is shipped: the public CT dose reports are under the GPL. The template's
         * identifying values are replaced like the images'; its content references are set to the
         * study's CT images, its device to the CT scanner.
         *
         * @param template a readable DICOM structured report (Modality SR)
         * @return this builder
         * @throws I4dwConfigurationException if the file does not exist or cannot be read
         */
        public Builder doseReports(Path template) {
            Objects.requireNonNull(template, "template");
            if (!Files.isRegularFile(template) || !Files.isReadable(template)) {
                throw new I4dwConfigurationException("Dose report template " + template
                        + " does not exist or is not a readable file");
            }
            this.doseReportTemplate = template;
            return this;
        }

        /**
         * Checks the combination and builds the cohort.
         *
         * @return the cohort
         * @throws I4dwConfigurationException if there are neither MR nor CT studies, or dose
         *     reports without CT studies
         */
        public SyntheticCohort build() {
            if (mrStudiesPerPatient + ctStudiesPerPatient == 0) {
                throw new I4dwConfigurationException("A cohort needs studies: MR and CT studies per patient are both 0");
            }
            if (doseReportTemplate != null && ctStudiesPerPatient == 0) {
                throw new I4dwConfigurationException("Dose reports are made for CT studies, but CT studies per patient is 0");
            }
            return new SyntheticCohort(this);
        }

        private static int range(int n, int min, int max, String what) {
            if (n < min || n > max) {
                throw new I4dwConfigurationException(what + " must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        }
    }
}
