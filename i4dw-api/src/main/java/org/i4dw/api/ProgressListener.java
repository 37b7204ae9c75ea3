/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

/**
 * Hears how a batch goes. Called from one thread at a time; keep it quick.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Hears nothing. */
    ProgressListener NONE = (outcome, done) -> { };

    /**
     * One accession number is done.
     *
     * @param outcome its outcome
     * @param done how many accession numbers of the batch are done so far
     */
    void accessionDone(AccessionOutcome outcome, int done);
}
