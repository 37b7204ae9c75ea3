/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.terminology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.i4dw.api.pivot.PivotElement;
import org.i4dw.api.terminology.NodeType;
import org.i4dw.api.terminology.Terminology;
import org.i4dw.api.terminology.TerminologyNode;
import org.i4dw.api.terminology.TerminologySettings;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.testkit.Json;
import org.i4dw.testkit.SampleCorpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The indexer on the real files of 01-rdsr, 02-mr-series, 04-ct-series and 05-sr, against the
 * terminology built from the same object and, for values, against dcmtk's {@code dcm2json}.
 */
class IndexerRealFilesTest {

    private static final String TAG = "DCMEHOP:TAG:";
    private static final String DLP = "DCMEHOP:SR:DCM-113701/DCM-113819/DCM-113829/DCM-113838";
    private static final Set<String> NUMERIC_VRS = Set.of("DS", "IS", "US", "SS", "UL", "SL", "FL", "FD", "SV", "UV");

    private static final TerminologySettings DEFAULTS = TerminologySettings.defaults();
    private static final TerminologySettings PRIVATE = TerminologySettings.builder().privateAttributes(true).build();
    private static final TerminologySettings ATTRIBUTE_VIEW = TerminologySettings.builder()
            .includeAttributes("Modality", "ImageType", "ReferencedImageSequence", "AnatomicRegionSequence/CodeValue",
                    "RequestAttributesSequence/RequestedProcedureID")
            .excludeAttributes("ReferencedImageSequence/ReferencedSOPClassUID").build();
    private static final TerminologySettings CONCEPT_VIEW = TerminologySettings.builder()
            .includeConcepts("DCM:113819", "DCM:126010", "DCM:121058").excludeConcepts("DCM:113838").build();
    private static final TerminologySettings SHALLOW = TerminologySettings.builder().maxSrDepth(2).build();

    static Stream<Path> files() {
        SampleCorpus corpus = SampleCorpus.locate();
        return Stream.of("01-rdsr", "02-mr-series", "04-ct-series", "05-sr")
                .flatMap(f -> SampleCorpus.dicomFiles(corpus.folder(f)).stream());
    }

    static Stream<Path> imageFiles() {
        return files().filter(f -> f.toString().contains("-series") && !isSr(Files.header(f)));
    }

    static Stream<Path> ctDoseReports() {
        return files().filter(f -> f.getFileName().toString().contains("__CT-"));
    }

    private static List<PivotElement> index(TerminologySettings settings, DicomObject o) {
        return new DcmehopTerminologyProvider().newIndexer(settings).index(o);
    }

