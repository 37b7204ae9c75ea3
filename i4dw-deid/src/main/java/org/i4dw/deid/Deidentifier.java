/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.deid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.data.DicomDates;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.spi.ObjectDeidentifier;

/**
 * De-identifies DICOM objects with a PS3.15 Annex E profile, its options, per-attribute overrides
 * and a secret key. Immutable and thread-safe; build one with {@link #builder(DeidProfile)} and use
 * it from any number of threads.
 *
 * <h2>What each action does</h2>
 * <ul>
 * <li><b>X</b> removes the attribute. <b>Z</b> leaves it with a zero-length value (a sequence with
 *     no item). <b>K</b> keeps it; a kept sequence keeps its items, whose attributes are
 *     de-identified by the same rules.
 * <li><b>D</b> puts a fixed dummy valid for the VR: {@code ANONYMOUS} for AE, CS, LO, LT, PN, SH,
 *     ST, UC and UT; {@code 19000101} (DA), {@code 000000} (TM), {@code 19000101000000} (DT),
 *     {@code 000Y} (AS), {@code 0} (DS, IS), {@code urn:i4dw:dummy} (UR), zeros for binary VRs, a
 *     keyed UID for UI, and one empty item for a sequence (so the Basic Profile's D on Content
 *     Sequence drops the whole SR tree). Patient's Name and Patient ID get a keyed pseudonym
 *     instead (24 hexadecimal digits from the original Patient ID, the same for every object of
 *     the patient; the name gets the same pseudonym, or one from the original name when there is
 *     no Patient ID).
 * <li><b>U</b> replaces each UID by {@code 2.25.<decimal>} from HMAC-SHA256(key, UID): the same
 *     UID maps the same way in every object, run and reference (Referenced SOP Instance UID in
 *     any sequence), at most 44 characters. On a sequence (X/Z/U*), the sequence is kept and the
 *     UIDs inside it are replaced by their own rows.
 * <li><b>C</b> cleans, by kind of attribute:
 *     <ul>
 *     <li>DA and DT: shifted by the patient's offset (whole days in [-1460, -1], from
 *         HMAC-SHA256(key, original Patient ID); DT keeps its time and offset; a value that is not
 *         a full date is emptied). TM is kept.
 *     <li>Content Sequence, Acquisition Context Sequence, Specimen Preparation Sequence (Clean
 *         Structured Content), and any sequence an override cleans: at every depth below, content
 *         items of value type CONTAINER, CODE, NUM, SCOORD, SCOORD3D, TCOORD, IMAGE, COMPOSITE,
 *         WAVEFORM and UIDREF are kept with their concept names, codes, units and values (UIDs
 *         remapped); DATE, TIME and DATETIME items are kept only when the profile retains dates;
 *         TEXT, PNAME and any other value type are removed with their subtree.
 *     <li>Graphic Annotation Sequence (Clean Graphics): kept without its Text Object Sequences.
 *         Curve Data and Overlay Data stay removed: a bitmap cannot be inspected for burned-in
 *         text here. Removing Overlay Data removes the whole overlay group (an overlay without
 *         data is invalid).
 *     <li>Other text (descriptors, AE titles, patient characteristics): every identifying value
 *         of the object (values at any depth, of PN, LO, SH, LT, ST, UT, UC, DA and DT attributes
 *         the profile removes, empties or replaces: PN components of 2 characters or more, other
 *         values of 3 or more) is cut out of the text, case-insensitively. This is best effort:
 *         free text can name a person in ways no rule catches.
 *     <li>Other VRs: kept.
 *     </ul>
 * <li><b>Private attributes</b> are removed, unless the profile has Retain Safe Private: then the
 *     elements of the {@link Builder#safePrivate(String, int) allow-list} (keyed by private
 *     creator and element byte) are kept with their creator, and all others removed. The
 *     allow-list is empty unless given. Elements of the odd groups PS3.5 forbids (0001, 0003,
 *     0005, 0007) are removed like private ones. Group lengths are removed.
 * </ul>
 *
 * <h2>Resolution of the table</h2>
 * An option of the profile that lists an attribute decides for it (C wins over K when two do).
 * Otherwise the Basic Profile decides; its combined codes take the alternative that is valid for
 * any attribute Type, since I4DW does not check IODs: X/Z gives Z, X/D, Z/D and X/Z/D give D,
 * X/Z/U* gives U. Attributes the table does not list are kept.
 *
 * <h2>Overrides</h2>
 * An override names an attribute by keyword, tag or sequence path (see {@link Builder#override});
 * it beats the profile. The most specific override wins: more path segments first, then a path
 * anchored at the top level ({@code /...}) over one that is not; the same path given twice keeps
 * the last. One limit: Patient's Name, Patient ID, Other Patient IDs (and Sequence), Other Patient
 * Names, Patient's Birth Name, Mother's Birth Name, Address, Telephone Numbers, Birth Date, Medical
 * Record Locator and Accession Number can be handled more strictly (X, Z, D, U) but never kept or
 * cleaned: such an override fails at build time.
 *
 * <h2>What is added</h2>
 * Patient Identity Removed (YES), De-identification Method (the CID 7050 meanings, and the number
 * of overrides), De-identification Method Code Sequence (CID 7050: 113100 and each option's code),
 * and Longitudinal Temporal Information Modified (UNMODIFIED, MODIFIED or REMOVED).
 *
 * <h2>Idempotence</h2>
 * Keyed outputs carry a keyed check: a UID or pseudonym this key made is left as it is, and an
 * object whose Patient ID is already a pseudonym of this key has its dates shifted by 0. So
 * de-identifying an output again with the same de-identifier changes nothing. One exception:
 * with modified dates, an object without Patient ID takes the offset of the empty ID, and a second
 * pass shifts its dates again (nothing in such an object tells that it was shifted).
 *
 * <h2>The key</h2>
 * At least 16 bytes, from {@link Builder#key(byte[])} or {@link Builder#keyFile(Path)}; never
 * logged nor shown by {@code toString()} or in exceptions. A profile that needs it (any U,
 * pseudonym or C) refuses to build without it: there is no unkeyed fallback.
 */
