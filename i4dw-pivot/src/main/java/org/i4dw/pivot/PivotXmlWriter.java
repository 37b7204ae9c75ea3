/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.pivot;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.i4dw.api.pivot.CodedValue;
import org.i4dw.api.pivot.DocumentType;
import org.i4dw.api.pivot.PivotDocument;
import org.i4dw.api.pivot.PivotElement;
import org.i4dw.api.pivot.SeriesContext;
import org.i4dw.api.pivot.StudyContext;
import org.i4dw.api.terminology.NodeType;
import org.i4dw.spi.PivotSerializerProvider.PivotStreamWriter;

/**
 * Writes pivot XML by hand, straight to UTF-8 bytes ({@link XmlOut}), in the shape
 * {@code pivot-1.xsd} describes. A document is checked whole before its first byte is written
 * ({@link #check}), so a refused document never leaves half a document in the output.
 */
final class PivotXmlWriter {

    /** The buffer between the writer and the output stream. */
    static final int BUFFER_SIZE = 16 * 1024;

    private static final byte[] PROLOG = XmlOut.ascii("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    private static final byte[] ROOT_OPEN = XmlOut.ascii("<pivotDocument xmlns=\"" + PivotXmlSerializerProvider.XML_NAMESPACE
            + "\" version=\"1\">\n  <documentId>");
    private static final byte[] NESTED_OPEN = XmlOut.ascii("  <pivotDocument version=\"1\">\n    <documentId>");
    private static final byte[] ENVELOPE_OPEN = XmlOut.ascii("<pivotDocuments xmlns=\""
            + PivotXmlSerializerProvider.XML_NAMESPACE + "\" version=\"1\">\n");
    private static final byte[] ENVELOPE_CLOSE = XmlOut.ascii("</pivotDocuments>\n");

    /** The markup of one document at one depth (0: the root; 1: in the envelope). */
    private static final class Markup {
        final byte[] type;
        final byte[] accession;
        final byte[] patientKey;
        final byte[] studyUid;
        final byte[] studyDate;
        final byte[] studyTime;
        final byte[] studyDescription;
        final byte[] seriesUid;
        final byte[] seriesNumber;
        final byte[] modality;
        final byte[] seriesDescription;
        final byte[] seriesDate;
        final byte[] bodyPart;
        final byte[] sopClass;
        final byte[] expected;
        final byte[] retrieved;
        final byte[] title;
        final byte[] text;
        final byte[] elementsEmpty;
        final byte[] elementsOpen;
        final byte[] elementsClose;
        final byte[][] open = new byte[NodeType.values().length][];
        final byte[][] end = new byte[NodeType.values().length][];

        Markup(String in) {
            String in1 = in + "  ";
            String in2 = in1 + "  ";
            type = XmlOut.ascii("</documentId>\n" + in1 + "<type>");
            accession = XmlOut.ascii("</type>\n" + in1 + "<accessionNumber>");
            patientKey = XmlOut.ascii("</accessionNumber>\n" + in1 + "<patientKey>");
            studyUid = XmlOut.ascii("</patientKey>\n" + in1 + "<study>\n" + in2 + "<studyInstanceUid>");
            studyDate = XmlOut.ascii("\n" + in2 + "<studyDate>");
            studyTime = XmlOut.ascii("\n" + in2 + "<studyTime>");
            studyDescription = XmlOut.ascii("\n" + in2 + "<studyDescription>");
            seriesUid = XmlOut.ascii("\n" + in1 + "</study>\n" + in1 + "<series>\n" + in2 + "<seriesInstanceUid>");
            seriesNumber = XmlOut.ascii("\n" + in2 + "<seriesNumber>");
            modality = XmlOut.ascii("\n" + in2 + "<modality>");
            seriesDescription = XmlOut.ascii("\n" + in2 + "<seriesDescription>");
            seriesDate = XmlOut.ascii("\n" + in2 + "<seriesDate>");
            bodyPart = XmlOut.ascii("\n" + in2 + "<bodyPartExamined>");
            sopClass = XmlOut.ascii("\n" + in2 + "<sopClassUid>");
            expected = XmlOut.ascii("\n" + in2 + "<instancesExpected>");
            retrieved = XmlOut.ascii("\n" + in2 + "<instancesRetrieved>");
            title = XmlOut.ascii("</instancesRetrieved>\n" + in1 + "</series>\n" + in1 + "<title>");
            text = XmlOut.ascii("</title>\n" + in1 + "<text>");
            elementsEmpty = XmlOut.ascii("</text>\n" + in1 + "<elements/>\n" + in + "</pivotDocument>\n");
            elementsOpen = XmlOut.ascii("</text>\n" + in1 + "<elements>");
            elementsClose = XmlOut.ascii("\n" + in1 + "</elements>\n" + in + "</pivotDocument>\n");
            for (NodeType t : NodeType.values()) {
                if (t != NodeType.CONTAINER) {
                    open[t.ordinal()] = XmlOut.ascii("\n" + in2 + "<" + elementName(t) + " node=\"");
                    end[t.ordinal()] = XmlOut.ascii("</" + elementName(t) + ">");
                }
            }
        }
    }