    private static Terminology build(TerminologySettings settings, DicomObject o) {
        return new DcmehopTerminologyProvider().newBuilder(settings).add("P", "D", o).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyElementIsNamedByANodeOfItsType(Path file) {
        DicomObject o = Files.header(file);
        for (TerminologySettings s : List.of(DEFAULTS, PRIVATE, ATTRIBUTE_VIEW, CONCEPT_VIEW, SHALLOW)) {
            Terminology t = build(s, o);
            List<PivotElement> elements = index(s, o);
            for (PivotElement e : elements) {
                Optional<TerminologyNode> n = t.node(e.code());
                assertTrue(n.isPresent(), () -> s + ": no node " + e.code());
                if (n.get().type() != e.type()) {
                    assertEquals(NodeType.TEXT, e.type(), () -> "node " + n.get().type() + " but " + e);
                    assertTrue(notOfType(n.get().type(), e.value()), () -> e + " is a valid " + n.get().type());
                }
            }
            if (s == DEFAULTS && !isSr(o)) {
                assertTrue(elements.size() >= 20, () -> "only " + elements.size() + " elements: " + elements);
            } else if (s == DEFAULTS && o.contains(Tag.ContentSequence)) {
                assertFalse(elements.isEmpty(), "an SR with content gives elements");
            }
        }
    }

    /** True if {@code value} is no {@code type}, checked with the JDK's parsers. */
    private static boolean notOfType(NodeType type, String value) {
        try {
            switch (type) {
                case NUMBER:
                    new BigDecimal(value);
                    return false;
                case DATE:
                    LocalDate.parse(value.replace(".", ""), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
                    return false;
                case TIME:
                    return !value.matches("\\d\\d(\\d\\d(\\d\\d(\\.\\d{1,6})?)?)?") || LocalTime.parse(
                            (value + "000000").substring(0, 2) + ":" + (value + "000000").substring(2, 4) + ":"
                                    + (value + "000000").substring(4, 6)) == null;
                case DATETIME:
                    return !value.matches("\\d{4}(\\d\\d(\\d\\d(\\d\\d(\\d\\d(\\d\\d(\\.\\d{1,6})?)?)?)?)?)?([+-]\\d{4})?");
                default:
                    return false;
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            return true;
        }
    }

    /** A view keeps exactly the elements of the nodes it keeps, with the same values. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void viewsLeaveOutWhatTheBuilderLeavesOut(Path file) {
        DicomObject o = Files.header(file);
        List<PivotElement> all = index(DEFAULTS, o);
        for (TerminologySettings s : List.of(ATTRIBUTE_VIEW, CONCEPT_VIEW, SHALLOW)) {
            Terminology t = build(s, o);
            List<String> expected = all.stream().filter(e -> t.node(e.code()).isPresent())
                    .map(IndexerRealFilesTest::withoutOccurrence).collect(Collectors.toList());
            List<String> got = index(s, o).stream().map(IndexerRealFilesTest::withoutOccurrence)
                    .collect(Collectors.toList());
            assertEquals(expected, got, s.toString());
        }
        boolean sr = isSr(o);
        List<PivotElement> attributeView = index(ATTRIBUTE_VIEW, o);
        List<PivotElement> conceptView = index(CONCEPT_VIEW, o);
        if (sr) {
            assertEquals(all, attributeView, "attribute views leave SR alone");
            assertTrue(conceptView.stream().noneMatch(e -> e.code().contains("DCM-113838")), "DLP is excluded");
            assertTrue(conceptView.size() < all.size() || all.isEmpty(), "the concept view keeps everything");
        } else {
            assertEquals(all, conceptView, "concept views leave attributes alone");
            assertTrue(attributeView.size() < all.size(), "the attribute view keeps everything");
            assertTrue(attributeView.stream().noneMatch(e -> e.code().equals(TAG + "00081140/00081150")),
                    "ReferencedSOPClassUID is excluded");
            if (o.contains(Tag.Modality)) {
                assertTrue(attributeView.stream().anyMatch(e -> e.code().equals(TAG + "00080060")), "Modality is kept");
            }
        }
    }

    /** True if the builder files the object as a Structured Report. */
    private static boolean isSr(DicomObject o) {
        return build(DEFAULTS, o).roots().get(0).code().startsWith("DCMEHOP:SR:");
    }

    private static String withoutOccurrence(PivotElement e) {
        return e.code() + " " + e.type() + " " + e.value() + " " + e.unit() + " " + e.coded() + " #" + e.valueIndex();
    }

    /** The DLP of every CT acquisition, in order, with the value and unit dcm2json reads in the file. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("ctDoseReports")
    void dlpValuesAndUnitsAreTheFilesAsDcm2jsonReadsThem(Path file) throws Exception {
        List<BigDecimal> values = new ArrayList<>();
        List<String> units = new ArrayList<>();
        dlps(content(dcm2json(file)), values, units);
        assertFalse(values.isEmpty(), "the oracle finds no DLP in " + file);
        List<PivotElement> dlp = index(DEFAULTS, Files.header(file)).stream().filter(e -> e.code().equals(DLP))
                .collect(Collectors.toList());
        assertEquals(values.size(), dlp.size(), dlp.toString());
        for (int k = 0; k < dlp.size(); k++) {
            PivotElement e = dlp.get(k);
            assertEquals(NodeType.NUMBER, e.type());
            assertEquals(0, values.get(k).compareTo(new BigDecimal(e.value())), values.get(k) + " vs " + e);
            assertEquals("mGy.cm", e.unit());
            assertTrue(Set.of("mGy.cm", "mGycm").contains(units.get(k)), "oracle unit " + units.get(k));
            assertEquals(k + 1, e.occurrence(), "repeated DLP items count up");
            assertEquals(1, e.valueIndex());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> content(Object json) {
        Object seq = ((Map<String, Object>) json).get("0040A730");
        return seq == null ? List.of() : (List<Object>) ((Map<String, Object>) seq).getOrDefault("Value", List.of());
    }

    @SuppressWarnings("unchecked")
    private static Object first(Object item, String tag) {
        Object e = ((Map<String, Object>) item).get(tag);
        if (e == null) {
            return null;
        }
        List<Object> v = (List<Object>) ((Map<String, Object>) e).get("Value");
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** DLP (DCM 113838) items below CT Dose (DCM 113829) below CT Acquisition (DCM 113819), walked as in the file. */
    private static void dlps(List<Object> items, List<BigDecimal> values, List<String> units) {
        for (Object acquisition : items) {
            if (!isConcept(acquisition, "113819")) {
                continue;
            }
            for (Object dose : content(acquisition)) {
                if (!isConcept(dose, "113829")) {
                    continue;
                }
                for (Object item : content(dose)) {
                    if (isConcept(item, "113838")) {
                        Object measured = first(item, "0040A300");
                        values.add((BigDecimal) first(measured, "0040A30A"));
                        units.add((String) first(first(measured, "004008EA"), "00080100"));
                    }
                }
            }
        }
    }

    private static boolean isConcept(Object item, String value) {
        Object name = first(item, "0040A043");
        return name != null && value.equals(first(name, "00080100")) && "DCM".equals(first(name, "00080102"));
    }

    /**
     * Every multi-valued top-level attribute gives valueIndex 1..n with the values dcm2json reads
     * (numbers compared as numbers), and every attribute repeated in the items of a top-level
     * sequence gives occurrences 1..m in item order.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("imageFiles")
    @SuppressWarnings("unchecked")
    void multiValuedAttributesCountValuesAndRepeatedItemsCountOccurrences(Path file) throws Exception {
        DicomObject o = Files.header(file);
        List<PivotElement> elements = index(DEFAULTS, o);
        Map<String, Object> oracle = (Map<String, Object>) dcm2json(file);
        int multi = 0;
        for (Map.Entry<String, Object> a : oracle.entrySet()) {
            Map<String, Object> attribute = (Map<String, Object>) a.getValue();
            String vr = (String) attribute.get("vr");
            List<Object> values = (List<Object>) attribute.get("Value");
            int tag = (int) Long.parseLong(a.getKey(), 16);
            if (values == null || values.size() < 2 || Tag.isPrivate(tag) || (tag >>> 16) == 2
                    || !(NUMERIC_VRS.contains(vr) || "CS".equals(vr)) || values.contains(null)) {
                continue;
            }
            multi++;
            String code = TAG + a.getKey();
            List<PivotElement> mine = elements.stream().filter(e -> e.code().equals(code)).collect(Collectors.toList());
            assertEquals(values.size(), mine.size(), code + " " + mine);
            for (int k = 0; k < values.size(); k++) {
                PivotElement e = mine.get(k);
                assertEquals(k + 1, e.valueIndex(), e.toString());
                assertEquals(1, e.occurrence(), e.toString());
                Object expected = values.get(k);
                if (expected instanceof BigDecimal) {
                    BigDecimal d = (BigDecimal) expected;
                    if ("FL".equals(vr) || "FD".equals(vr)) {
                        assertEquals(d.doubleValue(), new BigDecimal(e.value()).doubleValue(), Math.ulp(d.floatValue()),
                                e.toString());
                    } else {
                        assertEquals(0, d.compareTo(new BigDecimal(e.value())), d + " vs " + e);
                    }
                } else {
                    assertEquals(expected, e.value());
                }
            }
        }
        assertTrue(multi > 0, "no multi-valued attribute in " + file);

        Terminology t = build(DEFAULTS, o);
        for (DicomElement s : o) {
            if (s.vr() != VR.SQ || s.items().size() < 2 || Tag.isPrivate(s.tagValue())
                    || t.node(TAG + hex(s.tagValue())).orElseThrow().type() != NodeType.CONTAINER) {
                continue; // code sequences are one CODE node, their items values
            }
            for (DicomObject first : s.items()) {
                for (DicomElement child : first) {
                    if (child.vr() == VR.SQ || Tag.isPrivate(child.tagValue()) || child.strings().isEmpty()) {
                        continue;
                    }
                    String code = TAG + hex(s.tagValue()) + "/" + hex(child.tagValue());
                    List<Integer> expected = new ArrayList<>();
                    List<String> firstValues = new ArrayList<>();
                    int met = 0;
                    for (DicomObject item : s.items()) {
                        Optional<DicomElement> c = element(item, child.tagValue());
                        if (c.isPresent()) {
                            met++;
                            if (!c.get().strings().isEmpty() && !c.get().strings().get(0).isEmpty()) {
                                expected.add(met);
                                firstValues.add(c.get().strings().get(0));
                            }
                        }
                    }
                    List<PivotElement> mine = elements.stream()
                            .filter(e -> e.code().equals(code) && e.valueIndex() == 1).collect(Collectors.toList());
                    assertEquals(expected, mine.stream().map(PivotElement::occurrence).collect(Collectors.toList()), code);
                    if (child.vr() == VR.UI || child.vr() == VR.LO || child.vr() == VR.SH || child.vr() == VR.CS) {
                        assertEquals(firstValues, mine.stream().map(PivotElement::value).collect(Collectors.toList()),
                                code);
                    }
                }
                break;
            }
        }
    }

    private static Optional<DicomElement> element(DicomObject item, int tag) {
        for (DicomElement e : item) {
            if (e.tagValue() == tag) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static String hex(int tag) {
        return String.format("%08X", tag);
    }

    /** dcmtk's reading of the file as DICOM JSON. */
    private static Object dcm2json(Path file) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("dcm2json", "-fc", file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new AssertionError("dcm2json is not installed: run ./i4dw setup (apt-get install -y dcmtk)", e);
        }
        p.getOutputStream().close();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("dcm2json did not finish in 60 s on " + file);
        }
        assertEquals(0, p.exitValue(), "dcm2json failed on " + file);
        return Objects.requireNonNull(Json.parse(new String(out, StandardCharsets.UTF_8)));
    }
}