public final class Deidentifier implements ObjectDeidentifier {

    /** The least key length, in bytes. */
    public static final int MIN_KEY_BYTES = 16;

    private static final int MAX_DEPTH = 64;
    private static final String DUMMY_TEXT = "ANONYMOUS";

    private final DeidProfile profile;
    private final Rules rules;
    private final Keyed keyed;
    private final Set<String> safePrivate;
    private final boolean retainSafePrivate;
    private final boolean retainDates;
    private final boolean cleanGraphics;
    private final int overrideCount;
    private final List<String> methodValues;
    /** What every output gets, built once: the values of De-identification Method and its code sequence. */
    private final String[] methodArray;
    private final List<DicomObject> methodCodes;
    private final String temporalModified;

    private Deidentifier(Builder b, Rules rules) {
        this.profile = b.profile;
        this.rules = rules;
        this.keyed = b.key == null ? null : new Keyed(b.key);
        this.safePrivate = Set.copyOf(b.safePrivate);
        this.retainSafePrivate = profile.has(DeidProfile.Option.RETAIN_SAFE_PRIVATE);
        this.retainDates = profile.has(DeidProfile.Option.RETAIN_LONGITUDINAL_FULL_DATES)
                || profile.has(DeidProfile.Option.RETAIN_LONGITUDINAL_MODIFIED_DATES);
        this.cleanGraphics = profile.has(DeidProfile.Option.CLEAN_GRAPHICS);
        this.overrideCount = b.overrides.size();
        List<String> m = new ArrayList<>();
        m.add(DeidProfile.BASIC_CODE_MEANING);
        for (DeidProfile.Option o : profile.options()) {
            m.add(o.codeMeaning());
        }
        if (overrideCount > 0) {
            m.add("I4DW overrides: " + overrideCount);
        }
        this.methodValues = List.copyOf(m);
        this.methodArray = methodValues.toArray(new String[0]);
        List<DicomObject> codes = new ArrayList<>(1 + profile.options().size());
        codes.add(code(DeidProfile.BASIC_CODE_VALUE, DeidProfile.BASIC_CODE_MEANING));
        for (DeidProfile.Option o : profile.options()) {
            codes.add(code(o.codeValue(), o.codeMeaning()));
        }
        this.methodCodes = List.copyOf(codes);
        this.temporalModified = profile.has(DeidProfile.Option.RETAIN_LONGITUDINAL_FULL_DATES) ? "UNMODIFIED"
                : profile.has(DeidProfile.Option.RETAIN_LONGITUDINAL_MODIFIED_DATES) ? "MODIFIED" : "REMOVED";
    }

