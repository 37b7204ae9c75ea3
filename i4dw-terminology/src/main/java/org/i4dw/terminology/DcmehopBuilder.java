/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.terminology;

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
 */
final class DcmehopBuilder implements TerminologyBuilder {

    private static final ElementDictionary DICTIONARY = ElementDictionary.standard();

    private final TerminologySettings settings;
    private final MutableTerminology terminology;
    private final IntMap<TagInfo> tagInfo = new IntMap<>();

    DcmehopBuilder(TerminologySettings settings) {
        this.settings = settings;
        this.terminology = new MutableTerminology(settings);
    }

    @Override
    public TerminologyBuilder add(String patientKey, String documentKey, DicomObject object) {
        requireKey(patientKey, "patientKey");
        requireKey(documentKey, "documentKey");
        if (object == null) {
            throw new IllegalArgumentException("object must not be null");
        }
        int patient = terminology.patientId(patientKey);
        int doc = terminology.documentId(documentKey);
        Optional<Code> title = object.code(Tag.ConceptNameCodeSequence);
        if (title.isPresent() && ("SR".equals(object.string(Tag.Modality).orElse(""))
                || object.contains(Tag.ContentSequence))) {
            Code t = title.get();
            MutableTerminology.Node root = terminology
                    .root(Terminology.SR_CODE_PREFIX + segment(t), t.meaning(), NodeType.CONTAINER)
                    .concept(t.scheme(), t.value()).observe(patient, doc);
            content(object, root, patient, doc, 1);
        } else {
            MutableTerminology.Node root = terminology
                    .root(Terminology.ATTRIBUTE_TAGS_CODE, Terminology.ATTRIBUTE_TAGS_LABEL, NodeType.CONTAINER)
                    .observe(patient, doc);
            attributes(object, root, patient, doc);
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

    private void attributes(DicomObject item, MutableTerminology.Node parent, int patient, int doc) {
        for (DicomElement e : item) {
            int tag = e.tagValue();
            if (Tag.isPrivate(tag) || (tag & 0xFFFF) == 0 || (tag >>> 16) == 0x0002 || (tag >>> 16) == 0xFFFE) {
                continue;
            }
            TagInfo info = info(tag);
            VR vr = e.vr();
            if (vr == VR.UN && info.defaultVr != null) {
                vr = info.defaultVr;
            }
            List<DicomObject> items = vr == VR.SQ ? e.items() : List.of();
            NodeType type = vr == VR.SQ
                    ? (isCodeSequence(info.codeSequenceKeyword, items) ? NodeType.CODE : NodeType.CONTAINER)
                    : typeOf(vr);
            MutableTerminology.Node n = parent.tagChild(tag, info.label, type).observe(patient, doc);
            if (info.indexed) {
                n.textIndexed();
            }
            if (vr == VR.SQ) {
                if (type == NodeType.CODE) {
                    for (DicomObject i : items) {
                        Code.of(i).ifPresent(c -> n.codedValue(c.scheme(), c.value(), c.meaning(), doc));
                    }
                } else {
                    for (DicomObject i : items) {
                        attributes(i, n, patient, doc);
                    }
                }
            } else if (type == NodeType.CODE || info.indexed) {
                for (String v : e.strings()) {
                    n.value(v, doc);
                }
            } else if (type == NodeType.NUMBER) {
                for (String v : e.strings()) {
                    n.number(parseDouble(v));
                }
            }
        }
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

    private void content(DicomObject item, MutableTerminology.Node parent, int patient, int doc, int depth) {
        if (depth > settings.maxSrDepth()) {
            return;
        }
        for (DicomObject child : item.sequence(Tag.ContentSequence)) {
            Optional<Code> concept = child.code(Tag.ConceptNameCodeSequence);
            if (concept.isEmpty()) {
                continue;
            }
            Code c = concept.get();
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
            content(child, n, patient, doc, depth + 1);
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
