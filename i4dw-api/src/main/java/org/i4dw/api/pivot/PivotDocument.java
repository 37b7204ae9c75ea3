/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api.pivot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One pivot document: what the CDW receives for one series. Immutable; built with
 * {@link #builder()}.
 *
 * <p>Everything in it comes from the de-identified header except the accession number, which is
 * the link key exactly as the ETL gave it (the CDW already holds it with the report it came from).
 */
public final class PivotDocument {

    private final String documentId;
    private final DocumentType type;
    private final String accessionNumber;
    private final String patientKey;
    private final StudyContext study;
    private final SeriesContext series;
    private final String title;
    private final String text;
    private final List<PivotElement> elements;

    private PivotDocument(Builder b) {
        this.documentId = b.documentId;
        this.type = b.type;
        this.accessionNumber = b.accessionNumber;
        this.patientKey = b.patientKey;
        this.study = b.study;
        this.series = b.series;
        this.title = b.title == null ? "" : b.title;
        this.text = b.text == null ? "" : b.text;
        this.elements = List.copyOf(b.elements);
    }

    /**
     * A new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this document's content, to derive another.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder b = new Builder().documentId(documentId).type(type).accessionNumber(accessionNumber)
                .patientKey(patientKey).study(study).series(series).title(title).text(text);
        b.elements.addAll(elements);
        return b;
    }

    /**
     * The document id: the de-identified Series Instance UID.
     *
     * @return the id
     */
    public String documentId() {
        return documentId;
    }

    /**
     * What the document describes.
     *
     * @return the type
     */
    public DocumentType type() {
        return type;
    }

    /**
     * The accession number as the ETL gave it (the link to the radiology report).
     *
     * @return the accession number
     */
    public String accessionNumber() {
        return accessionNumber;
    }

    /**
     * The patient key: the de-identified Patient ID (a keyed pseudonym with the default profile).
     *
     * @return the patient key
     */
    public String patientKey() {
        return patientKey;
    }

    /**
     * The study.
     *
     * @return the study context
     */
    public StudyContext study() {
        return study;
    }

    /**
     * The series.
     *
     * @return the series context
     */
    public SeriesContext series() {
        return series;
    }

    /**
     * The title: the document title of an SR, else modality and series description.
     *
     * @return the title, possibly empty
     */
    public String title() {
        return title;
    }

    /**
     * The text field: the text index attributes (by default Study Description, Series
     * Description, Body Part Examined), one per line.
     *
     * @return the text, possibly empty
     */
    public String text() {
        return text;
    }

    /**
     * The structured elements, in header order.
     *
     * @return an immutable list
     */
    public List<PivotElement> elements() {
        return elements;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PivotDocument)) {
            return false;
        }
        PivotDocument d = (PivotDocument) o;
        return documentId.equals(d.documentId) && type == d.type && accessionNumber.equals(d.accessionNumber)
                && patientKey.equals(d.patientKey) && study.equals(d.study) && series.equals(d.series)
                && title.equals(d.title) && text.equals(d.text) && elements.equals(d.elements);
    }

    @Override
    public int hashCode() {
        return Objects.hash(documentId, accessionNumber, elements.size());
    }

    /** The document id, type and element count; no content. */
    @Override
    public String toString() {
        return "PivotDocument[" + documentId + ", " + type.xmlName() + ", " + elements.size() + " elements]";
    }

    /** Builds a {@link PivotDocument}; not thread-safe. */
    public static final class Builder {
        private String documentId;
        private DocumentType type = DocumentType.IMAGE_SERIES;
        private String accessionNumber;
        private String patientKey;
        private StudyContext study;
        private SeriesContext series;
        private String title;
        private String text;
        private final List<PivotElement> elements = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets the document id.
         *
         * @param id the de-identified Series Instance UID
         * @return this builder
         */
        public Builder documentId(String id) {
            this.documentId = requireText(id, "documentId");
            return this;
        }

        /**
         * Sets the type (default {@link DocumentType#IMAGE_SERIES}).
         *
         * @param t the type
         * @return this builder
         */
        public Builder type(DocumentType t) {
            this.type = Objects.requireNonNull(t, "type");
            return this;
        }

        /**
         * Sets the accession number as the ETL gave it.
         *
         * @param accession the accession number
         * @return this builder
         */
        public Builder accessionNumber(String accession) {
            this.accessionNumber = requireText(accession, "accessionNumber");
            return this;
        }

        /**
         * Sets the patient key.
         *
         * @param key the de-identified Patient ID
         * @return this builder
         */
        public Builder patientKey(String key) {
            this.patientKey = Objects.requireNonNull(key, "patientKey");
            return this;
        }

        /**
         * Sets the study context.
         *
         * @param s the study
         * @return this builder
         */
        public Builder study(StudyContext s) {
            this.study = Objects.requireNonNull(s, "study");
            return this;
        }

        /**
         * Sets the series context.
         *
         * @param s the series
         * @return this builder
         */
        public Builder series(SeriesContext s) {
            this.series = Objects.requireNonNull(s, "series");
            return this;
        }

        /**
         * Sets the title.
         *
         * @param t the title (null: empty)
         * @return this builder
         */
        public Builder title(String t) {
            this.title = t;
            return this;
        }

        /**
         * Sets the text field.
         *
         * @param t the text (null: empty)
         * @return this builder
         */
        public Builder text(String t) {
            this.text = t;
            return this;
        }

        /**
         * Adds a structured element.
         *
         * @param e the element
         * @return this builder
         */
        public Builder addElement(PivotElement e) {
            elements.add(Objects.requireNonNull(e, "element"));
            return this;
        }

        /**
         * Adds structured elements.
         *
         * @param es the elements
         * @return this builder
         */
        public Builder addElements(List<PivotElement> es) {
            for (PivotElement e : es) {
                addElement(e);
            }
            return this;
        }

        /**
         * The document.
         *
         * @return the document
         * @throws IllegalStateException if the id, accession number, patient key, study or series is missing
         */
        public PivotDocument build() {
            StringBuilder missing = new StringBuilder();
            if (documentId == null) {
                missing.append(" documentId");
            }
            if (accessionNumber == null) {
                missing.append(" accessionNumber");
            }
            if (patientKey == null) {
                missing.append(" patientKey");
            }
            if (study == null) {
                missing.append(" study");
            }
            if (series == null) {
                missing.append(" series");
            }
            if (missing.length() > 0) {
                throw new IllegalStateException("a pivot document needs" + missing);
            }
            return new PivotDocument(this);
        }

        private static String requireText(String s, String what) {
            Objects.requireNonNull(s, what);
            if (s.isBlank()) {
                throw new IllegalArgumentException(what + " is blank");
            }
            return s;
        }
    }
}
