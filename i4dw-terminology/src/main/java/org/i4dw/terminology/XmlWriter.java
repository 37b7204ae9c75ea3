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
 * XML export, written by hand, the same information as {@link JsonWriter}; described by
 * {@code dcmehop-1.xsd}:
 *
 * <pre>{@code
 * <terminology xmlns="urn:i4dw:dcmehop:1" format="dcmehop" version="1">
 *   <settings maxValues="100" maxSrDepth="8"><textIndexField tag="00081030"/></settings>
 *   <node code="..." label="..." type="NUMBER" patients="2" documents="3" textIndexed="true" valuesTruncated="true">
 *     <externalCode system="DICOM" scheme="DCM" value="113838" meaning="DLP"/>
 *     <unit>mGy.cm</unit>
 *     <range min="10" max="250"/>
 *     <values><value value="CT" meaning="CT" documents="2"><externalCode .../></value></values>
 *     <node .../>
 *   </node>
 * </terminology>
 * }</pre>
 *
 * Optional parts are left out when absent ({@code maxSrDepth} when unlimited). The output is pure
 * ASCII: everything above U+007E is a character reference, so the text is right whatever charset
 * the {@link Appendable} is later encoded in. Characters XML 1.0 does not allow (most C0 controls,
 * lone surrogates, U+FFFE, U+FFFF) cannot be represented at all and become U+FFFD.
 */
final class XmlWriter {

    private XmlWriter() {
    }

    static void write(Terminology t, Appendable out) throws IOException {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<terminology xmlns=\"")
                .append(DcmehopTerminologyProvider.XML_NAMESPACE)
                .append("\" format=\"dcmehop\" version=\"1\">\n  <settings maxValues=\"")
                .append(String.valueOf(t.settings().maxValues())).append('"');
        if (t.settings().maxSrDepth() != Integer.MAX_VALUE) {
            out.append(" maxSrDepth=\"").append(String.valueOf(t.settings().maxSrDepth())).append('"');
        }
        if (t.settings().textIndexFields().isEmpty()) {
            out.append("/>\n");
        } else {
            out.append('>');
            for (Tag tag : t.settings().textIndexFields().stream().sorted().toList()) {
                out.append("<textIndexField tag=\"").append(String.format(Locale.ROOT, "%08X", tag.value()))
                        .append("\"/>");
            }
            out.append("</settings>\n");
        }
        for (TerminologyNode n : t.roots()) {
            node(n, 1, out);
        }
        out.append("</terminology>\n");
    }

    private static void node(TerminologyNode n, int depth, Appendable out) throws IOException {
        indent(depth, out);
        out.append("<node");
        attribute("code", n.code(), out);
        attribute("label", n.label(), out);
        out.append(" type=\"").append(n.type().name()).append("\" patients=\"")
                .append(String.valueOf(n.patientCount())).append("\" documents=\"")
                .append(String.valueOf(n.documentCount())).append('"');
        if (n.textIndexed()) {
            out.append(" textIndexed=\"true\"");
        }
        if (n.valuesTruncated()) {
            out.append(" valuesTruncated=\"true\"");
        }
        boolean empty = n.externalCode().isEmpty() && n.units().isEmpty() && n.min().isEmpty()
                && n.values().isEmpty() && n.children().isEmpty();
        if (empty) {
            out.append("/>\n");
            return;
        }
        out.append(">\n");
        if (n.externalCode().isPresent()) {
            indent(depth + 1, out);
            code(n.externalCode().get(), out);
            out.append('\n');
        }
        for (String unit : n.units()) {
            indent(depth + 1, out);
            out.append("<unit>");
            text(unit, false, out);
            out.append("</unit>\n");
        }
        if (n.min().isPresent()) {
            indent(depth + 1, out);
            out.append("<range min=\"").append(number(n.min().getAsDouble())).append("\" max=\"")
                    .append(number(n.max().getAsDouble())).append("\"/>\n");
        }
        if (!n.values().isEmpty()) {
            indent(depth + 1, out);
            out.append("<values>\n");
            for (ValueCount v : n.values()) {
                indent(depth + 2, out);
                out.append("<value");
                attribute("value", v.value(), out);
                attribute("meaning", v.meaning(), out);
                out.append(" documents=\"").append(String.valueOf(v.documents())).append('"');
                if (v.code().isPresent()) {
                    out.append('>');
                    code(v.code().get(), out);
                    out.append("</value>\n");
                } else {
                    out.append("/>\n");
                }
            }
            indent(depth + 1, out);
            out.append("</values>\n");
        }
        for (TerminologyNode c : n.children()) {
            node(c, depth + 1, out);
        }
        indent(depth, out);
        out.append("</node>\n");
    }

    private static void code(ExternalCode c, Appendable out) throws IOException {
        out.append("<externalCode system=\"").append(c.system().name()).append('"');
        attribute("scheme", c.scheme(), out);
        attribute("value", c.value(), out);
        attribute("meaning", c.meaning(), out);
        out.append("/>");
    }

    private static void indent(int depth, Appendable out) throws IOException {
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    /** An xs:double lexical form: integral values without a fraction, INF and -INF for infinities. */
    private static String number(double d) {
        if (Double.isInfinite(d)) {
            return d > 0 ? "INF" : "-INF";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.valueOf((long) d);
        }
        return String.valueOf(d);
    }

    private static void attribute(String name, String value, Appendable out) throws IOException {
        out.append(' ').append(name).append("=\"");
        text(value, true, out);
        out.append('"');
    }

    /**
     * Escapes {@code &}, {@code <}, {@code >}, {@code "}, non-ASCII as character references, and in
     * attributes also tab, line feed and carriage return (which attribute-value normalization would
     * otherwise turn into spaces); characters XML 1.0 does not allow become U+FFFD.
     */
    static void text(String s, boolean inAttribute, Appendable out) throws IOException {
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&': out.append("&amp;"); break;
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '"': out.append("&quot;"); break;
                case '\t':
                case '\n':
                case '\r':
                    if (inAttribute || c == '\r') {
                        out.append("&#").append(String.valueOf(c)).append(';');
                    } else {
                        out.append((char) c);
                    }
                    break;
                default:
                    if (!allowed(c)) {
                        out.append("&#xFFFD;");
                    } else if (c > 0x7E) {
                        out.append("&#x").append(Integer.toHexString(c).toUpperCase(Locale.ROOT)).append(';');
                    } else {
                        out.append((char) c);
                    }
            }
        }
    }

    /** XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. */
    private static boolean allowed(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
