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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.i4dw.api.pivot.CodedValue;
import org.i4dw.api.pivot.PivotElement;
import org.i4dw.api.terminology.DocumentIndexer;
import org.i4dw.api.terminology.MutableTerminology;
import org.i4dw.api.terminology.NodeType;
import org.i4dw.api.terminology.Terminology;
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
 * <p>Thread-safe: each call walks with its own state (the occurrence counts); what is shared is a
 * cache of dictionary facts per tag and the tree of node codes met so far, so that a code is built
 * once, not once per object (both read without locks; new entries copied on write, the tree bounded
 * per node).
 */
final class DcmehopIndexer implements DocumentIndexer {

    /** Most node codes kept per parent node and kind (the shared tree cannot grow without bound). */
    static final int MAX_CHILDREN = 65_536;

    private final DcmehopWalk.View view;
    private final TagInfo.Shared tagInfo;
    private final AtomicInteger ids = new AtomicInteger();
    private final CodeNode attributeTags;
    private final CodeNode privateAttributes;
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, CodeNode>> titles = new ConcurrentHashMap<>();

    private final int maxChildren;
    private final ThreadLocal<CodeMemo> memos;

    /** An indexer with its own code memos. */
    DcmehopIndexer(TerminologySettings settings) {
        this(settings, CodeMemo.perThread());
    }

    /** An indexer that decodes code items through {@code memos}, shared with the provider's builders. */
    DcmehopIndexer(TerminologySettings settings, ThreadLocal<CodeMemo> memos) {
        this(settings, MAX_CHILDREN, memos);
    }

    /** An indexer that keeps at most {@code maxChildren} children per node and kind (tests try small bounds). */
    DcmehopIndexer(TerminologySettings settings, int maxChildren) {
        this(settings, maxChildren, CodeMemo.perThread());
    }

    private DcmehopIndexer(TerminologySettings settings, int maxChildren, ThreadLocal<CodeMemo> memos) {
        this.memos = memos;
        this.view = new DcmehopWalk.View(settings);
        this.tagInfo = new TagInfo.Shared(settings);
        this.maxChildren = maxChildren;
        this.attributeTags = new CodeNode(Terminology.ATTRIBUTE_TAGS_CODE, true, this, true);
        this.privateAttributes = new CodeNode(Terminology.PRIVATE_ATTRIBUTES_CODE, true, this, true);
    }

    @Override
    public List<PivotElement> index(DicomObject object) {
        if (object == null) {
            throw new IllegalArgumentException("object must not be null");
        }
        Walk w = new Walk(this, object.size());
        w.walk(object);
        return Collections.unmodifiableList(w.out);
    }

    /**
     * A node code met by this indexer, shared by all threads so that codes are built once: its
     * children by tag (lock-free reads, copy on write) and by concept or code, at most
     * {@value #MAX_CHILDREN} (by default) of each kind per node. Each kept node has a dense id by which one walk
     * counts its occurrences; a child beyond the bound, and everything below it, is made afresh each
     * time, with id -1, and counted by its code.
     */
    static final class CodeNode {
        final String code;
        final boolean top;
        final int id;
        private final DcmehopIndexer owner;
        private final CowIntMap<CodeNode> byTag;
        private final ConcurrentHashMap<String, ConcurrentHashMap<String, CodeNode>> byConcept =
                new ConcurrentHashMap<>();
        private final ConcurrentHashMap<String, CodeNode> byCode = new ConcurrentHashMap<>();

        CodeNode(String code, boolean top, DcmehopIndexer owner, boolean kept) {
            this.code = code;
            this.top = top;
            this.owner = owner;
            this.id = kept ? owner.ids.getAndIncrement() : -1;
            this.byTag = new CowIntMap<>(owner.maxChildren);
        }

        CodeNode tag(int tag) {
            CodeNode n = byTag.get(tag);
            if (n != null) {
                return n;
            }
            if (id < 0 || byTag.full()) {
                return new CodeNode(MutableTerminology.tagCode(code, top, tag), false, owner, false);
            }
            return byTag.computeIfAbsent(tag, t -> new CodeNode(MutableTerminology.tagCode(code, top, t), false, owner,
                    true));
        }

        CodeNode concept(String scheme, String value) {
            if (id < 0) {
                return new CodeNode(MutableTerminology.conceptCode(code, scheme, value), false, owner, false);
            }
            return concept(byConcept, code, scheme, value, owner);
        }

        static CodeNode concept(ConcurrentHashMap<String, ConcurrentHashMap<String, CodeNode>> map, String parentCode,
                String scheme, String value, DcmehopIndexer owner) {
            ConcurrentHashMap<String, CodeNode> byValue = map.get(scheme);
            CodeNode n = byValue == null ? null : byValue.get(value);
            if (n != null) {
                return n;
            }
            boolean top = parentCode == null;
            if (map.size() >= owner.maxChildren || byValue != null && byValue.size() >= owner.maxChildren) {
                return new CodeNode(MutableTerminology.conceptCode(parentCode, scheme, value), top, owner, false);
            }
            return map.computeIfAbsent(scheme, k -> new ConcurrentHashMap<>()).computeIfAbsent(value,
                    v -> new CodeNode(MutableTerminology.conceptCode(parentCode, scheme, v), top, owner, true));
        }

