/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.terminology;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.i4dw.api.terminology.MutableTerminology;
import org.i4dw.api.terminology.NodeType;
import org.i4dw.api.terminology.Terminology;
import org.i4dw.api.terminology.TerminologySettings;
import org.i4dw.data.Code;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;

/**
 * The DCMEHOP walk of one DICOM object, shared by the builder (which accumulates nodes) and the
 * indexer (which names values by node code), so that both see the same nodes: which elements
 * and content items are nodes, under which parent, of which type, with which values, under the
 * same views, SR depth limit and private-attribute setting. Subclasses say what a node is and
 * what becomes of values. Not thread-safe (it holds the path being walked).
 *
 * <p>An object is a Structured Report when its root has a Concept Name Code Sequence with a code
 * and it is of Modality SR or has a Content Sequence; its tree goes under its document title. Any
 * other object goes under "Attribute Tags".
 *
 * <p>Attribute walk: every standard element (private elements, group lengths and the File Meta
 * group left out) is a node whose code is its tag path. A sequence whose keyword ends with
 * {@code CodeSequence}, or whose items all carry a code, is one CODE node whose values are the
 * codes; its items are not walked further. Other sequences are CONTAINER nodes whose items are
 * walked. An element read as UN takes its type from the dictionary's VR.
 *
 * <p>SR walk: each content item with a concept name is a node under its parent's; items without
 * one (by-reference relationships) are skipped, and so is what lies deeper than
 * {@link TerminologySettings#maxSrDepth()}.
 *
 * <p>Views ({@link TerminologySettings#includedAttributes()} and the like): an excluded attribute
 * path or concept is not walked; with an include list, an element that only leads to an included
 * one is walked only when something below it is kept, and an SR document in which nothing is kept
 * is not walked at all. The Attribute Tags top node is met by every non-SR document.
 *
 * <p>Private attributes (when {@link TerminologySettings#privateAttributes()}): the private
 * elements of the top level of an object, and what their sequences hold, go under "Private
 * Attributes"; private elements inside standard sequences are not walked.
 *
 * @param <N> what a node is to the subclass
 */
abstract class DcmehopWalk<N> {

    /** The settings compiled for walking: shared, immutable. */
    static final class View {
        final TerminologySettings settings;
        final int[][] includedPaths;
        final int[][] excludedPaths;
        final boolean attributeView;

        View(TerminologySettings settings) {
            this.settings = settings;
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
    }

    final View view;
    final TerminologySettings settings;
    private final ThreadLocal<CodeMemo> memos;
    /** The codes of the object being walked, this thread's. */
    private CodeMemo memo;
    private int[] path = new int[8];

    /**
     * A walk that decodes code items through {@code memos}: walks that share them (a provider's
     * builders and indexers) decode a code item of the object they both walk on one thread once.
     */
    DcmehopWalk(View view, ThreadLocal<CodeMemo> memos) {
        this.view = view;
        this.settings = view.settings;
        this.memos = memos;
    }

    // ---- what a subclass makes of the walk ----

    /** What the settings and the dictionary say about a tag. */
    abstract TagInfo info(int tag);

    /** The top node of an SR document title. */
    abstract N titleNode(Code title);

    /** A top node that is not a document title: Attribute Tags, Private Attributes. */
    abstract N topNode(String code, String label);

    /** The node of a standard attribute under {@code parent}, met once more. */
    abstract N tagNode(N parent, int tag, TagInfo info, NodeType type);

    /** The node of a private attribute under {@code parent}, met once more. */
    abstract N privateNode(N parent, String code, String label, NodeType type);

    /** The node of an SR content item under {@code parent}, met once more. */
    abstract N conceptNode(N parent, Code concept, NodeType type);

    /** A node's code. */
    abstract String code(N node);

    /** The values of an element that is not a sequence, of the node's type. */
    abstract void values(N node, NodeType type, boolean indexed, DicomElement element);

    /** The code of one item of a code sequence or of an SR CODE item, item {@code index} counting from 1. */
    abstract void codedValue(N node, Code code, int index);

    /**
     * The value of an SR NUM item that has a Measured Value Sequence item: its first Numeric Value
     * (null if empty) and its unit (null if none; known device errors corrected, see {@link #unit(Code)}).
     */
    abstract void numeric(N node, String value, String unit);

    /** An SR item of another type than CONTAINER, NUM or CODE: the subclass reads what it needs. */
    abstract void itemValue(N node, NodeType type, DicomObject item);

