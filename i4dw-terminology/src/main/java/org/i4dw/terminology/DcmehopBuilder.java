/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.terminology;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.i4dw.api.terminology.IntMap;
import org.i4dw.api.terminology.MutableTerminology;
import org.i4dw.api.terminology.NodeType;
import org.i4dw.api.terminology.Terminology;
import org.i4dw.api.terminology.TerminologyBuilder;
import org.i4dw.api.terminology.TerminologySettings;
import org.i4dw.data.Code;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.ElementDictionary;
import org.i4dw.data.ElementInfo;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;

/**
 * Walks DICOM objects into a {@link MutableTerminology}. An object is a Structured Report when its
 * root has a Concept Name Code Sequence with a code and it is of Modality SR or has a Content
 * Sequence; its tree goes under its document title. Any other object goes under "Attribute Tags".
 *
 * <p>Attribute walk: every standard element (private elements, group lengths and the File Meta
 * group left out) is a node whose code is its tag path. A sequence whose keyword ends with
 * {@code CodeSequence}, or whose items all carry a code, is one CODE node whose values are the
 * codes; its items are not walked further. Other sequences are CONTAINER nodes whose items are
 * walked.
 *
 * <p>SR walk: each content item with a concept name is a node under its parent's; items without
 * one (by-reference relationships) are skipped.
 *
 * <p>Views ({@link TerminologySettings#includedAttributes()} and the like): an excluded attribute
 * path or concept is not walked; with an include list, an element that only leads to an included
 * one is created only when something below it is kept, and an SR document in which nothing is kept
 * is not added at all. The Attribute Tags top node counts every non-SR document.
 *
 * <p>Private attributes (when {@link TerminologySettings#privateAttributes()}): the private
 * elements of the top level of an object, and what their sequences hold, go under "Private
 * Attributes"; private elements inside standard sequences are not indexed.
 */
final class DcmehopBuilder implements TerminologyBuilder {

    private static final ElementDictionary DICTIONARY = ElementDictionary.standard();

    private final TerminologySettings settings;
    private final MutableTerminology terminology;
    private final IntMap<TagInfo> tagInfo = new IntMap<>();
    private final int[][] includedPaths;
    private final int[][] excludedPaths;
    private final boolean attributeView;
    private int[] path = new int[8];

    DcmehopBuilder(TerminologySettings settings) {
        this.settings = settings;
        this.terminology = new MutableTerminology(settings);
        this.includedPaths = paths(settings.includedAttributes());
        this.excludedPaths = paths(settings.excludedAttributes());
        this.attributeView = includedPaths.length > 0 || excludedPaths.length > 0;
    }

    private static int[][] paths(List<List<Tag>> paths) {
        int[][] out = new int[paths.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = paths.get(i).stream().mapToInt(Tag::value).toArray();
        }
        return out;
    }

    @Override
    public TerminologyBuilder add(String patientKey, String documentKey, DicomObject object) {
        requireKey(patientKey, "patientKey");
        requireKey(documentKey, "documentKey");
        if (object == null) {
            throw new IllegalArgumentException("object must not be null");
        }
        Optional<Code> title = object.code(Tag.ConceptNameCodeSequence);
        if (title.isPresent() && ("SR".equals(object.string(Tag.Modality).orElse(""))
                || object.contains(Tag.ContentSequence))) {
            Code t = title.get();
            String key = conceptKey(t);
            if (settings.excludedConcepts().contains(key)) {
                return this;
            }
            boolean covered = settings.includedConcepts().isEmpty() || settings.includedConcepts().contains(key);
            if (!covered && !leadsToIncluded(object, 1)) {
                return this;
            }
            int patient = terminology.patientId(patientKey);
            int doc = terminology.documentId(documentKey);
            MutableTerminology.Node root = terminology
                    .root(Terminology.SR_CODE_PREFIX + segment(t), t.meaning(), NodeType.CONTAINER)
                    .concept(t.scheme(), t.value()).observe(patient, doc);
            content(object, root, patient, doc, 1, covered);
        } else {
            int patient = terminology.patientId(patientKey);
            int doc = terminology.documentId(documentKey);
            MutableTerminology.Node root = terminology
                    .root(Terminology.ATTRIBUTE_TAGS_CODE, Terminology.ATTRIBUTE_TAGS_LABEL, NodeType.CONTAINER)
                    .observe(patient, doc);
            attributes(object, root, patient, doc, 0, includedPaths.length == 0);
            if (settings.privateAttributes() && hasPrivate(object)) {
                MutableTerminology.Node priv = terminology
                        .root(Terminology.PRIVATE_ATTRIBUTES_CODE, Terminology.PRIVATE_ATTRIBUTES_LABEL,
                                NodeType.CONTAINER)
                        .observe(patient, doc);
                privates(object, priv, patient, doc);
            }
        }
        return this;
    }

