/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.deid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.i4dw.api.DicomParseException;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.ElementDictionary;
import org.i4dw.data.ElementInfo;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.ReadOptions;
import org.i4dw.testkit.SampleCorpus;
import org.i4dw.testkit.deid.Leak;
import org.i4dw.testkit.deid.PhiLeakScanner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every file of the sample corpus (../shared/dicom-samples), de-identified with I4DW's default, the
 * plain Basic Profile, basic with modified dates, basic with clean descriptors and the default with
 * clean descriptors: no exception, no leak found by the testkit's {@link PhiLeakScanner} (every
 * identifying value, at any depth), no patient name, ID or accession number left in any text at
 * any depth, nothing more changes the second time (but for the documented exception of modified
 * dates without Patient ID), SR numeric content survives Clean
 * Structured Content, and threads give the same results as one.
 */
class SampleCorpusTest {

    private static final Map<Path, DicomObject> FILES = new LinkedHashMap<>();
    private static final Deidentifier DEFAULT = Deidentifier.builder(DeidProfile.i4dwDefault()).key(Samples.KEY).build();
    private static final Deidentifier BASIC = Deidentifier.builder(DeidProfile.basic()).key(Samples.KEY).build();
    private static final Deidentifier MODIFIED_DATES = Deidentifier.builder(
            DeidProfile.basicWith(DeidProfile.Option.RETAIN_LONGITUDINAL_MODIFIED_DATES)).key(Samples.KEY).build();
    private static final Deidentifier CLEAN_DESCRIPTORS = Deidentifier.builder(
            DeidProfile.basicWith(DeidProfile.Option.CLEAN_DESCRIPTORS)).key(Samples.KEY).build();
    private static final Deidentifier DEFAULT_CLEAN_DESCRIPTORS = Deidentifier.builder(
            DeidProfile.i4dwDefault().with(DeidProfile.Option.CLEAN_DESCRIPTORS)).key(Samples.KEY).build();

    @BeforeAll
    static void read() throws IOException {
        SampleCorpus corpus = SampleCorpus.locate();
        for (Path f : corpus.dicomFiles()) {
            try {
                FILES.put(corpus.root().relativize(f), DicomReader.read(f, ReadOptions.defaults()).dataset());
            } catch (DicomParseException e) {
                // a file the reader refuses (09-malformed) is not de-identified: it is never read
            }
        }
        assertTrue(FILES.size() > 50, "the corpus should give many readable files, got " + FILES.size());
    }

