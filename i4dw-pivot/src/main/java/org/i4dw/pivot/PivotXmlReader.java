/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.pivot;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.UnmarshalException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.ValidationEvent;
import jakarta.xml.bind.ValidationEventLocator;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.validation.Schema;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.api.pivot.CodedValue;
import org.i4dw.api.pivot.DocumentType;
import org.i4dw.api.pivot.PivotDocument;
import org.i4dw.api.pivot.PivotElement;
import org.i4dw.api.pivot.PivotFormatException;
import org.i4dw.api.pivot.SeriesContext;
import org.i4dw.api.pivot.StudyContext;
import org.i4dw.pivot.XmlBinding.CodeXml;
import org.i4dw.pivot.XmlBinding.DocumentXml;
import org.i4dw.pivot.XmlBinding.Located;
import org.i4dw.pivot.XmlBinding.NumberXml;
import org.i4dw.pivot.XmlBinding.SeriesXml;
import org.i4dw.pivot.XmlBinding.StudyXml;
import org.i4dw.pivot.XmlBinding.ValueXml;

/**
 * Reads pivot XML with JAXB over the JDK's StAX parser, validating against {@code pivot-1.xsd}
 * while reading. Refuses a DOCTYPE (so no entity is ever expanded or fetched). Every problem is a
 * {@link PivotFormatException} with the line and column, and a reason that does not quote the
 * content. Thread-safe.
 */
final class PivotXmlReader {

    private static final String NS = XmlBinding.NS;

    /** Parts of the validator's messages that quote the content (which may be patient data). */
    private static final Pattern QUOTED_DATATYPE = Pattern.compile("(?s)^(cvc-datatype-valid\\.[0-9.]+: )'.*'( is not a valid value)");
    private static final Pattern QUOTED_VALUE = Pattern.compile(
            "(?s)([Vv]alue )'.*'( is not facet-valid| with length| of element| of attribute)");
    private static final Pattern PARSE_ERROR_PREFIX = Pattern.compile("(?s)^ParseError at \\[row,col\\]:\\[[0-9]+,[0-9]+\\]\\s*Message: ");

    private final Schema schema;
    private final JAXBContext context;

    PivotXmlReader(Schema schema) {
        this.schema = schema;
        try {
            this.context = JAXBContext.newInstance(DocumentXml.class);
        } catch (JAXBException e) {
            throw new I4dwConfigurationException("the JAXB runtime (org.glassfish.jaxb:jaxb-runtime) that reading pivot XML "
                    + "needs cannot bind the pivot format: " + e, e);
        }
    }

    /** One document whose root is {@code pivotDocument}. */
    PivotDocument read(InputStream in) throws IOException {
        XMLStreamReader r = open(in);
        try {
            root(r, "pivotDocument");
            PivotDocument d = document(r);
            if (skipSpace(r) != XMLStreamConstants.END_DOCUMENT) {
                throw at(r.getLocation(), "content after the end of the pivotDocument");
            }
            return d;
        } catch (XMLStreamException e) {
            throw fromStax(e);
        } finally {
            close(r);
        }
    }

    /** Every document of a {@code pivotDocuments} stream, handed over one by one as read. */
    void readStream(InputStream in, Consumer<PivotDocument> each) throws IOException {
        XMLStreamReader r = open(in);
        try {
            root(r, "pivotDocuments");
            if (!"1".equals(r.getAttributeValue(null, "version"))) {
                throw at(r.getLocation(), "the pivotDocuments envelope must have version=\"1\"");
            }
            r.next();
            while (true) {
                int event = skipSpace(r);
                if (event == XMLStreamConstants.END_ELEMENT) {
                    break;
                }
                if (!NS.equals(r.getNamespaceURI()) || !"pivotDocument".equals(r.getLocalName())) {
                    throw at(r.getLocation(), "expected a pivotDocument in the envelope, found " + name(r));
                }
                each.accept(document(r));
            }
            r.next();
            if (skipSpace(r) != XMLStreamConstants.END_DOCUMENT) {
                throw at(r.getLocation(), "content after the end of the pivotDocuments envelope");
            }
        } catch (XMLStreamException e) {
            throw fromStax(e);
        } finally {
            close(r);
        }
    }

    private static XMLStreamReader open(InputStream in) throws IOException {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        try {
            return f.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw fromStax(e);
        }
    }

