/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link SeriesStore#verify}: every instance of the series read and checked against
 * its manifest.
 *
 * @param key the series
 * @param status the verdict
 * @param findings what is wrong, one per instance at fault (empty unless {@link Status#CORRUPT})
 */
public record SeriesVerification(SeriesKey key, Status status, List<Finding> findings) {

    /** Copies the list and checks it agrees with the status. */
    public SeriesVerification {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(status, "status");
        findings = List.copyOf(findings);
        if ((status == Status.CORRUPT) == findings.isEmpty()) {
            throw new IllegalArgumentException("status " + status + " with " + findings.size() + " findings");
        }
    }

    /** The verdict on a series. */
    public enum Status {
        /** Every instance has the size and SHA-256 of its manifest. */
        INTACT,
        /** Something is wrong; the entry was invalidated. */
        CORRUPT,
        /** The store does not hold the series. */
        NOT_CACHED
    }

    /**
     * One problem.
     *
     * @param sopInstanceUid the de-identified instance at fault, or null when the manifest is
     * @param problem what is wrong
     */
    public record Finding(String sopInstanceUid, IntegrityProblem problem) {

        /** Checks the problem is given. */
        public Finding {
            Objects.requireNonNull(problem, "problem");
        }

        /**
         * The instance at fault.
         *
         * @return its UID, or empty when the manifest is at fault
         */
        public Optional<String> instance() {
            return Optional.ofNullable(sopInstanceUid);
        }
    }

    /**
     * True if the series is stored and intact.
     *
     * @return whether {@link #status()} is {@link Status#INTACT}
     */
    public boolean intact() {
        return status == Status.INTACT;
    }
}