    /**
     * A builder for a profile.
     *
     * @param profile the profile
     * @return the builder
     */
    public static Builder builder(DeidProfile profile) {
        return new Builder(profile);
    }

    /**
     * The profile.
     *
     * @return the profile
     */
    public DeidProfile profile() {
        return profile;
    }

    /**
     * The action this de-identifier applies to a standard attribute at the top level, after
     * resolution of the table and overrides: what a rule test can check. Patient's Name and
     * Patient ID replaced by pseudonyms report {@link Action#DUMMY}.
     *
     * @param tag a standard tag (for private tags, see the class documentation)
     * @return the action
     */
    public Action actionFor(Tag tag) {
        return Rules.action(rules.action(tag.value(), new int[0], 0));
    }

    /** The profile and the number of overrides; never the key. */
    @Override
    public String description() {
        return "annex-e " + profile.text() + (overrideCount > 0 ? " + " + overrideCount + " overrides" : "");
    }

    /** Same as {@link #description()}. */
    @Override
    public String toString() {
        return "Deidentifier[" + description() + "]";
    }

    @Override
    public DicomObject deidentify(DicomObject object) {
        Objects.requireNonNull(object, "object");
        Call c = new Call(object);
        DicomObject.Builder b = DicomObject.builder(object.size() + 4).inheritCharacterSet(object.characterSet());
        walkInto(object, b, c, 0, false);
        b.set(Tag.PatientIdentityRemoved, VR.CS, "YES");
        b.set(Tag.DeidentificationMethod, VR.LO, methodArray);
        b.setSequence(Tag.DeidentificationMethodCodeSequence, methodCodes);
        b.set(Tag.LongitudinalTemporalInformationModified, VR.CS, temporalModified);
        return b.build();
    }

    private static DicomObject code(String value, String meaning) {
        return DicomObject.builder().set(Tag.CodeValue, VR.SH, value).set(Tag.CodingSchemeDesignator, VR.SH, "DCM")
                .set(Tag.CodeMeaning, VR.LO, meaning).build();
    }

    /** State of one call: the patient, the path of sequences, what cleaning collected. */
    private final class Call {
        final DicomObject root;
        final int[] path = new int[MAX_DEPTH];
        private String patientId;
        private int shift = Integer.MIN_VALUE;
        private List<String> identifiers;

        Call(DicomObject root) {
            this.root = root;
        }

        String patientId() {
            if (patientId == null) {
                patientId = root.string(Tag.PatientID).orElse("");
            }
            return patientId;
        }

        int shift() {
            if (shift == Integer.MIN_VALUE) {
                shift = keyed().shiftDays(patientId());
            }
            return shift;
        }

        List<String> identifiers() {
            if (identifiers == null) {
                Set<String> ids = new HashSet<>();
                collect(root, ids, 0);
                identifiers = new ArrayList<>(ids);
                identifiers.sort((a, b) -> Integer.compare(b.length(), a.length()));
            }
            return identifiers;
        }

