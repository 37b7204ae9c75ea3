/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.terminology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.i4dw.api.terminology.CodingSystem;
import org.i4dw.api.terminology.NodeType;
import org.i4dw.api.terminology.Terminology;
import org.i4dw.api.terminology.TerminologyFormat;
import org.i4dw.api.terminology.TerminologyNode;
import org.i4dw.data.Code;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.deid.DeidProfile;
import org.i4dw.deid.Deidentifier;
import org.i4dw.testkit.SampleCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The terminology of the real SRs of the sample corpus: every dose report of 01-rdsr, raw and
 * after I4DW's default de-identification, and the TID 1500 measurement report of 05-sr.
 */
class RealFilesTest {

    private static final Deidentifier DEID = Deidentifier.builder(DeidProfile.i4dwDefault())
            .key("0123456789abcdef-test-key-i4dw!!".getBytes(StandardCharsets.US_ASCII)).build();
    private static final String DLP_CODE = "DCMEHOP:SR:DCM-113701/DCM-113819/DCM-113829/DCM-113838";

    static Stream<Path> rdsrFiles() {
        return SampleCorpus.dicomFiles(SampleCorpus.locate().folder("01-rdsr")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rdsrFiles")
    void everyDoseReportYieldsItsTreeRawAndDeidentified(Path file) throws IOException {
        DicomObject raw = Files.header(file);
        Code title = raw.code(Tag.ConceptNameCodeSequence).orElseThrow();
        for (DicomObject o : List.of(raw, DEID.deidentify(raw))) {
            Terminology t = Files.add(Files.builder(), o).build();
            String tree = tree(t);
            assertEquals(1, t.roots().size(), tree);
            TerminologyNode root = t.roots().get(0);
            assertEquals("DCMEHOP:SR:" + title.scheme() + "-" + title.value(), root.code());
            assertEquals(title.meaning(), root.label());
            assertEquals(1, root.patientCount());
            assertEquals(1, root.documentCount());
            assertTrue(root.children().size() >= 2, tree);
            assertTrue(root.externalCode().isPresent(), tree);
            if (file.getFileName().toString().contains("__CT-")) {
                Optional<TerminologyNode> dlp = t.node(DLP_CODE);
                assertTrue(dlp.isPresent(), tree);
                assertTrue(tree.matches("(?s)X-[Rr]ay Radiation Dose Report \\(.*\n  CT Acquisition \\(.*"
                        + "\n    CT Dose \\(.*\n      DLP \\[mGy\\.cm\\] \\(1 patient, 1 doc\\)\n.*"), tree);
                assertEquals(DLP_CODE, dlp.get().code());
                assertEquals(NodeType.NUMBER, dlp.get().type());
                assertEquals(List.of("mGy.cm"), dlp.get().units(), tree);
                assertTrue(dlp.get().min().isPresent() && dlp.get().min().getAsDouble() >= 0, tree);
                assertEquals(CodingSystem.DICOM, dlp.get().externalCode().orElseThrow().system());
            }
        }
    }

    /** Clean Structured Content keeps containers, codes and numbers; free text may go. */
    @Test
    void deidentificationKeepsTheCodedAndNumericDoseTree() {
        for (Path f : rdsrFiles().toList()) {
            DicomObject raw = Files.header(f);
            List<String> before = codes(Files.add(Files.builder(), raw).build());
            List<String> after = codes(Files.add(Files.builder(), DEID.deidentify(raw)).build());
            assertTrue(before.containsAll(after), f + ": de-identification added nodes " + after);
            List<String> kept = before.stream().filter(RealFilesTest::structured).toList();
            for (String n : kept) {
                String code = n.substring(0, n.indexOf(' '));
                boolean underText = false;
                for (int i = code.indexOf('/'); i > 0; i = code.indexOf('/', i + 1)) {
                    String ancestor = code.substring(0, i) + " ";
                    underText |= kept.stream().noneMatch(k -> k.startsWith(ancestor));
                }
                assertTrue(underText || after.contains(n), f + ": de-identification lost " + n);
            }
        }
    }

    @Test
    void tid1500ReportYieldsItsMeasurementTree() throws IOException {
        Path f = SampleCorpus.locate().file("05-sr/dcmqi__tid1500-sr.dcm");
        Terminology t = Files.add(Files.builder(), Files.header(f)).build();
        String tree = tree(t);
        TerminologyNode root = t.node("DCMEHOP:SR:DCM-126000").orElseThrow(() -> new AssertionError(tree));
        assertEquals("Imaging Measurement Report", root.label(), tree);
        TerminologyNode group = t.node("DCMEHOP:SR:DCM-126000/DCM-126010/DCM-125007")
                .orElseThrow(() -> new AssertionError(tree));
        assertEquals("Measurement Group", group.label());
        List<TerminologyNode> numbers = group.children().stream().filter(n -> n.type() == NodeType.NUMBER).toList();
        assertFalse(numbers.isEmpty(), tree);
        for (TerminologyNode n : numbers) {
            assertFalse(n.units().isEmpty(), n + " has no unit\n" + tree);
            assertTrue(n.min().isPresent(), n + " has no value\n" + tree);
        }
        assertTrue(group.children().stream().anyMatch(n -> n.type() == NodeType.CODE && !n.values().isEmpty()), tree);
    }

    @Test
    void codesAreTheSameAcrossRunsAndInputOrders() {
        List<DicomObject> objects = new ArrayList<>();
        for (Path f : rdsrFiles().toList()) {
            objects.add(Files.header(f));
        }
        objects.add(Files.header(SampleCorpus.locate().file("05-sr/dcmqi__tid1500-sr.dcm")));
        Terminology forward = build(objects);
        List<DicomObject> reversed = new ArrayList<>(objects);
        Collections.reverse(reversed);
        List<DicomObject> shuffled = new ArrayList<>(objects);
        Collections.shuffle(shuffled, new java.util.Random(5));
        assertEquals(forward, build(reversed));
        assertEquals(forward, build(shuffled));
        assertEquals(codes(forward), codes(build(objects)));
        assertTrue(forward.node(DLP_CODE).isPresent());
    }

    private static boolean structured(String node) {
        return node.contains(" NUMBER ") || node.contains(" CODE ") || node.contains(" CONTAINER ");
    }

    private static Terminology build(List<DicomObject> objects) {
        var b = Files.builder();
        objects.forEach(o -> Files.add(b, o));
        return b.build();
    }

    static List<String> codes(Terminology t) {
        List<String> out = new ArrayList<>();
        Stream.Builder<TerminologyNode> all = Stream.builder();
        collect(t.roots(), all);
        all.build().forEach(n -> out.add(n.code() + " " + n.label() + " " + n.type() + " " + n.units()));
        return out;
    }

    private static void collect(List<TerminologyNode> nodes, Stream.Builder<TerminologyNode> out) {
        for (TerminologyNode n : nodes) {
            out.add(n);
            collect(n.children(), out);
        }
    }

    static String tree(Terminology t) {
        StringBuilder sb = new StringBuilder();
        try {
            new DcmehopTerminologyProvider().write(t, TerminologyFormat.TREE, sb);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return sb.toString();
    }
}
