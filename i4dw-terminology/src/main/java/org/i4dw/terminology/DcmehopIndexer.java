/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.terminology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.i4dw.api.pivot.CodedValue;
import org.i4dw.api.pivot.PivotElement;
import org.i4dw.api.terminology.DocumentIndexer;
import org.i4dw.api.terminology.IntMap;
import org.i4dw.api.terminology.MutableTerminology;
import org.i4dw.api.terminology.NodeType;
import org.i4dw.api.terminology.TerminologySettings;
import org.i4dw.data.Code;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;

/**
 * The {@code dcmehop} indexer: it walks an object exactly as {@link DcmehopBuilder} does (the same
 * {@link DcmehopWalk}, so views, the SR depth limit and private attributes apply identically) and
 * gives one {@link PivotElement} per value, named by the code of the node the builder files it
 * under, in walk order (tag order, items in order, SR content in order).
 *
 * <ul>
 *   <li>Image objects: one element per value of every element, of the node's type; occurrence
 *       counts the times the node's path is met in the object (repeated sequence items), from 1;
 *       valueIndex is the value's position in a multi-valued element, from 1 (an empty value in
 *       the middle gives no element, the positions of the others stay). A code sequence is one
 *       CODE element per item that carries a code, valueIndex the item's position, value the code
 *       value, {@link CodedValue} the triplet. Sequences that are containers give no element.
 *       Bulk and binary values (OB, OW, OD, OF, OL, OV, UN, pixel data) give no element: their
 *       bytes are no value a warehouse can use, and the builder keeps no value for them either.</li>
 *   <li>Structured Reports: one element per content item with a value: NUM (its Numeric Value,
 *       unit the code value of its Measurement Units Code Sequence, corrected as the builder
 *       corrects it), CODE, TEXT, DATE, TIME, DATETIME, UIDREF, PNAME; IMAGE, COMPOSITE and
 *       WAVEFORM references give a REFERENCE element whose value is the Referenced SOP Instance
 *       UID, SCOORD3D the Referenced Frame of Reference UID; SCOORD and TCOORD give none (their
 *       coordinates mean nothing apart from the image). Occurrence counts the items met with the
 *       same concept path, from 1.</li>
 * </ul>
 *
 * <p>Values are in the canonical lexical forms of {@link PivotElement} (see {@link Lexical});
 * a NUMBER, DATE, TIME or DATETIME value that does not parse as its type is kept as TEXT. Text
 * values are as {@link DicomObject#strings} gives them (decoded, insignificant spaces removed).
 *
 * <p>Immutable and thread-safe: each call walks with its own state; the only shared state is a
 * cache of dictionary facts per tag.
 */
final class DcmehopIndexer implements DocumentIndexer {

    private final DcmehopWalk.View view;
    private final TagInfo.Shared tagInfo;

    DcmehopIndexer(TerminologySettings settings) {
        this.view = new DcmehopWalk.View(settings);
        this.tagInfo = new TagInfo.Shared(settings);
    }

    @Override
    public List<PivotElement> index(DicomObject object) {
        if (object == null) {
            throw new IllegalArgumentException("object must not be null");
        }
        Walk w = new Walk(view, tagInfo);
        w.walk(object);
        return Collections.unmodifiableList(w.out);
    }

    /** A node met in one object: its code, how often it was met, its children met so far. */
    static final class Slot {
        final String code;
        final boolean top;
        int occurrence;
        private IntMap<Slot> byTag;
        private Map<String, Slot> byCode;

        Slot(String code, boolean top) {
            this.code = code;
            this.top = top;
        }

        Slot tag(int tag) {
            if (byTag == null) {
                byTag = new IntMap<>();
            }
            Slot s = byTag.get(tag);
            if (s == null) {
                s = new Slot(MutableTerminology.tagCode(code, top, tag), false);
                byTag.put(tag, s);
            }
            s.occurrence++;
            return s;
        }

        Slot child(String childCode) {
            if (byCode == null) {
                byCode = new HashMap<>();
            }
            Slot s = byCode.computeIfAbsent(childCode, c -> new Slot(c, false));
            s.occurrence++;
            return s;
        }
    }