        private void collect(DicomObject obj, Set<String> ids, int depth) {
            for (DicomElement e : obj) {
                VR vr = e.vr();
                if (vr == VR.SQ) {
                    if (depth < MAX_DEPTH - 1) {
                        for (DicomObject item : e.items()) {
                            collect(item, ids, depth + 1);
                        }
                    }
                    continue;
                }
                int tag = e.tagValue();
                boolean priv = (tag & 0x00010000) != 0;
                byte a = priv ? Rules.X : rules.action(tag);
                if (a == Rules.K || a == Rules.C || priv && vr != VR.PN) {
                    continue;
                }
                switch (vr) {
                    case PN:
                        for (String v : e.strings()) {
                            for (String part : v.split("[\\^=]")) {
                                addIdentifier(ids, part, 2);
                            }
                        }
                        break;
                    case LO: case SH: case LT: case ST: case UT: case UC: case DA: case DT:
                        for (String v : e.strings()) {
                            addIdentifier(ids, v, 3);
                        }
                        break;
                    default:
                        break;
                }
            }
        }
    }

    private static void addIdentifier(Set<String> ids, String value, int min) {
        String v = value.strip();
        if (v.length() >= min && !v.equals(DUMMY_TEXT)) {
            ids.add(v);
        }
    }

    private Keyed keyed() {
        if (keyed == null) {
            // build() refuses profiles that need a key without one; reaching here is a bug
            throw new IllegalStateException("this de-identifier was built without a key but an action needs one");
        }
        return keyed;
    }

    /**
     * De-identifies the elements of {@code obj} into {@code b}. For an item, {@code b} is null: a
     * builder is made at the first element that does not stay as it is (an item whose elements all
     * stay is its own output, and so is a sequence whose items all stay: most of an SR content tree
     * is copied by reference, not rebuilt).
     *
     * @return the builder, or null if {@code b} was null and every element stays as it is
     */
    private DicomObject.Builder walkInto(DicomObject obj, DicomObject.Builder b, Call c, int depth, boolean structured) {
        List<Integer> keptCreators = null;
        for (int index = 0, n = obj.size(); index < n; index++) {
            int tag = obj.tagAt(index);
            if ((tag & 0x00010000) != 0) {
                // private, or one of the odd groups PS3.5 forbids (0001, 0003, 0005, 0007, FFFF): removed alike
                if (b == null) {
                    b = head(obj, index);
                }
                if (retainSafePrivate && rules.privateAttributes() == Rules.C && keepPrivate(obj, tag)) {
                    copyOrRecurse(obj.elementAt(index), b, c, depth, structured);
                    if (keptCreators == null) {
                        keptCreators = new ArrayList<>(2);
                    }
                    int creator = (tag & 0xFFFF0000) | ((tag >>> 8) & 0xFF);
                    if (!keptCreators.contains(creator)) {
                        keptCreators.add(creator);
                    }
                }
                continue;
            }
            byte a = rules.hasPathRules() ? rules.action(tag, c.path, depth) : rules.action(tag);
            VR vr = obj.vrAt(index);
            if (vr == VR.SQ) {
                DicomElement e = obj.elementAt(index);
                List<DicomObject> items = walkedItems(a, e, tag, c, depth, structured);
                if (items != null) {
                    if (items == e.items()) {
                        if (b != null) {
                            b.set(obj, index);
                        }
                    } else {
                        if (b == null) {
                            b = head(obj, index);
                        }
                        b.setSequence(tag, items);
                    }
                    continue;
                }
            } else if (staysAsIs(a, tag, vr)) {
                if (b != null) {
                    b.set(obj, index);
                }
                continue;
            }
            if (b == null) {
                b = head(obj, index);
            }
            apply(a, obj.elementAt(index), tag, b, c, depth, structured);
        }
        if (keptCreators != null) {
            for (int creator : keptCreators) {
                obj.element(Tag.of(creator)).ifPresent(b::set);
            }
        }
        return b;
    }

