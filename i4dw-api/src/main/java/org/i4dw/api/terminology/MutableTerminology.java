/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api.terminology;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The accumulator behind a terminology, for providers: nodes found or created by code, each
 * collecting the keys of the patients and documents seen, values, numbers and units. Every
 * aggregate is a set union, a minimum or a maximum, so the result depends neither on the order
 * of the observations nor on how they were split between accumulators.
 *
 * <p>Not thread-safe. {@link #snapshot()} gives the immutable {@link Terminology}.
 */
public final class MutableTerminology {

    private final TerminologySettings settings;
    private final Map<String, Node> roots = new TreeMap<>();

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
     * The top node with this code, created if absent.
     *
     * @param code the node code
     * @param label the label; when a code is seen with several labels the smallest non-empty one is kept
     * @param type the type
     * @return the node
     */
    public Node root(String code, String label, NodeType type) {
        Node n = roots.computeIfAbsent(requireCode(code), c -> new Node(c, settings.maxValues()));
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
        for (TerminologyNode n : other.roots()) {
            root(n.code(), n.label(), n.type()).absorb(n);
        }
        return this;
    }

    /**
     * An immutable copy of the current state.
     *
     * @return the terminology
     */
    public Terminology snapshot() {
        return new Terminology(settings, roots.values().stream().map(Node::freeze).collect(Collectors.toList()));
    }

    private static String requireCode(String code) {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("a node code must not be blank");
        }
        return code;
    }

    static String pick(String a, String b) {
        if (a == null || a.isEmpty()) {
            return b == null ? "" : b;
        }
        if (b == null || b.isEmpty()) {
            return a;
        }
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** A node being accumulated. */
    public static final class Node {

        private final String code;
        private final int maxValues;
        private String label = "";
        private NodeType type;
        private String scheme;
        private String codeValue;
        private final Set<String> units = new TreeSet<>();
        private final Set<String> patients = new HashSet<>();
        private final Set<String> documents = new HashSet<>();
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private boolean truncated;
        private boolean textIndexed;
        private final Map<String, ValueAcc> values = new TreeMap<>();
        private final Map<String, Node> children = new TreeMap<>();

        private static final class ValueAcc {
            String meaning = "";
            String scheme;
            String codeValue;
            final Set<String> documents = new HashSet<>();
        }

        private Node(String code, int maxValues) {
            this.code = code;
            this.maxValues = maxValues;
        }

        private void describe(String newLabel, NodeType newType) {
            Objects.requireNonNull(newType, "type");
            label = pick(label, newLabel);
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
            Node n = children.computeIfAbsent(requireCode(childCode), c -> new Node(c, maxValues));
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
            patients.add(Objects.requireNonNull(patientKey, "patientKey"));
            documents.add(Objects.requireNonNull(documentKey, "documentKey"));
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
            if (scheme == null || (codingScheme + "\u0000" + value).compareTo(scheme + "\u0000" + codeValue) < 0) {
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
            if (unit != null && !unit.isBlank()) {
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
            return addValue(value, value, null, null, List.of(Objects.requireNonNull(documentKey, "documentKey")));
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
            return addValue(codingScheme + ":" + value, meaning, codingScheme, value, List.of(Objects.requireNonNull(documentKey, "documentKey")));
        }

        private Node addValue(String key, String meaning, String valueScheme, String valueCode, Iterable<String> docs) {
            Objects.requireNonNull(key, "value");
            if (truncated || key.isEmpty()) {
                return this;
            }
            ValueAcc acc = values.computeIfAbsent(key, k -> new ValueAcc());
            acc.meaning = pick(acc.meaning, meaning);
            if (valueScheme != null) {
                acc.scheme = valueScheme;
                acc.codeValue = valueCode;
            }
            for (String d : docs) {
                acc.documents.add(Objects.requireNonNull(d, "documentKey"));
            }
            if (values.size() > maxValues) {
                truncated = true;
                values.clear();
            }
            return this;
        }

        private void absorb(TerminologyNode n) {
            patients.addAll(n.patientKeys());
            documents.addAll(n.documentKeys());
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
            }
            for (TerminologyNode.ValueData v : n.valueData().values()) {
                addValue(v.key(), v.meaning(), v.scheme(), v.codeValue(), v.documents());
            }
            for (TerminologyNode c : n.children()) {
                child(c.code(), c.label(), c.type()).absorb(c);
            }
        }

        private TerminologyNode freeze() {
            Map<String, TerminologyNode.ValueData> vd = new TreeMap<>();
            for (Map.Entry<String, ValueAcc> e : values.entrySet()) {
                ValueAcc a = e.getValue();
                vd.put(e.getKey(), new TerminologyNode.ValueData(e.getKey(), a.meaning, a.scheme, a.codeValue,
                        Set.copyOf(a.documents)));
            }
            ExternalCode ext = scheme == null ? null
                    : new ExternalCode(CodingSystem.of(scheme), scheme, codeValue, label);
            return new TerminologyNode(code, label, type, ext, units, patients, documents,
                    min <= max ? min : Double.NaN, min <= max ? max : Double.NaN, truncated, textIndexed, vd,
                    children.values().stream().map(Node::freeze).collect(Collectors.toList()));
        }
    }
}
