/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.i4dw.api.pivot.PivotDocument;
import org.i4dw.api.pivot.SeriesDocuments;
import org.i4dw.api.terminology.DocumentIndexer;
import org.i4dw.api.terminology.Terminology;
import org.i4dw.api.terminology.TerminologyBuilder;
import org.i4dw.api.terminology.TerminologySettings;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.TransferSyntax;
import org.i4dw.data.VR;
import org.i4dw.spi.CachedSeries;
import org.i4dw.spi.CohortName;
import org.i4dw.spi.CorruptSeriesException;
import org.i4dw.spi.DeidentifierProvider;
import org.i4dw.spi.DicomCodecProvider;
import org.i4dw.spi.SeriesEvictedException;
import org.i4dw.spi.SeriesKey;
import org.i4dw.spi.SeriesManifest;
import org.i4dw.spi.SeriesStore;
import org.i4dw.spi.SeriesStoreProvider;
import org.i4dw.spi.SeriesWriter;
import org.i4dw.spi.ExtractedSeries;
import org.i4dw.spi.ExtractionFeature;
import org.i4dw.spi.ExtractionPlugin;
import org.i4dw.spi.ObjectDeidentifier;
import org.i4dw.spi.PluginContext;
import org.i4dw.spi.ProviderRegistry;
import org.i4dw.spi.RetrieveOutcome;
import org.i4dw.spi.RetrieveRequest;
import org.i4dw.spi.TerminologyProvider;
import org.i4dw.spi.Transport;
import org.i4dw.spi.TransportProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The batch engine behind a {@link PacsBridge}: query, retrieve, de-identify, features, sink, report. */
final class BatchEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PacsBridge.class);

    /** The longest accession number (VR SH). */
    private static final int MAX_ACCESSION_LENGTH = 16;


    private final Mode mode;
    private final List<Transport> transports;
    private final List<PacsGate> gates;
    private final ObjectDeidentifier deidentifier;
    private final SeriesStore store;
    private final AccessionIndex index;
    private final boolean verifyHits;
    private final DicomCodecProvider codec;
    private final TerminologySettings terminologySettings;
    private final TerminologyBuilder terminology;
    private final DocumentIndexer indexer;
    private final List<String> featureIds;
    private final ProviderRegistry<ExtractionPlugin> plugins;
    private final PluginContext context = new Context();
    private final Map<String, ExtractionFeature> started = new LinkedHashMap<>();
    private final int concurrency;
    private final int maxQueryResults;
    private final java.time.LocalTime windowStart;
    private final java.time.LocalTime windowEnd;
    private final ExecutorService workers;
    private final Object sinkLock = new Object();
    /** Where codecs come from when the terminology journal needs one outside caching mode. */
    private final ProviderRegistry<DicomCodecProvider> codecRegistry;
    private DicomCodecProvider journalCodec;
    /** On a worker thread inside {@link #emit}, with a journal: what the features record in the terminology. */
    private final ThreadLocal<List<Contribution>> recording = new ThreadLocal<>();

    /** One call of {@link PluginContext#recordTerminology}. */
    private record Contribution(String patientKey, String documentKey, DicomObject object) {
    }

    /** A transfer syntax every codec writes and reads: Explicit VR Little Endian. */
    private static final String JOURNAL_SYNTAX = "1.2.840.10008.1.2.1";

    BatchEngine(PacsBridge.Builder b) {
        this.mode = b.mode;
        this.terminologySettings = b.terminologySettings;
        this.codecRegistry = b.codecs;
        ProviderRegistry<DeidentifierProvider> deids = b.deidentifiers != null ? b.deidentifiers
                : ProviderRegistry.builder(DeidentifierProvider.class, "i4dw-deid").build();
        DeidentifierProvider deid = b.deidentifierId != null ? deids.get(b.deidentifierId) : deids.best();
        this.deidentifier = deid.create(b.deidentification);
        if (b.mode == Mode.CACHING) {
            ProviderRegistry<DicomCodecProvider> codecs = b.codecs != null ? b.codecs
                    : ProviderRegistry.builder(DicomCodecProvider.class, "i4dw-dicom").build();
            this.codec = codecs.best();
            ProviderRegistry<SeriesStoreProvider> stores = b.seriesStores != null ? b.seriesStores
                    : ProviderRegistry.builder(SeriesStoreProvider.class, "i4dw-cache").build();
            this.store = stores.best().open(b.seriesStore);
            java.nio.file.Path loc = b.seriesStore.location().toAbsolutePath();
            this.index = AccessionIndex.open(loc.resolveSibling(loc.getFileName() + ".accessions.tsv"));
            this.verifyHits = b.verifyCachedSeries;
        } else {
            this.index = null;
            this.verifyHits = false;
            this.codec = null;
            this.store = null;
        }
        ProviderRegistry<TerminologyProvider> terms = b.terminologies != null ? b.terminologies
                : ProviderRegistry.builder(TerminologyProvider.class, "i4dw-terminology").build();
        TerminologyProvider term = b.terminologyId != null ? terms.get(b.terminologyId) : terms.best();
        this.terminology = term.newBuilder(terminologySettings);
        this.indexer = term.newIndexer(terminologySettings);
        this.plugins = b.plugins != null ? b.plugins
                : ProviderRegistry.builder(ExtractionPlugin.class, "i4dw-api").build();
        for (String id : b.features) {
            plugins.get(id);
        }
        ProviderRegistry<TransportProvider> tps = b.transports != null ? b.transports
                : ProviderRegistry.builder(TransportProvider.class, "i4dw-dicom").build();
        List<Transport> opened = new ArrayList<>();
        try {
            for (PacsAddress address : b.pacs) {
                TransportProvider tp = tps.all().stream().filter(p -> p.supports(address)).findFirst()
                        .orElseThrow(() -> new I4dwConfigurationException("no transport can reach " + address
                                + "; available: " + tps));
                opened.add(tp.open(b.transportSettings(address)));
            }
            this.featureIds = List.copyOf(b.features);
            features(featureIds);
        } catch (RuntimeException e) {
            closeFeatures();
            opened.forEach(Transport::close);
            if (store != null) {
                store.close();
            }
            throw e;
        }
        this.transports = List.copyOf(opened);
        List<PacsGate> g = new ArrayList<>();
        for (Transport t : transports) {
            g.add(new PacsGate(t.pacs().aeTitle().value(), b.maxAssociations, b.adaptiveLoadControl,
                    b.slowResponse, b.retries, b.retryBackoff, b.maxRequestsPerSecond));
        }
        this.gates = List.copyOf(g);
        this.concurrency = b.concurrency > 0 ? b.concurrency : b.maxAssociations;
        this.maxQueryResults = b.maxQueryResults;
        this.windowStart = b.windowStart;
        this.windowEnd = b.windowEnd;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "i4dw-batch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.workers = Executors.newFixedThreadPool(concurrency, tf);
        LOG.info("PacsBridge ready: {} PACS, mode {}, features {}, {}", transports.size(), mode, featureIds,
                deidentifier.description());
    }

    Mode mode() {
        return mode;
    }

    List<String> featureIds() {
        return featureIds;
    }

    java.util.Optional<SeriesStore> seriesStore() {
        return java.util.Optional.ofNullable(store);
    }

    Terminology terminology() {
        synchronized (terminology) {
            return terminology.build();
        }
    }

    /** The started features for these ids, starting those not yet started. */
    private List<ExtractionFeature> features(List<String> ids) {
        List<ExtractionFeature> list = new ArrayList<>(ids.size());
        synchronized (started) {
            for (String id : ids) {
                ExtractionFeature f = started.get(id);
                if (f == null) {
                    f = plugins.get(id).start(context);
                    started.put(id, f);
                }
                list.add(f);
            }
        }
        return list;
    }

    BatchReport run(Iterable<String> accessionNumbers, DocumentSink sink, BatchOptions options) {
        List<String> ids = options.features().orElse(featureIds);
        List<ExtractionFeature> features = features(ids);
        CancellationToken token = options.cancellation();
        ProgressListener progress = options.progress();
        Journal journal = options.journal().map(f -> Journal.open(f, options.journalSync())).orElse(null);
        try {
            if (journal != null && journal.resuming()) {
                replayTerminology(journal);
            }
            return run(accessionNumbers, new Batch(sink, ids, features, token, journal,
                    options.cohort().map(CohortName::of).orElse(null)), progress);
        } finally {
            if (journal != null) {
                journal.close();
            }
        }
    }

    private BatchReport run(Iterable<String> accessionNumbers, Batch batch, ProgressListener progress) {
        CancellationToken token = batch.token;
        if (batch.journal != null && batch.journal.resuming()) {
            LOG.info("resuming a batch from its journal");
        }
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        int window = concurrency * 2;
        Semaphore inFlight = new Semaphore(window);
        List<AccessionOutcome> outcomes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        AtomicInteger done = new AtomicInteger();
        int duplicates = 0;
        Iterator<String> it = accessionNumbers.iterator();
        boolean interrupted = false;
        while (it.hasNext()) {
            String accession = it.next();
            String key = accession == null ? "" : accession.strip();
            if (!key.isEmpty() && !seen.add(key)) {
                duplicates++;
                continue;
            }
            int index;
            synchronized (outcomes) {
                index = outcomes.size();
                outcomes.add(null);
            }
            String given = accession == null ? "" : accession;
            if (interrupted || token.isCancelled()) {
                record(outcomes, index, cancelled(given, interrupted), progress, done);
                continue;
            }
            try {
                awaitWindow(token);
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                interrupted = true;
                record(outcomes, index, cancelled(given, true), progress, done);
                continue;
            }
            if (token.isCancelled()) {
                inFlight.release();
                record(outcomes, index, cancelled(given, false), progress, done);
                continue;
            }
            AccessionOutcome before = batch.journal == null ? null : batch.journal.finished(given);
            if (before != null) {
                inFlight.release();
                record(outcomes, index, before, progress, done);
                continue;
            }
            workers.execute(() -> {
                try {
                    AccessionOutcome o;
                    try {
                        o = accession(given, key, batch);
                        if (batch.journal != null && o.status() != AccessionOutcome.Status.CANCELLED) {
                            batch.journal.accession(o);
                        }
                    } catch (PacsGate.Stopped e) {
                        o = cancelled(given, false);
                    } catch (RuntimeException | Error e) {
                        LOG.error("internal error on an accession number: {}", e.getClass().getName(), e);
                        o = failed(given, "internal error: " + e.getClass().getSimpleName());
                    }
                    record(outcomes, index, o, progress, done);
                } finally {
                    inFlight.release();
                }
            });
        }
        inFlight.acquireUninterruptibly(window);
        inFlight.release(window);
        if (batch.journal != null && !interrupted && !token.isCancelled()) {
            batch.journal.end();
        }
        List<PacsStatistics> stats = new ArrayList<>();
        gates.forEach(g -> stats.add(g.statistics()));
        BatchReport report = new BatchReport(mode, started, Duration.ofNanos(System.nanoTime() - t0), outcomes,
                duplicates, stats);
        LOG.info("batch done: {}", report);
        return report;
    }

    /**
     * A resumed batch: what the series of its earlier runs gave the terminology, from the
     * journal's side file, goes into this bridge's terminology, so that it covers the whole batch.
     * The builder counts distinct patients and documents and merges in any order, so adding a
     * series again, or in another order, changes nothing: the result equals an uninterrupted
     * run's.
     */
    private void replayTerminology(Journal journal) {
        int n = journal.replayTerminology(in -> {
            try {
                for (Contribution c : decode(in)) {
                    synchronized (terminology) {
                        terminology.add(c.patientKey(), c.documentKey(), c.object());
                    }
                }
            } catch (IOException e) {
                throw new I4dwConfigurationException("the terminology journal cannot be read: " + e.getMessage(), e);
            }
        });
        LOG.info("resumed batch: the terminology of {} series of earlier runs taken from the journal", n);
    }

    /** The codec that writes terminology contributions to the journal (that of caching mode, or the best one). */
    private synchronized DicomCodecProvider journalCodec() {
        if (codec != null) {
            return codec;
        }
        if (journalCodec == null) {
            ProviderRegistry<DicomCodecProvider> codecs = codecRegistry != null ? codecRegistry
                    : ProviderRegistry.builder(DicomCodecProvider.class, "i4dw-dicom").build();
            journalCodec = codecs.best();
        }
        return journalCodec;
    }

    /**
     * The contributions of one series as the journal keeps them: their count, then per
     * contribution the patient key, the document key, whether SOP Class and Instance UIDs were
     * added (a Part 10 file needs them; light mode's objects have none) and the object as a
     * Part 10 file in Explicit VR Little Endian. The objects are de-identified.
     */
    private byte[] encode(List<Contribution> contributions) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(16 * 1024);
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        out.writeInt(contributions.size());
        for (Contribution c : contributions) {
            DicomObject o = c.object();
            boolean added = o.string(Tag.SOPClassUID).isEmpty() || o.string(Tag.SOPInstanceUID).isEmpty();
            if (added) {
                o = o.toBuilder().set(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7")
                        .set(Tag.SOPInstanceUID, VR.UI, "2.25.0").build();
            }
            java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream(8 * 1024);
            journalCodec().writeFile(o, JOURNAL_SYNTAX, file);
            out.writeUTF(c.patientKey());
            out.writeUTF(c.documentKey());
            out.writeBoolean(added);
            out.writeInt(file.size());
            file.writeTo(out);
        }
        out.flush();
        return bytes.toByteArray();
    }

    private List<Contribution> decode(java.io.DataInputStream in) throws IOException {
        int count = in.readInt();
        List<Contribution> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String patientKey = in.readUTF();
            String documentKey = in.readUTF();
            boolean added = in.readBoolean();
            byte[] file = in.readNBytes(in.readInt());
            DicomObject o = journalCodec().readFile(new java.io.ByteArrayInputStream(file), false);
            if (added) {
                o = o.toBuilder().remove(Tag.SOPClassUID).remove(Tag.SOPInstanceUID).build();
            }
            list.add(new Contribution(patientKey, documentKey, o));
        }
        return list;
    }

    /** Waits, when the bridge has an active window, until the clock is inside it (or the batch is cancelled). */
    private void awaitWindow(CancellationToken token) throws InterruptedException {
        if (windowStart == null) {
            return;
        }
        boolean logged = false;
        while (!token.isCancelled() && !inWindow(java.time.LocalTime.now(), windowStart, windowEnd)) {
            if (!logged) {
                LOG.info("outside the active window {}-{}: waiting", windowStart, windowEnd);
                logged = true;
            }
            Thread.sleep(1000);
        }
    }

    /** Whether {@code now} is in [start, end), the window wrapping past midnight when end is before start. */
    static boolean inWindow(java.time.LocalTime now, java.time.LocalTime start, java.time.LocalTime end) {
        if (start.equals(end)) {
            return true;
        }
        return start.isBefore(end) ? !now.isBefore(start) && now.isBefore(end)
                : !now.isBefore(start) || now.isBefore(end);
    }

    private static void record(List<AccessionOutcome> outcomes, int index, AccessionOutcome o,
            ProgressListener progress, AtomicInteger done) {
        synchronized (outcomes) {
            outcomes.set(index, o);
            try {
                progress.accessionDone(o, done.incrementAndGet());
            } catch (RuntimeException e) {
                LOG.warn("a progress listener failed: {}", e.toString());
            }
        }
    }

    private static AccessionOutcome cancelled(String accession, boolean interrupted) {
        return new AccessionOutcome(accession, AccessionOutcome.Status.CANCELLED, "", 0, List.of(), interrupted
                ? "the batch was interrupted before this accession number was done"
                : "the batch was cancelled before this accession number was done");
    }

    /** What one batch carries to its workers. */
    private static final class Batch {
        final DocumentSink sink;
        final List<String> ids;
        final List<ExtractionFeature> features;
        final CancellationToken token;
        final java.util.function.Supplier<Boolean> cancelled;
        final Journal journal;
        final CohortName cohort;

        Batch(DocumentSink sink, List<String> ids, List<ExtractionFeature> features, CancellationToken token,
                Journal journal, CohortName cohort) {
            this.cohort = cohort;
            this.sink = sink;
            this.ids = ids;
            this.features = features;
            this.token = token;
            this.cancelled = token::isCancelled;
            this.journal = journal;
        }
    }

    private static AccessionOutcome failed(String accession, String reason) {
        return new AccessionOutcome(accession, AccessionOutcome.Status.FAILED, "", 0, List.of(), reason);
    }

    /** One accession number, start to end. */
    private AccessionOutcome accession(String given, String key, Batch batch) {
        String invalid = validate(key);
        if (invalid != null) {
            return failed(given, invalid);
        }
        if (index != null) {
            AccessionOutcome fromCache = fromCache(given, batch);
            if (fromCache != null) {
                return fromCache;
            }
        }
        List<String> errors = new ArrayList<>();
        for (int p = 0; p < transports.size(); p++) {
            Transport t = transports.get(p);
            PacsGate gate = gates.get(p);
            String ae = t.pacs().aeTitle().value();
            List<DicomObject> studies = new ArrayList<>();
            boolean cutShort;
            try {
                DicomObject keys = DicomObject.builder().set(Tag.AccessionNumber, VR.SH, key)
                        .setEmpty(Tag.StudyInstanceUID, VR.UI).setEmpty(Tag.PatientID, VR.LO)
                        .setEmpty(Tag.PatientSex, VR.CS).setEmpty(Tag.StudyDate, VR.DA).setEmpty(Tag.StudyTime, VR.TM)
                        .setEmpty(Tag.StudyDescription, VR.LO).setEmpty(Tag.ModalitiesInStudy, VR.CS)
                        .setEmpty(Tag.NumberOfStudyRelatedSeries, VR.IS).build();
                cutShort = list(t, gate, QueryLevel.STUDY, keys, studies, batch);
            } catch (I4dwException e) {
                errors.add(ae + ": " + e.getMessage());
                continue;
            }
            studies.removeIf(s -> s.string(Tag.StudyInstanceUID).filter(u -> !u.isBlank()).isEmpty());
            if (!studies.isEmpty()) {
                return studies(given, t, gate, studies, cutShort, batch);
            }
        }
        if (!errors.isEmpty()) {
            return failed(given, "no PACS could be queried: " + String.join("; ", errors));
        }
        return new AccessionOutcome(given, AccessionOutcome.Status.NOT_FOUND, "", 0, List.of(),
                "no study with this accession number in " + transports.stream().map(t -> t.pacs().aeTitle().value())
                        .reduce((a, b) -> a + ", " + b).orElse(""));
    }

    private static String validate(String key) {
        if (key.isEmpty()) {
            return "the accession number is blank";
        }
        if (key.length() > MAX_ACCESSION_LENGTH) {
            return "the accession number has " + key.length() + " characters; DICOM allows at most "
                    + MAX_ACCESSION_LENGTH + " (VR SH)";
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '*' || c == '?' || c == '\\' || c < 0x20 || c == 0x7f) {
                return "the accession number contains '" + (c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c)
                        : String.valueOf(c)) + "', a C-FIND wildcard or separator, which would match other studies";
            }
        }
        return null;
    }

    private AccessionOutcome studies(String given, Transport t, PacsGate gate, List<DicomObject> studies,
            boolean studiesCutShort, Batch batch) {
        String ae = t.pacs().aeTitle().value();
        List<SeriesOutcome> series = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (studiesCutShort) {
            problems.add("the study query returned " + studies.size() + " studies and was cut short ("
                    + cap("study") + "): studies of this accession number may be missing");
        }
        Map<String, SeriesOutcome> earlier = batch.journal == null ? Map.of() : batch.journal.seriesDone(given);
        for (DicomObject study : studies) {
            String studyUid = study.string(Tag.StudyInstanceUID).orElseThrow();
            List<DicomObject> found = new ArrayList<>();
            boolean cutShort;
            try {
                cutShort = list(t, gate, QueryLevel.SERIES, seriesKeys(studyUid), found, batch);
            } catch (I4dwException e) {
                problems.add("the series of a study could not be listed: " + e.getMessage());
                continue;
            }
            int announced = study.integer(Tag.NumberOfStudyRelatedSeries).orElse(-1);
            if (cutShort || announced > found.size()) {
                int listed = found.size();
                String unsure = narrowByModality(t, gate, study, studyUid, found, batch);
                if (announced > found.size()) {
                    problems.add("the PACS announced " + announced + " series for a study but listed " + listed
                            + (cutShort ? " (" + cap("series") + ")" : "") + ", and " + found.size()
                            + " with the query narrowed by modality (" + unsure + "): " + (announced - found.size())
                            + " series not extracted");
                } else if (announced < 0 && !unsure.isEmpty()) {
                    problems.add("the series query of a study was cut short (" + cap("series") + ") and the PACS "
                            + "does not say how many series there are; narrowed by modality it listed " + found.size()
                            + " (" + unsure + "): some may be missing");
                }
            }
            for (DicomObject s : found) {
                if (s.string(Tag.SeriesInstanceUID).filter(u -> !u.isBlank()).isEmpty()) {
                    problems.add("the PACS listed a series without a Series Instance UID");
                    continue;
                }
                if (batch.token.isCancelled()) {
                    throw new PacsGate.Stopped();
                }
                SeriesOutcome o = series(given, t, gate, study, s, batch, earlier);
                if (batch.journal != null && o != earlier.get(o.documentId())) {
                    batch.journal.series(given, o);
                }
                series.add(o);
            }
        }
        long ok = series.stream().filter(s -> s.status() == SeriesOutcome.Status.OK).count();
        long failedSeries = series.stream().filter(s -> s.status() == SeriesOutcome.Status.FAILED).count();
        AccessionOutcome.Status status;
        String reason;
        if (series.isEmpty()) {
            status = problems.isEmpty() ? AccessionOutcome.Status.OK : AccessionOutcome.Status.FAILED;
            reason = problems.isEmpty() ? "the study has no series" : String.join("; ", problems);
        } else if (ok == series.size() && problems.isEmpty()) {
            status = AccessionOutcome.Status.OK;
            reason = "";
        } else if (failedSeries == series.size()) {
            status = AccessionOutcome.Status.FAILED;
            reason = "every series failed" + (problems.isEmpty() ? "" : "; " + String.join("; ", problems));
        } else {
            status = AccessionOutcome.Status.PARTIAL;
            List<String> why = new ArrayList<>(problems);
            if (ok < series.size()) {
                why.add(0, (series.size() - ok) + " of " + series.size() + " series failed or are partial");
            }
            reason = String.join("; ", why);
        }
        if (index != null && status == AccessionOutcome.Status.OK) {
            index.record(given, ae, studies.size(), series);
        }
        return new AccessionOutcome(given, status, ae, studies.size(), series, reason);
    }

    /**
     * Caching mode: an accession number whose series are all in the store, as an earlier batch
     * recorded them, is served from the store without a word to the PACS. Null when it is not.
     */
    private AccessionOutcome fromCache(String given, Batch batch) {
        AccessionIndex.Entry e = index.lookup(given);
        if (e == null || e.series().isEmpty()) {
            return null;
        }
        for (AccessionIndex.Series s : e.series()) {
            if (!intactInStore(SeriesKey.of(s.documentId()))) {
                return null;
            }
        }
        List<SeriesOutcome> out = new ArrayList<>();
        Map<String, SeriesOutcome> earlier = batch.journal == null ? Map.of() : batch.journal.seriesDone(given);
        for (AccessionIndex.Series s : e.series()) {
            long t0 = System.nanoTime();
            SeriesOutcome o = earlier.get(s.documentId());
            if (o == null) {
                DicomObject header = null;
                int count = 0;
                try {
                    java.util.Optional<CachedSeries> hit = store.lookup(SeriesKey.of(s.documentId()));
                    if (hit.isPresent() && !hit.get().manifest().instances().isEmpty()) {
                        SeriesManifest m = hit.get().manifest();
                        try (java.io.InputStream in = hit.get().openInstance(m.instances().get(0).sopInstanceUid())) {
                            header = codec.readFile(in, true);
                        }
                        count = m.instances().size();
                    }
                } catch (I4dwException | IOException ex) {
                    LOG.warn("a cached series cannot be read ({}); asking the PACS", ex.getClass().getSimpleName());
                }
                if (header == null) {
                    return null;
                }
                o = emit(given, s.documentId(), s.modality(), s.expected(), count, "cache", "", header, batch, t0);
                if (batch.journal != null) {
                    batch.journal.series(given, o);
                }
            }
            out.add(o);
        }
        boolean ok = out.stream().allMatch(x -> x.status() == SeriesOutcome.Status.OK);
        return new AccessionOutcome(given, ok ? AccessionOutcome.Status.OK : AccessionOutcome.Status.PARTIAL,
                e.pacs(), e.studies(), out, ok ? "" : "some series failed after they were read from the store");
    }

    /**
     * One C-FIND, its matches put in {@code into} (emptied first on each attempt). Reads at most
     * {@link PacsBridge.Builder#maxQueryResults(int)} matches when set, cancelling the query there.
     *
     * @return true when the list may be cut short: the PACS ended it with the status Cancel
     *     (FE00H, as a PACS that caps its answers does) or it reached our cap
     */
    private boolean list(Transport t, PacsGate gate, QueryLevel level, DicomObject keys, List<DicomObject> into,
            Batch batch) {
        org.i4dw.spi.QueryOutcome o = gate.call(() -> {
            into.clear();
            return t.query(level, keys, m -> {
                into.add(m);
                return maxQueryResults == 0 || into.size() < maxQueryResults;
            });
        }, batch.cancelled);
        return o.cancelled() || o.status() == 0xFE00 || (maxQueryResults > 0 && into.size() >= maxQueryResults);
    }

    /** How a query came to be cut short, in words. */
    private String cap(String level) {
        return maxQueryResults > 0 ? "the " + level + " query stops at " + maxQueryResults
                + " results (maxQueryResults) or the PACS ended it with status Cancel"
                : "the PACS ended the " + level + " query with status Cancel: it caps its results";
    }

    /**
     * A series list cut short (fewer series than the PACS announced, or a query the PACS or our
     * cap stopped): asks again once per modality of the study and adds the series not yet listed.
     *
     * @return empty when the narrowed queries cover the study, else why they may not, in words
     *     (the modalities whose list was itself cut short or failed, or that the PACS does not
     *     say which modalities the study holds); never patient data
     */
    private String narrowByModality(Transport t, PacsGate gate, DicomObject study, String studyUid,
            List<DicomObject> found, Batch batch) {
        Set<String> modalities = new LinkedHashSet<>(study.strings(Tag.ModalitiesInStudy));
        modalities.removeIf(String::isBlank);
        List<String> unsure = new ArrayList<>();
        if (modalities.isEmpty()) {
            unsure.add("the PACS does not list the modalities of the study");
        }
        found.forEach(s -> s.string(Tag.Modality).ifPresent(modalities::add));
        modalities.removeIf(String::isBlank);
        Set<String> known = new HashSet<>();
        found.forEach(s -> s.string(Tag.SeriesInstanceUID).ifPresent(known::add));
        for (String modality : modalities) {
            List<DicomObject> more = new ArrayList<>();
            try {
                DicomObject keys = seriesKeys(studyUid).toBuilder().set(Tag.Modality, VR.CS, modality).build();
                if (list(t, gate, QueryLevel.SERIES, keys, more, batch)) {
                    unsure.add(modality + ": " + more.size() + " series listed, cut short again");
                }
            } catch (I4dwException e) {
                LOG.info("a narrowed series query failed: {}", e.getMessage());
                unsure.add(modality + ": the query failed");
            }
            for (DicomObject s : more) {
                if (s.string(Tag.SeriesInstanceUID).filter(known::add).isPresent()) {
                    found.add(s);
                }
            }
        }
        return String.join("; ", unsure);
    }

    private static DicomObject seriesKeys(String studyUid) {
        return DicomObject.builder().set(Tag.StudyInstanceUID, VR.UI, studyUid)
                .setEmpty(Tag.SeriesInstanceUID, VR.UI).setEmpty(Tag.Modality, VR.CS)
                .setEmpty(Tag.SeriesNumber, VR.IS).setEmpty(Tag.SeriesDescription, VR.LO)
                .setEmpty(Tag.SeriesDate, VR.DA).setEmpty(Tag.SeriesTime, VR.TM)
                .setEmpty(Tag.BodyPartExamined, VR.CS).setEmpty(Tag.ProtocolName, VR.LO)
                .setEmpty(Tag.NumberOfSeriesRelatedInstances, VR.IS).build();
    }

    /** One series: fetch, de-identify, features, sink. */
    private SeriesOutcome series(String given, Transport t, PacsGate gate, DicomObject study, DicomObject series,
            Batch batch, Map<String, SeriesOutcome> earlier) {
        List<ExtractionFeature> features = batch.features;
        List<String> ids = batch.ids;
        DocumentSink sink = batch.sink;
        long t0 = System.nanoTime();
        String studyUid = study.string(Tag.StudyInstanceUID).orElseThrow();
        String seriesUid = series.string(Tag.SeriesInstanceUID).orElseThrow();
        String modality = series.string(Tag.Modality).orElse("");
        int expected = series.integer(Tag.NumberOfSeriesRelatedInstances).orElse(-1);
        String documentId;
        try {
            documentId = deidentifier.deidentify(DicomObject.builder()
                    .set(Tag.PatientID, VR.LO, study.string(Tag.PatientID).orElse(""))
                    .set(Tag.StudyInstanceUID, VR.UI, studyUid).set(Tag.SeriesInstanceUID, VR.UI, seriesUid).build())
                    .string(Tag.SeriesInstanceUID).orElse("");
        } catch (RuntimeException e) {
            return seriesFailed("(not de-identified)", modality, expected, 0, "", t0,
                    "de-identification failed: " + safe(e));
        }
        SeriesOutcome before = earlier.get(documentId);
        if (before != null) {
            return before;
        }
        DicomObject identified;
        int retrieved = 0;
        String path;
        boolean alreadyDeidentified = false;
        String partial = "";
        if (mode == Mode.LIGHT) {
            identified = merge(study, series);
            path = t.queryPath();
        } else if (mode == Mode.CACHING) {
            Cached c;
            try {
                c = cached(t, gate, studyUid, seriesUid, documentId, expected, batch);
            } catch (I4dwException e) {
                return seriesFailed(documentId, modality, expected, 0, "", t0, "caching failed: " + e.getMessage());
            } catch (IOException e) {
                return seriesFailed(documentId, modality, expected, 0, "", t0, "caching failed: " + safe(e));
            }
            if (c.header == null) {
                return seriesFailed(documentId, modality, expected, 0, c.path, t0, c.problem);
            }
            identified = c.header;
            alreadyDeidentified = true;
            retrieved = c.instances;
            path = c.path;
            partial = c.problem;
        } else {
            AtomicReference<DicomObject> header = new AtomicReference<>();
            RetrieveOutcome ro;
            try {
                ro = gate.call(() -> t.retrieve(new RetrieveRequest(studyUid, seriesUid, InstanceSelection.FIRST, true,
                        modality.isBlank() ? null : modality),
                        instance -> header.compareAndSet(null, instance.header())), batch.cancelled);
            } catch (I4dwException e) {
                return seriesFailed(documentId, modality, expected, 0, "", t0, "retrieval failed: " + e.getMessage());
            }
            path = ro.path();
            retrieved = ro.received();
            if (header.get() == null) {
                return seriesFailed(documentId, modality, expected, 0, path, t0, "the PACS sent no instance ("
                        + ro.statusMeaning() + ", " + ro.failed() + " failed sub-operations)");
            }
            identified = header.get();
        }
        DicomObject deid;
        try {
            deid = alreadyDeidentified ? identified : deidentifier.deidentify(identified);
        } catch (RuntimeException e) {
            return seriesFailed(documentId, modality, expected, retrieved, path, t0,
                    "de-identification failed: " + safe(e));
        }
        return emit(given, documentId, modality, expected, retrieved, path, partial, deid, batch, t0);
    }

    /** The features and the sink for one de-identified series; its outcome. */
    private SeriesOutcome emit(String given, String documentId, String modality, int expected, int retrieved,
            String path, String partial, DicomObject deid, Batch batch, long t0) {
        List<ExtractionFeature> features = batch.features;
        List<String> ids = batch.ids;
        DocumentSink sink = batch.sink;
        String patientKey = deid.string(Tag.PatientID).orElse("");
        PivotDocument.Builder doc = document(given, documentId, patientKey, deid, expected, retrieved);
        ExtractedSeries es = new ExtractedSeries(given, patientKey, documentId, deid, mode);
        List<Contribution> contributions = batch.journal != null ? new ArrayList<>(1) : null;
        recording.set(contributions);
        try {
            for (int i = 0; i < features.size(); i++) {
                try {
                    features.get(i).extract(es, doc);
                } catch (Exception e) {
                    return seriesFailed(documentId, modality, expected, retrieved, path, t0,
                            "feature '" + ids.get(i) + "' failed: " + safe(e));
                }
            }
        } finally {
            recording.remove();
        }
        byte[] journaled = null;
        if (contributions != null && !contributions.isEmpty()) {
            try {
                journaled = encode(contributions);
            } catch (IOException | RuntimeException e) {
                return seriesFailed(documentId, modality, expected, retrieved, path, t0,
                        "its terminology could not be journaled: " + safe(e));
            }
        }
        try {
            PivotDocument d = doc.build();
            synchronized (sinkLock) {
                sink.accept(d);
            }
        } catch (IOException | RuntimeException e) {
            return seriesFailed(documentId, modality, expected, retrieved, path, t0,
                    "the sink did not take the document: " + safe(e));
        }
        SeriesOutcome.Status status = partial.isEmpty() ? SeriesOutcome.Status.OK : SeriesOutcome.Status.PARTIAL;
        if (journaled != null) {
            batch.journal.terminology(documentId, journaled); // before the series's S line
        }
        if (store != null && batch.cohort != null && status == SeriesOutcome.Status.OK) {
            store.addToCohort(batch.cohort, List.of(SeriesKey.of(documentId)));
        }
        return new SeriesOutcome(documentId, modality, status, expected, retrieved, path, partial,
                Duration.ofNanos(System.nanoTime() - t0));
    }

    /**
     * Whether the store holds the series, checked instance by instance against its manifest's
     * SHA-256 when the bridge verifies hits (a corrupt entry is invalidated by the store and
     * reported, so the series is fetched again).
     */
    private boolean intactInStore(SeriesKey key) {
        if (!store.contains(key)) {
            return false;
        }
        if (!verifyHits) {
            return true;
        }
        org.i4dw.spi.SeriesVerification v = store.verify(key);
        if (v.status() == org.i4dw.spi.SeriesVerification.Status.CORRUPT) {
            LOG.warn("cached series {} is corrupt ({}): fetching it again", key, v.findings().get(0).problem());
            return false;
        }
        return v.intact();
    }

    /** A series in the store: its first instance's header (de-identified), how many instances, and how it came. */
    private static final class Cached {
        DicomObject header;
        int instances;
        String path;
        String problem = "";
    }

    /**
     * Caching mode: the series from the store when it holds it intact (no traffic to the PACS),
     * else every instance from the PACS, each de-identified whole and written to the store, which
     * commits the series only when the PACS sent every instance it announced (a partial series
     * is never cached, so a later run fetches it again).
     */
    private Cached cached(Transport t, PacsGate gate, String studyUid, String seriesUid, String documentId,
            int expected, Batch batch) throws IOException {
        SeriesKey key = SeriesKey.of(documentId);
        Cached c = new Cached();
        java.util.Optional<CachedSeries> hit = intactInStore(key) ? store.lookup(key) : java.util.Optional.empty();
        if (hit.isPresent()) {
            SeriesManifest m = hit.get().manifest();
            if (!m.instances().isEmpty()) {
                try (java.io.InputStream in = hit.get().openInstance(m.instances().get(0).sopInstanceUid())) {
                    c.header = codec.readFile(in, true);
                    c.instances = m.instances().size();
                    c.path = "cache";
                    return c;
                } catch (CorruptSeriesException | SeriesEvictedException e) {
                    LOG.warn("{}: fetching the series again", e.getMessage());
                }
            }
        }
        AtomicReference<DicomObject> first = new AtomicReference<>();
        SeriesWriter[] writer = new SeriesWriter[1];
        RetrieveOutcome ro;
        try {
            ro = gate.call(() -> {
                if (writer[0] != null) {
                    writer[0].abort();
                }
                first.set(null);
                writer[0] = store.begin(key);
                return t.retrieve(new RetrieveRequest(studyUid, seriesUid, InstanceSelection.ALL, false), instance -> {
                    DicomObject whole = codec.readDataSet(instance.dataSet(), instance.transferSyntaxUid(), false);
                    DicomObject d = deidentifier.deidentify(whole);
                    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(64 * 1024);
                    codec.writeFile(d, instance.transferSyntaxUid(), bytes);
                    writer[0].add(d.string(Tag.SOPInstanceUID).orElseThrow(), TransferSyntax.of(
                            instance.transferSyntaxUid()), bytes.toByteArray());
                    first.compareAndSet(null, d.toBuilder().remove(Tag.PixelData).build());
                });
            }, batch.cancelled);
            c.path = ro.path();
            c.instances = writer[0].instanceCount();
            if (c.instances == 0) {
                writer[0].abort();
                c.problem = "the PACS sent no instance (" + ro.statusMeaning() + ", " + ro.failed()
                        + " failed sub-operations)";
                return c;
            }
            if ((expected >= 0 && c.instances < expected) || ro.failed() > 0) {
                writer[0].abort();
                c.problem = c.instances + " of " + (expected >= 0 ? expected : c.instances + ro.failed())
                        + " instances received; the series was not cached";
            } else {
                writer[0].commit();
            }
            c.header = first.get();
            return c;
        } finally {
            if (writer[0] != null) {
                writer[0].close();
            }
        }
    }

    private static SeriesOutcome seriesFailed(String documentId, String modality, int expected, int retrieved,
            String path, long t0, String reason) {
        return new SeriesOutcome(documentId, modality, SeriesOutcome.Status.FAILED, expected, retrieved, path, reason,
                Duration.ofNanos(System.nanoTime() - t0));
    }

    /**
     * An exception in words. Our own exceptions are written to carry no patient data; for others
     * only the type is shown, since their message may quote a value.
     */
    private static String safe(Exception e) {
        if (e instanceof I4dwException || e instanceof IOException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName();
    }

    /** The C-FIND attributes of study and series as one object, without the query's own attributes. */
    private static DicomObject merge(DicomObject study, DicomObject series) {
        DicomObject.Builder b = study.toBuilder();
        for (DicomElement e : series) {
            b.set(e);
        }
        return b.remove(Tag.QueryRetrieveLevel).remove(Tag.RetrieveAETitle).remove(Tag.InstanceAvailability)
                .remove(Tag.NumberOfStudyRelatedSeries).build();
    }

    private PivotDocument.Builder document(String accession, String documentId, String patientKey, DicomObject d,
            int expected, int retrieved) {
        return SeriesDocuments.start(d, documentId, accession, patientKey, terminologySettings.textIndexFields(),
                expected, retrieved);
    }

    @Override
    public void close() {
        workers.shutdownNow();
        closeFeatures();
        transports.forEach(Transport::close);
        if (store != null) {
            store.close();
        }
    }

    private void closeFeatures() {
        synchronized (started) {
            for (ExtractionFeature f : started.values()) {
                try {
                    f.close();
                } catch (RuntimeException e) {
                    LOG.warn("a feature failed to close: {}", e.toString());
                }
            }
            started.clear();
        }
    }

    /** What features see of the bridge. */
    private final class Context implements PluginContext {
        @Override
        public Mode mode() {
            return mode;
        }

        @Override
        public TerminologySettings terminologySettings() {
            return terminologySettings;
        }

        @Override
        public DocumentIndexer indexer() {
            return indexer;
        }

        @Override
        public void recordTerminology(String patientKey, String documentKey, DicomObject object) {
            synchronized (terminology) {
                terminology.add(patientKey, documentKey, object);
            }
            List<Contribution> journaled = recording.get();
            if (journaled != null) {
                journaled.add(new Contribution(patientKey, documentKey, object));
            }
        }
    }
}
