/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.terminology;

import java.io.IOException;
import java.util.List;
import org.i4dw.api.terminology.Terminology;
import org.i4dw.api.terminology.TerminologyNode;
import org.i4dw.api.terminology.ValueCount;

/**
 * The indented text view: two spaces per level, {@code label [units] (P patients, D docs)}, then
 * for nodes with a value set {@code   values: } and the five most frequent values (code meanings for
 * codes), {@code , ...} when there are more.
 */
final class TreeWriter {

    /** How many values a line shows. */
    static final int VALUES_SHOWN = 5;

    private TreeWriter() {
    }

    static void write(Terminology terminology, Appendable out) throws IOException {
        for (TerminologyNode root : terminology.roots()) {
            node(root, 0, out);
        }
    }

    private static void node(TerminologyNode n, int depth, Appendable out) throws IOException {
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
        out.append(n.label());
        if (!n.units().isEmpty()) {
            out.append(" [").append(String.join(", ", n.units())).append(']');
        }
        out.append(" (").append(plural(n.patientCount(), "patient")).append(", ")
                .append(plural(n.documentCount(), "doc")).append(')');
        List<ValueCount> values = n.values();
        if (n.valuesTruncated()) {
            out.append("  values: more than ").append(String.valueOf(values.size()));
        } else if (!values.isEmpty()) {
            out.append("  values: ");
            for (int i = 0; i < values.size() && i < VALUES_SHOWN; i++) {
                out.append(i == 0 ? "" : ", ").append(values.get(i).meaning());
            }
            if (values.size() > VALUES_SHOWN) {
                out.append(", ...");
            }
        }
        out.append('\n');
        for (TerminologyNode c : n.children()) {
            node(c, depth + 1, out);
        }
    }

    private static String plural(int count, String word) {
        return count + " " + word + (count == 1 ? "" : "s");
    }
}