    @Test
    void everyFileIsDeidentifiedWithoutLeakAndOnlyOnce() {
        List<String> failures = new ArrayList<>();
        for (Deidentifier d : List.of(DEFAULT, BASIC, MODIFIED_DATES, CLEAN_DESCRIPTORS, DEFAULT_CLEAN_DESCRIPTORS)) {
            PhiLeakScanner scanner = PhiLeakScanner.builder(identifying(d)).build();
            for (Map.Entry<Path, DicomObject> f : FILES.entrySet()) {
                String where = f.getKey() + " (" + d.profile() + ")";
                try {
                    DicomObject once = d.deidentify(f.getValue());
                    // documented exception: with modified dates, an object without Patient ID is shifted again
                    boolean shiftsAgain = d.profile().has(DeidProfile.Option.RETAIN_LONGITUDINAL_MODIFIED_DATES)
                            && f.getValue().string(Tag.PatientID).orElse("").isEmpty();
                    for (Leak leak : scanner.scan(f.getValue(), once)) {
                        if (!keptByDesign(leak, f.getValue(), once, d)) {
                            failures.add(where + ": " + leak);
                        }
                    }
                    if (!shiftsAgain && !once.equals(d.deidentify(once))) {
                        failures.add(where + ": the second pass changed it");
                    }
                    Set<String> leaks = new HashSet<>();
                    Set<String> identifiers = identifiers(f.getValue());
                    keptByDesign(f.getValue(), d, identifiers);
                    scan(once, identifiers, leaks);
                    if (!leaks.isEmpty()) {
                        failures.add(where + ": identifying values survive in " + leaks);
                    }
                    if (!"YES".equals(once.string(Tag.PatientIdentityRemoved).orElse(""))) {
                        failures.add(where + ": Patient Identity Removed is not YES");
                    }
                } catch (RuntimeException e) {
                    failures.add(where + ": " + e);
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /**
     * The leak scanner's sources: the attributes a de-identifier removes, empties or replaces, and
     * the dates it shifts. Text it cleans (C) is not a source: cleaning keeps it, minus the
     * identifying values of the others, which the scanner then looks for in it.
     */
    static Predicate<Tag> identifying(Deidentifier d) {
        boolean safePrivate = d.profile().has(DeidProfile.Option.RETAIN_SAFE_PRIVATE);
        return t -> {
            if (t.isPrivate()) {
                return !safePrivate;
            }
            Action a = d.actionFor(t);
            if (a == Action.CLEAN) {
                List<VR> vrs = ElementDictionary.standard().lookup(t).map(ElementInfo::vrs).orElse(List.of());
                return vrs.contains(VR.DA) || vrs.contains(VR.DT);
            }
            return a != Action.KEEP;
        };
    }

    /**
     * A leak into an attribute the profile keeps (K) and that holds exactly its original value:
     * the original already had the identifying value there (corpus files anonymized with a
     * placeholder such as the model name, a description that is also a code meaning). The data
     * cannot tell such a coincidence from identity; the profile's choice to keep the attribute is
     * tested elsewhere.
     */
    private static boolean keptByDesign(Leak leak, DicomObject in, DicomObject out, Deidentifier d) {
        Tag at = leak.foundAt().tag();
        if (at.isPrivate() || d.actionFor(at) != Action.KEEP) {
            return false;
        }
        Optional<DicomElement> before = leak.foundAt().lookup(in);
        Optional<DicomElement> after = leak.foundAt().lookup(out);
        return before.isPresent() && after.isPresent() && before.get().strings().equals(after.get().strings());
    }

    /**
     * Patient's Name components (PS3.5 components, split at ^ and =, as the de-identifier and the
     * scanner split them: words of a component are not split further, or the XSS fixture's name,
     * a script, would share "inside", "DICOM" and "file" with its cleaned descriptions), Patient ID, Other Patient IDs and Accession Number of the original. */
    private static Set<String> identifiers(DicomObject o) {
        Set<String> ids = new HashSet<>();
        for (String name : o.strings(Tag.PatientName)) {
            for (String part : name.split("[\\^=]")) {
                add(ids, part);
            }
        }
        for (Tag t : List.of(Tag.PatientID, Tag.OtherPatientIDs, Tag.AccessionNumber)) {
            for (String v : o.strings(t)) {
                add(ids, v);
            }
        }
        return ids;
    }

    private static void add(Set<String> ids, String v) {
        String s = v.strip().toUpperCase(Locale.ROOT);
        if (s.length() >= 4 && !"ANONYMOUS".contains(s) && !s.matches("[0-9.]+")) {
            ids.add(s);
        }
    }

    /**
     * Drops identifiers that the original also holds in attributes the profile keeps by design
     * (some corpus files were anonymized with a placeholder name such as the model name): they
     * cannot be told apart from the data.
     */
    private static void keptByDesign(DicomObject o, Deidentifier d, Set<String> identifiers) {
        for (DicomElement e : o) {
            if (e.vr() == VR.SQ) {
                for (DicomObject item : e.items()) {
                    keptByDesign(item, d, identifiers);
                }
            } else if (e.vr().isText() && !Tag.isPrivate(e.tagValue()) && d.actionFor(e.tag()) == Action.KEEP) {
                for (String v : e.strings()) {
                    String u = v.toUpperCase(Locale.ROOT);
                    identifiers.removeIf(u::contains);
                }
            }
        }
    }

    /** Text values at any depth, except what the de-identifier writes itself (method, its codes). */
    private static void scan(DicomObject o, Set<String> identifiers, Set<String> leaks) {
        for (DicomElement e : o) {
            int tag = e.tagValue();
            if (tag == Tag.DeidentificationMethod.value() || tag == Tag.DeidentificationMethodCodeSequence.value()
                    || tag == Tag.LongitudinalTemporalInformationModified.value()) {
                continue;
            }
            if (e.vr() == VR.SQ) {
                for (DicomObject item : e.items()) {
                    scan(item, identifiers, leaks);
                }
            } else if (e.vr().isText() && e.vr() != VR.UI) {
                for (String v : e.strings()) {
                    String u = v.toUpperCase(Locale.ROOT);
                    for (String id : identifiers) {
                        if (u.contains(id)) {
                            leaks.add(Tag.toString(e.tagValue()));
                        }
                    }
                }
            }
        }
    }

    @Test
    void doseReportsKeepTheirNumericContentUnderCleanStructuredContent() {
        int reports = 0;
        boolean dlp = false;
        for (Map.Entry<Path, DicomObject> f : FILES.entrySet()) {
            if (!f.getKey().startsWith("01-rdsr")) {
                continue;
            }
            DicomObject in = f.getValue();
            DicomObject out = DEFAULT.deidentify(in);
            List<String> before = new ArrayList<>();
            List<String> after = new ArrayList<>();
            List<String> freeText = new ArrayList<>();
            numbers(in.sequence(Tag.ContentSequence), before, new ArrayList<>());
            numbers(out.sequence(Tag.ContentSequence), after, freeText);
            assertFalse(before.isEmpty(), f.getKey() + " has no NUM content item");
            assertEquals(before, after, f.getKey() + ": every NUM item, its concept and value, must survive");
            assertEquals(List.of(), freeText, f.getKey() + ": TEXT and PNAME items must be gone");
            dlp |= before.stream().anyMatch(s -> s.startsWith("113838/"));
            List<DicomObject> basic = BASIC.deidentify(in).sequence(Tag.ContentSequence);
            assertTrue(basic.size() <= 1 && (basic.isEmpty() || basic.get(0).isEmpty()),
                    "the Basic Profile alone drops the SR tree");
            reports++;
        }
        assertTrue(reports > 10, "the dose reports of 01-rdsr must be read");
        assertTrue(dlp, "some report carries a DLP (113838) value");
    }

    /**
     * Content items that de-identification leaves as they are come out as the same objects (the
     * tree is not rebuilt), and such a shared subtree holds nothing the profile changes: every
     * element in it is one the profile keeps (K, or C of a sequence, a time or a binary value),
     * none is private, and no TEXT, PNAME or UIDREF item is among them.
     */
    @Test
    void doseReportContentLeftAsItIsIsSharedNotCopied() {
        int shared = 0;
        for (Map.Entry<Path, DicomObject> f : FILES.entrySet()) {
            if (!f.getKey().startsWith("01-rdsr")) {
                continue;
            }
            DicomObject in = f.getValue();
            Set<DicomObject> inputItems = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            items(in, inputItems);
            shared += shared(DEFAULT.deidentify(in), inputItems, f.getKey());
        }
        assertTrue(shared > 100, "unchanged content items should be shared, " + shared + " were");
    }

    private static void items(DicomObject o, Set<DicomObject> out) {
        for (DicomElement e : o) {
            for (DicomObject i : e.items()) {
                out.add(i);
                items(i, out);
            }
        }
    }

    /** Counts the items of {@code out} (at any depth) that are input items, checking each one's subtree. */
    private static int shared(DicomObject out, Set<DicomObject> inputItems, Path file) {
        int n = 0;
        for (DicomElement e : out) {
            for (DicomObject i : e.items()) {
                if (inputItems.contains(i)) {
                    n++;
                    assertKeptByProfile(i, file);
                } else {
                    n += shared(i, inputItems, file);
                }
            }
        }
        return n;
    }

    private static void assertKeptByProfile(DicomObject item, Path file) {
        String vt = item.string(Tag.ValueType).orElse("");
        assertFalse(vt.equals("TEXT") || vt.equals("PNAME") || vt.equals("UIDREF"), file + ": a shared " + vt + " item");
        for (int k = 0; k < item.size(); k++) {
            int tag = item.tagAt(k);
            VR vr = item.vrAt(k);
            assertFalse(Tag.isPrivate(tag), file + ": a private attribute in a shared item");
            Action a = DEFAULT.actionFor(Tag.of(tag));
            boolean kept = a == Action.KEEP
                    || a == Action.CLEAN && (vr == VR.SQ || vr == VR.TM || !vr.isText() && vr != VR.DA && vr != VR.DT);
            assertTrue(kept, file + ": " + Tag.toString(tag) + " (" + a + ") in a shared item");
            for (DicomObject child : item.elementAt(k).items()) {
                assertKeptByProfile(child, file);
            }
        }
    }

    private static void numbers(List<DicomObject> items, List<String> out, List<String> freeText) {
        for (DicomObject item : items) {
            String vt = item.string(Tag.ValueType).orElse("");
            if (vt.equals("NUM")) {
                String concept = item.item(Tag.ConceptNameCodeSequence).flatMap(c -> c.string(Tag.CodeValue)).orElse("?");
                String value = item.item(Tag.MeasuredValueSequence).flatMap(m -> m.string(Tag.NumericValue)).orElse("");
                String unit = item.item(Tag.MeasuredValueSequence)
                        .flatMap(m -> m.item(Tag.MeasurementUnitsCodeSequence)).flatMap(u -> u.string(Tag.CodeValue))
                        .orElse("");
                out.add(concept + "/" + value + "/" + unit);
            } else if (vt.equals("TEXT") || vt.equals("PNAME")) {
                freeText.add(vt);
            }
            numbers(item.sequence(Tag.ContentSequence), out, freeText);
        }
    }

    @Test
    void threadsGiveTheSameResultsAsOne() throws Exception {
        List<DicomObject> inputs = new ArrayList<>(FILES.values());
        List<DicomObject> expected = new ArrayList<>();
        for (DicomObject o : inputs) {
            expected.add(DEFAULT.deidentify(o));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<DicomObject>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                runs.add(pool.submit(() -> {
                    List<DicomObject> out = new ArrayList<>(inputs.size());
                    for (int i = 0; i < inputs.size(); i++) {
                        out.add(null);
                    }
                    for (int k = 0; k < inputs.size(); k++) {
                        int i = (k + offset * 7) % inputs.size();
                        out.set(i, DEFAULT.deidentify(inputs.get(i)));
                    }
                    return out;
                }));
            }
            for (Future<List<DicomObject>> r : runs) {
                assertEquals(expected, r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