        CodeNode child(String childCode) {
            CodeNode n = byCode.get(childCode);
            if (n != null) {
                return n;
            }
            if (id < 0 || byCode.size() >= owner.maxChildren) {
                return new CodeNode(childCode, false, owner, false);
            }
            return byCode.computeIfAbsent(childCode, c -> new CodeNode(c, false, owner, true));
        }
    }

    /** Occurrence counts of one walk, by node id: a small open-addressing int-to-int map. */
    private static final class Counts {
        /** Room for the 128 nodes of a large image header before it grows (it grows at half full). */
        private int[] keys = new int[256];
        private int[] counts = new int[256];
        private int size;

        /** Counts one more occurrence of {@code id} and returns the count. */
        int increment(int id) {
            int mask = keys.length - 1;
            int key = id + 1;
            for (int i = (key * 0x9E3779B9 >>> 16) & mask; ; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    return ++counts[i];
                }
                if (keys[i] == 0) {
                    keys[i] = key;
                    counts[i] = 1;
                    if (++size * 2 > keys.length) {
                        grow();
                    }
                    return 1;
                }
            }
        }

        /** The count of {@code id} so far. */
        int get(int id) {
            int mask = keys.length - 1;
            int key = id + 1;
            for (int i = (key * 0x9E3779B9 >>> 16) & mask; ; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    return counts[i];
                }
                if (keys[i] == 0) {
                    return 0;
                }
            }
        }

        private void grow() {
            int[] oldKeys = keys;
            int[] oldCounts = counts;
            keys = new int[oldKeys.length * 2];
            counts = new int[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != 0) {
                    int i = (oldKeys[j] * 0x9E3779B9 >>> 16) & mask;
                    while (keys[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = oldKeys[j];
                    counts[i] = oldCounts[j];
                }
            }
        }
    }

    /** One object's walk. */
    private static final class Walk extends DcmehopWalk<CodeNode> {
        private final DcmehopIndexer indexer;
        private final Counts counts = new Counts();
        private final Map<String, Integer> strays = new HashMap<>(0);
        private final List<PivotElement> out;

        /** A walk of an object of {@code size} top-level elements (about as many values, sized so the list rarely grows). */
        Walk(DcmehopIndexer indexer, int size) {
            super(indexer.view, indexer.memos);
            this.indexer = indexer;
            this.out = new ArrayList<>(size + 32);
        }

        @Override
        TagInfo info(int tag) {
            return indexer.tagInfo.get(tag);
        }

        /** Counts one more occurrence of {@code n} in this object. */
        private CodeNode met(CodeNode n) {
            if (n.id >= 0) {
                counts.increment(n.id);
            } else {
                strays.merge(n.code, 1, Integer::sum);
            }
            return n;
        }

        /** How many times {@code n} was met in this object so far. */
        private int occurrence(CodeNode n) {
            return n.id >= 0 ? counts.get(n.id) : strays.getOrDefault(n.code, 0);
        }

        @Override
        CodeNode titleNode(Code title) {
            return met(CodeNode.concept(indexer.titles, null, title.scheme(), title.value(), indexer));
        }

        @Override
        CodeNode topNode(String code, String label) {
            return met(code.equals(Terminology.ATTRIBUTE_TAGS_CODE) ? indexer.attributeTags : indexer.privateAttributes);
        }

        @Override
        CodeNode tagNode(CodeNode parent, int tag, TagInfo info, NodeType type) {
            return met(parent.tag(tag));
        }

        @Override
        CodeNode privateNode(CodeNode parent, String code, String label, NodeType type) {
            return met(parent.child(code));
        }

        @Override
        CodeNode conceptNode(CodeNode parent, Code concept, NodeType type) {
            return met(parent.concept(concept.scheme(), concept.value()));
        }

        @Override
        String code(CodeNode node) {
            return node.code;
        }

        @Override
        void values(CodeNode node, NodeType type, boolean indexed, DicomElement element) {
            List<String> values = element.strings();
            for (int k = 0; k < values.size(); k++) {
                String v = values.get(k);
                if (!v.isEmpty()) {
                    add(node, type, v, null, k + 1);
                }
            }
        }

        @Override
        void codedValue(CodeNode node, Code code, int index) {
            out.add(new PivotElement(node.code, NodeType.CODE, code.value(), null,
                    new CodedValue(code.scheme(), code.value(), code.meaning()), occurrence(node), index));
        }

        @Override
        void numeric(CodeNode node, String value, String unit) {
            if (value != null) {
                add(node, NodeType.NUMBER, value, unit, 1);
            }
        }

        @Override
        void itemValue(CodeNode node, NodeType type, DicomObject item) {
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
        private void add(CodeNode node, NodeType type, String raw, String unit, int valueIndex) {
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
                out.add(new PivotElement(node.code, NodeType.TEXT, raw, null, null, occurrence(node), valueIndex));
            } else {
                out.add(new PivotElement(node.code, type, v, type == NodeType.NUMBER ? unit : null, null,
                        occurrence(node), valueIndex));
            }
        }
    }
}
