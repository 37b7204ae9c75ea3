/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

import java.util.List;
import java.util.Objects;

/**
 * What happened to one accession number: exactly one per distinct accession number of a batch.
 *
 * @param accessionNumber the accession number as the ETL gave it
 * @param status how it ended
 * @param pacs the AE title of the PACS that held it, or empty
 * @param studies the studies found
 * @param series one outcome per series found
 * @param reason why it failed, is partial or was not found, in words without patient data; empty when OK
 */
public record AccessionOutcome(String accessionNumber, Status status, String pacs, int studies,
        List<SeriesOutcome> series, String reason) {

    /** How an accession number ended. */
    public enum Status {
        /** Every series of every study was extracted. */
        OK,
        /** Some series failed or were partly retrieved. */
        PARTIAL,
        /** No PACS holds a study with this accession number. */
        NOT_FOUND,
        /** Nothing was extracted: a bad accession number, a PACS that failed, or every series failed. */
        FAILED,
        /** The batch was cancelled or interrupted before this accession number was done. */
        CANCELLED
    }

    /** Copies the list; requires every part. */
    public AccessionOutcome {
        Objects.requireNonNull(accessionNumber, "accessionNumber");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(pacs, "pacs");
        Objects.requireNonNull(reason, "reason");
        series = List.copyOf(series);
    }
}
