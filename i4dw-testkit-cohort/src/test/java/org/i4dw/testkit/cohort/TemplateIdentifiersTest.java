/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.PersonName;
import org.i4dw.data.Tag;
import org.i4dw.data.UidDictionary;
import org.i4dw.data.VR;
import org.i4dw.deid.Action;
import org.i4dw.deid.DeidProfile;
import org.i4dw.deid.Deidentifier;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.ReadOptions;
import org.i4dw.testkit.deid.Leak;
import org.i4dw.testkit.deid.PhiLeakScanner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No identifier of a template survives in the files made from it: judged by the PS3.15 Annex E
 * Basic Profile (i4dw-deid's table, independent of the generator's own rules) with the test kit's
 * {@link PhiLeakScanner}, and by a search of every file's raw bytes, private elements included.
 */
class TemplateIdentifiersTest {

    private static final Deidentifier BASIC = Deidentifier.builder(DeidProfile.basic())
            .key("cohort-test-key-0123456789".getBytes(StandardCharsets.US_ASCII)).build();

    /**
     * Identifying per the Basic Profile: anything it does not keep. Private tags are searched as raw
     * bytes. One exception: Series Description, because the dose report template's ("Dose Report")
     * is, word for word, in the title of every CT dose report (the code meaning "X-Ray Radiation
     * Dose Report"), which the generator keeps; the generated descriptions are the protocols' own.
     */
    private static final Predicate<Tag> IDENTIFYING = t -> !t.isPrivate() && !t.equals(Tag.SeriesDescription)
            && BASIC.actionFor(t) != Action.KEEP;