    /** A builder for the output of {@code obj} holding its first {@code n} elements as they are. */
    private static DicomObject.Builder head(DicomObject obj, int n) {
        DicomObject.Builder b = DicomObject.builder(obj.size()).inheritCharacterSet(obj.characterSet());
        for (int k = 0; k < n; k++) {
            b.set(obj, k);
        }
        return b;
    }

    /**
     * True if {@link #apply} would copy the element (not a sequence) as it is: K, or C of a time or
     * of a value that is neither text nor a date.
     */
    private static boolean staysAsIs(byte a, int tag, VR vr) {
        if (a == Rules.K) {
            return tag != Tag.TextObjectSequence.value(); // that one may be dropped under Clean Graphics
        }
        return a == Rules.C && vr != VR.DA && vr != VR.DT && (vr == VR.TM || !vr.isText());
    }

    /**
     * The de-identified items of a sequence whose action walks them (K, U, and C), as {@link #apply}
     * would set them: the sequence's own list when every item stays as it is. Null for the other
     * actions and for a Text Object Sequence that Clean Graphics drops.
     */
    private List<DicomObject> walkedItems(byte a, DicomElement e, int tag, Call c, int depth, boolean structured) {
        switch (a) {
            case Rules.K:
                if (cleanGraphics && tag == Tag.TextObjectSequence.value() && depth > 0
                        && c.path[depth - 1] == Tag.GraphicAnnotationSequence.value()) {
                    return null;
                }
                return items(e, c, depth, structured);
            case Rules.U:
                return items(e, c, depth, structured);
            case Rules.C:
                boolean contentItems = tag != Tag.GraphicAnnotationSequence.value()
                        && tag != Tag.SpecimenPreparationSequence.value();
                return items(e, c, depth, structured || contentItems);
            default:
                return null;
        }
    }

    private boolean keepPrivate(DicomObject obj, int tag) {
        int element = tag & 0xFFFF;
        if (element < 0x1000 || safePrivate.isEmpty()) {
            return false;
        }
        Optional<String> creator = obj.string(Tag.of((tag & 0xFFFF0000) | (element >>> 8)));
        return creator.isPresent() && safePrivate.contains(allowKey(creator.get(), element & 0xFF));
    }

    private static String allowKey(String creator, int element) {
        return creator.strip() + '\0' + element;
    }

    private void copyOrRecurse(DicomElement e, DicomObject.Builder b, Call c, int depth, boolean structured) {
        if (e.vr() == VR.SQ) {
            b.setSequence(e.tagValue(), items(e, c, depth, structured));
        } else {
            b.set(e);
        }
    }

    /** The de-identified items of a sequence; the sequence's own list when every item stays as it is. */
    private List<DicomObject> items(DicomElement e, Call c, int depth, boolean structured) {
        List<DicomObject> in = e.items();
        if (in.isEmpty()) {
            return in;
        }
        if (depth >= MAX_DEPTH - 1) {
            return List.of(); // deeper than any real object: drop rather than leak
        }
        c.path[depth] = e.tagValue();
        List<DicomObject> out = null;
        for (int k = 0, n = in.size(); k < n; k++) {
            DicomObject item = in.get(k);
            DicomObject d;
            if (structured && !keepContentItem(item)) {
                d = null;
            } else {
                DicomObject.Builder ib = walkInto(item, null, c, depth + 1, structured);
                d = ib == null ? item : ib.build();
            }
            if (d != item && out == null) {
                out = new ArrayList<>(n);
                out.addAll(in.subList(0, k));
            }
            if (out != null && d != null) {
                out.add(d);
            }
        }
        return out == null ? in : out;
    }