    private static void close(XMLStreamReader r) {
        try {
            r.close();
        } catch (XMLStreamException e) {
            // closing a reader releases nothing of ours; the input stream is the caller's
        }
    }

    /** Moves to the root element, refusing a DOCTYPE, and checks its name. */
    private static void root(XMLStreamReader r, String expected) throws XMLStreamException {
        while (r.getEventType() != XMLStreamConstants.START_ELEMENT) {
            if (r.getEventType() == XMLStreamConstants.DTD) {
                throw at(r.getLocation(), "a DOCTYPE is not allowed in pivot XML");
            }
            if (!r.hasNext()) {
                throw at(r.getLocation(), "no root element");
            }
            r.next();
        }
        if (!NS.equals(r.getNamespaceURI()) || !expected.equals(r.getLocalName())) {
            throw at(r.getLocation(), "the root element must be " + expected + " in namespace " + NS + ", found "
                    + name(r) + ("pivotDocuments".equals(r.getLocalName())
                            ? " (a stream of documents, not one document)" : ""));
        }
    }

    private static String name(XMLStreamReader r) {
        String ns = r.getNamespaceURI();
        return r.getLocalName() + (ns == null || ns.isEmpty() ? " in no namespace" : " in namespace " + ns);
    }

    /** Skips white space and comments to the next start or end tag or the end; refuses other text. */
    private static int skipSpace(XMLStreamReader r) throws XMLStreamException {
        while (true) {
            int e = r.getEventType();
            switch (e) {
                case XMLStreamConstants.START_ELEMENT:
                case XMLStreamConstants.END_ELEMENT:
                case XMLStreamConstants.END_DOCUMENT:
                    return e;
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.CDATA:
                    if (!r.isWhiteSpace()) {
                        throw at(r.getLocation(), "text is not allowed here");
                    }
                    break;
                default:
                    break;
            }
            r.next();
        }
    }

    /** The document whose start tag is the reader's current event; leaves the reader after its end tag. */
    private PivotDocument document(XMLStreamReader r) throws IOException {
        Unmarshaller u;
        try {
            u = context.createUnmarshaller();
        } catch (JAXBException e) {
            throw new I4dwConfigurationException("cannot create a JAXB unmarshaller: " + e, e);
        }
        u.setSchema(schema);
        List<ValidationEvent> events = new ArrayList<>(1);
        try {
            u.setEventHandler(event -> {
                events.add(event);
                return false;
            });
        } catch (JAXBException e) {
            throw new I4dwConfigurationException("cannot set up a JAXB unmarshaller: " + e, e);
        }
        u.setListener(new Unmarshaller.Listener() {
            @Override
            public void beforeUnmarshal(Object target, Object parent) {
                if (target instanceof Located) {
                    Location l = r.getLocation();
                    ((Located) target).line = l.getLineNumber();
                    ((Located) target).column = l.getColumnNumber();
                }
            }
        });
        DocumentXml x;
        try {
            x = u.unmarshal(r, DocumentXml.class).getValue();
        } catch (UnmarshalException e) {
            throw failure(events, e);
        } catch (JAXBException e) {
            throw failure(events, e);
        }
        if (!events.isEmpty()) {
            throw fromEvent(events.get(0));
        }
        return model(x);
    }

    private static RuntimeException failure(List<ValidationEvent> events, JAXBException e) throws IOException {
        if (!events.isEmpty()) {
            return fromEvent(events.get(0));
        }
        PivotFormatException cause = fromCause(e.getLinkedException() != null ? e.getLinkedException() : e.getCause());
        return cause != null ? cause
                : new PivotFormatException(-1, -1, "unreadable: " + safe(String.valueOf(e.getMessage())), e);
    }

    private static PivotFormatException fromEvent(ValidationEvent event) throws IOException {
        PivotFormatException cause = fromCause(event.getLinkedException());
        if (cause != null) {
            return cause;
        }
        ValidationEventLocator l = event.getLocator();
        int line = l == null ? -1 : l.getLineNumber();
        int column = l == null ? -1 : l.getColumnNumber();
        return new PivotFormatException(line, column, safe(String.valueOf(event.getMessage())),
                event.getLinkedException());
    }