    @Override
    public Terminology build() {
        return terminology.snapshot();
    }

    private static void requireKey(String key, String name) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** What the dictionary and the settings say about a tag, looked up once per builder. */
    private static final class TagInfo {
        final String label;
        final VR defaultVr;
        final boolean codeSequenceKeyword;
        final boolean indexed;

        TagInfo(int tag, TerminologySettings settings) {
            ElementInfo info = DICTIONARY.lookup(tag);
            label = info != null ? info.name() : Tag.toString(tag);
            defaultVr = info != null && !info.vrs().isEmpty() ? info.defaultVr() : null;
            codeSequenceKeyword = info != null && info.keyword().endsWith("CodeSequence");
            indexed = settings.textIndexFields().contains(Tag.of(tag));
        }
    }

    private TagInfo info(int tag) {
        TagInfo i = tagInfo.get(tag);
        if (i == null) {
            i = new TagInfo(tag, settings);
            tagInfo.put(tag, i);
        }
        return i;
    }

    /** What a view makes of an element: hidden, kept with all below it, or kept only if something below is. */
    private enum Visibility { HIDDEN, COVERED, LEADS }

    /** The visibility of the element whose path is {@code path[0..len)}, given whether its parent is covered. */
    private Visibility visibility(int len, boolean parentCovered) {
        for (int[] e : excludedPaths) {
            if (isPrefix(e, len)) {
                return Visibility.HIDDEN;
            }
        }
        if (parentCovered) {
            return Visibility.COVERED;
        }
        Visibility v = Visibility.HIDDEN;
        for (int[] i : includedPaths) {
            if (isPrefix(i, len)) {
                return Visibility.COVERED;
            }
            if (i.length > len && startsWith(i, len)) {
                v = Visibility.LEADS;
            }
        }
        return v;
    }

    /** True if {@code p} is a prefix of {@code path[0..len)}. */
    private boolean isPrefix(int[] p, int len) {
        return p.length <= len && startsWith(p, p.length);
    }

