/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.i4dw.api.terminology.Terminology;
import org.i4dw.api.terminology.TerminologySettings;
import org.i4dw.spi.DeidentifierProvider;
import org.i4dw.spi.DeidentifierSpec;
import org.i4dw.spi.ExtractionPlugin;
import org.i4dw.spi.ProviderRegistry;
import org.i4dw.spi.TerminologyProvider;
import org.i4dw.spi.TransportProvider;
import org.i4dw.spi.TransportSettings;

/**
 * The entry point: extracts accession numbers from one or more PACS into pivot documents, a
 * DCMEHOP terminology and a batch report.
 *
 * <pre>{@code
 * try (PacsBridge bridge = PacsBridge.builder()
 *         .pacs(PacsAddress.parse("ORTHANC@pacs.example:104"))
 *         .callingAeTitle("I4DW")
 *         .retrieveWith(Retrieve.C_GET)
 *         .mode(Mode.ROUTINE)
 *         .deidentification(DeidentifierSpec.of("default", key, null))
 *         .features("pivot", "terminology")
 *         .maxAssociations(4)
 *         .build()) {
 *     BatchReport report = bridge.extract(accessionNumbers, sink);
 * }
 * }</pre>
 *
 * <p>For each accession number: C-FIND STUDY by Accession Number on each PACS in turn until one
 * holds it (never C-MOVE by accession number, which many PACS refuse), C-FIND SERIES of each
 * study, then per series: in routine mode the header of one instance (pixel data never read),
 * in light mode the C-FIND attributes only. A PACS given by a DICOMweb address
 * ({@code https://host/dicom-web}) is queried with QIDO-RS and its headers come as WADO-RS
 * metadata; a PACS reachable both ways ({@code AET@host:port+https://host/dicom-web}) follows its
 * retrieval paths in order ({@link Builder#retrieveWith(PacsAddress, Retrieve, Retrieve...)}). Each series is de-identified, handed to the features
 * and sent to the sink as one {@link org.i4dw.api.pivot.PivotDocument} as soon as it is done.
 * Accession numbers are read lazily from the iterable and at most a few are in flight, so a batch
 * of any size runs in bounded memory. Every distinct accession number ends with exactly one
 * {@link AccessionOutcome}; a bad one fails alone and the batch goes on.
 *
 * <p>Thread-safe: batches may run at once; they share the bridge's associations (at most
 * {@link Builder#maxAssociations(int)} per PACS) and terminology. Holds no static state; close
 * it to release associations and threads.
 */
public final class PacsBridge implements AutoCloseable {

    private final BatchEngine engine;

