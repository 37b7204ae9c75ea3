/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.ReadOptions;
import org.i4dw.testkit.SampleCorpus;

/** Reads a written cohort back from its files, independently of the generator's own bookkeeping. */
final class CohortFiles {

    /** A CT X-Ray Radiation Dose SR of the sample corpus (OpenREM, GPL: read at test time, never shipped). */
    static final String DOSE_REPORT = "01-rdsr/openrem__CT-RDSR-Siemens-Multi-1.dcm";

    static final Path DCM2JSON = Path.of("/usr/bin/dcm2json");

    private CohortFiles() {
    }

    static Path doseReportTemplate() {
        return SampleCorpus.locate().file(DOSE_REPORT);
    }

    /** Every DICOM file below the folder, sorted by path. */
    static List<Path> dicomFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".dcm")).sorted().toList();
        }
    }

    static DicomObject header(Path file) throws IOException {
        return DicomReader.read(file, ReadOptions.builder().headerOnly(true).build()).dataset();
    }

    /** What the files say about one series. */
    record SeriesView(int seriesNumber, String modality, String seriesDescription, String sopClassUid,
            String bodyPartExamined, OptionalDouble magneticFieldStrength, String folder, List<String> sopInstanceUids) {
    }

    /** What the files say about one study. */
    record StudyView(String patientId, String patientName, String studyInstanceUid, String studyDate,
            String studyDescription, Map<String, SeriesView> series) {
    }

    /** The ground truth seen the same way, for comparison. */
    static Map<String, StudyView> view(CohortManifest m) {
        Map<String, StudyView> out = new TreeMap<>();
        for (CohortManifest.Study s : m.studies()) {
            Map<String, SeriesView> series = new TreeMap<>();
            for (CohortManifest.Series r : s.series()) {
                series.put(r.seriesInstanceUid(), new SeriesView(r.seriesNumber(), r.modality(), r.seriesDescription(),
                        r.sopClassUid(), r.bodyPartExamined(), r.magneticFieldStrength(), r.folder(),
                        r.sopInstanceUids()));
            }
            out.put(s.accessionNumber(), new StudyView(s.patientId(), s.patientName(), s.studyInstanceUid(),
                    s.studyDate().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE), s.studyDescription(),
                    series));
        }
        return out;
    }

    /**
     * The cohort as its files hold it: every file read, grouped by Accession Number and Series
     * Instance UID; instances ordered by Instance Number, whose file must be named after it.
     */
    static Map<String, StudyView> scan(Path dir) throws IOException {
        Map<String, StudyView> studies = new TreeMap<>();
        Map<String, Map<Integer, String>> instances = new TreeMap<>();
        for (Path f : dicomFiles(dir)) {
            DicomObject ds = header(f);
            String accession = ds.string(Tag.AccessionNumber).orElseThrow();
            StudyView study = studies.computeIfAbsent(accession, a -> new StudyView(
                    ds.string(Tag.PatientID).orElseThrow(), ds.string(Tag.PatientName).orElseThrow(),
                    ds.string(Tag.StudyInstanceUID).orElseThrow(), ds.string(Tag.StudyDate).orElseThrow(),
                    ds.string(Tag.StudyDescription).orElseThrow(), new TreeMap<>()));
            assertEquals(study, new StudyView(ds.string(Tag.PatientID).orElseThrow(),
                    ds.string(Tag.PatientName).orElseThrow(), ds.string(Tag.StudyInstanceUID).orElseThrow(),
                    ds.string(Tag.StudyDate).orElseThrow(), ds.string(Tag.StudyDescription).orElseThrow(),
                    study.series()), () -> f + " disagrees with the other files of its study");
            String seriesUid = ds.string(Tag.SeriesInstanceUID).orElseThrow();
            String folder = dir.relativize(f.getParent()).toString().replace('\\', '/');
            OptionalDouble tesla = ds.decimal(Tag.MagneticFieldStrength);
            SeriesView series = study.series().computeIfAbsent(seriesUid, u -> new SeriesView(
                    ds.integer(Tag.SeriesNumber).orElseThrow(), ds.string(Tag.Modality).orElseThrow(),
                    ds.string(Tag.SeriesDescription).orElseThrow(), ds.string(Tag.SOPClassUID).orElseThrow(),
                    ds.string(Tag.BodyPartExamined).orElse(""), tesla, folder, new ArrayList<>()));
            assertEquals(series.folder(), folder, () -> f + " lies outside the folder of its series");
            assertEquals(series.seriesDescription(), ds.string(Tag.SeriesDescription).orElseThrow(), f::toString);
            int number = ds.integer(Tag.InstanceNumber).orElseThrow();
            assertEquals(CohortWriter.instanceFileName(number), f.getFileName().toString(),
                    () -> f + " is not named after its Instance Number");
            String previous = instances.computeIfAbsent(seriesUid, u -> new TreeMap<>())
                    .put(number, ds.string(Tag.SOPInstanceUID).orElseThrow());
            assertEquals(null, previous, () -> f + " repeats an Instance Number");
        }
        Map<String, StudyView> out = new TreeMap<>();
        for (Map.Entry<String, StudyView> e : studies.entrySet()) {
            StudyView s = e.getValue();
            Map<String, SeriesView> series = new TreeMap<>();
            for (Map.Entry<String, SeriesView> se : s.series().entrySet()) {
                SeriesView v = se.getValue();
                series.put(se.getKey(), new SeriesView(v.seriesNumber(), v.modality(), v.seriesDescription(),
                        v.sopClassUid(), v.bodyPartExamined(), v.magneticFieldStrength(), v.folder(),
                        List.copyOf(instances.get(se.getKey()).values())));
            }
            out.put(e.getKey(), new StudyView(s.patientId(), s.patientName(), s.studyInstanceUid(), s.studyDate(),
                    s.studyDescription(), series));
        }
        return out;
    }

    /** dcmtk's dcm2json, which must be installed (./i4dw setup); its JSON output, or a failure. */
    static String dcm2json(Path file) throws IOException {
        if (!Files.isExecutable(DCM2JSON)) {
            fail("dcmtk's dcm2json is missing at " + DCM2JSON + ": install the test peers with ./i4dw setup "
                    + "(or apt-get install -y dcmtk)");
        }
        Process p = new ProcessBuilder(DCM2JSON.toString(), file.toString()).redirectErrorStream(false).start();
        byte[] out;
        byte[] err;
        try (InputStream o = p.getInputStream(); InputStream e = p.getErrorStream()) {
            out = o.readAllBytes();
            err = e.readAllBytes();
        }
        try {
            assertTrue(p.waitFor(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS), "dcm2json hangs");
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ex);
        }
        String stderr = new String(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> "dcm2json refuses " + file + ": " + stderr);
        assertTrue(stderr.isBlank(), () -> "dcm2json warns about " + file + ": " + stderr);
        return new String(out, StandardCharsets.UTF_8);
    }
}
