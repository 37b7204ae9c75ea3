/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api.terminology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * One node of a {@link Terminology}: an attribute path or an SR concept path, with the exact
 * numbers of distinct patients and documents that have it (descendants included), its type,
 * units, range, value set and external code. Immutable and thread-safe.
 *
 * <p>The keys behind the counts are kept (merging needs them) but never exposed: as a bit per
 * document (and per patient) over key tables shared by the whole {@link Terminology}.
 */
public final class TerminologyNode {

    /** Children order: by label ignoring case, then by code. */
    static final Comparator<TerminologyNode> ORDER = Comparator
            .comparing((TerminologyNode n) -> n.label().toLowerCase(Locale.ROOT)).thenComparing(TerminologyNode::code);

    /** A value as kept for merging. */
    record ValueData(String key, String meaning, String scheme, String codeValue, KeySet documents) {
    }

    private final String code;
    private final String label;
    private final NodeType type;
    private final ExternalCode externalCode;
    private final List<String> units;
    private final KeySet patients;
    private final KeySet documents;
    private final double min;
    private final double max;
    private final boolean valuesTruncated;
    private final boolean textIndexed;
    private final Map<String, ValueData> valueData;
    private final List<ValueCount> values;
    private final List<TerminologyNode> children;

    TerminologyNode(String code, String label, NodeType type, ExternalCode externalCode, Set<String> units,
            KeySet patients, KeySet documents, double min, double max, boolean valuesTruncated,
            boolean textIndexed, Map<String, ValueData> valueData, List<TerminologyNode> children) {
        this.code = code;
        this.label = label.isEmpty() ? code : label;
        this.type = type;
        this.externalCode = externalCode;
        this.units = List.copyOf(units);
        this.patients = patients;
        this.documents = documents;
        this.min = min;
        this.max = max;
        this.valuesTruncated = valuesTruncated;
        this.textIndexed = textIndexed;
        this.valueData = Map.copyOf(valueData);
        List<ValueCount> vs = new ArrayList<>();
        for (ValueData v : valueData.values()) {
            vs.add(new ValueCount(v.key(), v.meaning().isEmpty() ? v.key() : v.meaning(),
                    v.scheme() == null ? Optional.empty()
                            : Optional.of(new ExternalCode(CodingSystem.of(v.scheme()), v.scheme(), v.codeValue(),
                                    v.meaning())),
                    v.documents().size()));
        }
        vs.sort(Comparator.comparingLong((ValueCount v) -> -v.documents()).thenComparing(ValueCount::value));
        this.values = List.copyOf(vs);
        List<TerminologyNode> cs = new ArrayList<>(children);
        cs.sort(ORDER);
        this.children = List.copyOf(cs);
    }

    /**
     * The stable code, e.g. {@code DCMEHOP:TAG:00080060} (see the package documentation).
     *
     * @return the code
     */
    public String code() {
        return code;
    }

    /**
     * The label: the dictionary name of an attribute, the Code Meaning of an SR concept.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * The type.
     *
     * @return the type
     */
    public NodeType type() {
        return type;
    }

    /**
     * The node's own code (the concept name of an SR node), with its external system; empty for
     * attribute nodes, whose identity is their tag path.
     *
     * @return the external code
     */
    public Optional<ExternalCode> externalCode() {
        return Optional.ofNullable(externalCode);
    }

    /**
     * The units of a NUMBER node (UCUM code values, e.g. {@code mGy.cm}), sorted.
     *
     * @return an immutable list, empty if none
     */
    public List<String> units() {
        return units;
    }

    /**
     * The number of distinct patients with this node or a descendant.
     *
     * @return the exact count
     */
    public int patientCount() {
        return patients.size();
    }

    /**
     * The number of distinct documents with this node or a descendant.
     *
     * @return the exact count
     */
    public int documentCount() {
        return documents.size();
    }

    /**
     * The smallest number seen (NUMBER nodes).
     *
     * @return the minimum, empty if no number was seen
     */
    public OptionalDouble min() {
        return Double.isNaN(min) ? OptionalDouble.empty() : OptionalDouble.of(min);
    }

    /**
     * The largest number seen (NUMBER nodes).
     *
     * @return the maximum, empty if no number was seen
     */
    public OptionalDouble max() {
        return Double.isNaN(max) ? OptionalDouble.empty() : OptionalDouble.of(max);
    }

    /**
     * The value set (CODE nodes and text index fields): most frequent first, then by value.
     *
     * @return an immutable list; empty if none, or if {@link #valuesTruncated()}
     */
    public List<ValueCount> values() {
        return values;
    }

    /**
     * Whether more distinct values were seen than {@link TerminologySettings#maxValues()}; the
     * node then keeps none (keeping some would depend on arrival order).
     *
     * @return true if truncated
     */
    public boolean valuesTruncated() {
        return valuesTruncated;
    }

    /**
     * Whether the node is a text index field ({@link TerminologySettings#textIndexFields()}).
     *
     * @return true if indexed
     */
    public boolean textIndexed() {
        return textIndexed;
    }

    /**
     * The children, by label then code.
     *
     * @return an immutable list
     */
    public List<TerminologyNode> children() {
        return children;
    }

    /**
     * The child with this label.
     *
     * @param childLabel the label
     * @return the first child with it, by code
     */
    public Optional<TerminologyNode> child(String childLabel) {
        return children.stream().filter(c -> c.label.equals(childLabel)).findFirst();
    }

    KeySet patientKeys() {
        return patients;
    }

    KeySet documentKeys() {
        return documents;
    }

    Map<String, ValueData> valueData() {
        return valueData;
    }

    /** Equal when everything is equal, the keys behind the counts and the children included. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TerminologyNode n && code.equals(n.code) && label.equals(n.label) && type == n.type
                && Objects.equals(externalCode, n.externalCode) && units.equals(n.units)
                && patients.equals(n.patients) && documents.equals(n.documents)
                && Double.compare(min, n.min) == 0 && Double.compare(max, n.max) == 0
                && valuesTruncated == n.valuesTruncated && textIndexed == n.textIndexed
                && valueData.equals(n.valueData) && children.equals(n.children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, type, patients.size(), documents.size(), children.size());
    }

    /** Code, label and counts; never keys. */
    @Override
    public String toString() {
        return code + " " + label + " (" + patientCount() + " patients, " + documentCount() + " docs)";
    }
}
