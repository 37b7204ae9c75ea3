/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit.cohort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The ground truth of a written {@link SyntheticCohort}: every patient, and for each accession
 * number the study and its series, exactly as the files hold them. Written next to the files as
 * {@value #FILE_NAME} by {@link SyntheticCohort#write(Path)}, read back with {@link #read(Path)}.
 *
 * <p>Everything here is synthetic, but it is the cohort's "patient data": tests use it as the
 * identifiers a de-identifier must remove and a leak scanner must find.
 *
 * <p>Immutable and thread-safe; equal when seed, patients and studies are equal.
 */
public final class CohortManifest {

    /** The name of the ground-truth file in a cohort folder. */
    public static final String FILE_NAME = "ground-truth.json";

    /** The value of the {@code format} member of the ground-truth file. */
    public static final String FORMAT = "i4dw-cohort-ground-truth/1";

    private final long seed;
    private final List<Patient> patients;
    private final List<Study> studies;
    private final Map<String, Study> byAccession;

    CohortManifest(long seed, List<Patient> patients, List<Study> studies) {
        this.seed = seed;
        this.patients = List.copyOf(patients);
        this.studies = List.copyOf(studies);
        Map<String, Study> map = new LinkedHashMap<>();
        for (Study s : this.studies) {
            if (map.put(s.accessionNumber(), s) != null) {
                throw new IllegalArgumentException("two studies share an accession number");
            }
        }
        this.byAccession = map;
    }

    /**
     * Reads the ground truth of a cohort folder (or a ground-truth file itself).
     *
     * @param dirOrFile the folder {@link SyntheticCohort#write(Path)} wrote, or its {@value #FILE_NAME}
     * @return the manifest
     * @throws IOException if the file cannot be read, is not JSON, or is not a ground-truth file of
     *     this format; the message names the file and what is wrong
     */
    public static CohortManifest read(Path dirOrFile) throws IOException {
        Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(FILE_NAME) : dirOrFile;
        return GroundTruthJson.read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * The seed the cohort was made from.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Every patient, in generation order.
     *
     * @return the patients
     */
    public List<Patient> patients() {
        return patients;
    }

    /**
     * Every study, patient by patient, in generation order.
     *
     * @return the studies
     */
    public List<Study> studies() {
        return studies;
    }

    /**
     * The study of an accession number.
     *
     * @param accessionNumber an Accession Number (0008,0050)
     * @return the study, empty if the cohort has none with that number
     */
    public Optional<Study> study(String accessionNumber) {
        return Optional.ofNullable(byAccession.get(accessionNumber));
    }

    /**
     * Every series of every study, in order.
     *
     * @return the series
     */
    public List<Series> series() {
        List<Series> all = new ArrayList<>();
        for (Study s : studies) {
            all.addAll(s.series());
        }
        return all;
    }

    /**
     * The number of series.
     *
     * @return the sum over the studies
     */
    public int seriesCount() {
        int n = 0;
        for (Study s : studies) {
            n += s.series().size();
        }
        return n;
    }

    /**
     * The number of instances, one file each.
     *
     * @return the sum over the series
     */
    public int instanceCount() {
        int n = 0;
        for (Study s : studies) {
            for (Series r : s.series()) {
                n += r.numberOfInstances();
            }
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CohortManifest m && seed == m.seed && patients.equals(m.patients)
                && studies.equals(m.studies);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seed, patients, studies);
    }

    /** Counts only: a manifest holds (synthetic) patient data. */
    @Override
    public String toString() {
        return "CohortManifest[seed " + seed + ", " + patients.size() + " patients, " + studies.size() + " studies, "
                + seriesCount() + " series, " + instanceCount() + " instances]";
    }

    /** Patient's Sex (0010,0040). */
    public enum Sex {
        /** {@code M}. */
        MALE("M"),
        /** {@code F}. */
        FEMALE("F");

        private final String code;

        Sex(String code) {
            this.code = code;
        }

        /**
         * The DICOM code.
         *
         * @return {@code M} or {@code F}
         */
        public String code() {
            return code;
        }

        static Sex ofCode(String code) {
            for (Sex s : values()) {
                if (s.code.equals(code)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("not a patient sex of a synthetic cohort: '" + code + "'");
        }
    }

    /** What a study is. */
    public enum StudyType {
        /**
         * Multiparametric MR of the prostate: T2 sagittal and axial, diffusion, ADC map and dynamic
         * contrast-enhanced series, on a 1.5 T or 3 T scanner.
         */
        MR_PROSTATE,
        /**
         * CT of the abdomen and pelvis with contrast: a localizer and two axial reconstructions,
         * plus a radiation dose report when the cohort has a dose report template.
         */
        CT_ABDOMEN_PELVIS
    }

    /**
     * One synthetic patient.
     *
     * @param patientId Patient ID (0010,0020), unique in the cohort
     * @param patientName Patient's Name (0010,0010), {@code FAMILY^GIVEN}, unique in the cohort
     * @param birthDate Patient's Birth Date (0010,0030)
     * @param sex Patient's Sex (0010,0040)
     */
    public record Patient(String patientId, String patientName, LocalDate birthDate, Sex sex) {

        /**
         * Checks that nothing is null.
         *
         * @param patientId Patient ID
         * @param patientName Patient's Name
         * @param birthDate Patient's Birth Date
         * @param sex Patient's Sex
         */
        public Patient {
            Objects.requireNonNull(patientId, "patientId");
            Objects.requireNonNull(patientName, "patientName");
            Objects.requireNonNull(birthDate, "birthDate");
            Objects.requireNonNull(sex, "sex");
        }

        /** The patient's ID only: the name and birth date are (synthetic) patient data. */
        @Override
        public String toString() {
            return "Patient[" + patientId + "]";
        }
    }

    /**
     * One study, the unit an accession number names.
     *
     * @param accessionNumber Accession Number (0008,0050), unique in the cohort
     * @param patientId the patient's Patient ID
     * @param patientName the patient's name, as in every file of the study
     * @param type what the study is
     * @param studyInstanceUid Study Instance UID (0020,000D)
     * @param studyDate Study Date (0008,0020)
     * @param studyDescription Study Description (0008,1030)
     * @param series the series, in the order they were written
     */
    public record Study(String accessionNumber, String patientId, String patientName, StudyType type,
            String studyInstanceUid, LocalDate studyDate, String studyDescription, List<Series> series) {

        /**
         * Checks that nothing is null and copies the series.
         *
         * @param accessionNumber Accession Number
         * @param patientId Patient ID
         * @param patientName Patient's Name
         * @param type the study type
         * @param studyInstanceUid Study Instance UID
         * @param studyDate Study Date
         * @param studyDescription Study Description
         * @param series the series
         */
        public Study {
            Objects.requireNonNull(accessionNumber, "accessionNumber");
            Objects.requireNonNull(patientId, "patientId");
            Objects.requireNonNull(patientName, "patientName");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
            Objects.requireNonNull(studyDate, "studyDate");
            Objects.requireNonNull(studyDescription, "studyDescription");
            series = List.copyOf(series);
        }

        /**
         * The modalities of the series, in order of first appearance.
         *
         * @return for example {@code [CT, SR]}
         */
        public List<String> modalities() {
            return series.stream().map(Series::modality).distinct().toList();
        }

        /** Identifiers and counts only. */
        @Override
        public String toString() {
            return "Study[" + accessionNumber + ", " + type + ", " + series.size() + " series]";
        }
    }

    /**
     * One series.
     *
     * @param seriesInstanceUid Series Instance UID (0020,000E)
     * @param seriesNumber Series Number (0020,0011), unique in its study
     * @param modality Modality (0008,0060): {@code MR}, {@code CT} or {@code SR}
     * @param seriesDescription Series Description (0008,103E)
     * @param sopClassUid SOP Class UID (0008,0016) of every instance
     * @param bodyPartExamined Body Part Examined (0018,0015), empty for a dose report
     * @param magneticFieldStrength Magnetic Field Strength (0018,0087) in tesla, for MR series only
     * @param template the name of the template file the series was made from
     * @param folder the folder of its files, relative to the cohort folder, with {@code /}
     * @param sopInstanceUids SOP Instance UID (0008,0018) of every instance, in Instance Number order
     */
    public record Series(String seriesInstanceUid, int seriesNumber, String modality, String seriesDescription,
            String sopClassUid, String bodyPartExamined, OptionalDouble magneticFieldStrength, String template,
            String folder, List<String> sopInstanceUids) {

        /**
         * Checks that nothing is null and copies the UIDs.
         *
         * @param seriesInstanceUid Series Instance UID
         * @param seriesNumber Series Number
         * @param modality Modality
         * @param seriesDescription Series Description
         * @param sopClassUid SOP Class UID
         * @param bodyPartExamined Body Part Examined, or empty
         * @param magneticFieldStrength field strength, or empty
         * @param template the template's file name
         * @param folder the relative folder
         * @param sopInstanceUids the instances
         */
        public Series {
            Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
            Objects.requireNonNull(modality, "modality");
            Objects.requireNonNull(seriesDescription, "seriesDescription");
            Objects.requireNonNull(sopClassUid, "sopClassUid");
            Objects.requireNonNull(bodyPartExamined, "bodyPartExamined");
            Objects.requireNonNull(magneticFieldStrength, "magneticFieldStrength");
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(folder, "folder");
            sopInstanceUids = List.copyOf(sopInstanceUids);
        }

        /**
         * The number of instances (files) of the series.
         *
         * @return the number of SOP Instance UIDs
         */
        public int numberOfInstances() {
            return sopInstanceUids.size();
        }

        /**
         * The files of the series, in Instance Number order.
         *
         * @param cohortDir the folder the cohort was written to
         * @return the paths
         */
        public List<Path> files(Path cohortDir) {
            Path dir = cohortDir.resolve(folder);
            List<Path> files = new ArrayList<>(sopInstanceUids.size());
            for (int i = 1; i <= sopInstanceUids.size(); i++) {
                files.add(dir.resolve(CohortWriter.instanceFileName(i)));
            }
            return files;
        }
    }
}
