/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.testkit.cohort.CohortManifest.Series;
import org.i4dw.testkit.cohort.CohortManifest.Study;
import org.i4dw.testkit.cohort.CohortManifest.StudyType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder's checks, and a written cohort against its ground truth, re-read from the files. */
class SyntheticCohortTest {

    @TempDir
    static Path shared;

    /** 8 patients, 1 MR and 2 CT studies each, 4 instances per series, dose reports. */
    private static CohortManifest written;
    private static Path dir;

    @BeforeAll
    static void write() throws IOException {
        dir = shared.resolve("cohort");
        written = SyntheticCohort.builder().patients(8).seed(20260101L).mrStudiesPerPatient(1).ctStudiesPerPatient(2)
                .instancesPerSeries(4).doseReports(CohortFiles.doseReportTemplate()).build().write(dir);
    }

    // ------------------------------------------------------------------ builder

    @Test
    void eachSettingIsCheckedWhenSet() {
        SyntheticCohort.Builder b = SyntheticCohort.builder();
        assertMessage(assertThrows(I4dwConfigurationException.class, () -> b.patients(0)), "0");
        assertMessage(assertThrows(I4dwConfigurationException.class, () -> b.patients(100_000)), "100000");
        assertMessage(assertThrows(I4dwConfigurationException.class, () -> b.mrStudiesPerPatient(-1)), "-1");
        assertMessage(assertThrows(I4dwConfigurationException.class, () -> b.ctStudiesPerPatient(11)), "11");
        assertMessage(assertThrows(I4dwConfigurationException.class, () -> b.instancesPerSeries(0)), "0");
        assertMessage(assertThrows(I4dwConfigurationException.class, () -> b.matrix(4)), "4");
        assertMessage(assertThrows(I4dwConfigurationException.class,
                () -> b.studyDates(LocalDate.of(2020, 1, 2), LocalDate.of(2020, 1, 1))), "2020-01-02");
        assertMessage(assertThrows(I4dwConfigurationException.class,
                () -> b.studyDates(LocalDate.of(1900, 1, 1), LocalDate.of(2020, 1, 1))), "1900-01-01");
        assertMessage(assertThrows(I4dwConfigurationException.class,
                () -> b.doseReports(shared.resolve("missing.dcm"))), "missing.dcm");
        assertEquals(10, b.build().patients(), "a refused setting leaves the builder as it was");
    }

    @Test
    void buildChecksTheCombination() {
        assertThrows(I4dwConfigurationException.class,
                () -> SyntheticCohort.builder().mrStudiesPerPatient(0).ctStudiesPerPatient(0).build());
        assertThrows(I4dwConfigurationException.class, () -> SyntheticCohort.builder().ctStudiesPerPatient(0)
                .doseReports(CohortFiles.doseReportTemplate()).build());
    }

    @Test
    void refusesAFolderThatIsNotEmpty() throws IOException {
        Path full = Files.createDirectories(shared.resolve("full"));
        Files.writeString(full.resolve("other.txt"), "x");
        SyntheticCohort c = SyntheticCohort.builder().patients(1).build();
        I4dwConfigurationException e = assertThrows(I4dwConfigurationException.class, () -> c.write(full));
        assertMessage(e, "not empty");
        assertThrows(I4dwConfigurationException.class, () -> c.write(full.resolve("other.txt")));
    }

    @Test
    void refusesADoseTemplateThatIsNotAStructuredReport() throws IOException {
        Path image = shared.resolve("image.dcm");
        Files.write(image, TemplatesTest.class.getResourceAsStream(Template.RESOURCE_FOLDER + Template.CT_GE)
                .readAllBytes());
        SyntheticCohort c = SyntheticCohort.builder().patients(1).doseReports(image).build();
        assertMessage(assertThrows(I4dwConfigurationException.class, () -> c.write(shared.resolve("sr"))), "SR");
    }

    // ------------------------------------------------------------------ ground truth

    @Test
    void groundTruthIsWhatTheFilesHold() throws IOException {
        assertEquals(CohortFiles.view(written), CohortFiles.scan(dir));
        assertEquals(written.instanceCount(), CohortFiles.dicomFiles(dir).size(), "one file per instance, no other");
    }

    @Test
    void groundTruthFileReadsBackEqual() throws IOException {
        assertEquals(written, CohortManifest.read(dir));
        assertEquals(written, CohortManifest.read(dir.resolve(CohortManifest.FILE_NAME)));
    }