    private boolean keepContentItem(DicomObject item) {
        Optional<String> vt = item.string(Tag.ValueType);
        if (vt.isEmpty()) {
            return true;
        }
        switch (vt.get()) {
            case "CONTAINER": case "CODE": case "NUM": case "SCOORD": case "SCOORD3D": case "TCOORD":
            case "IMAGE": case "COMPOSITE": case "WAVEFORM": case "UIDREF":
                return true;
            case "DATE": case "TIME": case "DATETIME":
                return retainDates;
            default:
                return false;
        }
    }

    private void apply(byte a, DicomElement e, int tag, DicomObject.Builder b, Call c, int depth, boolean structured) {
        VR vr = e.vr();
        switch (a) {
            case Rules.K:
                if (cleanGraphics && tag == Tag.TextObjectSequence.value() && depth > 0
                        && c.path[depth - 1] == Tag.GraphicAnnotationSequence.value()) {
                    return;
                }
                copyOrRecurse(e, b, c, depth, structured);
                return;
            case Rules.X:
                return;
            case Rules.Z:
                b.setEmpty(tag, vr);
                return;
            case Rules.D:
                dummy(e, tag, vr, b);
                return;
            case Rules.P:
                pseudonym(e, tag, vr, b, c);
                return;
            case Rules.U:
                if (vr == VR.SQ) {
                    copyOrRecurse(e, b, c, depth, structured);
                } else if (vr.isText()) {
                    remapUids(e, tag, vr, b);
                }
                return;
            default:
                clean(e, tag, vr, b, c, depth, structured);
        }
    }

    private void dummy(DicomElement e, int tag, VR vr, DicomObject.Builder b) {
        Tag t = Tag.of(tag);
        switch (vr) {
            case SQ: b.setSequence(tag, List.of(DicomObject.EMPTY)); break;
            case DA: b.set(t, vr, "19000101"); break;
            case TM: b.set(t, vr, "000000"); break;
            case DT: b.set(t, vr, "19000101000000"); break;
            case AS: b.set(t, vr, "000Y"); break;
            case DS: case IS: b.set(t, vr, "0"); break;
            case UR: b.set(t, vr, "urn:i4dw:dummy"); break;
            case UI: remapUids(e, tag, vr, b); break;
            case AE: case CS: case LO: case LT: case PN: case SH: case ST: case UC: case UT:
                b.set(t, vr, DUMMY_TEXT);
                break;
            default:
                b.adoptBytes(tag, vr, new byte[Math.max(2, vr.unitSize())]);
        }
    }

    private void pseudonym(DicomElement e, int tag, VR vr, DicomObject.Builder b, Call c) {
        List<String> values = e.strings();
        if (values.isEmpty() || !vr.isText()) {
            b.setEmpty(tag, vr);
            return;
        }
        String source;
        if (tag == Tag.PatientName.value()) {
            String name = values.get(0);
            String pid = c.patientId();
            if (!pid.isEmpty()) {
                source = pid;
            } else if (keyed().isOwnPseudonym(name)) {
                source = name;
            } else {
                source = "\u0000name\u0000" + name;
            }
        } else {
            source = values.get(0);
        }
        b.set(Tag.of(tag), vr, keyed().pseudonym(source));
    }

    private void remapUids(DicomElement e, int tag, VR vr, DicomObject.Builder b) {
        List<String> values = e.strings();
        if (values.isEmpty()) {
            b.setEmpty(tag, vr);
            return;
        }
        String[] out = new String[values.size()];
        for (int i = 0; i < out.length; i++) {
            String v = values.get(i);
            out[i] = v.isEmpty() ? v : keyed().uid(v);
        }
        b.set(Tag.of(tag), vr, out);
    }

    private void clean(DicomElement e, int tag, VR vr, DicomObject.Builder b, Call c, int depth, boolean structured) {
        switch (vr) {
            case SQ:
                boolean contentItems = tag != Tag.GraphicAnnotationSequence.value() && tag != Tag.SpecimenPreparationSequence.value();
                b.setSequence(tag, items(e, c, depth, structured || contentItems));
                return;
            case DA: case DT:
                shiftDates(e, tag, vr, b, c);
                return;
            case TM:
                b.set(e);
                return;
            default:
                if (vr.isText()) {
                    scrub(e, tag, vr, b, c);
                } else {
                    b.set(e);
                }
        }
    }

