/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.terminology;

import java.io.IOException;
import java.util.Locale;
import org.i4dw.api.terminology.ExternalCode;
import org.i4dw.api.terminology.Terminology;
import org.i4dw.api.terminology.TerminologyNode;
import org.i4dw.api.terminology.ValueCount;
import org.i4dw.data.Tag;

/**
 * JSON export, written by hand: {@code {"format":"dcmehop","version":1,"settings":{...},
 * "nodes":[...]}}, each node with code, label, type, patients, documents and, when present,
 * externalCode, units, min, max, textIndexed, valuesTruncated, values and children.
 */
final class JsonWriter {

    private JsonWriter() {
    }

    static void write(Terminology t, Appendable out) throws IOException {
        out.append("{\"format\":\"dcmehop\",\"version\":1,\"settings\":{\"maxValues\":")
                .append(String.valueOf(t.settings().maxValues())).append(",\"maxSrDepth\":")
                .append(t.settings().maxSrDepth() == Integer.MAX_VALUE ? "null"
                        : String.valueOf(t.settings().maxSrDepth()))
                .append(",\"textIndexFields\":[");
        boolean first = true;
        for (Tag tag : t.settings().textIndexFields().stream().sorted().toList()) {
            out.append(first ? "" : ",");
            string(String.format(Locale.ROOT, "%08X", tag.value()), out);
            first = false;
        }
        out.append("]},\"nodes\":[");
        first = true;
        for (TerminologyNode n : t.roots()) {
            out.append(first ? "\n" : ",\n");
            node(n, out);
            first = false;
        }
        out.append("\n]}\n");
    }

    private static void node(TerminologyNode n, Appendable out) throws IOException {
        out.append("{\"code\":");
        string(n.code(), out);
        out.append(",\"label\":");
        string(n.label(), out);
        out.append(",\"type\":\"").append(n.type().name()).append("\",\"patients\":")
                .append(String.valueOf(n.patientCount())).append(",\"documents\":")
                .append(String.valueOf(n.documentCount()));
        if (n.externalCode().isPresent()) {
            out.append(",\"externalCode\":");
            code(n.externalCode().get(), out);
        }
        if (!n.units().isEmpty()) {
            out.append(",\"units\":[");
            for (int i = 0; i < n.units().size(); i++) {
                out.append(i == 0 ? "" : ",");
                string(n.units().get(i), out);
            }
            out.append(']');
        }
        if (n.min().isPresent()) {
            out.append(",\"min\":").append(number(n.min().getAsDouble()))
                    .append(",\"max\":").append(number(n.max().getAsDouble()));
        }
        if (n.textIndexed()) {
            out.append(",\"textIndexed\":true");
        }
        if (n.valuesTruncated()) {
            out.append(",\"valuesTruncated\":true");
        }
        if (!n.values().isEmpty()) {
            out.append(",\"values\":[");
            boolean first = true;
            for (ValueCount v : n.values()) {
                out.append(first ? "" : ",").append("{\"value\":");
                string(v.value(), out);
                out.append(",\"meaning\":");
                string(v.meaning(), out);
                if (v.code().isPresent()) {
                    out.append(",\"code\":");
                    code(v.code().get(), out);
                }
                out.append(",\"documents\":").append(String.valueOf(v.documents())).append('}');
                first = false;
            }
            out.append(']');
        }
        if (!n.children().isEmpty()) {
            out.append(",\"children\":[");
            boolean first = true;
            for (TerminologyNode c : n.children()) {
                out.append(first ? "" : ",");
                node(c, out);
                first = false;
            }
            out.append(']');
        }
        out.append('}');
    }

    private static void code(ExternalCode c, Appendable out) throws IOException {
        out.append("{\"system\":\"").append(c.system().name()).append("\",\"scheme\":");
        string(c.scheme(), out);
        out.append(",\"value\":");
        string(c.value(), out);
        out.append(",\"meaning\":");
        string(c.meaning(), out);
        out.append('}');
    }

    private static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.valueOf((long) d);
        }
        return String.valueOf(d);
    }

    static void string(String s, Appendable out) throws IOException {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