    /** True if {@code p[0..n)} equals {@code path[0..n)}. */
    private boolean startsWith(int[] p, int n) {
        for (int k = 0; k < n; k++) {
            if (p[k] != path[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean skipped(int tag) {
        return Tag.isPrivate(tag) || (tag & 0xFFFF) == 0 || (tag >>> 16) == 0x0002 || (tag >>> 16) == 0xFFFE;
    }

    /** True if the view keeps something in {@code item}, whose elements are at {@code depth}. */
    private boolean keepsSomething(DicomObject item, int depth) {
        for (DicomElement e : item) {
            int tag = e.tagValue();
            if (skipped(tag)) {
                continue;
            }
            push(depth, tag);
            Visibility v = visibility(depth + 1, false);
            if (v == Visibility.COVERED) {
                return true;
            }
            if (v == Visibility.LEADS && e.vr() == VR.SQ) {
                for (DicomObject i : e.items()) {
                    if (keepsSomething(i, depth + 1)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void push(int depth, int tag) {
        if (depth == path.length) {
            path = Arrays.copyOf(path, depth * 2);
        }
        path[depth] = tag;
    }

    private void attributes(DicomObject item, MutableTerminology.Node parent, int patient, int doc, int depth,
            boolean covered) {
        for (DicomElement e : item) {
            int tag = e.tagValue();
            if (skipped(tag)) {
                continue;
            }
            boolean childCovered = covered;
            if (attributeView) {
                push(depth, tag);
                Visibility v = visibility(depth + 1, covered);
                if (v == Visibility.HIDDEN) {
                    continue;
                }
                if (v == Visibility.LEADS) {
                    if (e.vr() != VR.SQ || !anyKept(e.items(), depth + 1)) {
                        continue;
                    }
                    push(depth, tag);
                }
                childCovered = v == Visibility.COVERED;
            }
            TagInfo info = info(tag);
            boolean below = childCovered;
            element(e, tag, info.label, info.defaultVr, info.codeSequenceKeyword, info.indexed,
                    (c, t) -> parent.tagChild(tag, c, t), patient, doc,
                    (i, n) -> attributes(i, n, patient, doc, depth + 1, below));
        }
    }

    private boolean anyKept(List<DicomObject> items, int depth) {
        for (DicomObject i : items) {
            if (keepsSomething(i, depth)) {
                return true;
            }
        }
        return false;
    }

    /** Creates a node for an element from a label and a type. */
    private interface NodeMaker {
        MutableTerminology.Node make(String label, NodeType type);
    }

    /** Walks one item of a container sequence under its node. */
    private interface ItemWalker {
        void walk(DicomObject item, MutableTerminology.Node node);
    }

    /** One element's node, values and (for a container sequence) items. */
    private static void element(DicomElement e, int tag, String label, VR defaultVr, boolean codeSequenceKeyword,
            boolean indexed, NodeMaker maker, int patient, int doc, ItemWalker walker) {
        VR vr = e.vr();
        if (vr == VR.UN && defaultVr != null) {
            vr = defaultVr;
        }
        List<DicomObject> items = vr == VR.SQ ? e.items() : List.of();
        NodeType type = vr == VR.SQ
                ? (isCodeSequence(codeSequenceKeyword, items) ? NodeType.CODE : NodeType.CONTAINER)
                : typeOf(vr);
        MutableTerminology.Node n = maker.make(label, type).observe(patient, doc);
        if (indexed) {
            n.textIndexed();
        }
        if (vr == VR.SQ) {
            if (type == NodeType.CODE) {
                for (DicomObject i : items) {
                    Code.of(i).ifPresent(c -> n.codedValue(c.scheme(), c.value(), c.meaning(), doc));
                }
            } else {
                for (DicomObject i : items) {
                    walker.walk(i, n);
                }
            }
        } else if (type == NodeType.CODE || indexed) {
            for (String v : e.strings()) {
                n.value(v, doc);
            }
        } else if (type == NodeType.NUMBER) {
            for (String v : e.strings()) {
                n.number(parseDouble(v));
            }
        }
    }

    /** The stripped private creator of a private data element in {@code item}, or null if it has none. */
    private static String creator(DicomObject item, int tag) {
        int element = tag & 0xFFFF;
        if (!Tag.isPrivate(tag) || element < 0x1000) {
            return null;
        }
        String c = item.string(Tag.of(tag & 0xFFFF0000 | (element >>> 8))).orElse("").strip();
        return c.isEmpty() ? null : c;
    }

    private static boolean hasPrivate(DicomObject item) {
        for (DicomElement e : item) {
            if (creator(item, e.tagValue()) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The private elements of {@code item} (and, inside private sequences, every element but the
     * skipped ones) under {@code parent}.
     */
    private void privates(DicomObject item, MutableTerminology.Node parent, int patient, int doc) {
        boolean top = parent.code().equals(Terminology.PRIVATE_ATTRIBUTES_CODE);
        for (DicomElement e : item) {
            int tag = e.tagValue();
            String creator = creator(item, tag);
            ItemWalker walker = (i, n) -> privates(i, n, patient, doc);
            if (creator != null) {
                String group = hex4(tag >>> 16);
                String el = hex4(tag & 0xFFFF).substring(2);
                String code = parent.code() + (top ? ":" : "/") + escape(creator) + "/" + group + "xx" + el;
                element(e, tag, creator + " (" + group + ",xx" + el + ")", null, false, false,
                        (c, t) -> parent.child(code, c, t), patient, doc, walker);
            } else if (!top && !skipped(tag)) {
                TagInfo info = info(tag);
                element(e, tag, info.label, info.defaultVr, info.codeSequenceKeyword, info.indexed,
                        (c, t) -> parent.tagChild(tag, c, t), patient, doc, walker);
            }
        }
    }

    private static String hex4(int v) {
        String h = Integer.toHexString(v).toUpperCase(Locale.ROOT);
        return "0000".substring(h.length()) + h;
    }

    /** The number, NaN (which {@link MutableTerminology.Node#number(double)} ignores) if it is not one. */
    private static double parseDouble(String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static boolean isCodeSequence(boolean codeSequenceKeyword, List<DicomObject> items) {
        if (codeSequenceKeyword) {
            return true;
        }
        if (items.isEmpty()) {
            return false;
        }
        for (DicomObject i : items) {
            if (Code.of(i).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    static NodeType typeOf(VR vr) {
        switch (vr) {
            case DS: case IS: case FL: case FD: case SL: case SS: case UL: case US: case SV: case UV:
                return NodeType.NUMBER;
            case DA:
                return NodeType.DATE;
            case TM:
                return NodeType.TIME;
            case DT:
                return NodeType.DATETIME;
            case CS:
                return NodeType.CODE;
            case SQ:
                return NodeType.CONTAINER;
            default:
                return NodeType.TEXT;
        }
    }

    private static String conceptKey(Code c) {
        return c.scheme().strip().toUpperCase(Locale.ROOT) + ":" + c.value().strip();
    }

    /** True if an included, not excluded, concept is below {@code item} within the depth limit. */
    private boolean leadsToIncluded(DicomObject item, int depth) {
        if (depth > settings.maxSrDepth()) {
            return false;
        }
        for (DicomObject child : item.sequence(Tag.ContentSequence)) {
            Optional<Code> concept = child.code(Tag.ConceptNameCodeSequence);
            if (concept.isEmpty()) {
                continue;
            }
            String key = conceptKey(concept.get());
            if (settings.excludedConcepts().contains(key)) {
                continue;
            }
            if (settings.includedConcepts().contains(key) || leadsToIncluded(child, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    private void content(DicomObject item, MutableTerminology.Node parent, int patient, int doc, int depth,
            boolean covered) {
        if (depth > settings.maxSrDepth()) {
            return;
        }
        for (DicomObject child : item.sequence(Tag.ContentSequence)) {
            Optional<Code> concept = child.code(Tag.ConceptNameCodeSequence);
            if (concept.isEmpty()) {
                continue;
            }
            Code c = concept.get();
            boolean childCovered = covered;
            if (!settings.excludedConcepts().isEmpty() || !covered) {
                String key = conceptKey(c);
                if (settings.excludedConcepts().contains(key)) {
                    continue;
                }
                childCovered = covered || settings.includedConcepts().contains(key);
                if (!childCovered && !leadsToIncluded(child, depth + 1)) {
                    continue;
                }
            }
            String valueType = child.string(Tag.ValueType).orElse("").toUpperCase(Locale.ROOT);
            MutableTerminology.Node n = parent.child(parent.code() + "/" + segment(c), c.meaning(),
                    srType(valueType)).concept(c.scheme(), c.value()).observe(patient, doc);
            switch (valueType) {
                case "NUM":
                    child.item(Tag.MeasuredValueSequence).ifPresent(m -> {
                        m.decimal(Tag.NumericValue).ifPresent(n::number);
                        m.code(Tag.MeasurementUnitsCodeSequence).ifPresent(u -> n.unit(unit(u)));
                    });
                    break;
                case "CODE":
                    child.code(Tag.ConceptCodeSequence)
                            .ifPresent(v -> n.codedValue(v.scheme(), v.value(), v.meaning(), doc));
                    break;
                default:
                    break;
            }
            content(child, n, patient, doc, depth + 1, childCovered);
        }
    }

    /**
     * The unit's code value, with the malformed UCUM codes that devices are known to write
     * corrected: {@code mGycm} (GE, Siemens, Spectrum Dynamics CT dose reports) is
     * {@code mGy.cm}, {@code Gym2} (Siemens fluoroscopy dose reports) is {@code Gy.m2}. Any other
     * code is kept as found.
     */
    static String unit(Code c) {
        String v = c.value().trim();
        switch (v) {
            case "mGycm":
                return "mGy.cm";
            case "Gym2":
                return "Gy.m2";
            default:
                return v;
        }
    }

    private static NodeType srType(String valueType) {
        switch (valueType) {
            case "CONTAINER": return NodeType.CONTAINER;
            case "NUM": return NodeType.NUMBER;
            case "CODE": return NodeType.CODE;
            case "DATE": return NodeType.DATE;
            case "TIME": return NodeType.TIME;
            case "DATETIME": return NodeType.DATETIME;
            case "UIDREF": return NodeType.UIDREF;
            case "PNAME": return NodeType.PNAME;
            case "TEXT": return NodeType.TEXT;
            default: return NodeType.REFERENCE;
        }
    }

    /** {@code <scheme>-<value>}, with {@code %} and {@code /} escaped. */
    static String segment(Code c) {
        return escape(c.scheme()) + "-" + escape(c.value());
    }

    private static String escape(String s) {
        return s.replace("%", "%25").replace("/", "%2F");
    }

}