    @Test
    void patientsAreTheFilesPatients() throws IOException {
        Set<CohortManifest.Patient> seen = new HashSet<>();
        for (Path f : CohortFiles.dicomFiles(dir)) {
            DicomObject ds = CohortFiles.header(f);
            CohortManifest.Patient p = new CohortManifest.Patient(ds.string(Tag.PatientID).orElseThrow(),
                    ds.string(Tag.PatientName).orElseThrow(), ds.date(Tag.PatientBirthDate).orElseThrow(),
                    CohortManifest.Sex.ofCode(ds.string(Tag.PatientSex).orElseThrow()));
            seen.add(p);
            LocalDate study = ds.date(Tag.StudyDate).orElseThrow();
            assertEquals(String.format("%03dY", Period.between(p.birthDate(), study).getYears()),
                    ds.string(Tag.PatientAge).orElseThrow(), f::toString);
        }
        assertEquals(Set.copyOf(written.patients()), seen);
        assertEquals(8, written.patients().size());
        assertEquals(8, written.patients().stream().map(CohortManifest.Patient::patientName).distinct().count());
    }

    @Test
    void identifiersAreUniqueAndUidsAreValid() {
        Set<String> uids = new HashSet<>();
        int expected = 0;
        for (Study s : written.studies()) {
            uids.add(s.studyInstanceUid());
            expected++;
            for (Series r : s.series()) {
                uids.add(r.seriesInstanceUid());
                uids.addAll(r.sopInstanceUids());
                expected += 1 + r.numberOfInstances();
            }
        }
        assertEquals(expected, uids.size(), "every study, series and instance has its own UID");
        for (String uid : uids) {
            assertTrue(uid.matches("2\\.25\\.(0|[1-9][0-9]*)") && uid.length() <= 64, uid);
        }
        assertEquals(written.studies().size(),
                written.studies().stream().map(Study::accessionNumber).distinct().count());
        assertEquals(8 * 3, written.studies().size());
    }

    @Test
    void studyDatesSpreadOverTheRange() {
        Set<Integer> years = written.studies().stream().map(s -> s.studyDate().getYear()).collect(Collectors.toSet());
        assertTrue(years.size() >= 5, "24 studies over 13 years should span several years, got " + years);
        for (Study s : written.studies()) {
            assertTrue(!s.studyDate().isBefore(LocalDate.of(2012, 1, 1)) && !s.studyDate().isAfter(
                    LocalDate.of(2024, 12, 31)), s::toString);
        }
    }

    @Test
    void mrStudiesAreProstateExaminationsAtMixedFieldStrengths() throws IOException {
        List<Study> mr = written.studies().stream().filter(s -> s.type() == StudyType.MR_PROSTATE).toList();
        assertEquals(8, mr.size());
        Set<String> manufacturers = new TreeSet<>();
        Double previous = null;
        for (Study s : mr) {
            assertEquals(5, s.series().size());
            double tesla = s.series().get(0).magneticFieldStrength().orElseThrow();
            assertTrue(tesla == 1.5 || tesla == 3.0, "field strength " + tesla);
            assertNotEquals(previous, tesla, "consecutive patients are scanned at different field strengths");
            previous = tesla;
            for (Series r : s.series()) {
                assertEquals(tesla, r.magneticFieldStrength().orElseThrow());
                assertEquals("PROSTATE", r.bodyPartExamined());
                assertEquals("1.2.840.10008.5.1.4.1.1.4", r.sopClassUid());
                DicomObject ds = CohortFiles.header(r.files(dir).get(0));
                assertEquals(tesla, ds.decimal(Tag.MagneticFieldStrength).orElseThrow());
                assertEquals(tesla * 42.577, ds.decimal(Tag.ImagingFrequency).orElseThrow(), 0.01);
                manufacturers.add(ds.string(Tag.Manufacturer).orElseThrow());
            }
            assertEquals(5, s.series().stream().map(Series::seriesDescription).distinct().count());
        }
        assertEquals(Set.of("GE MEDICAL SYSTEMS", "Philips Medical Systems"), manufacturers);
        assertEquals(Set.of(CohortManifest.Sex.MALE),
                written.patients().stream().map(CohortManifest.Patient::sex).collect(Collectors.toSet()),
                "prostate patients are men");
    }

    @Test
    void diffusionInstancesCycleThroughTheirBValues() throws IOException {
        for (Study s : written.studies()) {
            for (Series r : s.series()) {
                if (!r.seriesDescription().contains("DWI")) {
                    continue;
                }
                List<Double> b = new java.util.ArrayList<>();
                for (Path f : r.files(dir)) {
                    b.add(CohortFiles.header(f).doubles(Tag.DiffusionBValue)[0]);
                }
                assertEquals(3, new HashSet<>(b.subList(0, 3)).size(), () -> r.seriesDescription() + " " + b);
                assertEquals(b.get(0), b.get(3));
            }
        }
    }