    private static final Markup ROOT = new Markup("");
    private static final Markup NESTED = new Markup("  ");

    private static final byte[] OCCURRENCE = XmlOut.ascii("\" occurrence=\"");
    private static final byte[] VALUE_INDEX = XmlOut.ascii("\" valueIndex=\"");
    private static final byte[] UNIT = XmlOut.ascii("\" unit=\"");
    private static final byte[] SCHEME = XmlOut.ascii("\" scheme=\"");
    private static final byte[] CODE_VALUE = XmlOut.ascii("\" codeValue=\"");
    private static final byte[] MEANING = XmlOut.ascii("\" meaning=\"");
    private static final byte[] START_CONTENT = XmlOut.ascii("\">");
    private static final byte[] END_STUDY_UID = XmlOut.ascii("</studyInstanceUid>");
    private static final byte[] END_STUDY_DATE = XmlOut.ascii("</studyDate>");
    private static final byte[] END_STUDY_TIME = XmlOut.ascii("</studyTime>");
    private static final byte[] END_STUDY_DESCRIPTION = XmlOut.ascii("</studyDescription>");
    private static final byte[] END_SERIES_UID = XmlOut.ascii("</seriesInstanceUid>");
    private static final byte[] END_SERIES_NUMBER = XmlOut.ascii("</seriesNumber>");
    private static final byte[] END_MODALITY = XmlOut.ascii("</modality>");
    private static final byte[] END_SERIES_DESCRIPTION = XmlOut.ascii("</seriesDescription>");
    private static final byte[] END_SERIES_DATE = XmlOut.ascii("</seriesDate>");
    private static final byte[] END_BODY_PART = XmlOut.ascii("</bodyPartExamined>");
    private static final byte[] END_SOP_CLASS = XmlOut.ascii("</sopClassUid>");
    private static final byte[] END_EXPECTED = XmlOut.ascii("</instancesExpected>");

    private static final byte[][] TYPE_NAMES = typeNames();

    private static byte[][] typeNames() {
        DocumentType[] types = DocumentType.values();
        byte[][] names = new byte[types.length][];
        for (DocumentType t : types) {
            names[t.ordinal()] = XmlOut.ascii(t.xmlName());
        }
        return names;
    }

    private PivotXmlWriter() {
    }

    /**
     * The element name of a node type in {@code pivot-1.xsd}.
     *
     * @param t a type other than CONTAINER
     * @return e.g. {@code dateTime}
     */
    static String elementName(NodeType t) {
        switch (t) {
            case CODE: return "code";
            case NUMBER: return "number";
            case DATE: return "date";
            case TIME: return "time";
            case DATETIME: return "dateTime";
            case UIDREF: return "uidRef";
            case PNAME: return "personName";
            case TEXT: return "text";
            case REFERENCE: return "reference";
            default: throw new IllegalArgumentException("a " + t + " has no element");
        }
    }