    /** A readable run of at least 6 characters inside a binary value. */
    private static final Pattern OPAQUE_TEXT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._^-]{4,}[A-Za-z0-9]");

    @TempDir
    static Path tmp;

    private static CohortManifest truth;
    private static Path dir;
    private static final Map<String, DicomObject> TEMPLATES = new HashMap<>();

    @BeforeAll
    static void write() throws IOException {
        dir = tmp.resolve("cohort");
        truth = SyntheticCohort.builder().patients(8).seed(5).instancesPerSeries(2)
                .doseReports(CohortFiles.doseReportTemplate()).build().write(dir);
        for (TemplateSources.Source s : TemplateSources.SOURCES) {
            try (InputStream in = TemplateIdentifiersTest.class.getResourceAsStream(
                    Template.RESOURCE_FOLDER + s.resource())) {
                TEMPLATES.put(s.resource(), DicomReader.read(in, s.resource(), ReadOptions.defaults()).dataset());
            }
        }
        Path dose = CohortFiles.doseReportTemplate();
        TEMPLATES.put(Template.DOSE_REPORT_LABEL, DicomReader.read(dose, ReadOptions.defaults()).dataset());
    }

    @Test
    void everyTemplateIsUsed() {
        assertEquals(TEMPLATES.keySet(), Set.copyOf(truth.series().stream().map(CohortManifest.Series::template)
                .toList()));
    }

    @Test
    void noValueTheBasicProfileWouldRemoveSurvives() throws IOException {
        List<String> failures = new ArrayList<>();
        for (CohortManifest.Series r : truth.series()) {
            DicomObject template = TEMPLATES.get(r.template());
            for (Path f : r.files(dir)) {
                DicomObject generated = DicomReader.read(f, ReadOptions.defaults()).dataset();
                for (Leak leak : PhiLeakScanner.scan(template, generated, IDENTIFYING)) {
                    failures.add(dir.relativize(f) + ": " + leak);
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void noTemplateIdentifierIsAnywhereInTheBytes() throws IOException {
        Map<String, Map<String, String>> identifiers = new LinkedHashMap<>();
        for (Map.Entry<String, DicomObject> t : TEMPLATES.entrySet()) {
            Map<String, String> values = new LinkedHashMap<>();
            collect(t.getValue(), values);
            identifiers.put(t.getKey(), values);
        }
        Map<String, String> names = identifiers.get(TemplateSources.SOURCES.get(0).resource());
        assertTrue(names.values().stream().anyMatch(w -> w.startsWith("(0010,0020)")), "Patient ID is searched");
        assertTrue(identifiers.values().stream().mapToInt(Map::size).sum() > 40, "many identifiers are searched");

        List<String> failures = new ArrayList<>();
        for (CohortManifest.Series r : truth.series()) {
            Map<String, String> values = identifiers.get(r.template());
            for (Path f : r.files(dir)) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).toUpperCase();
                for (Map.Entry<String, String> v : values.entrySet()) {
                    if (containsAsWord(bytes, v.getKey())) {
                        failures.add(dir.relativize(f) + " holds the template's " + v.getValue());
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void theGroundTruthHoldsNoTemplateIdentifierEither() throws IOException {
        String text = Files.readString(dir.resolve(CohortManifest.FILE_NAME)).toUpperCase();
        for (Map.Entry<String, DicomObject> t : TEMPLATES.entrySet()) {
            Map<String, String> values = new LinkedHashMap<>();
            collect(t.getValue(), values);
            for (Map.Entry<String, String> v : values.entrySet()) {
                assertTrue(!containsAsWord(text, v.getKey()), () -> "ground truth holds " + v.getValue());
            }
        }
    }

    /**
     * The identifying values of a template, upper case, with where they come from: names (each
     * component of at least 3 characters), IDs and other text of identifying attributes (at least
     * 4 characters), and at any depth every UID outside the standard's registry, every date, and
     * the readable runs of opaque (UN) values, which the generator cannot inspect and must drop.
     */
    private static void collect(DicomObject ds, Map<String, String> out) {
        for (DicomElement e : ds) {
            String where = e.tag().toString() + " " + org.i4dw.data.ElementDictionary.standard().keywordOf(e.tagValue());
            if (e.vr() == VR.SQ) {
                e.items().forEach(i -> collect(i, out));
                continue;
            }
            if (e.vr() == VR.UN) {
                e.bytes().ifPresent(b -> {
                    byte[] raw = new byte[b.remaining()];
                    b.get(raw);
                    Matcher m = OPAQUE_TEXT.matcher(new String(raw, StandardCharsets.ISO_8859_1));
                    while (m.find()) {
                        out.put(m.group().strip().toUpperCase(), where + " (text inside an opaque UN value)");
                    }
                });
                continue;
            }
            for (String v : e.strings()) {
                String value = v.strip();
                if (e.vr() == VR.UI) {
                    if (!value.isEmpty() && UidDictionary.standard().name(value).isEmpty()) {
                        out.put(value.toUpperCase(), where + " (a UID)");
                    }
                } else if (e.vr() == VR.DA || e.vr() == VR.DT) {
                    if (value.length() >= 8) {
                        out.put(value.substring(0, 8), where + " (a date)");
                    }
                } else if (e.vr() == VR.PN && !e.tag().isPrivate()) {
                    PersonName.Group g = PersonName.parse(value).alphabetic();
                    for (String c : List.of(g.family(), g.given(), g.middle())) {
                        if (c.strip().length() >= 3) {
                            out.put(c.strip().toUpperCase(), where + " (a name component)");
                        }
                    }
                } else if (e.vr().isText() && !e.tag().isPrivate() && IDENTIFYING.test(e.tag())
                        && value.length() >= 4 && value.chars().anyMatch(Character::isLetterOrDigit)) {
                    out.put(value.toUpperCase(), where);
                }
            }
        }
    }

    /** Whether the value occurs with no letter, digit (or dot, for a UID) right before or after it. */
    private static boolean containsAsWord(String text, String value) {
        Matcher m = Pattern.compile(Pattern.quote(value)).matcher(text);
        while (m.find()) {
            boolean before = m.start() == 0 || !wordChar(text.charAt(m.start() - 1));
            boolean after = m.end() == text.length() || !wordChar(text.charAt(m.end()));
            if (before && after) {
                return true;
            }
        }
        return false;
    }

    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.';
    }
}