    /** One object's walk. */
    private static final class Walk extends DcmehopWalk<Slot> {
        private final TagInfo.Shared tagInfo;
        private final List<PivotElement> out = new ArrayList<>();

        Walk(View view, TagInfo.Shared tagInfo) {
            super(view, null);
            this.tagInfo = tagInfo;
        }

        @Override
        TagInfo info(int tag) {
            return tagInfo.get(tag);
        }

        @Override
        Slot titleNode(Code title) {
            return new Slot(MutableTerminology.conceptCode(null, title.scheme(), title.value()), true);
        }

        @Override
        Slot topNode(String code, String label) {
            return new Slot(code, true);
        }

        @Override
        Slot tagNode(Slot parent, int tag, TagInfo info, NodeType type) {
            return parent.tag(tag);
        }

        @Override
        Slot privateNode(Slot parent, String code, String label, NodeType type) {
            return parent.child(code);
        }

        @Override
        Slot conceptNode(Slot parent, Code concept, NodeType type) {
            return parent.child(MutableTerminology.conceptCode(parent.code, concept.scheme(), concept.value()));
        }

        @Override
        String code(Slot node) {
            return node.code;
        }

        @Override
        void values(Slot node, NodeType type, boolean indexed, DicomElement element) {
            List<String> values = element.strings();
            for (int k = 0; k < values.size(); k++) {
                String v = values.get(k);
                if (!v.isEmpty()) {
                    add(node, type, v, null, k + 1);
                }
            }
        }

        @Override
        void codedValue(Slot node, Code code, int index) {
            out.add(new PivotElement(node.code, NodeType.CODE, code.value(), null,
                    new CodedValue(code.scheme(), code.value(), code.meaning()), node.occurrence, index));
        }

        @Override
        void numeric(Slot node, String value, String unit) {
            if (value != null) {
                add(node, NodeType.NUMBER, value, unit, 1);
            }
        }

        @Override
        void itemValue(Slot node, NodeType type, DicomObject item) {
            String v;
            switch (type) {
                case DATE:
                    v = item.string(Tag.Date).orElse(null);
                    break;
                case TIME:
                    v = item.string(Tag.Time).orElse(null);
                    break;
                case DATETIME:
                    v = item.string(Tag.DateTime).orElse(null);
                    break;
                case UIDREF:
                    v = item.string(Tag.UID).orElse(null);
                    break;
                case PNAME:
                    v = item.string(Tag.PersonName).orElse(null);
                    break;
                case TEXT:
                    v = item.string(Tag.TextValue).orElse(null);
                    break;
                default:
                    v = reference(item);
                    break;
            }
            if (v != null) {
                add(node, type, v, null, 1);
            }
        }

        /** The UID an IMAGE, COMPOSITE, WAVEFORM or SCOORD3D item refers to, or null. */
        private static String reference(DicomObject item) {
            Optional<DicomObject> sop = item.item(Tag.ReferencedSOPSequence);
            if (sop.isPresent()) {
                return sop.get().string(Tag.ReferencedSOPInstanceUID).orElse(null);
            }
            return item.string(Tag.ReferencedFrameOfReferenceUID).orElse(null);
        }

        /** One value of {@code type} in its canonical form, as TEXT if it is not of its type. */
        private void add(Slot node, NodeType type, String raw, String unit, int valueIndex) {
            String v;
            switch (type) {
                case NUMBER:
                    v = Lexical.number(raw);
                    break;
                case DATE:
                    v = Lexical.date(raw);
                    break;
                case TIME:
                    v = Lexical.time(raw);
                    break;
                case DATETIME:
                    v = Lexical.dateTime(raw);
                    break;
                default:
                    v = raw;
                    break;
            }
            if (v == null) {
                out.add(new PivotElement(node.code, NodeType.TEXT, raw, null, null, node.occurrence, valueIndex));
            } else {
                out.add(new PivotElement(node.code, type, v, type == NodeType.NUMBER ? unit : null, null,
                        node.occurrence, valueIndex));
            }
        }
    }
}
