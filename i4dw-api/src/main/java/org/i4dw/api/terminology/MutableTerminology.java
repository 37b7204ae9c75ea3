/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api.terminology;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The accumulator behind a terminology, for providers: nodes found or created by code, each
 * collecting the patients and documents seen, values, numbers and units. Every aggregate is a set
 * union, a minimum or a maximum, so the result depends neither on the order of the observations
 * nor on how they were split between accumulators.
 *
 * <h2>Memory and speed</h2>
 * Patient and document keys are interned once, into dense int ids held here
 * ({@link #patientId(String)}, {@link #documentId(String)}); a node keeps a {@link BitSet} of the
 * patient ids and one of the document ids that reached it, so its counts stay exact at a cost of
 * one bit per document (and per patient) per node, and merging is an OR. A node also remembers
 * the last (patient, document) it saw, so that observing it again for the same document (repeated
 * sequence items, SR items with the same concept path) costs a comparison. The values of a CODE
 * node likewise keep a bitset of the documents that have them. Children are found by code, and by
 * tag ({@link Node#tagChild(int, String, NodeType)}) without building the code string once the
 * child exists. {@link #merge(Terminology)} maps the other terminology's ids through its key
 * tables; {@link #snapshot()} shares one copy of each key table between all nodes.
 *
 * <p>Not thread-safe. {@link #snapshot()} gives the immutable {@link Terminology}.
 */
public final class MutableTerminology {

    private final TerminologySettings settings;
    private final Map<String, Node> roots = new TreeMap<>();
    private final Map<String, Integer> patientIds = new HashMap<>();
    private final List<String> patientKeys = new ArrayList<>();
    private final Map<String, Integer> documentIds = new HashMap<>();
    private final List<String> documentKeys = new ArrayList<>();

    /**
     * An empty accumulator.
     *
     * @param settings the settings (cap on values in particular)
     */
    public MutableTerminology(TerminologySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * An accumulator holding everything {@code terminology} holds.
     *
     * @param terminology the start
     * @return a new accumulator
     */
    public static MutableTerminology of(Terminology terminology) {
        MutableTerminology m = new MutableTerminology(terminology.settings());
        m.merge(terminology);
        return m;
    }

    /**
     * The settings.
     *
     * @return the settings
     */
    public TerminologySettings settings() {
        return settings;
    }

    /**
     * The id of a patient key, assigned on first sight: the ids are 0, 1, 2... in the order the
     * keys were first seen by this accumulator.
     *
     * @param patientKey the patient key
     * @return its id
     */
    public int patientId(String patientKey) {
        return intern(Objects.requireNonNull(patientKey, "patientKey"), patientIds, patientKeys);
    }

    /**
     * The id of a document key, assigned on first sight as {@link #patientId(String)} does.
     *
     * @param documentKey the document key
     * @return its id
     */
    public int documentId(String documentKey) {
        return intern(Objects.requireNonNull(documentKey, "documentKey"), documentIds, documentKeys);
    }

    private static int intern(String key, Map<String, Integer> ids, List<String> keys) {
        Integer id = ids.get(key);
        if (id == null) {
            id = keys.size();
            ids.put(key, id);
            keys.add(key);
        }
        return id;
    }

    /**
     * The top node with this code, created if absent.
     *
     * @param code the node code
     * @param label the label; when a code is seen with several labels the smallest non-empty one is kept
     * @param type the type
     * @return the node
     */
    public Node root(String code, String label, NodeType type) {
        Node n = roots.get(code);
        if (n == null) {
            n = new Node(this, requireCode(code), true);
            roots.put(code, n);
        }
        n.describe(label, type);
        return n;
    }

    /**
     * Adds everything {@code other} holds.
     *
     * @param other a terminology built with equal settings
     * @return this accumulator
     * @throws IllegalArgumentException if the settings differ
     */
    public MutableTerminology merge(Terminology other) {
        if (!other.settings().equals(settings)) {
            throw new IllegalArgumentException("cannot merge terminologies built with different settings: "
                    + settings + " and " + other.settings());
        }
        Remap patients = new Remap(patientIds, patientKeys);
        Remap documents = new Remap(documentIds, documentKeys);
        for (TerminologyNode n : other.roots()) {
            root(n.code(), n.label(), n.type()).absorb(n, patients, documents);
        }
        return this;
    }

    /**
     * An immutable copy of the current state.
     *
     * @return the terminology
     */
    public Terminology snapshot() {
        List<String> patientTable = List.copyOf(patientKeys);
        List<String> documentTable = List.copyOf(documentKeys);
        return new Terminology(settings, roots.values().stream().map(n -> n.freeze(patientTable, documentTable))
                .collect(Collectors.toList()));
    }

    /**
     * The code of an attribute node (see the package documentation): the parent's code, then
     * {@code :} under a top node or {@code /} below one, then the tag as eight upper-case hex
     * digits. {@link Node#tagChild(int, String, NodeType)} names its children so; an indexer that
     * names values by node code uses it to agree.
     *
     * @param parentCode the parent node's code
     * @param parentIsTop whether the parent is a top node
     * @param tag the attribute tag
     * @return the code
     */
    public static String tagCode(String parentCode, boolean parentIsTop, int tag) {
        Objects.requireNonNull(parentCode, "parentCode");
        char[] c = new char[8];
        int t = tag;
        for (int i = 7; i >= 0; i--) {
            c[i] = HEX[t & 0xF];
            t >>>= 4;
        }
        return parentCode + (parentIsTop ? ':' : '/') + new String(c);
    }

    /**
     * The code of a Structured Report node (see the package documentation): for a document title
     * ({@code parentCode} null) {@link Terminology#SR_CODE_PREFIX} then the concept's segment, else
     * the parent's code, {@code /} and the segment. The segment is
     * {@code <coding scheme designator>-<code value>} with {@code %} and {@code /} in either written
     * {@code %25} and {@code %2F}.
     *
     * @param parentCode the parent node's code, or null for a document title
     * @param codingScheme the Coding Scheme Designator of the concept name
     * @param value its Code Value
     * @return the code
     */
    public static String conceptCode(String parentCode, String codingScheme, String value) {
        String segment = escape(Objects.requireNonNull(codingScheme, "codingScheme")) + "-"
                + escape(Objects.requireNonNull(value, "value"));
        return parentCode == null ? Terminology.SR_CODE_PREFIX + segment : parentCode + "/" + segment;
    }

    /**
     * A code part with {@code %} and {@code /} escaped as {@code %25} and {@code %2F}, so that
     * {@code /} only ever separates the parts of a code.
     *
     * @param part the part (a designator, a value, a private creator)
     * @return the escaped part
     */
    public static String escape(String part) {
        if (part.indexOf('%') < 0 && part.indexOf('/') < 0) {
            return part;
        }
        return part.replace("%", "%25").replace("/", "%2F");
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static String requireCode(String code) {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("a node code must not be blank");
        }
        return code;
    }

    static String pick(String a, String b) {
        if (a == b) {
            return a == null ? "" : a;
        }
        if (a == null || a.isEmpty()) {
            return b == null ? "" : b;
        }
        if (b == null || b.isEmpty()) {
            return a;
        }
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Maps the ids of another terminology's key tables to this accumulator's, interning on demand. */
    private static final class Remap {
        private final Map<String, Integer> ids;
        private final List<String> keys;
        private final Map<List<String>, int[]> maps = new IdentityHashMap<>();

        Remap(Map<String, Integer> ids, List<String> keys) {
            this.ids = ids;
            this.keys = keys;
        }

        void orInto(KeySet from, BitSet into) {
            List<String> table = from.table();
            int[] map = maps.computeIfAbsent(table, t -> new int[t.size()]);
            BitSet bits = from.ids();
            for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
                if (map[i] == 0) {
                    map[i] = intern(table.get(i), ids, keys) + 1;
                }
                into.set(map[i] - 1);
            }
        }
    }

    /** A node being accumulated. */
    public static final class Node {

        private final MutableTerminology owner;
        private final String code;
        private final boolean top;
        private String label = "";
        private NodeType type;
        private String scheme;
        private String codeValue;
        private final Set<String> units = new TreeSet<>();
        private final BitSet patients = new BitSet();
        private final BitSet documents = new BitSet();
        private int lastPatient = -1;
        private int lastDocument = -1;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private boolean truncated;
        private boolean textIndexed;
        private final Map<String, ValueAcc> values = new HashMap<>();
        /** The coded values of {@link #values} by scheme and value, found again without building their key. */
        private Map<String, Map<String, ValueAcc>> codedValues;
        private final Map<String, Node> children = new TreeMap<>();
        private IntMap<Node> childrenByTag;
        private Map<String, Map<String, Node>> childrenByConcept;

        private static final class ValueAcc {
            String meaning = "";
            String scheme;
            String codeValue;
            final BitSet documents = new BitSet();
        }

        private Node(MutableTerminology owner, String code, boolean top) {
            this.owner = owner;
            this.code = code;
            this.top = top;
        }

        private void describe(String newLabel, NodeType newType) {
            Objects.requireNonNull(newType, "type");
            if (newLabel != label) {
                String p = pick(label, newLabel);
                if (p != label) {
                    label = p; // only then: a store into an old object costs the collector's write barrier
                }
            }
            if (type == null || newType.ordinal() < type.ordinal()) {
                type = newType;
            }
        }

        /**
         * The node code.
         *
         * @return the code
         */
        public String code() {
            return code;
        }

        /**
         * The child with this code, created if absent.
         *
         * @param childCode the child's code
         * @param childLabel its label
         * @param childType its type
         * @return the child
         */
        public Node child(String childCode, String childLabel, NodeType childType) {
            Node n = children.get(childCode);
            if (n == null) {
                n = new Node(owner, requireCode(childCode), false);
                children.put(childCode, n);
            }
            n.describe(childLabel, childType);
            return n;
        }

        /**
         * The child for an attribute, created if absent. Its code is this node's code, then
         * {@code :} under a top node or {@code /} below one, then the tag as eight upper-case hex
         * digits (see the package documentation); the code is built only when the child is
         * created, later calls find it by tag.
         *
         * @param tag the attribute tag
         * @param childLabel its label
         * @param childType its type
         * @return the child
         */
        public Node tagChild(int tag, String childLabel, NodeType childType) {
            if (childrenByTag == null) {
                childrenByTag = new IntMap<>();
            }
            Node n = childrenByTag.get(tag);
            if (n == null) {
                n = child(tagCode(code, top, tag), childLabel, childType);
                childrenByTag.put(tag, n);
                return n;
            }
            n.describe(childLabel, childType);
            return n;
        }

        /**
         * The child for a Structured Report content item, created if absent. Its code is
         * {@link MutableTerminology#conceptCode(String, String, String) conceptCode}{@code (code(),
         * codingScheme, value)}; the code is built only when the child is created, later calls find
         * it by the concept name.
         *
         * @param codingScheme the Coding Scheme Designator of the concept name
         * @param value its Code Value
         * @param childLabel the label (the Code Meaning)
         * @param childType the type
         * @return the child
         */
        public Node conceptChild(String codingScheme, String value, String childLabel, NodeType childType) {
            if (childrenByConcept == null) {
                childrenByConcept = new HashMap<>();
            }
            Map<String, Node> byValue = childrenByConcept.get(codingScheme);
            Node n = byValue == null ? null : byValue.get(value);
            if (n == null) {
                n = child(conceptCode(code, codingScheme, value), childLabel, childType);
                childrenByConcept.computeIfAbsent(codingScheme, k -> new HashMap<>()).put(value, n);
                return n;
            }
            n.describe(childLabel, childType);
            return n;
        }

        /**
         * Records that a patient's document has this node. The caller records its ancestors too.
         *
         * @param patientKey the patient key
         * @param documentKey the document key
         * @return this node
         */
        public Node observe(String patientKey, String documentKey) {
            return observe(owner.patientId(patientKey), owner.documentId(documentKey));
        }

        /**
         * Records that a patient's document has this node, by ids from
         * {@link MutableTerminology#patientId(String)} and {@link MutableTerminology#documentId(String)}
         * of the accumulator that holds this node. The caller records its ancestors too.
         *
         * @param patientId the patient id
         * @param documentId the document id
         * @return this node
         * @throws IllegalArgumentException if an id is negative
         */
        public Node observe(int patientId, int documentId) {
            if ((patientId | documentId) < 0) {
                throw new IllegalArgumentException("ids must not be negative: patient " + patientId
                        + ", document " + documentId);
            }
            if (documentId == lastDocument && patientId == lastPatient) {
                return this;
            }
            patients.set(patientId);
            documents.set(documentId);
            lastPatient = patientId;
            lastDocument = documentId;
            return this;
        }

        /**
         * Sets the node's own code (the SR concept name); the external code is derived from it.
         *
         * @param codingScheme the Coding Scheme Designator
         * @param value the Code Value
         * @return this node
         */
        public Node concept(String codingScheme, String value) {
            Objects.requireNonNull(codingScheme, "codingScheme");
            Objects.requireNonNull(value, "value");
            if (scheme == null || (!(codingScheme.equals(scheme) && value.equals(codeValue))
                    && (codingScheme + "\u0000" + value).compareTo(scheme + "\u0000" + codeValue) < 0)) {
                scheme = codingScheme;
                codeValue = value;
            }
            return this;
        }

        /**
         * Adds a unit (the UCUM code value, e.g. {@code mGy.cm}).
         *
         * @param unit the unit
         * @return this node
         */
        public Node unit(String unit) {
            if (unit != null && !unit.isBlank() && !units.contains(unit)) {
                units.add(unit);
            }
            return this;
        }

        /**
         * Widens the range with a number; NaN and infinities are ignored.
         *
         * @param value the number
         * @return this node
         */
        public Node number(double value) {
            if (Double.isFinite(value)) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
            return this;
        }

        /**
         * Marks the node as a text index field.
         *
         * @return this node
         */
        public Node textIndexed() {
            textIndexed = true;
            return this;
        }

        /**
         * Adds a plain value (CS, indexed text) seen in a document.
         *
         * @param value the value
         * @param documentKey the document
         * @return this node
         */
        public Node value(String value, String documentKey) {
            return value(value, owner.documentId(documentKey));
        }

        /**
         * Adds a plain value (CS, indexed text) seen in a document, by document id.
         *
         * @param value the value
         * @param documentId the document id
         * @return this node
         */
        public Node value(String value, int documentId) {
            return addValue(value, value, null, null, documentId);
        }

        /**
         * Adds a coded value seen in a document.
         *
         * @param codingScheme the Coding Scheme Designator
         * @param value the Code Value
         * @param meaning the Code Meaning
         * @param documentKey the document
         * @return this node
         */
        public Node codedValue(String codingScheme, String value, String meaning, String documentKey) {
            return codedValue(codingScheme, value, meaning, owner.documentId(documentKey));
        }

        /**
         * Adds a coded value seen in a document, by document id.
         *
         * @param codingScheme the Coding Scheme Designator
         * @param value the Code Value
         * @param meaning the Code Meaning
         * @param documentId the document id
         * @return this node
         */
        public Node codedValue(String codingScheme, String value, String meaning, int documentId) {
            Map<String, ValueAcc> byValue = codedValues == null ? null : codedValues.get(codingScheme);
            ValueAcc acc = byValue == null ? null : byValue.get(value);
            if (acc == null) {
                addValue(codingScheme + ":" + value, meaning, codingScheme, value, documentId);
                acc = values.get(codingScheme + ":" + value);
                if (acc != null) {
                    if (codedValues == null) {
                        codedValues = new HashMap<>();
                    }
                    codedValues.computeIfAbsent(codingScheme, k -> new HashMap<>()).put(value, acc);
                }
                return this;
            }
            if (documentId < 0) {
                throw new IllegalArgumentException("ids must not be negative: document " + documentId);
            }
            if (meaning != acc.meaning) {
                String p = pick(acc.meaning, meaning);
                if (p != acc.meaning) {
                    acc.meaning = p;
                }
            }
            acc.documents.set(documentId);
            return this;
        }

        private Node addValue(String key, String meaning, String valueScheme, String valueCode, int documentId) {
            Objects.requireNonNull(key, "value");
            if (documentId < 0) {
                throw new IllegalArgumentException("ids must not be negative: document " + documentId);
            }
            ValueAcc acc = value(key, meaning, valueScheme, valueCode);
            if (acc != null) {
                acc.documents.set(documentId);
            }
            return this;
        }

        /** The value's accumulator, null when none is kept (empty key, truncated). */
        private ValueAcc value(String key, String meaning, String valueScheme, String valueCode) {
            if (truncated || key.isEmpty()) {
                return null;
            }
            ValueAcc acc = values.get(key);
            if (acc == null) {
                if (values.size() >= owner.settings.maxValues()) {
                    truncated = true;
                    values.clear();
                    codedValues = null;
                    return null;
                }
                acc = new ValueAcc();
                values.put(key, acc);
            }
            if (meaning != acc.meaning) {
                String p = pick(acc.meaning, meaning);
                if (p != acc.meaning) {
                    acc.meaning = p;
                }
            }
            if (valueScheme != null) {
                acc.scheme = valueScheme;
                acc.codeValue = valueCode;
            }
            return acc;
        }

        private void absorb(TerminologyNode n, Remap patientMap, Remap documentMap) {
            patientMap.orInto(n.patientKeys(), patients);
            documentMap.orInto(n.documentKeys(), documents);
            lastPatient = -1;
            lastDocument = -1;
            n.externalCode().ifPresent(c -> concept(c.scheme(), c.value()));
            units.addAll(n.units());
            if (n.min().isPresent()) {
                number(n.min().getAsDouble());
                number(n.max().getAsDouble());
            }
            textIndexed |= n.textIndexed();
            if (n.valuesTruncated()) {
                truncated = true;
                values.clear();
                codedValues = null;
            }
            for (TerminologyNode.ValueData v : n.valueData().values()) {
                ValueAcc acc = value(v.key(), v.meaning(), v.scheme(), v.codeValue());
                if (acc != null) {
                    documentMap.orInto(v.documents(), acc.documents);
                }
            }
            for (TerminologyNode c : n.children()) {
                child(c.code(), c.label(), c.type()).absorb(c, patientMap, documentMap);
            }
        }

        private TerminologyNode freeze(List<String> patientTable, List<String> documentTable) {
            Map<String, TerminologyNode.ValueData> vd = new TreeMap<>();
            for (Map.Entry<String, ValueAcc> e : values.entrySet()) {
                ValueAcc a = e.getValue();
                vd.put(e.getKey(), new TerminologyNode.ValueData(e.getKey(), a.meaning, a.scheme, a.codeValue,
                        new KeySet(documentTable, (BitSet) a.documents.clone())));
            }
            ExternalCode ext = scheme == null ? null
                    : new ExternalCode(CodingSystem.of(scheme), scheme, codeValue, label);
            List<TerminologyNode> frozen = new ArrayList<>(children.size());
            for (Node c : children.values()) {
                frozen.add(c.freeze(patientTable, documentTable));
            }
            return new TerminologyNode(code, label, type, ext, units,
                    new KeySet(patientTable, (BitSet) patients.clone()),
                    new KeySet(documentTable, (BitSet) documents.clone()),
                    min <= max ? min : Double.NaN, min <= max ? max : Double.NaN, truncated, textIndexed, vd,
                    frozen);
        }
    }
}
