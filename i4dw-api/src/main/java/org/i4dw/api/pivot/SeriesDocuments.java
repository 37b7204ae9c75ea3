/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api.pivot;

import java.util.Collection;
import org.i4dw.data.Code;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;

/**
 * The pivot document of one series as the batch engine starts it from the series' (de-identified)
 * header: document type, title, the text built from the text index attributes, and the study and
 * series context. The caller adds the structured elements and builds it.
 */
public final class SeriesDocuments {

    /** The prefix of every Structured Report storage SOP class (PS3.4 Annex B, 1.2.840.10008.5.1.4.1.1.88.x). */
    private static final String SR_SOP_CLASS_PREFIX = "1.2.840.10008.5.1.4.1.1.88.";

    private SeriesDocuments() {
    }

    /**
     * Starts the document of a series.
     *
     * <ul>
     *   <li>type: {@link DocumentType#STRUCTURED_REPORT} when the Modality is SR or the SOP class
     *       is a Structured Report storage class, {@link DocumentType#IMAGE_SERIES} otherwise;</li>
     *   <li>title: a report's document title (the meaning of its Concept Name Code Sequence, or
     *       "Structured Report"); for images, the Modality and Series Description;</li>
     *   <li>text: the values of {@code textIndexFields} present, stripped, one per line, in the
     *       collection's order.</li>
     * </ul>
     *
     * @param header the series' header (or the C-FIND attributes in light mode)
     * @param documentId the document id (the de-identified Series Instance UID)
     * @param accessionNumber the accession number as the ETL gave it
     * @param patientKey the patient key
     * @param textIndexFields the attributes whose values make the text
     * @param expectedInstances the instances the PACS counts in the series, or a negative number if unknown
     * @param retrievedInstances the instances retrieved
     * @return a builder with everything but the elements set
     */
    public static PivotDocument.Builder start(DicomObject header, String documentId, String accessionNumber,
            String patientKey, Collection<Tag> textIndexFields, int expectedInstances, int retrievedInstances) {
        DicomObject d = header;
        String modality = d.string(Tag.Modality).orElse("");
        String sopClass = d.string(Tag.SOPClassUID).orElse(null);
        boolean sr = "SR".equals(modality) || (sopClass != null && sopClass.startsWith(SR_SOP_CLASS_PREFIX));
        String title;
        if (sr) {
            title = d.code(Tag.ConceptNameCodeSequence).map(Code::meaning).filter(m -> !m.isBlank())
                    .orElse("Structured Report");
        } else {
            title = (modality + " " + d.string(Tag.SeriesDescription).orElse("")).strip();
        }
        StringBuilder text = new StringBuilder();
        for (Tag tag : textIndexFields) {
            d.string(tag).map(String::strip).filter(s -> !s.isEmpty())
                    .ifPresent(s -> text.append(text.length() > 0 ? "\n" : "").append(s));
        }
        StudyContext study = new StudyContext(d.string(Tag.StudyInstanceUID).orElse(""),
                d.date(Tag.StudyDate).orElse(null), d.time(Tag.StudyTime).orElse(null),
                d.string(Tag.StudyDescription).orElse(null));
        SeriesContext series = new SeriesContext(documentId,
                d.integer(Tag.SeriesNumber).isPresent() ? d.integer(Tag.SeriesNumber).getAsInt() : null,
                modality.isEmpty() ? null : modality, d.string(Tag.SeriesDescription).orElse(null),
                d.date(Tag.SeriesDate).orElse(null), d.string(Tag.BodyPartExamined).orElse(null), sopClass,
                expectedInstances < 0 ? null : expectedInstances, retrievedInstances);
        return PivotDocument.builder().documentId(documentId)
                .type(sr ? DocumentType.STRUCTURED_REPORT : DocumentType.IMAGE_SERIES).accessionNumber(accessionNumber)
                .patientKey(patientKey).study(study).series(series).title(title).text(text.toString());
    }
}
