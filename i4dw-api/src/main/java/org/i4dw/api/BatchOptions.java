/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How one batch runs: its features, who hears its progress, how to cancel it, and its journal.
 * Immutable; built with {@link #builder()}.
 *
 * <p>With a journal, the batch records each series and accession number as it ends, forced to
 * disk. If the journal already holds records of an earlier, interrupted run of the batch, the
 * batch resumes: accession numbers that ended OK or not found are not queried again (their
 * recorded outcomes are reported), and series that were sent to the sink are neither fetched
 * nor sent again. Accession numbers that failed, were partial or were cancelled are done again.
 * The terminology of a resumed batch covers only the series of this run.
 */
public final class BatchOptions {

    private static final BatchOptions DEFAULTS = builder().build();

    private final List<String> features;
    private final ProgressListener progress;
    private final CancellationToken cancellation;
    private final Path journal;
    private final boolean journalSync;
    private final String cohort;

    private BatchOptions(Builder b) {
        this.features = b.features;
        this.progress = b.progress;
        this.cancellation = b.cancellation;
        this.journal = b.journal;
        this.journalSync = b.journalSync;
        this.cohort = b.cohort;
    }

    /**
     * The cohort of the series store that the series of this batch join (caching mode).
     *
     * @return the cohort name, if any
     */
    public Optional<String> cohort() {
        return Optional.ofNullable(cohort);
    }

    /**
     * The defaults: the bridge's features, no listener, not cancellable from outside, no journal.
     *
     * @return the options
     */
    public static BatchOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The features of this batch, if they differ from the bridge's.
     *
     * @return the plugin ids, or empty for the bridge's defaults
     */
    public Optional<List<String>> features() {
        return Optional.ofNullable(features);
    }

    /**
     * Who hears the progress.
     *
     * @return the listener
     */
    public ProgressListener progress() {
        return progress;
    }

    /**
     * The token that cancels the batch.
     *
     * @return the token
     */
    public CancellationToken cancellation() {
        return cancellation;
    }

    /**
     * The journal file.
     *
     * @return the file, if any
     */
    public Optional<Path> journal() {
        return Optional.ofNullable(journal);
    }

    /**
     * Whether each journal line is forced to disk.
     *
     * @return true by default
     */
    public boolean journalSync() {
        return journalSync;
    }

    /** Builds {@link BatchOptions}. */
    public static final class Builder {
        private List<String> features;
        private ProgressListener progress = ProgressListener.NONE;
        private CancellationToken cancellation = new CancellationToken();
        private Path journal;
        private boolean journalSync = true;
        private String cohort;

        private Builder() {
        }

        /**
         * In caching mode, adds every series of the batch to this cohort of the series store
         * (pin it there so eviction spares it).
         *
         * @param name 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'
         * @return this builder
         * @throws I4dwConfigurationException if the name is not valid
         */
        public Builder cohort(String name) {
            try {
                org.i4dw.spi.CohortName.of(name);
            } catch (IllegalArgumentException e) {
                throw new I4dwConfigurationException(e.getMessage(), e);
            }
            this.cohort = name;
            return this;
        }

        /**
         * The features of this batch, by plugin id, in the order they run.
         *
         * @param ids plugin ids
         * @return this builder
         * @throws I4dwConfigurationException if an id is blank or given twice
         */
        public Builder features(List<String> ids) {
            Set<String> set = new LinkedHashSet<>();
            for (String id : ids) {
                if (!set.add(PacsBridge.Builder.requireId(id, "feature"))) {
                    throw new I4dwConfigurationException("the feature '" + id + "' is given twice");
                }
            }
            this.features = List.copyOf(set);
            return this;
        }

        /**
         * Who hears each accession number as it completes.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder progress(ProgressListener listener) {
            this.progress = Objects.requireNonNull(listener, "progress");
            return this;
        }

        /**
         * The token another thread may use to cancel the batch.
         *
         * @param token the token
         * @return this builder
         */
        public Builder cancellation(CancellationToken token) {
            this.cancellation = Objects.requireNonNull(token, "cancellation");
            return this;
        }

        /**
         * The journal file: created when missing, resumed from when it holds an earlier run.
         *
         * @param file the file
         * @return this builder
         */
        public Builder journal(Path file) {
            this.journal = Objects.requireNonNull(file, "journal");
            return this;
        }

        /**
         * Whether each journal line is forced to disk (default true; false trades the promise
         * to resume exactly after a power loss for speed).
         *
         * @param on true to force
         * @return this builder
         */
        public Builder journalSync(boolean on) {
            this.journalSync = on;
            return this;
        }

        /**
         * The options.
         *
         * @return the options
         */
        public BatchOptions build() {
            return new BatchOptions(this);
        }
    }
}