    // ---- the walk ----

    /** Walks one object. */
    final void walk(DicomObject object) {
        memo = memos.get();
        memo.begin(object);
        Optional<Code> title = memo.code(object, Tag.ConceptNameCodeSequence);
        if (title.isPresent() && ("SR".equals(object.string(Tag.Modality).orElse(""))
                || object.contains(Tag.ContentSequence))) {
            Code t = title.get();
            String key = conceptKey(t);
            if (settings.excludedConcepts().contains(key)) {
                return;
            }
            boolean covered = settings.includedConcepts().isEmpty() || settings.includedConcepts().contains(key);
            if (!covered && !leadsToIncluded(object, 1)) {
                return;
            }
            content(object, titleNode(t), 1, covered);
        } else {
            N root = topNode(Terminology.ATTRIBUTE_TAGS_CODE, Terminology.ATTRIBUTE_TAGS_LABEL);
            attributes(object, root, 0, view.includedPaths.length == 0);
            if (settings.privateAttributes() && hasPrivate(object)) {
                privates(object, topNode(Terminology.PRIVATE_ATTRIBUTES_CODE, Terminology.PRIVATE_ATTRIBUTES_LABEL),
                        true);
            }
        }
    }

    /** What a view makes of an element: hidden, kept with all below it, or kept only if something below is. */
    private enum Visibility { HIDDEN, COVERED, LEADS }

