/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What happened to each file of a bulk load into a test PACS: which were accepted and which were
 * rejected, with the reason (not a DICOM Part 10 file, refused by the server, ...). Reasons carry
 * server error names and file names, never patient data.
 *
 * @param accepted the files the server stored, in load order
 * @param rejected the files skipped or refused, in load order
 */
public record LoadReport(List<Accepted> accepted, List<Rejected> rejected) {

    /**
     * Copies both lists.
     */
    public LoadReport {
        accepted = List.copyOf(accepted);
        rejected = List.copyOf(rejected);
    }

    /**
     * A file the server stored.
     *
     * @param file the file that was sent
     * @param instanceId the server's identifier of the stored instance (Orthanc's instance id), or
     *     the SOP Instance UID when the server has no identifier of its own
     */
    public record Accepted(Path file, String instanceId) {
        /** Checks for nulls. */
        public Accepted {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(instanceId, "instanceId");
        }
    }

    /**
     * A file that was skipped before sending or refused by the server.
     *
     * @param file the file
     * @param reason why, in words
     */
    public record Rejected(Path file, String reason) {
        /** Checks for nulls. */
        public Rejected {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The number of files the server stored.
     *
     * @return the size of {@link #accepted()}
     */
    public int acceptedCount() {
        return accepted.size();
    }

    /**
     * The number of files skipped or refused.
     *
     * @return the size of {@link #rejected()}
     */
    public int rejectedCount() {
        return rejected.size();
    }

    /**
     * A one-line summary with counts and the names of rejected files.
     *
     * @return for example {@code 48 accepted, 2 rejected [a.dcm: Bad file format, ...]}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(accepted.size()).append(" accepted, ").append(rejected.size()).append(" rejected");
        if (!rejected.isEmpty()) {
            sb.append(" [");
            for (int i = 0; i < rejected.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                Rejected r = rejected.get(i);
                sb.append(r.file().getFileName()).append(": ").append(r.reason());
            }
            sb.append(']');
        }
        return sb.toString();
    }
}