    @Test
    void ctStudiesHaveALocalizerTwoReconstructionsAndADoseReport() throws IOException {
        List<Study> ct = written.studies().stream().filter(s -> s.type() == StudyType.CT_ABDOMEN_PELVIS).toList();
        assertEquals(16, ct.size());
        for (Study s : ct) {
            assertEquals(List.of("CT", "SR"), s.modalities());
            assertEquals(List.of(2, 4, 4, 1), s.series().stream().map(Series::numberOfInstances).toList());
            Series dose = s.series().get(3);
            assertEquals("1.2.840.10008.5.1.4.1.1.88.67", dose.sopClassUid());
            DicomObject sr = CohortFiles.header(dose.files(dir).get(0));
            DicomObject evidence = sr.sequence(Tag.CurrentRequestedProcedureEvidenceSequence).get(0);
            assertEquals(s.studyInstanceUid(), evidence.string(Tag.StudyInstanceUID).orElseThrow());
            Set<String> referenced = new HashSet<>();
            for (DicomObject series : evidence.sequence(Tag.ReferencedSeriesSequence)) {
                for (DicomObject sop : series.sequence(Tag.ReferencedSOPSequence)) {
                    referenced.add(sop.string(Tag.ReferencedSOPInstanceUID).orElseThrow());
                }
            }
            assertEquals(s.series().subList(0, 3).stream().flatMap(r -> r.sopInstanceUids().stream())
                    .collect(Collectors.toSet()), referenced, "the dose report references the study's images");
            DicomObject ctImage = CohortFiles.header(s.series().get(1).files(dir).get(0));
            for (Tag t : List.of(Tag.Manufacturer, Tag.ManufacturerModelName, Tag.StationName, Tag.DeviceSerialNumber,
                    Tag.InstitutionName)) {
                assertEquals(ctImage.string(t), sr.string(t), () -> "the dose report's " + t + " is the CT's");
            }
        }
    }

    @Test
    void sliceGeometryFollowsTheSeries() throws IOException {
        Series axial = written.studies().get(1).series().get(1);
        double thickness = CohortFiles.header(axial.files(dir).get(0)).decimal(Tag.SliceThickness).orElseThrow();
        double previous = Double.NaN;
        for (Path f : axial.files(dir)) {
            DicomObject ds = org.i4dw.dicom.io.DicomReader.read(f, org.i4dw.dicom.io.ReadOptions.defaults()).dataset();
            double z = ds.doubles(Tag.ImagePositionPatient)[2];
            assertEquals(z, ds.decimal(Tag.SliceLocation).orElseThrow(), 1e-9);
            if (!Double.isNaN(previous)) {
                assertEquals(thickness, z - previous, 1e-6);
            }
            previous = z;
            assertEquals(64, ds.integer(Tag.Rows).orElseThrow());
            assertEquals(VR.OW, ds.vr(Tag.PixelData).orElseThrow());
        }
    }

    @Test
    void aThousandSeriesAreWrittenOneFileAtATime() throws IOException {
        Path big = shared.resolve("big");
        CohortManifest m = SyntheticCohort.builder().patients(130).seed(7).instancesPerSeries(1).matrix(8).build()
                .write(big);
        assertEquals(130 * 8, m.seriesCount());
        assertTrue(m.seriesCount() >= 1000);
        assertEquals(m.instanceCount(), CohortFiles.dicomFiles(big).size());
        assertEquals(m, CohortManifest.read(big));
        assertEquals(8, CohortFiles.header(m.series().get(0).files(big).get(0)).integer(Tag.Columns).orElseThrow());
    }

    @Test
    void aCorruptGroundTruthIsRefusedWithItsFileName() throws IOException {
        Path bad = shared.resolve("bad.json");
        Files.writeString(bad, "{\"format\":\"something-else\"}", StandardCharsets.UTF_8);
        assertMessage(assertThrows(IOException.class, () -> CohortManifest.read(bad)), "bad.json");
        String text = Files.readString(dir.resolve(CohortManifest.FILE_NAME))
                .replaceFirst("\"numberOfInstances\":4", "\"numberOfInstances\":5");
        Files.writeString(bad, text, StandardCharsets.UTF_8);
        assertMessage(assertThrows(IOException.class, () -> CohortManifest.read(bad)), "declares 5 instances");
    }

    @Test
    void textOfTheManifestCarriesNoPatientData() {
        String shown = written + " " + written.patients().get(0) + " " + written.studies().get(0);
        for (CohortManifest.Patient p : written.patients()) {
            assertTrue(!shown.contains(p.patientName().split("\\^")[0]), shown);
        }
    }

    @Test
    void seriesPerPatientCountsWhatIsWritten() {
        Map<String, Long> perPatient = written.studies().stream().collect(Collectors.groupingBy(Study::patientId,
                Collectors.summingLong(s -> s.series().size())));
        SyntheticCohort c = SyntheticCohort.builder().mrStudiesPerPatient(1).ctStudiesPerPatient(2)
                .doseReports(CohortFiles.doseReportTemplate()).build();
        assertEquals(Set.of((long) c.seriesPerPatient()), Set.copyOf(perPatient.values()));
    }

    private static void assertMessage(Exception e, String part) {
        assertTrue(e.getMessage().contains(part), () -> "message should mention '" + part + "': " + e.getMessage());
    }
}
