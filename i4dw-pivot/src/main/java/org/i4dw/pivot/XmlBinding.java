/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.pivot;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElementWrapper;
import jakarta.xml.bind.annotation.XmlElements;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlTransient;
import jakarta.xml.bind.annotation.XmlType;
import jakarta.xml.bind.annotation.XmlValue;
import java.util.ArrayList;
import java.util.List;
import org.i4dw.api.terminology.NodeType;

/**
 * The JAXB binding of {@code pivot-1.xsd}, used for reading only (the writer writes by hand).
 * Every value is kept as the string the document holds; {@link PivotXmlReader} turns it into the
 * model. Nothing here leaves the package.
 */
final class XmlBinding {

    static final String NS = PivotXmlSerializerProvider.XML_NAMESPACE;

    private XmlBinding() {
    }

    /** Where an element was found, set while unmarshalling, for messages. */
    @XmlTransient
    abstract static class Located {
        transient int line = -1;
        transient int column = -1;
    }

    /** {@code pivotDocument}. */
    @XmlRootElement(name = "pivotDocument", namespace = NS)
    @XmlType(name = "PivotDocument", namespace = NS)
    @XmlAccessorType(XmlAccessType.FIELD)
    static final class DocumentXml extends Located {
        @XmlElement(namespace = NS)
        String documentId;
        @XmlElement(namespace = NS)
        String type;
        @XmlElement(namespace = NS)
        String accessionNumber;
        @XmlElement(namespace = NS)
        String patientKey;
        @XmlElement(namespace = NS)
        StudyXml study;
        @XmlElement(namespace = NS)
        SeriesXml series;
        @XmlElement(namespace = NS)
        String title;
        @XmlElement(namespace = NS)
        String text;
        @XmlElementWrapper(name = "elements", namespace = NS)
        @XmlElements({
            @XmlElement(name = "code", namespace = NS, type = CodeXml.class),
            @XmlElement(name = "number", namespace = NS, type = NumberXml.class),
            @XmlElement(name = "date", namespace = NS, type = DateXml.class),
            @XmlElement(name = "time", namespace = NS, type = TimeXml.class),
            @XmlElement(name = "dateTime", namespace = NS, type = DateTimeXml.class),
            @XmlElement(name = "uidRef", namespace = NS, type = UidRefXml.class),
            @XmlElement(name = "personName", namespace = NS, type = PersonNameXml.class),
            @XmlElement(name = "text", namespace = NS, type = TextXml.class),
            @XmlElement(name = "reference", namespace = NS, type = ReferenceXml.class)})
        List<ValueXml> elements = new ArrayList<>();
    }

    /** {@code study}. */
    @XmlType(name = "Study", namespace = NS)
    @XmlAccessorType(XmlAccessType.FIELD)
    static final class StudyXml extends Located {
        @XmlElement(namespace = NS)
        String studyInstanceUid;
        @XmlElement(namespace = NS)
        String studyDate;
        @XmlElement(namespace = NS)
        String studyTime;
        @XmlElement(namespace = NS)
        String studyDescription;
    }

    /** {@code series}. */
    @XmlType(name = "Series", namespace = NS)
    @XmlAccessorType(XmlAccessType.FIELD)
    static final class SeriesXml extends Located {
        @XmlElement(namespace = NS)
        String seriesInstanceUid;
        @XmlElement(namespace = NS)
        Integer seriesNumber;
        @XmlElement(namespace = NS)
        String modality;
        @XmlElement(namespace = NS)
        String seriesDescription;
        @XmlElement(namespace = NS)
        String seriesDate;
        @XmlElement(namespace = NS)
        String bodyPartExamined;
        @XmlElement(namespace = NS)
        String sopClassUid;
        @XmlElement(namespace = NS)
        Integer instancesExpected;
        @XmlElement(namespace = NS)
        int instancesRetrieved;
    }

    /** The parts every structured element has. */
    @XmlTransient
    @XmlAccessorType(XmlAccessType.FIELD)
    abstract static class ValueXml extends Located {
        @XmlAttribute(name = "node")
        String node;
        @XmlAttribute(name = "occurrence")
        Integer occurrence;
        @XmlAttribute(name = "valueIndex")
        Integer valueIndex;
        @XmlValue
        String value;

        abstract NodeType type();
    }

    /** {@code code}. */
    @XmlType(name = "CodeElement", namespace = NS)
    @XmlAccessorType(XmlAccessType.FIELD)
    static final class CodeXml extends ValueXml {
        @XmlAttribute(name = "scheme")
        String scheme;
        @XmlAttribute(name = "codeValue")
        String codeValue;
        @XmlAttribute(name = "meaning")
        String meaning;

        @Override
        NodeType type() {
            return NodeType.CODE;
        }
    }

    /** {@code number}. */
    @XmlType(name = "NumberElement", namespace = NS)
    @XmlAccessorType(XmlAccessType.FIELD)
    static final class NumberXml extends ValueXml {
        @XmlAttribute(name = "unit")
        String unit;

        @Override
        NodeType type() {
            return NodeType.NUMBER;
        }
    }

    /** {@code date}. */
    @XmlType(name = "DateElement", namespace = NS)
    static final class DateXml extends ValueXml {
        @Override
        NodeType type() {
            return NodeType.DATE;
        }
    }

    /** {@code time}. */
    @XmlType(name = "TimeElement", namespace = NS)
    static final class TimeXml extends ValueXml {
        @Override
        NodeType type() {
            return NodeType.TIME;
        }
    }

    /** {@code dateTime}. */
    @XmlType(name = "DateTimeElement", namespace = NS)
    static final class DateTimeXml extends ValueXml {
        @Override
        NodeType type() {
            return NodeType.DATETIME;
        }
    }

    /** {@code uidRef}. */
    @XmlType(name = "UidRefElement", namespace = NS)
    static final class UidRefXml extends ValueXml {
        @Override
        NodeType type() {
            return NodeType.UIDREF;
        }
    }

    /** {@code personName}. */
    @XmlType(name = "PersonNameElement", namespace = NS)
    static final class PersonNameXml extends ValueXml {
        @Override
        NodeType type() {
            return NodeType.PNAME;
        }
    }

    /** {@code text} among the elements. */
    @XmlType(name = "TextElement", namespace = NS)
    static final class TextXml extends ValueXml {
        @Override
        NodeType type() {
            return NodeType.TEXT;
        }
    }

    /** {@code reference}. */
    @XmlType(name = "ReferenceElement", namespace = NS)
    static final class ReferenceXml extends ValueXml {
        @Override
        NodeType type() {
            return NodeType.REFERENCE;
        }
    }
}
