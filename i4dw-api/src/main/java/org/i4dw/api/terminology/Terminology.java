/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api.terminology;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A DCMEHOP terminology: the Structured Report document titles, then the "Attribute Tags" top
 * node, each with its subtree. Immutable and thread-safe.
 *
 * <p>Merge law: for batches A and B built with equal settings,
 * {@code build(A).merge(build(B)).equals(build(A ∪ B))}, whatever the order of either batch.
 */
public final class Terminology {

    /** The code of the "Attribute Tags" top node. */
    public static final String ATTRIBUTE_TAGS_CODE = "DCMEHOP:TAG";
    /** The label of the "Attribute Tags" top node. */
    public static final String ATTRIBUTE_TAGS_LABEL = "Attribute Tags";
    /** The prefix of the codes of Structured Report nodes. */
    public static final String SR_CODE_PREFIX = "DCMEHOP:SR:";
    /**
     * The code of the "Private Attributes" top node; its children's codes are
     * {@code DCMEHOP:PRIVATE:<creator>/<gggg>xx<ee>} (see {@link TerminologySettings#privateAttributes()}).
     */
    public static final String PRIVATE_ATTRIBUTES_CODE = "DCMEHOP:PRIVATE";
    /** The label of the "Private Attributes" top node. */
    public static final String PRIVATE_ATTRIBUTES_LABEL = "Private Attributes";

    private static final Comparator<TerminologyNode> ROOT_ORDER = Comparator
            .comparing((TerminologyNode n) -> n.code().equals(ATTRIBUTE_TAGS_CODE)).thenComparing(TerminologyNode.ORDER);

    private final TerminologySettings settings;
    private final List<TerminologyNode> roots;
    private final Map<String, TerminologyNode> byCode;

    Terminology(TerminologySettings settings, List<TerminologyNode> roots) {
        this.settings = settings;
        List<TerminologyNode> rs = new ArrayList<>(roots);
        rs.sort(ROOT_ORDER);
        this.roots = List.copyOf(rs);
        Map<String, TerminologyNode> index = new HashMap<>();
        Deque<TerminologyNode> todo = new ArrayDeque<>(this.roots);
        while (!todo.isEmpty()) {
            TerminologyNode n = todo.pop();
            index.put(n.code(), n);
            todo.addAll(n.children());
        }
        this.byCode = Collections.unmodifiableMap(index);
    }

    /**
     * An empty terminology.
     *
     * @param settings the settings
     * @return the terminology
     */
    public static Terminology empty(TerminologySettings settings) {
        return new MutableTerminology(settings).snapshot();
    }

    /**
     * The settings it was built with.
     *
     * @return the settings
     */
    public TerminologySettings settings() {
        return settings;
    }

    /**
     * The top nodes: SR document titles by label, then "Attribute Tags".
     *
     * @return an immutable list
     */
    public List<TerminologyNode> roots() {
        return roots;
    }

    /**
     * The node with this code, at any depth.
     *
     * @param code the code
     * @return the node
     */
    public Optional<TerminologyNode> node(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /**
     * The node reached by following labels from a top node, e.g.
     * {@code path("X-Ray Radiation Dose Report", "CT Acquisition", "CT Dose", "DLP")}.
     *
     * @param labels the labels, the first a top node's
     * @return the node
     */
    public Optional<TerminologyNode> path(String... labels) {
        Objects.requireNonNull(labels, "labels");
        if (labels.length == 0) {
            return Optional.empty();
        }
        Optional<TerminologyNode> n = roots.stream().filter(r -> r.label().equals(labels[0])).findFirst();
        for (int i = 1; i < labels.length && n.isPresent(); i++) {
            n = n.get().child(labels[i]);
        }
        return n;
    }

    /**
     * The number of nodes.
     *
     * @return the count
     */
    public int size() {
        return byCode.size();
    }

    /**
     * The terminology of both batches: exactly what one builder fed with both would give.
     *
     * @param other a terminology built with equal settings
     * @return a new terminology
     * @throws IllegalArgumentException if the settings differ
     */
    public Terminology merge(Terminology other) {
        return MutableTerminology.of(this).merge(other).snapshot();
    }

    /** Equal when the settings and every node (the keys behind the counts included) are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Terminology t && settings.equals(t.settings) && roots.equals(t.roots);
    }

    @Override
    public int hashCode() {
        return Objects.hash(settings, roots);
    }

    /** The number of nodes and the top nodes with their counts; never keys. */
    @Override
    public String toString() {
        return "Terminology[" + size() + " nodes, " + roots + "]";
    }
}