    /** A parse error found in a chain of causes, or null; an input failure is thrown. */
    private static PivotFormatException fromCause(Throwable first) throws IOException {
        for (Throwable t = first; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof XMLStreamException) {
                return fromStax((XMLStreamException) t);
            }
            if (t instanceof IOException && !(t instanceof CharConversionException)) {
                throw (IOException) t;
            }
        }
        return null;
    }

    /**
     * A parse error as a format error; a failure of the input stream itself (an
     * {@link IOException} other than a {@link CharConversionException}, which is bad encoding)
     * is thrown as it is.
     */
    private static PivotFormatException fromStax(XMLStreamException e) throws IOException {
        for (Throwable t = e.getNestedException() != null ? e.getNestedException() : e.getCause(); t != null;
                t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException && !(t instanceof CharConversionException)) {
                throw (IOException) t;
            }
        }
        Location l = e.getLocation();
        String message = String.valueOf(e.getMessage());
        message = PARSE_ERROR_PREFIX.matcher(message).replaceFirst("");
        return new PivotFormatException(l == null ? -1 : l.getLineNumber(), l == null ? -1 : l.getColumnNumber(),
                "not well-formed XML: " + safe(message), e);
    }

    private static PivotFormatException at(Location l, String reason) {
        return new PivotFormatException(l == null ? -1 : l.getLineNumber(), l == null ? -1 : l.getColumnNumber(), reason);
    }

    /** The validator's message without the values it quotes. */
    static String safe(String message) {
        String m = QUOTED_DATATYPE.matcher(message).replaceAll("$1(value not shown)$2");
        m = QUOTED_VALUE.matcher(m).replaceAll("$1(not shown)$2");
        m = m.strip();
        return m.length() > 400 ? m.substring(0, 400) + "..." : m;
    }

    private static PivotFormatException at(Located x, String reason) {
        return new PivotFormatException(x.line, x.column, reason);
    }

    /** The model, checked beyond what the schema says. */
    private static PivotDocument model(DocumentXml x) {
        PivotDocument.Builder b = PivotDocument.builder();
        try {
            b.documentId(x.documentId).type(DocumentType.ofXmlName(x.type)).accessionNumber(x.accessionNumber)
                    .patientKey(x.patientKey).title(x.title).text(x.text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PivotFormatException(x.line, x.column, String.valueOf(e.getMessage()), e);
        }
        b.study(study(x.study));
        b.series(series(x.series));
        for (ValueXml v : x.elements) {
            b.addElement(element(v));
        }
        return b.build();
    }

    private static StudyContext study(StudyXml s) {
        return new StudyContext(s.studyInstanceUid, date(s, s.studyDate, "studyDate"), time(s, s.studyTime),
                s.studyDescription);
    }

    private static SeriesContext series(SeriesXml s) {
        return new SeriesContext(s.seriesInstanceUid, s.seriesNumber, s.modality, s.seriesDescription,
                date(s, s.seriesDate, "seriesDate"), s.bodyPartExamined, s.sopClassUid, s.instancesExpected,
                s.instancesRetrieved);
    }

    private static LocalDate date(Located where, String value, String what) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw at(where, what + " is not a date");
        }
    }

    private static LocalTime time(Located where, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw at(where, "studyTime is not a time");
        }
    }

    private static PivotElement element(ValueXml v) {
        String value = v.value == null ? "" : v.value;
        if (!Lexical.valid(v.type(), value)) {
            throw at(v, "the value of a " + PivotXmlWriter.elementName(v.type()) + " element is not "
                    + Lexical.describe(v.type()));
        }
        String unit = v instanceof NumberXml ? ((NumberXml) v).unit : null;
        CodedValue coded = null;
        if (v instanceof CodeXml) {
            CodeXml c = (CodeXml) v;
            int present = (c.scheme != null ? 1 : 0) + (c.codeValue != null ? 1 : 0) + (c.meaning != null ? 1 : 0);
            if (present == 3) {
                coded = new CodedValue(c.scheme, c.codeValue, c.meaning);
            } else if (present != 0) {
                throw at(v, "a code element has some of the attributes scheme, codeValue and meaning but not all three");
            }
        }
        return new PivotElement(v.node, v.type(), value, unit, coded, v.occurrence == null ? 1 : v.occurrence,
                v.valueIndex == null ? 1 : v.valueIndex);
    }
}
