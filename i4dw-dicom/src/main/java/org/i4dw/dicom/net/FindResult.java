/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one C-FIND: how many results were handed to the callback, the final status and
 * whether the query was cancelled.
 *
 * @param results how many matches were received and handed to the callback
 * @param status the status of the final C-FIND-RSP (success, warning or cancel)
 * @param cancelled true if the callback asked to stop and a C-CANCEL-RQ was sent
 * @param elapsed the time from the request to the final response
 */
public record FindResult(long results, Status status, boolean cancelled, Duration elapsed) {

    /** Checks the values. */
    public FindResult {
        if (results < 0) {
            throw new IllegalArgumentException("results must not be negative, got " + results);
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
