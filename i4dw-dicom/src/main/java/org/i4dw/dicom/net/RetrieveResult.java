/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The outcome of one C-GET or C-MOVE: the sub-operation counts and status of the final response,
 * the status in words (PS3.4 C.4.2.1.5 and C.4.3.1.5), the Failed SOP Instance UID List
 * (0008,0058) when the PACS sent one, and the instances this side received and handled. Immutable.
 *
 * <p>Returned for Success (0000H), Warning (B000H, some sub-operations failed) and Cancel (FE00H);
 * a failure status (Axxx, Cxxx...) is thrown as {@link RetrieveFailedException}, which carries the
 * result.
 *
 * @param status the status of the final response
 * @param statusMeaning the status in words
 * @param completed Number of Completed Sub-operations (0000,1021), or -1 if the PACS did not say
 * @param failed Number of Failed Sub-operations (0000,1022), or -1 if the PACS did not say
 * @param warning Number of Warning Sub-operations (0000,1023), or -1 if the PACS did not say
 * @param failedSopInstanceUids the Failed SOP Instance UID List of the final response, if any
 * @param received the instances received and handled successfully, in arrival order
 */
public record RetrieveResult(int status, String statusMeaning, int completed, int failed, int warning,
        List<String> failedSopInstanceUids, List<Instance> received) {

    /**
     * One instance received.
     *
     * @param sopClassUid the SOP class
     * @param sopInstanceUid the SOP instance
     * @param transferSyntaxUid the transfer syntax it arrived in
     */
    public record Instance(String sopClassUid, String sopInstanceUid, String transferSyntaxUid) {

        /** Checks that nothing is null. */
        public Instance {
            Objects.requireNonNull(sopClassUid, "sopClassUid");
            Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
            Objects.requireNonNull(transferSyntaxUid, "transferSyntaxUid");
        }
    }

    /** Copies the lists. */
    public RetrieveResult {
        Objects.requireNonNull(statusMeaning, "statusMeaning");
        failedSopInstanceUids = List.copyOf(failedSopInstanceUids);
        received = List.copyOf(received);
    }

    /**
     * Whether the final status is Success (0000H).
     *
     * @return true on success
     */
    public boolean isSuccess() {
        return status == 0;
    }

    /**
     * Whether the final status is Cancel (FE00H).
     *
     * @return true if the retrieve was cancelled
     */
    public boolean isCancelled() {
        return status == 0xFE00;
    }

    /** Counts and status; no UIDs. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "RetrieveResult[status %04XH %s, completed %d, failed %d, warning %d, "
                + "received %d]", status, statusMeaning, completed, failed, warning, received.size());
    }
}
