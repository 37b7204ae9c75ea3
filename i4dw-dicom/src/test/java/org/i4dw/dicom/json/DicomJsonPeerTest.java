/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.PersonName;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Against real peers: the PS3.18 F.4 example (written out by hand from the standard) and the JSON
 * that dcmtk's {@code dcm2json} makes of the sample corpus, checked against {@code dcmdump}.
 */
class DicomJsonPeerTest {

    private static final Path DCM2JSON = Path.of("/usr/bin/dcm2json");
    private static final Path DCMDUMP = Path.of("/usr/bin/dcmdump");

    private static Path samples() {
        String p = System.getProperty("i4dw.samples");
        return Path.of(p == null || p.isBlank() || p.startsWith("${") ? "/work/shared/dicom-samples" : p);
    }

    @Test
    void readsTheStandardsExample() throws IOException {
        List<DicomObject> list;
        try (InputStream in = DicomJsonPeerTest.class.getResourceAsStream("ps3.18-f4-example.json");
             Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            list = DicomJsonReader.readList(r, "ps3.18-f4-example.json");
        }
        assertEquals(2, list.size());
        DicomObject ds = list.get(1);
        assertEquals(List.of("CT", "PET"), ds.strings(Tag.ModalitiesInStudy));
        PersonName pn = ds.personName(Tag.PatientName).orElseThrow();
        assertEquals("Wang", pn.alphabetic().family());
        assertEquals("王", pn.ideographic().family());
        assertEquals("小東", pn.ideographic().given());
        assertEquals("Dr.", ds.personName(Tag.ReferringPhysicianName).orElseThrow().alphabetic().prefix());
        assertEquals(942, ds.integer(Tag.of(0x00201208)).orElseThrow());
        assertEquals(VR.UN, ds.vr(Tag.of(0x00091002)).orElseThrow());
        ByteBuffer un = ds.element(Tag.of(0x00091002)).flatMap(DicomElement::bytes).orElseThrow();
        assertEquals(6, un.remaining());
        List<DicomObject> otherIds = ds.sequence(Tag.of(0x00101002));
        assertEquals(List.of("Hospital B", "Hospital C"),
                otherIds.stream().map(i -> i.string(Tag.IssuerOfPatientID).orElseThrow()).toList());
        assertEquals(ds, DicomJsonReader.read(DicomJsonWriter.builder().build().toJson(ds), "rewritten"));
    }

    static Stream<Path> corpus() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("05-sr", "07-charsets")) {
            Path d = samples().resolve(dir);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    s.filter(p -> p.toString().endsWith(".dcm")).sorted().forEach(files::add);
                }
            }
        }
        return files.stream();
    }

    /** Everything dcm2json writes from the corpus parses, and our writer and reader agree on it. */
    @ParameterizedTest
    @MethodSource("corpus")
    void readsWhatDcm2jsonWrites(Path file) throws Exception {
        assumeTrue(Files.isExecutable(DCM2JSON), "dcmtk's dcm2json is not installed");
        Result r = run(DCM2JSON.toString(), file.toString());
        assumeTrue(r.exit == 0, "dcm2json cannot convert " + file.getFileName() + " (e.g. a character set it lacks)");
        DicomObject ds = DicomJsonReader.read(r.stdout, file.getFileName().toString());
        assertFalse(ds.isEmpty());
        String ours = DicomJsonWriter.builder().build().toJson(ds);
        assertEquals(ds, DicomJsonReader.read(ours, "rewritten " + file.getFileName()));
    }

    /** Values from dcm2json's JSON are the ones dcmdump shows: PN structure, a date, a number, nested sequences. */
    @Test
    void valuesFromDcm2jsonMatchDcmdump() throws Exception {
        assumeTrue(Files.isExecutable(DCM2JSON) && Files.isExecutable(DCMDUMP), "dcmtk is not installed");
        Path file = samples().resolve("05-sr/pydicom__test-SR.dcm");
        assumeTrue(Files.isRegularFile(file), "sample corpus not found at " + samples());
        Result json = run(DCM2JSON.toString(), file.toString());
        assertEquals(0, json.exit, json.stderr);
        DicomObject ds = DicomJsonReader.read(json.stdout, file.getFileName().toString());

        assertEquals(dcmdump(file, "0010,0010"), ds.string(Tag.PatientName).orElseThrow());
        assertEquals("Test", ds.personName(Tag.PatientName).orElseThrow().alphabetic().family());
        assertEquals("S R", ds.personName(Tag.PatientName).orElseThrow().alphabetic().given());
        assertEquals(dcmdump(file, "0008,0023"), ds.string(Tag.ContentDate).orElseThrow());
        assertTrue(ds.contains(Tag.StudyDate) && ds.string(Tag.StudyDate).isEmpty(), "StudyDate is present and empty");
        assertEquals(Integer.parseInt(dcmdump(file, "0020,0011")), ds.integer(Tag.SeriesNumber).orElseThrow());

        DicomObject observer = ds.sequence(Tag.VerifyingObserverSequence).get(0);
        assertEquals(2, ds.sequence(Tag.VerifyingObserverSequence).size());
        String dumped = dcmdump(file, "0040,a073", "0040,a075");
        assertEquals("Riesmeier^Jörg", dumped);
        assertEquals(dumped, observer.string(Tag.VerifyingObserverName).orElseThrow());
        DicomObject code = observer.sequence(Tag.VerifyingObserverIdentificationCodeSequence).get(0);
        assertEquals(dcmdump(file, "0040,a073", "0008,0100"), code.string(Tag.CodeValue).orElseThrow());
        assertEquals("1705", code.string(Tag.CodeValue).orElseThrow());
        assertTrue(ds.sequence(Tag.ReferencedPerformedProcedureStepSequence).isEmpty());
        assertEquals(VR.SQ, ds.vr(Tag.ReferencedPerformedProcedureStepSequence).orElseThrow());
    }

    /** The bracketed value of the first {@code lineTag} line that {@code dcmdump +P searchTag} prints, as UTF-8. */
    private static String dcmdump(Path file, String searchTag, String lineTag) throws Exception {
        Result r = run(DCMDUMP.toString(), "-q", "+U8", "+P", searchTag, file.toString());
        assertEquals(0, r.exit, r.stderr);
        Matcher m = Pattern.compile("\\(" + Pattern.quote(lineTag) + "\\) \\w\\w \\[([^\\]]*)\\]").matcher(r.stdout);
        assertTrue(m.find(), () -> "dcmdump shows no value for " + lineTag);
        return m.group(1);
    }

    private static String dcmdump(Path file, String tag) throws Exception {
        return dcmdump(file, tag, tag);
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    private static Result run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try (InputStream e = p.getErrorStream()) {
                e.transferTo(err);
            } catch (IOException ignored) {
                // the process ended; what was read is kept
            }
        });
        drain.start();
        byte[] out;
        try (InputStream o = p.getInputStream()) {
            out = o.readAllBytes();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command[0] + " did not finish within 60 s");
        }
        drain.join();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
