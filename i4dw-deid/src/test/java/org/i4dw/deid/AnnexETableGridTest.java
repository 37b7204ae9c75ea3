/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.deid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.ElementDictionary;
import org.i4dw.data.ElementInfo;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.deid.DeidProfile.Option;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of Table E.1-1 under every option: an object holding the attribute (at the top level,
 * and inside a sequence the table does not list) is de-identified, and what happened to the
 * attribute must be the action the standard's row gives, resolved as {@link Deidentifier}
 * documents (options decide over the Basic Profile, C over K; combined codes take the alternative
 * valid for any Type; Patient's Name and ID become pseudonyms; curve and overlay groups stay removed).
 */
class AnnexETableGridTest {

    private static final int CREATOR = 0x00090010;
    private static final int PRIVATE_ELEMENT = 0x00091010;
    private static final String CREATOR_NAME = "I4DW TEST CREATOR";

    static Stream<DeidProfile> profiles() {
        List<DeidProfile> all = new ArrayList<>();
        all.add(DeidProfile.basic());
        for (Option o : Option.values()) {
            all.add(DeidProfile.basicWith(o));
        }
        all.add(DeidProfile.i4dwDefault());
        List<Option> many = new ArrayList<>(List.of(Option.values()));
        many.remove(Option.RETAIN_LONGITUDINAL_FULL_DATES);
        all.add(DeidProfile.basicWith(many.toArray(new Option[0])));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void everyRowGetsTheActionTheStandardGives(DeidProfile profile) {
        Deidentifier deid = Deidentifier.builder(profile).key(Samples.KEY).safePrivate(CREATOR_NAME, 0x10).build();
        assertEquals(Action.KEEP, deid.actionFor(Tag.AnatomicRegionSequence), "the wrapper sequence must be kept");
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (AnnexETable.Row row : AnnexETable.ROWS) {
            int tag;
            VR vr;
            if (row.privateAttributes()) {
                tag = PRIVATE_ELEMENT;
                vr = VR.LO;
            } else {
                tag = row.value() == 0x50000000 ? 0x50003000 : row.value();
                ElementInfo info = ElementDictionary.standard().lookup(tag);
                if (tag >>> 16 == 0) {
                    vr = VR.UI; // command elements (PS3.7), not in the PS3.6 data dictionary: both are UIDs
                } else if (info == null || info.vrs().isEmpty()) {
                    failures.add(row.tagText() + " has no VR in the dictionary");
                    continue;
                } else {
                    vr = info.defaultVr();
                }
            }
            byte expected = expected(row, profile);
            for (boolean nested : new boolean[] {false, true}) {
                DicomObject.Builder inner = DicomObject.builder();
                if (row.privateAttributes()) {
                    inner.set(Tag.of(CREATOR), VR.LO, CREATOR_NAME);
                }
                Samples.setValue(inner, tag, vr);
                DicomObject in = inner.build();
                DicomObject top = nested
                        ? DicomObject.builder().setSequence(Tag.AnatomicRegionSequence, List.of(in)).build() : in;
                DicomObject out = deid.deidentify(top);
                DicomObject where = nested ? out.item(Tag.AnatomicRegionSequence).orElse(DicomObject.EMPTY) : out;
                String problem = check(expected, tag, vr, in, where, profile);
                if (problem != null) {
                    failures.add(row.tagText() + " " + row.name() + (nested ? " (in a sequence)" : "") + ": expected "
                            + "DZXKCUP".charAt(expected) + ", " + problem);
                }
                checked++;
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + checked + " checks failed:\n"
                + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
        assertEquals(621 * 2, checked);
    }

    /** The documented resolution, written from the standard's codes. */
    private static byte expected(AnnexETable.Row row, DeidProfile profile) {
        boolean k = false;
        boolean c = false;
        for (Option o : profile.options()) {
            String code = row.options().get(o.column());
            k |= code.equals("K");
            c |= code.equals("C");
        }
        String code = c ? "C" : k ? "K" : row.basic();
        byte a;
        switch (code) {
            case "D": case "X/D": case "Z/D": case "X/Z/D": a = Rules.D; break;
            case "Z": case "X/Z": a = Rules.Z; break;
            case "X": a = Rules.X; break;
            case "K": a = Rules.K; break;
            case "C": a = Rules.C; break;
            case "U": case "X/Z/U*": a = Rules.U; break;
            default: throw new AssertionError("code " + code);
        }
        boolean patient = row.value() == Tag.PatientName.value() || row.value() == Tag.PatientID.value();
        if (patient && !row.privateAttributes() && (a == Rules.Z || a == Rules.D)) {
            return Rules.P;
        }
        // curves, and overlays with their comments: the group goes with the bitmap, which cannot be cleaned
        boolean graphics = row.mask() != 0xFFFFFFFF && !row.privateAttributes();
        if (graphics && a == Rules.C) {
            return Rules.X;
        }
        return a;
    }

    /** Null if the output shows the action, else what is wrong (never a value: they are test values, but still). */
    private static String check(byte expected, int tag, VR vr, DicomObject in, DicomObject out, DeidProfile profile) {
        Optional<DicomElement> o = out.element(Tag.of(tag));
        DicomElement original = in.element(Tag.of(tag)).orElseThrow();
        switch (expected) {
            case Rules.X:
                return o.isPresent() ? "still present" : null;
            case Rules.Z:
                if (o.isEmpty()) {
                    return "removed";
                }
                if (vr == VR.SQ) {
                    return o.get().items().isEmpty() ? null : "items left";
                }
                return o.get().kind() != DicomElement.ValueKind.EMPTY ? "not empty" : null;
            case Rules.P:
                return o.isEmpty() ? "removed" : o.get().strings().size() == 1
                        && o.get().strings().get(0).matches("[0-9A-F]{24}") ? null : "not a pseudonym";
            case Rules.D:
                if (o.isEmpty()) {
                    return "removed";
                }
                if (vr == VR.SQ) {
                    return o.get().items().size() == 1 && o.get().items().get(0).isEmpty() ? null : "not one empty item";
                }
                if (vr == VR.UI) {
                    return o.get().strings().get(0).startsWith("2.25.") ? null : "UID not replaced";
                }
                if (o.get().kind() == DicomElement.ValueKind.EMPTY) {
                    return "empty, not a dummy";
                }
                return same(original, o.get()) ? "kept, not a dummy" : null;
            case Rules.K:
                return o.isEmpty() ? "removed" : same(original, o.get()) ? null : "changed";
            case Rules.U:
                if (o.isEmpty()) {
                    return "removed";
                }
                if (vr == VR.SQ) {
                    return same(original, o.get()) ? null : "sequence changed";
                }
                return vr == VR.UI && !o.get().strings().get(0).startsWith("2.25.") ? "UID not replaced" : null;
            default: // C
                if (o.isEmpty()) {
                    return "removed";
                }
                if (vr == VR.DA || vr == VR.DT) {
                    if (!profile.has(Option.RETAIN_LONGITUDINAL_MODIFIED_DATES)) {
                        return "C on a date without modified dates";
                    }
                    String v = o.get().strings().get(0);
                    return same(original, o.get()) || v.length() != original.strings().get(0).length() ? "not shifted" : null;
                }
                if (vr == VR.SQ) {
                    return o.get().items().size() == 1 ? null : "items lost";
                }
                return same(original, o.get()) ? null : "changed although it names nothing identifying";
        }
    }

    private static boolean same(DicomElement a, DicomElement b) {
        if (a.vr() == VR.SQ) {
            return a.items().equals(b.items());
        }
        if (a.vr().isText()) {
            return a.strings().equals(b.strings());
        }
        return a.bytes().equals(b.bytes());
    }
}
