/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import java.util.List;

/**
 * How a retrieval ended.
 *
 * @param received instances handed to the consumer
 * @param completed sub-operations the PACS reports completed
 * @param failed sub-operations the PACS reports failed
 * @param warning sub-operations the PACS reports with a warning
 * @param status the final status code
 * @param statusMeaning the final status in words
 * @param failedInstances SOP instance UIDs the PACS lists as failed
 * @param path how the instances came: e.g. {@code C-GET}, {@code C-MOVE}
 */
public record RetrieveOutcome(int received, int completed, int failed, int warning, int status, String statusMeaning,
        List<String> failedInstances, String path) {

    /** Copies the list. */
    public RetrieveOutcome {
        failedInstances = List.copyOf(failedInstances);
    }
}