    private PacsBridge(BatchEngine engine) {
        this.engine = engine;
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
     * Extracts a batch.
     *
     * @param accessionNumbers the accession numbers, read lazily (e.g. from a file); null or blank
     *     entries get a FAILED outcome, repeated ones are handled once
     * @param sink receives each document as its series completes
     * @return one outcome per distinct accession number
     */
    public BatchReport extract(Iterable<String> accessionNumbers, DocumentSink sink) {
        return extract(accessionNumbers, sink, BatchOptions.defaults());
    }

    /**
     * Extracts a batch with its options: features, progress, cancellation, journal (resume).
     *
     * @param accessionNumbers the accession numbers, read lazily
     * @param sink receives each document as its series completes
     * @param options how the batch runs
     * @return one outcome per distinct accession number
     * @throws I4dwConfigurationException if no plugin has one of the feature ids, or the journal
     *     cannot be used
     */
    public BatchReport extract(Iterable<String> accessionNumbers, DocumentSink sink, BatchOptions options) {
        Objects.requireNonNull(accessionNumbers, "accessionNumbers");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(options, "options");
        return engine.run(accessionNumbers, sink, options);
    }

    /**
     * The terminology of every series this bridge has extracted so far (when the
     * {@code terminology} feature is on; else empty).
     *
     * @return an immutable terminology
     */
    public Terminology terminology() {
        return engine.terminology();
    }

    /**
     * The default features of this bridge's batches, by id, in the order they run.
     *
     * @return the ids
     */
    public List<String> features() {
        return engine.featureIds();
    }

    /**
     * The series store of caching mode (to pin cohorts, evict, verify, read statistics).
     *
     * @return the store, when the mode is CACHING
     */
    public java.util.Optional<org.i4dw.spi.SeriesStore> seriesStore() {
        return engine.seriesStore();
    }

    /**
     * The mode.
     *
     * @return the mode
     */
    public Mode mode() {
        return engine.mode();
    }

    /** Closes the features, the associations and the threads. */
    @Override
    public void close() {
        engine.close();
    }

    /** Builds a {@link PacsBridge}. Each setting is checked when it is set; combinations in {@link #build()}. */
    public static final class Builder {

        static final List<String> DEFAULT_FEATURES = List.of("pivot", "terminology");

        final List<PacsAddress> pacs = new ArrayList<>();
        final Map<PacsAddress, List<Retrieve>> retrievals = new LinkedHashMap<>();
        final Map<PacsAddress, HttpAuthentication> authentications = new LinkedHashMap<>();
        final Set<PacsAddress> keepAfterCancel = new LinkedHashSet<>();
        AeTitle callingAeTitle = AeTitle.of("I4DW");
        Retrieve retrieve = Retrieve.C_GET;
        int storageScpPort;
        boolean storageScpPortSet;
        Mode mode = Mode.ROUTINE;
        DeidentifierSpec deidentification;
        String deidentifierId;
        List<String> features = DEFAULT_FEATURES;
        int maxAssociations = 4;
        int concurrency;
        Duration connectTimeout = Duration.ofSeconds(5);
        Duration responseTimeout = Duration.ofSeconds(60);
        TerminologySettings terminologySettings = TerminologySettings.defaults();
        String terminologyId;
        ProviderRegistry<TransportProvider> transports;
        ProviderRegistry<DeidentifierProvider> deidentifiers;
        ProviderRegistry<TerminologyProvider> terminologies;
        ProviderRegistry<ExtractionPlugin> plugins;
        int retries = 2;
        Duration retryBackoff = Duration.ofMillis(250);
        double maxRequestsPerSecond;
        boolean adaptiveLoadControl = true;
        Duration slowResponse = Duration.ofSeconds(5);
        int maxQueryResults;
        org.i4dw.spi.SeriesStoreSettings seriesStore;
        ProviderRegistry<org.i4dw.spi.SeriesStoreProvider> seriesStores;
        ProviderRegistry<org.i4dw.spi.DicomCodecProvider> codecs;
        boolean verifyCachedSeries = true;
        java.time.LocalTime windowStart;
        java.time.LocalTime windowEnd;

        private Builder() {
        }

        /**
         * The series store of caching mode, in a folder (the {@code disk} store of i4dw-cache,
         * without size or age limits; see {@link #seriesStore(org.i4dw.spi.SeriesStoreSettings)}).
         *
         * @param location the store's folder
         * @return this builder
         */
        public Builder seriesStore(java.nio.file.Path location) {
            return seriesStore(org.i4dw.spi.SeriesStoreSettings.builder(location).build());
        }

        /**
         * The series store of caching mode: whole de-identified series kept on disk, so a later
         * batch that asks for them sends no retrieval to the PACS.
         *
         * @param settings the location and limits
         * @return this builder
         */
        public Builder seriesStore(org.i4dw.spi.SeriesStoreSettings settings) {
            this.seriesStore = Objects.requireNonNull(settings, "seriesStore");
            return this;
        }

        /**
         * Whether a series found in the store is checked, instance by instance, against the
         * SHA-256 of its manifest before it is used (default true). A corrupt series is
         * invalidated, reported in the log and fetched again. Turning it off trusts the store
         * and saves reading every cached byte on each hit.
         *
         * @param on true to verify
         * @return this builder
         */
        public Builder verifyCachedSeries(boolean on) {
            this.verifyCachedSeries = on;
            return this;
        }

        /**
         * Series store providers to use instead of discovering them.
         *
         * @param registry the registry
         * @return this builder
         */
        public Builder seriesStores(ProviderRegistry<org.i4dw.spi.SeriesStoreProvider> registry) {
            this.seriesStores = Objects.requireNonNull(registry, "seriesStores");
            return this;
        }

        /**
         * DICOM codec providers to use instead of discovering them (caching mode reads and writes
         * whole instances).
         *
         * @param registry the registry
         * @return this builder
         */
        public Builder codecs(ProviderRegistry<org.i4dw.spi.DicomCodecProvider> registry) {
            this.codecs = Objects.requireNonNull(registry, "codecs");
            return this;
        }

        /**
         * The most results the engine reads from one C-FIND (default 0: no cap of ours). Set it
         * to the PACS's own cap when the PACS cuts answers short without saying so; it also
         * bounds what one query can cost. A query that reaches the cap is cancelled there
         * (C-CANCEL) and taken as cut short, like one the PACS ends with the status Cancel
         * (FE00H, what Orthanc's {@code LimitFindResults} does).
         *
         * <p>A series list that may be cut short, or that is shorter than the PACS's own Number
         * of Study Related Series, is asked for again once per modality of the study (Modalities
         * in Study); the union is complete when it reaches the announced number, or, when the PACS
         * announces none, when no narrowed query was itself cut short. Otherwise the series found
         * are extracted and the accession number ends PARTIAL with the reason (how many series
         * were announced and listed, which modality was still cut short); nothing is dropped
         * silently. A study query cut short makes the accession number PARTIAL too.
         *
         * @param max 1 or more, or 0 when the PACS does not cap
         * @return this builder
         * @throws I4dwConfigurationException if negative
         */
        public Builder maxQueryResults(int max) {
            if (max < 0) {
                throw new I4dwConfigurationException("maxQueryResults must be >= 0, got " + max);
            }
            this.maxQueryResults = max;
            return this;
        }

        /**
         * Starts accession numbers only between {@code start} and {@code end} local time (e.g.
         * 20:00 to 06:00 for nights only; a window that ends before it starts wraps past
         * midnight); outside it, the batch waits. Operations already started finish.
         *
         * @param start when the window opens
         * @param end when it closes
         * @return this builder
         * @throws I4dwConfigurationException if they are equal
         */
        public Builder activeWindow(java.time.LocalTime start, java.time.LocalTime end) {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (start.equals(end)) {
                throw new I4dwConfigurationException("the active window is empty: it starts and ends at " + start);
            }
            this.windowStart = start;
            this.windowEnd = end;
            return this;
        }

        /**
         * How many times an operation that failed for a transient reason (timeout, rejected or
         * aborted association, unreachable PACS, "out of resources") is sent again (default 2).
         * Permanent failures are never retried.
         *
         * @param n 0 or more
         * @return this builder
         * @throws I4dwConfigurationException if negative
         */
        public Builder retries(int n) {
            if (n < 0) {
                throw new I4dwConfigurationException("retries must be >= 0, got " + n);
            }
            this.retries = n;
            return this;
        }

        /**
         * The first wait before a retry (default 250 ms); each further retry waits twice as long,
         * with jitter (0.5x to 1.5x), at most 30 s.
         *
         * @param backoff positive
         * @return this builder
         */
        public Builder retryBackoff(Duration backoff) {
            this.retryBackoff = requirePositive(backoff, "retryBackoff");
            return this;
        }

        /**
         * A ceiling on operations (queries and retrievals) sent to each PACS per second (default:
         * none).
         *
         * @param perSecond positive, or 0 for no ceiling
         * @return this builder
         * @throws I4dwConfigurationException if negative or not finite
         */
        public Builder maxRequestsPerSecond(double perSecond) {
            if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
                throw new I4dwConfigurationException("maxRequestsPerSecond must be >= 0 and finite, got " + perSecond);
            }
            this.maxRequestsPerSecond = perSecond;
            return this;
        }

        /**
         * Whether the number of operations at once backs off when a PACS slows down (an
         * operation slower than {@link #slowResponse(Duration)}, or than four times its healthy
         * average), times out or rejects associations, halving at most once a second, and
         * recovers one step at a time while it is healthy (default on). The ceiling never exceeds
         * {@link #maxAssociations(int)}.
         *
         * @param on true to adapt
         * @return this builder
         */
        public Builder adaptiveLoadControl(boolean on) {
            this.adaptiveLoadControl = on;
            return this;
        }

        /**
         * The response time above which a PACS counts as under strain (default 5 s).
         *
         * @param threshold positive
         * @return this builder
         */
        public Builder slowResponse(Duration threshold) {
            this.slowResponse = requirePositive(threshold, "slowResponse");
            return this;
        }

        /**
         * Adds PACS, queried in the order given: an accession number is taken from the first that
         * holds it. Each is reached through DIMSE, DICOMweb or both, as its address says (see
         * {@link PacsAddress}).
         *
         * @param addresses one or more PACS
         * @return this builder
         * @throws I4dwConfigurationException if one is given twice
         */
        public Builder pacs(PacsAddress... addresses) {
            for (PacsAddress a : addresses) {
                Objects.requireNonNull(a, "pacs");
                if (pacs.contains(a)) {
                    throw new I4dwConfigurationException("the PACS " + a + " is given twice");
                }
                pacs.add(a);
            }
            return this;
        }

        /**
         * Our AE title (default {@code I4DW}).
         *
         * @param aeTitle 1 to 16 characters
         * @return this builder
         * @throws I4dwConfigurationException if it is not a valid AE title
         */
        public Builder callingAeTitle(String aeTitle) {
            try {
                this.callingAeTitle = AeTitle.of(aeTitle);
            } catch (IllegalArgumentException e) {
                throw new I4dwConfigurationException("callingAeTitle: " + e.getMessage(), e);
            }
            return this;
        }

        /**
         * How instances are retrieved from PACS given no retrieval paths of their own (default
         * C-GET; PACS with a DICOMweb base try WADO-RS first, see
         * {@link #retrieveWith(PacsAddress, Retrieve, Retrieve...)}). C-MOVE needs our Storage
         * SCP's port known to the PACS: see {@link #storageScpPort(int)}.
         *
         * @param how C-GET or C-MOVE
         * @return this builder
         */
        public Builder retrieveWith(Retrieve how) {
            this.retrieve = Objects.requireNonNull(how, "retrieve");
            return this;
        }

        /**
         * The retrieval paths of one PACS, in the order they are tried (the header-only chain of
         * routine mode): for each series, the header of one instance comes from the first path
         * that brings it; a path that fails or brings nothing hands over to the next, and the
         * batch report names the path that served each series (with the failures before it).
         * For example {@code retrieveWith(pacs, WADO_RS, C_GET, C_MOVE)}: WADO-RS metadata when
         * the PACS offers it, else C-GET of one instance with pixels skipped, else C-MOVE of one
         * instance. WADO-RS needs a DICOMweb base in the address, C-GET and C-MOVE a DIMSE part;
         * WADO-RS comes first or last.
         *
         * <p>A PACS without an order of its own gets WADO-RS when its address has a DICOMweb base,
         * then {@link #retrieveWith(Retrieve)} (default C-GET) when it has a DIMSE part. Such a
         * PACS is queried through QIDO-RS when WADO-RS comes first, else through C-FIND.
         *
         * @param address a PACS given to {@link #pacs(PacsAddress...)} (before or after this call)
         * @param first the path tried first
         * @param then the paths tried next, in order
         * @return this builder
         * @throws I4dwConfigurationException if a path is given twice or WADO-RS lies between two
         *     DIMSE paths (whether each path can serve the address is checked by {@link #build()})
         */
        public Builder retrieveWith(PacsAddress address, Retrieve first, Retrieve... then) {
            Objects.requireNonNull(address, "address");
            List<Retrieve> list = new ArrayList<>();
            list.add(Objects.requireNonNull(first, "first"));
            for (Retrieve r : then) {
                list.add(Objects.requireNonNull(r, "retrieval path"));
            }
            if (new LinkedHashSet<>(list).size() != list.size()) {
                throw new I4dwConfigurationException("a retrieval path is given twice for " + address + ": " + list);
            }
            int wado = list.indexOf(Retrieve.WADO_RS);
            if (wado > 0 && wado < list.size() - 1) {
                throw new I4dwConfigurationException("WADO-RS must come first or last among the retrieval paths of "
                        + address + ", not between C-GET and C-MOVE: " + list);
            }
            retrievals.put(address, List.copyOf(list));
            return this;
        }

        /**
         * How to authenticate to a PACS's DICOMweb server (default: none). Over plain {@code http}
         * the credentials travel in clear: use {@code https} outside a test bench.
         *
         * @param address a PACS with a DICOMweb base, given to {@link #pacs(PacsAddress...)}
         * @param authentication Basic or Bearer
         * @return this builder
         * @throws I4dwConfigurationException if the address has no DICOMweb base
         */
        public Builder authentication(PacsAddress address, HttpAuthentication authentication) {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(authentication, "authentication");
            if (!address.isDicomWeb()) {
                throw new I4dwConfigurationException("HTTP authentication is for DICOMweb, and " + address
                        + " has no DICOMweb base");
            }
            authentications.put(address, authentication);
            return this;
        }

        /**
         * Keeps a PACS's DIMSE association after a routine C-GET that ended cancelled (the header
         * of one instance fetched, the rest of the series cancelled), so that one association
         * serves series after series without a connect, negotiation and release each. Off by
         * default, when each such association is released: some PACS (dcmtk's dcmqrscp 3.6.7)
         * keep resources locked after a cancel until the association ends, and no probe tells
         * them apart reliably. Turn it on only for a PACS known to recover from C-CANCEL on the
         * same association, such as Orthanc (docs/OPERATIONS.md). <b>Experimental:</b> in one
         * longer benchmark run Orthanc left the release of such an association unanswered, and the
         * batch stalled on ARTIM timeouts; leave it off until that is understood.
         *
         * @param address a PACS with a DIMSE part, given to {@link #pacs(PacsAddress...)}
         * @return this builder
         * @throws I4dwConfigurationException if the address has no DIMSE part
         */
        public Builder keepAssociationsAfterCancel(PacsAddress address) {
            Objects.requireNonNull(address, "address");
            if (!address.hasDimse()) {
                throw new I4dwConfigurationException("keeping associations after a cancelled C-GET is for DIMSE, and "
                        + address + " is DICOMweb only");
            }
            keepAfterCancel.add(address);
            return this;
        }

        /**
         * The port of our Storage SCP for C-MOVE (0: any free port, only useful when the PACS
         * learns it some other way).
         *
         * @param port 0 to 65535
         * @return this builder
         * @throws I4dwConfigurationException if out of range
         */
        public Builder storageScpPort(int port) {
            if (port < 0 || port > 65535) {
                throw new I4dwConfigurationException("storageScpPort must be 0 to 65535, got " + port);
            }
            this.storageScpPort = port;
            this.storageScpPortSet = true;
            return this;
        }

        /**
         * What to fetch (default {@link Mode#ROUTINE}).
         *
         * @param m the mode
         * @return this builder
         */
        public Builder mode(Mode m) {
            this.mode = Objects.requireNonNull(m, "mode");
            return this;
        }

        /**
         * The de-identification profile and key (required: nothing leaves the bridge identified).
         *
         * @param spec e.g. {@code DeidentifierSpec.of("default", key, null)}
         * @return this builder
         */
        public Builder deidentification(DeidentifierSpec spec) {
            this.deidentification = Objects.requireNonNull(spec, "deidentification");
            return this;
        }

        /**
         * Names the de-identifier provider (default: the one of highest priority, {@code annex-e}).
         *
         * @param id the provider id
         * @return this builder
         */
        public Builder deidentifier(String id) {
            this.deidentifierId = requireId(id, "deidentifier");
            return this;
        }

        /**
         * The default extraction features of each batch, by plugin id, run in this order (default
         * {@code pivot}, {@code terminology}); a batch may name others. An empty list gives
         * documents with context only.
         *
         * @param ids plugin ids
         * @return this builder
         * @throws I4dwConfigurationException if an id is blank or given twice
         */
        public Builder features(String... ids) {
            Set<String> set = new LinkedHashSet<>();
            for (String id : ids) {
                if (!set.add(requireId(id, "feature"))) {
                    throw new I4dwConfigurationException("the feature '" + id + "' is given twice");
                }
            }
            this.features = List.copyOf(set);
            return this;
        }

        /**
         * The most associations open at once to each PACS (default 4): the PACS-protection limit.
         *
         * @param max 1 or more
         * @return this builder
         * @throws I4dwConfigurationException if below 1
         */
        public Builder maxAssociations(int max) {
            if (max < 1) {
                throw new I4dwConfigurationException("maxAssociations must be >= 1, got " + max);
            }
            this.maxAssociations = max;
            return this;
        }

        /**
         * How many accession numbers are processed at once (default: {@link #maxAssociations(int)}).
         *
         * @param n 1 or more
         * @return this builder
         * @throws I4dwConfigurationException if below 1
         */
        public Builder concurrency(int n) {
            if (n < 1) {
                throw new I4dwConfigurationException("concurrency must be >= 1, got " + n);
            }
            this.concurrency = n;
            return this;
        }

        /**
         * How long to wait for a connection to a PACS (default 5 s).
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = requirePositive(timeout, "connectTimeout");
            return this;
        }

        /**
         * How long to wait for each response of a PACS (default 60 s). The answer to an
         * association request or release is waited for at most this long too, and at most 10 s.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = requirePositive(timeout, "responseTimeout");
            return this;
        }

        /**
         * The terminology settings (views, value caps, text index fields; default
         * {@link TerminologySettings#defaults()}).
         *
         * @param settings the settings
         * @return this builder
         */
        public Builder terminologySettings(TerminologySettings settings) {
            this.terminologySettings = Objects.requireNonNull(settings, "terminologySettings");
            return this;
        }

        /**
         * Names the terminology provider (default: the one of highest priority, {@code dcmehop}).
         *
         * @param id the provider id
         * @return this builder
         */
        public Builder terminologyProvider(String id) {
            this.terminologyId = requireId(id, "terminologyProvider");
            return this;
        }

        /**
         * Transport providers to use instead of discovering them.
         *
         * @param registry the registry
         * @return this builder
         */
        public Builder transports(ProviderRegistry<TransportProvider> registry) {
            this.transports = Objects.requireNonNull(registry, "transports");
            return this;
        }

        /**
         * De-identifier providers to use instead of discovering them.
         *
         * @param registry the registry
         * @return this builder
         */
        public Builder deidentifiers(ProviderRegistry<DeidentifierProvider> registry) {
            this.deidentifiers = Objects.requireNonNull(registry, "deidentifiers");
            return this;
        }

        /**
         * Terminology providers to use instead of discovering them.
         *
         * @param registry the registry
         * @return this builder
         */
        public Builder terminologies(ProviderRegistry<TerminologyProvider> registry) {
            this.terminologies = Objects.requireNonNull(registry, "terminologies");
            return this;
        }

        /**
         * Extraction plugins to use instead of discovering them.
         *
         * @param registry the registry
         * @return this builder
         */
        public Builder plugins(ProviderRegistry<ExtractionPlugin> registry) {
            this.plugins = Objects.requireNonNull(registry, "plugins");
            return this;
        }

        /**
         * The bridge: providers resolved, de-identifier and features started, transports opened
         * (no PACS is contacted before the first batch).
         *
         * @return the bridge
         * @throws I4dwConfigurationException if no PACS or no de-identification is given, a
         *     provider or feature is missing, C-MOVE has no Storage SCP port, or caching is asked
         *     for without a series store
         */
        public PacsBridge build() {
            if (pacs.isEmpty()) {
                throw new I4dwConfigurationException("no PACS given: call pacs(PacsAddress...)");
            }
            if (deidentification == null) {
                throw new I4dwConfigurationException("no de-identification given: call deidentification(spec) with a "
                        + "profile (e.g. \"default\") and a key; I4DW never extracts identified data");
            }
            for (PacsAddress a : retrievals.keySet()) {
                if (!pacs.contains(a)) {
                    throw new I4dwConfigurationException("retrieval paths are given for " + a
                            + ", which is not one of the PACS given to pacs(...)");
                }
            }
            for (PacsAddress a : authentications.keySet()) {
                if (!pacs.contains(a)) {
                    throw new I4dwConfigurationException("an authentication is given for " + a
                            + ", which is not one of the PACS given to pacs(...)");
                }
            }
            for (PacsAddress a : keepAfterCancel) {
                if (!pacs.contains(a)) {
                    throw new I4dwConfigurationException("keepAssociationsAfterCancel is given for " + a
                            + ", which is not one of the PACS given to pacs(...)");
                }
            }
            boolean moves = false;
            for (PacsAddress a : pacs) {
                List<Retrieve> order = retrievalsOf(a);
                TransportSettings.checkRetrievals(a, order);
                moves |= order.contains(Retrieve.C_MOVE);
            }
            if (moves && mode != Mode.LIGHT && !storageScpPortSet) {
                throw new I4dwConfigurationException("C-MOVE needs the port of our Storage SCP, known to the PACS as "
                        + "the move destination " + callingAeTitle + ": call storageScpPort(port)");
            }
            if (mode == Mode.CACHING && seriesStore == null) {
                throw new I4dwConfigurationException("Mode.CACHING needs a series store: call seriesStore(location) "
                        + "(the disk store of module i4dw-cache)");
            }
            return new PacsBridge(new BatchEngine(this));
        }

        /** The retrieval paths of one PACS: its own, or the default for its address. */
        List<Retrieve> retrievalsOf(PacsAddress address) {
            List<Retrieve> own = retrievals.get(address);
            return own != null ? own : TransportSettings.defaultRetrievals(address, retrieve);
        }

        /** What the transport of one PACS is opened with. */
        TransportSettings transportSettings(PacsAddress address) {
            return new TransportSettings(address, callingAeTitle, maxAssociations, retrieve, storageScpPort,
                    connectTimeout, responseTimeout, retrievalsOf(address),
                    authentications.getOrDefault(address, HttpAuthentication.none()),
                    keepAfterCancel.contains(address));
        }

        static String requireId(String id, String what) {
            Objects.requireNonNull(id, what);
            if (id.isBlank()) {
                throw new I4dwConfigurationException(what + " id is blank");
            }
            return id.strip();
        }

        private static Duration requirePositive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new I4dwConfigurationException(what + " must be positive, got " + d);
            }
            return d;
        }
    }
}