    private void shiftDates(DicomElement e, int tag, VR vr, DicomObject.Builder b, Call c) {
        List<String> values = e.strings();
        if (values.isEmpty()) {
            b.setEmpty(tag, vr);
            return;
        }
        int days = c.shift();
        List<String> out = new ArrayList<>(values.size());
        for (String v : values) {
            String head = v.length() >= 8 ? v.substring(0, 8) : v;
            Optional<LocalDate> d = DicomDates.parseDate(vr == VR.DA ? v : head);
            if (d.isEmpty()) {
                continue;
            }
            String shifted = formatDate(d.get().plusDays(days));
            out.add(vr == VR.DA ? shifted : shifted + v.substring(8));
        }
        if (out.isEmpty()) {
            b.setEmpty(tag, vr);
        } else {
            b.set(Tag.of(tag), vr, out.toArray(new String[0]));
        }
    }

    private static String formatDate(LocalDate d) {
        return String.format(Locale.ROOT, "%04d%02d%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }

    private void scrub(DicomElement e, int tag, VR vr, DicomObject.Builder b, Call c) {
        List<String> values = e.strings();
        if (values.isEmpty()) {
            b.set(e);
            return;
        }
        List<String> ids = c.identifiers();
        String[] out = new String[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = scrubText(values.get(i), ids);
        }
        b.set(Tag.of(tag), vr, out);
    }

    static String scrubText(String text, List<String> identifiers) {
        String t = text;
        for (String id : identifiers) {
            int at = indexOfIgnoreCase(t, id, 0);
            if (at < 0) {
                continue;
            }
            StringBuilder sb = new StringBuilder(t.length());
            int from = 0;
            while (at >= 0) {
                sb.append(t, from, at);
                from = at + id.length();
                at = indexOfIgnoreCase(t, id, from);
            }
            sb.append(t, from, t.length());
            t = sb.toString();
        }
        return t.strip();
    }

    private static int indexOfIgnoreCase(String s, String needle, int from) {
        for (int i = from; i <= s.length() - needle.length(); i++) {
            if (s.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Builds a {@link Deidentifier}. Each setting is checked when set; {@link #build()} checks that
     * a profile that needs the key has one. Not thread-safe.
     */
    public static final class Builder {

        private final DeidProfile profile;
        private byte[] key;
        private final Map<String, PathRule> overrides = new LinkedHashMap<>();
        private final Set<String> safePrivate = new HashSet<>();

        private Builder(DeidProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
        }

        /**
         * The secret key (copied). Keep it secret and keep it: the same key gives the same UIDs,
         * pseudonyms and date shifts across runs.
         *
         * @param secret at least {@value Deidentifier#MIN_KEY_BYTES} bytes
         * @return this builder
         * @throws I4dwConfigurationException if it is shorter (the message gives the length only)
         */
        public Builder key(byte[] secret) {
            Objects.requireNonNull(secret, "secret");
            if (secret.length < MIN_KEY_BYTES) {
                throw new I4dwConfigurationException("the de-identification key must have at least " + MIN_KEY_BYTES
                        + " bytes, got " + secret.length);
            }
            this.key = secret.clone();
            return this;
        }

        /**
         * Reads the secret key from a file: its bytes as they are (a trailing line end included).
         *
         * @param file the file
         * @return this builder
         * @throws I4dwConfigurationException if it cannot be read or is too short (never showing its content)
         */
        public Builder keyFile(Path file) {
            Objects.requireNonNull(file, "file");
            byte[] b;
            try {
                b = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new I4dwConfigurationException("cannot read the de-identification key file " + file + ": "
                        + e.getClass().getSimpleName(), e);
            }
            if (b.length < MIN_KEY_BYTES) {
                throw new I4dwConfigurationException("the de-identification key file " + file + " must hold at least "
                        + MIN_KEY_BYTES + " bytes, it has " + b.length);
            }
            this.key = b;
            return this;
        }

        /**
         * Overrides the profile for one attribute.
         *
         * @param path a keyword ({@code StudyDescription}), a tag ({@code (0008,1030)}) or a path of
         *     sequences ({@code ContentSequence/ConceptNameCodeSequence/CodeMeaning}, at any depth;
         *     {@code /RequestAttributesSequence/ScheduledProcedureStepID} from the top level only)
         * @param action the action
         * @return this builder
         * @throws I4dwConfigurationException if the path is malformed, names a private tag, or would
         *     keep or clean a direct patient identifier
         */
        public Builder override(String path, Action action) {
            Objects.requireNonNull(action, "action");
            PathRule r = PathRule.parse(Objects.requireNonNull(path, "path"), action);
            overrides.remove(r.text());
            overrides.put(r.text(), r);
            return this;
        }

        /**
         * Overrides the profile for one attribute, everywhere.
         *
         * @param tag the tag
         * @param action the action
         * @return this builder
         * @throws I4dwConfigurationException as {@link #override(String, Action)}
         */
        public Builder override(Tag tag, Action action) {
            return override(Tag.toString(tag.value()), action);
        }

        /**
         * Reads overrides from a UTF-8 file: one rule per line, {@code path action}, separated by
         * white space, where {@code action} is D, Z, X, K, C or U (or the {@link Action} name);
         * '#' starts a comment; blank lines are ignored. Rules add to those set in code, a later
         * rule for the same path replacing an earlier one.
         *
         * @param file the file
         * @return this builder
         * @throws I4dwConfigurationException naming the file and line of a malformed rule
         */
        public Builder overrides(Path file) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new I4dwConfigurationException("cannot read the overrides file " + file + ": " + e.getMessage(), e);
            }
            for (PathRule r : PathRule.parseLines(lines, file.toString())) {
                overrides.remove(r.text());
                overrides.put(r.text(), r);
            }
            return this;
        }

        /**
         * Allows a private element to be kept under Retain Safe Private (PS3.15 E.3.10): the
         * element {@code (gggg,xxEE)} of the block reserved by {@code creator}.
         *
         * @param creator the private creator, e.g. {@code SIEMENS MR HEADER}
         * @param element the element byte EE, 0x00 to 0xFF
         * @return this builder
         * @throws I4dwConfigurationException if the creator is blank or the element out of range
         */
        public Builder safePrivate(String creator, int element) {
            Objects.requireNonNull(creator, "creator");
            if (creator.isBlank() || creator.strip().length() > 64) {
                throw new I4dwConfigurationException("a private creator has 1 to 64 characters, got '" + creator + "'");
            }
            if (element < 0 || element > 0xFF) {
                throw new I4dwConfigurationException("a private element byte is 0x00 to 0xFF, got " + element);
            }
            safePrivate.add(allowKey(creator, element));
            return this;
        }

        /**
         * The de-identifier.
         *
         * @return it
         * @throws I4dwConfigurationException if the profile and overrides need the key and none was given
         */
        public Deidentifier build() {
            Rules rules = Rules.of(profile, List.copyOf(overrides.values()));
            if (key == null && (rules.needsKey() || profile.has(DeidProfile.Option.RETAIN_LONGITUDINAL_MODIFIED_DATES))) {
                throw new I4dwConfigurationException("the profile '" + profile.text() + "' replaces UIDs, patient "
                        + "identifiers or dates with keyed values and needs a secret key: give key(...) or keyFile(...)");
            }
            return new Deidentifier(this, rules);
        }

        /** The profile and the number of overrides; never the key. */
        @Override
        public String toString() {
            return "Deidentifier.Builder[" + profile.text() + ", key " + (key == null ? "absent" : "present") + ", "
                    + overrides.size() + " overrides]";
        }
    }
}
