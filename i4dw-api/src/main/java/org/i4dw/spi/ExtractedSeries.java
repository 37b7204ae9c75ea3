/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import java.util.Objects;
import org.i4dw.api.Mode;
import org.i4dw.data.DicomObject;

/**
 * One series as an extraction feature sees it: de-identified, with its link keys.
 *
 * @param accessionNumber the accession number as the ETL gave it
 * @param patientKey the de-identified Patient ID
 * @param documentId the de-identified Series Instance UID (the pivot document id)
 * @param header the de-identified header of one instance (routine and caching modes), or the
 *     de-identified patient, study and series attributes the PACS returned to C-FIND (light mode)
 * @param mode how the series was fetched
 */
public record ExtractedSeries(String accessionNumber, String patientKey, String documentId, DicomObject header,
        Mode mode) {

    /** Requires every part. */
    public ExtractedSeries {
        Objects.requireNonNull(accessionNumber, "accessionNumber");
        Objects.requireNonNull(patientKey, "patientKey");
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(mode, "mode");
    }

    /** The document id only (the header is de-identified, but need not be in logs). */
    @Override
    public String toString() {
        return "ExtractedSeries[" + documentId + ", " + mode + "]";
    }
}