    /** The visibility of the element whose path is {@code path[0..len)}, given whether its parent is covered. */
    private Visibility visibility(int len, boolean parentCovered) {
        for (int[] e : view.excludedPaths) {
            if (isPrefix(e, len)) {
                return Visibility.HIDDEN;
            }
        }
        if (parentCovered) {
            return Visibility.COVERED;
        }
        Visibility v = Visibility.HIDDEN;
        for (int[] i : view.includedPaths) {
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

    private boolean anyKept(List<DicomObject> items, int depth) {
        for (DicomObject i : items) {
            if (keepsSomething(i, depth)) {
                return true;
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

    private void attributes(DicomObject item, N parent, int depth, boolean covered) {
        for (DicomElement e : item) {
            int tag = e.tagValue();
            if (skipped(tag)) {
                continue;
            }
            boolean childCovered = covered;
            if (view.attributeView) {
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
            VR vr = vr(e, info.defaultVr);
            NodeType type = type(vr, info.codeSequenceKeyword, e);
            N n = tagNode(parent, tag, info, type);
            if (vr != VR.SQ) {
                values(n, type, info.indexed, e);
            } else if (type == NodeType.CODE) {
                codes(n, e.items());
            } else {
                for (DicomObject i : e.items()) {
                    attributes(i, n, depth + 1, childCovered);
                }
            }
        }
    }

    /** The element's VR, the dictionary's for an element read as UN. */
    private static VR vr(DicomElement e, VR defaultVr) {
        VR vr = e.vr();
        return vr == VR.UN && defaultVr != null ? defaultVr : vr;
    }

    /** The node type of an element. */
    private NodeType type(VR vr, boolean codeSequenceKeyword, DicomElement e) {
        if (vr != VR.SQ) {
            return typeOf(vr);
        }
        return isCodeSequence(codeSequenceKeyword, e.items()) ? NodeType.CODE : NodeType.CONTAINER;
    }

    /** The codes of the items of a code sequence that carry one. */
    private void codes(N node, List<DicomObject> items) {
        for (int k = 0; k < items.size(); k++) {
            Optional<Code> c = memo.code(items.get(k));
            if (c.isPresent()) {
                codedValue(node, c.get(), k + 1);
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
    private void privates(DicomObject item, N parent, boolean top) {
        for (DicomElement e : item) {
            int tag = e.tagValue();
            String creator = creator(item, tag);
            N n;
            VR vr;
            NodeType type;
            boolean indexed = false;
            if (creator != null) {
                String group = hex4(tag >>> 16);
                String el = hex4(tag & 0xFFFF).substring(2);
                String code = code(parent) + (top ? ":" : "/") + escape(creator) + "/" + group + "xx" + el;
                vr = e.vr();
                type = type(vr, false, e);
                n = privateNode(parent, code, creator + " (" + group + ",xx" + el + ")", type);
            } else if (!top && !skipped(tag)) {
                TagInfo info = info(tag);
                vr = vr(e, info.defaultVr);
                type = type(vr, info.codeSequenceKeyword, e);
                indexed = info.indexed;
                n = tagNode(parent, tag, info, type);
            } else {
                continue;
            }
            if (vr != VR.SQ) {
                values(n, type, indexed, e);
            } else if (type == NodeType.CODE) {
                codes(n, e.items());
            } else {
                for (DicomObject i : e.items()) {
                    privates(i, n, false);
                }
            }
        }
    }

    private static String hex4(int v) {
        String h = Integer.toHexString(v).toUpperCase(Locale.ROOT);
        return "0000".substring(h.length()) + h;
    }

    private boolean isCodeSequence(boolean codeSequenceKeyword, List<DicomObject> items) {
        if (codeSequenceKeyword) {
            return true;
        }
        if (items.isEmpty()) {
            return false;
        }
        for (DicomObject i : items) {
            if (memo.code(i).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The node type of a VR. */
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
            Optional<Code> concept = memo.code(child, Tag.ConceptNameCodeSequence);
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

    private void content(DicomObject item, N parent, int depth, boolean covered) {
        if (depth > settings.maxSrDepth()) {
            return;
        }
        for (DicomObject child : item.sequence(Tag.ContentSequence)) {
            ContentItem ci = contentItem(child);
            if (ci == ContentItem.NONE) {
                continue;
            }
            Code c = ci.concept;
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
            NodeType type = ci.type;
            N n = conceptNode(parent, c, type);
            switch (type) {
                case NUMBER:
                    if (ci.measured) {
                        numeric(n, ci.numericValue, ci.unit);
                    }
                    break;
                case CODE:
                    if (ci.conceptCode != null) {
                        codedValue(n, ci.conceptCode, 1);
                    }
                    break;
                case CONTAINER:
                    break;
                default:
                    itemValue(n, type, child);
                    break;
            }
            content(child, n, depth + 1, childCovered);
        }
    }

    /**
     * What the walks read of an SR content item: its concept name, the node type of its value type,
     * for a NUM with a Measured Value Sequence item its first Numeric Value (null if empty) and unit
     * (null if none; see {@link #unit(Code)}), for a CODE its Concept Code (null if none). Read once
     * per item of the object being walked, for the builder's and the indexer's walks ({@link CodeMemo}).
     */
    static final class ContentItem {
        /** A content item without a concept name: the walks skip it. */
        static final ContentItem NONE = new ContentItem(null, null, false, null, null, null);

        final Code concept;
        final NodeType type;
        final boolean measured;
        final String numericValue;
        final String unit;
        final Code conceptCode;

        private ContentItem(Code concept, NodeType type, boolean measured, String numericValue, String unit,
                Code conceptCode) {
            this.concept = concept;
            this.type = type;
            this.measured = measured;
            this.numericValue = numericValue;
            this.unit = unit;
            this.conceptCode = conceptCode;
        }
    }

    /** What the walks read of {@code child}, read by the first walk of the object that meets it. */
    private ContentItem contentItem(DicomObject child) {
        ContentItem known = memo.contentItem(child);
        if (known != null) {
            return known;
        }
        ContentItem read = read(child);
        memo.keep(child, read);
        return read;
    }

    private ContentItem read(DicomObject child) {
        Optional<Code> concept = memo.code(child, Tag.ConceptNameCodeSequence);
        if (concept.isEmpty()) {
            return ContentItem.NONE;
        }
        NodeType type = srType(child.string(Tag.ValueType).orElse(""));
        if (type == NodeType.NUMBER) {
            Optional<DicomObject> m = child.item(Tag.MeasuredValueSequence);
            if (m.isPresent()) {
                return new ContentItem(concept.get(), type, true, m.get().string(Tag.NumericValue).orElse(null),
                        memo.code(m.get(), Tag.MeasurementUnitsCodeSequence).map(DcmehopWalk::unit).orElse(null), null);
            }
        } else if (type == NodeType.CODE) {
            return new ContentItem(concept.get(), type, false, null, null,
                    memo.code(child, Tag.ConceptCodeSequence).orElse(null));
        }
        return new ContentItem(concept.get(), type, false, null, null, null);
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

    /** The node type of an SR value type, in any case; REFERENCE for the reference types and unknown ones. */
    static NodeType srType(String valueType) {
        switch (isUpperCase(valueType) ? valueType : valueType.toUpperCase(Locale.ROOT)) {
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

    private static boolean isUpperCase(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z' || c > 0x7F) {
                return false;
            }
        }
        return true;
    }

    private static String escape(String s) {
        return MutableTerminology.escape(s);
    }
}
