/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

import java.time.Duration;
import java.util.Objects;

/**
 * What happened to one series.
 *
 * @param documentId the de-identified Series Instance UID (the pivot document id)
 * @param modality the modality the PACS gave, or empty
 * @param status how it ended
 * @param instancesExpected the instances the PACS reports for the series, or -1 when it does not say
 * @param instancesRetrieved the instances received (0 in light mode)
 * @param path how the series was served: {@code C-FIND} or {@code QIDO-RS} (light),
 *     {@code C-GET(one instance, cancel)}, {@code C-MOVE(one instance)}, {@code WADO-RS metadata}...
 *     (routine); when earlier paths of the PACS's header-only chain failed, followed by
 *     {@code after} and each of those failures in words
 * @param reason why it failed or is partial, in words without patient data; empty when OK
 * @param elapsed the time spent on the series
 */
public record SeriesOutcome(String documentId, String modality, Status status, int instancesExpected,
        int instancesRetrieved, String path, String reason, Duration elapsed) {

    /** How a series ended. */
    public enum Status {
        /** Its document was sent to the sink. */
        OK,
        /** Its document was sent, but not everything the PACS announced was retrieved. */
        PARTIAL,
        /** No document was sent; see the reason. */
        FAILED
    }

    /** Requires every part. */
    public SeriesOutcome {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(modality, "modality");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