    /** One document as a whole file. */
    static void write(PivotDocument d, OutputStream out) throws IOException {
        write(d, out, new byte[BUFFER_SIZE], new EncodedCodes());
    }

    /**
     * One document as a whole file, through {@code buffer} (at least 256 bytes; reusable once this
     * returns), node codes escaped through {@code codes}.
     */
    static void write(PivotDocument d, OutputStream out, byte[] buffer, EncodedCodes codes) throws IOException {
        check(d);
        XmlOut x = new XmlOut(out, buffer);
        x.raw(PROLOG);
        x.raw(ROOT_OPEN);
        body(d, ROOT, x, codes);
        x.flushBuffer();
    }

    /** A stream of documents in a {@code pivotDocuments} envelope. */
    static final class Stream implements PivotStreamWriter {
        private final XmlOut x;
        private final EncodedCodes codes = new EncodedCodes();
        private boolean closed;

        Stream(OutputStream out) throws IOException {
            x = new XmlOut(out, BUFFER_SIZE);
            x.raw(PROLOG);
            x.raw(ENVELOPE_OPEN);
            x.flush();
        }

        @Override
        public void write(PivotDocument d) throws IOException {
            if (closed) {
                throw new IllegalStateException("this pivot stream is closed");
            }
            check(d);
            x.raw(NESTED_OPEN);
            body(d, NESTED, x, codes);
            x.flush();
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                x.raw(ENVELOPE_CLOSE);
                x.flush();
            }
        }
    }

    /**
     * Refuses what the schema cannot carry: a typed value outside its type's lexical form, a
     * unit on anything but a NUMBER, a coded triplet on anything but a CODE, a date outside years
     * 1 to 9999. The message names the element by node code and position, never by value.
     *
     * @throws IllegalArgumentException if the document cannot be written
     */
    static void check(PivotDocument d) {
        date(d.study().studyDate(), "the study date");
        date(d.series().seriesDate(), "the series date");
        List<PivotElement> elements = d.elements();
        for (int i = 0, n = elements.size(); i < n; i++) {
            PivotElement e = elements.get(i);
            NodeType t = e.type();
            if (!Lexical.valid(t, e.value())) {
                throw refused(e, "its value is not " + Lexical.describe(t));
            }
            if (e.unit() != null && t != NodeType.NUMBER) {
                throw refused(e, "only a NUMBER has a unit");
            }
            if (e.coded() != null && t != NodeType.CODE) {
                throw refused(e, "only a CODE has a coded value");
            }
        }
    }

    private static IllegalArgumentException refused(PivotElement e, String why) {
        return new IllegalArgumentException("pivot element " + e.code() + " (" + e.type() + ", occurrence "
                + e.occurrence() + ", value " + e.valueIndex() + ") cannot be written: " + why);
    }

    private static void date(LocalDate date, String what) {
        if (date != null && (date.getYear() < 1 || date.getYear() > 9999)) {
            throw new IllegalArgumentException(what + " cannot be written: its year is not from 1 to 9999");
        }
    }

    private static void body(PivotDocument d, Markup m, XmlOut x, EncodedCodes codes) throws IOException {
        x.content(d.documentId());
        x.raw(m.type);
        x.raw(TYPE_NAMES[d.type().ordinal()]);
        x.raw(m.accession);
        x.content(d.accessionNumber());
        x.raw(m.patientKey);
        x.content(d.patientKey());
        StudyContext st = d.study();
        x.raw(m.studyUid);
        x.content(st.studyInstanceUid());
        x.raw(END_STUDY_UID);
        if (st.studyDate() != null) {
            x.raw(m.studyDate);
            date(st.studyDate(), x);
            x.raw(END_STUDY_DATE);
        }
        if (st.studyTime() != null) {
            x.raw(m.studyTime);
            time(st.studyTime(), x);
            x.raw(END_STUDY_TIME);
        }
        optional(m.studyDescription, st.studyDescription(), END_STUDY_DESCRIPTION, x);
        SeriesContext se = d.series();
        x.raw(m.seriesUid);
        x.content(se.seriesInstanceUid());
        x.raw(END_SERIES_UID);
        if (se.seriesNumber() != null) {
            x.raw(m.seriesNumber);
            x.integer(se.seriesNumber());
            x.raw(END_SERIES_NUMBER);
        }
        optional(m.modality, se.modality(), END_MODALITY, x);
        optional(m.seriesDescription, se.seriesDescription(), END_SERIES_DESCRIPTION, x);
        if (se.seriesDate() != null) {
            x.raw(m.seriesDate);
            date(se.seriesDate(), x);
            x.raw(END_SERIES_DATE);
        }
        optional(m.bodyPart, se.bodyPartExamined(), END_BODY_PART, x);
        optional(m.sopClass, se.sopClassUid(), END_SOP_CLASS, x);
        if (se.instancesExpected() != null) {
            x.raw(m.expected);
            x.integer(se.instancesExpected());
            x.raw(END_EXPECTED);
        }
        x.raw(m.retrieved);
        x.integer(se.instancesRetrieved());
        x.raw(m.title);
        x.content(d.title());
        x.raw(m.text);
        x.content(d.text());
        List<PivotElement> elements = d.elements();
        int n = elements.size();
        if (n == 0) {
            x.raw(m.elementsEmpty);
            return;
        }
        x.raw(m.elementsOpen);
        for (int i = 0; i < n; i++) {
            element(elements.get(i), m, x, codes);
        }
        x.raw(m.elementsClose);
    }

    private static void optional(byte[] open, String value, byte[] close, XmlOut x) throws IOException {
        if (value != null) {
            x.raw(open);
            x.content(value);
            x.raw(close);
        }
    }

    private static void element(PivotElement e, Markup m, XmlOut x, EncodedCodes codes) throws IOException {
        int t = e.type().ordinal();
        x.raw(m.open[t]);
        x.raw(codes.attribute(e.code()));
        if (e.occurrence() != 1) {
            x.raw(OCCURRENCE);
            x.integer(e.occurrence());
        }
        if (e.valueIndex() != 1) {
            x.raw(VALUE_INDEX);
            x.integer(e.valueIndex());
        }
        if (e.unit() != null) {
            x.raw(UNIT);
            x.attribute(e.unit());
        }
        CodedValue c = e.coded();
        if (c != null) {
            x.raw(SCHEME);
            x.attribute(c.scheme());
            x.raw(CODE_VALUE);
            x.attribute(c.code());
            x.raw(MEANING);
            x.attribute(c.meaning());
        }
        x.raw(START_CONTENT);
        x.content(e.value());
        x.raw(m.end[t]);
    }

    /** YYYY-MM-DD; the year was checked to be 1 to 9999. */
    private static void date(LocalDate d, XmlOut x) throws IOException {
        x.digits(d.getYear(), 4);
        x.raw('-');
        x.digits(d.getMonthValue(), 2);
        x.raw('-');
        x.digits(d.getDayOfMonth(), 2);
    }

    /** HH:MM:SS and, when there are nanoseconds, a fraction without trailing zeros. */
    private static void time(LocalTime t, XmlOut x) throws IOException {
        x.digits(t.getHour(), 2);
        x.raw(':');
        x.digits(t.getMinute(), 2);
        x.raw(':');
        x.digits(t.getSecond(), 2);
        int nano = t.getNano();
        if (nano != 0) {
            int width = 9;
            while (nano % 10 == 0) {
                nano /= 10;
                width--;
            }
            x.raw('.');
            x.digits(nano, width);
        }
    }
}
