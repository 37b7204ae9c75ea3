/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.i4dw.api.AeTitle;
import org.i4dw.api.DicomNetworkException;
import org.i4dw.api.DicomStatusException;
import org.i4dw.api.DicomTimeoutException;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.QueryLevel;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.TransferSyntax;
import org.i4dw.data.VR;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.DicomWriter;
import org.i4dw.dicom.io.ReadOptions;
import org.i4dw.dicom.io.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DIMSE service user (PS3.7) for one PACS: C-ECHO and C-FIND over pooled associations. Safe for
 * concurrent use by several threads; each operation borrows an association from the client's pool,
 * whose size is the most associations ever open with the PACS at once.
 *
 * <pre>{@code
 * try (DimseClient pacs = DimseClient.builder()
 *         .pacs(PacsAddress.parse("ORTHANC@pacs.example:4242"))
 *         .callingAeTitle("I4DW")
 *         .maxAssociations(4)
 *         .build()) {
 *     Duration rtt = pacs.echo();
 *     FindResult r = pacs.find(QueryModel.STUDY_ROOT, QueryLevel.SERIES, keys, series -> {
 *         handle(series);
 *         return true; // false cancels the query
 *     });
 * }
 * }</pre>
 *
 * <p>Failures say whose fault they are: {@link org.i4dw.api.AssociationRejectedException} (the
 * PACS refused us, with the reason in words), {@link DicomTimeoutException} (the PACS did not
 * connect or answer within {@link NetworkOptions}' timeouts; the association is aborted),
 * {@link DicomStatusException} (a failure status, with its PS3.7 meaning), and
 * {@link DicomNetworkException} for unreachable hosts and broken connections. Logs carry AE
 * titles, counts and timings only, never query keys or results.
 */
public final class DimseClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DimseClient.class);
    private static final ReadOptions RESULT_READ =
            ReadOptions.builder().bulkDataThreshold(Integer.MAX_VALUE).build();

    private final PacsAddress pacs;
    private final AeTitle calling;
    private final NetworkOptions options;
    private final int maxAssociations;
    private final AssociationPool pool;
    private final AtomicInteger messageIds = new AtomicInteger();

    private DimseClient(Builder b) {
        this.pacs = b.pacs;
        this.calling = b.calling;
        this.options = b.options;
        this.maxAssociations = b.maxAssociations;
        this.keepAfterCancel = b.keepAfterCancel;
        this.pool = new AssociationPool(pacs, calling, options, maxAssociations, b.borrowTimeout);
    }

    /**
     * A builder; {@link Builder#pacs(PacsAddress)} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The PACS this client talks to.
     *
     * @return the address
     */
    public PacsAddress pacs() {
        return pacs;
    }

    /**
     * Our AE title, sent as the calling AE title.
     *
     * @return the AE title
     */
    public AeTitle callingAeTitle() {
        return calling;
    }

    /**
     * The network settings.
     *
     * @return the options
     */
    public NetworkOptions networkOptions() {
        return options;
    }

    /**
     * The most associations open with the PACS at once.
     *
     * @return the limit
     */
    public int maxAssociations() {
        return maxAssociations;
    }

    AssociationPool pool() {
        return pool;
    }

    // ------------------------------------------------------------------ C-ECHO

    /**
     * Sends one C-ECHO (Verification) on a pooled association.
     *
     * @return the round-trip time of the C-ECHO-RQ/RSP exchange (association set-up excluded)
     * @throws DicomStatusException if the PACS answers with a failure status
     * @throws DicomTimeoutException if the PACS does not answer in time
     * @throws DicomNetworkException if the PACS cannot be reached or rejects the association
     */
    public Duration echo() {
        return pool.execute(AssociationProfile.QUERY, (a, attempt) -> echoOn(a, attempt));
    }

    /**
     * Sends {@code count} C-ECHOs one after the other on one association: a DICOM ping.
     *
     * @param count how many, 1 to 100000
     * @return the round-trip time of each, in order
     * @throws IllegalArgumentException if {@code count} is out of range
     * @throws DicomStatusException if the PACS answers with a failure status
     * @throws DicomTimeoutException if the PACS does not answer in time
     * @throws DicomNetworkException if the PACS cannot be reached or rejects the association
     */
    public List<Duration> echo(int count) {
        if (count < 1 || count > 100_000) {
            throw new IllegalArgumentException("echo count must be 1 to 100000, got " + count);
        }
        return pool.execute(AssociationProfile.QUERY, (a, attempt) -> {
            List<Duration> times = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                times.add(echoOn(a, attempt));
                attempt.noRetry();
            }
            LOG.debug("{} C-ECHOs on one association with {}", count, pacs);
            return List.copyOf(times);
        });
    }

    private Duration echoOn(Association a, AssociationPool.Attempt attempt) {
        PresentationContext pc = context(a, AssociationProfile.VERIFICATION, "Verification (C-ECHO)", attempt);
        int id = nextMessageId();
        long t0 = System.nanoTime();
        a.send(pc.id(), Command.request(Command.C_ECHO_RQ, AssociationProfile.VERIFICATION, id, false), null);
        Association.Message rsp = a.receive(options.dimseTimeout());
        long rtt = System.nanoTime() - t0;
        checkResponse(rsp, Command.C_ECHO_RQ, id, "C-ECHO");
        Status status = Status.of(rsp.status() & 0xFFFF);
        if (status.isFailure() || status.isPending()) {
            throw new DicomStatusException("C-ECHO", pacs.toString(), status.code(), status.meaning());
        }
        return Duration.ofNanos(rtt);
    }

    // ------------------------------------------------------------------ C-FIND

    /**
     * Runs one C-FIND and hands each match to {@code onResult} as its C-FIND-RSP arrives; nothing is
     * collected in memory. Query/Retrieve Level (0008,0052) is set in a copy of {@code keys}.
     * When {@code onResult} returns false, a C-CANCEL-RQ is sent, later matches are skipped and the
     * call returns once the final response arrives, with {@link FindResult#cancelled()} true; the
     * association stays usable. Pending statuses with a warning (FF01H, optional keys not
     * supported) are normal.
     *
     * <p>An exception thrown by {@code onResult} aborts the association and propagates. A failure
     * of a pooled association before the first match is retried once on a new association.
     *
     * @param model the information model
     * @param level the level; PATIENT only in {@link QueryModel#PATIENT_ROOT}
     * @param keys matching keys (with values) and return keys (empty)
     * @param onResult called with each match, in arrival order; returns false to cancel
     * @return the count, final status and whether the query was cancelled
     * @throws IllegalArgumentException if the model has no such level
     * @throws DicomStatusException if the PACS ends the query with a failure status
     * @throws DicomTimeoutException if the PACS does not answer within the DIMSE timeout
     * @throws DicomNetworkException if the PACS cannot be reached, rejects the association or does
     *     not accept the model's FIND SOP class
     * @throws org.i4dw.api.DicomParseException if a match cannot be parsed
     */
    public FindResult find(QueryModel model, QueryLevel level, DicomObject keys, Predicate<DicomObject> onResult) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(onResult, "onResult");
        if (!model.supports(level)) {
            throw new IllegalArgumentException(model + " has no " + level + " level");
        }
        DicomObject identifier = keys.toBuilder().set(Tag.QueryRetrieveLevel, VR.CS, level.value()).build();
        String sopClass = model.findSopClass();
        return pool.execute(AssociationProfile.QUERY, (a, attempt) -> {
            PresentationContext pc = context(a, sopClass, model + " C-FIND", attempt);
            TransferSyntax ts = TransferSyntax.of(pc.transferSyntax());
            int id = nextMessageId();
            long t0 = System.nanoTime();
            a.send(pc.id(), Command.request(Command.C_FIND_RQ, sopClass, id, true),
                    out -> DicomWriter.writeDataset(out, identifier, ts, WriteOptions.defaults()));
            long count = 0;
            boolean cancelled = false;
            while (true) {
                Association.Message rsp = a.receive(options.dimseTimeout());
                checkResponse(rsp, Command.C_FIND_RQ, id, "C-FIND");
                Status status = Status.of(rsp.status() & 0xFFFF);
                if (status.isPending()) {
                    if (!rsp.hasData() || cancelled) {
                        continue; // after a cancel, late matches are skipped
                    }
                    DicomObject match = read(rsp, ts);
                    count++;
                    attempt.noRetry();
                    if (!onResult.test(match)) {
                        a.send(pc.id(), Command.cancel(id), null);
                        cancelled = true;
                    }
                    continue;
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
                if (status.isFailure()) {
                    LOG.debug("C-FIND {} {} on {} failed after {} matches: {}", model, level, pacs, count, status);
                    throw new DicomStatusException("C-FIND", pacs.toString(), status.code(), status.meaning());
                }
                LOG.debug("C-FIND {} {} on {}: {} matches, status {}, {} ms", model, level, pacs, count,
                        status, elapsed.toMillis());
                return new FindResult(count, status, cancelled || status.category() == Status.Category.CANCEL,
                        elapsed);
            }
        });
    }

    private DicomObject read(Association.Message rsp, TransferSyntax ts) {
        try {
            return DicomReader.readDataset(rsp.data(), "C-FIND match from " + pacs, ts, RESULT_READ).dataset();
        } catch (IOException e) {
            throw new DicomNetworkException("connection to " + pacs + " failed while a C-FIND match was read: "
                    + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ shared

    private PresentationContext context(Association a, String sopClass, String what, AssociationPool.Attempt attempt) {
        PresentationContext pc = a.contextFor(sopClass, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
        if (pc == null) {
            attempt.noRetry();
            throw new DicomNetworkException(pacs + " did not accept the presentation context for " + what
                    + " (SOP class " + sopClass + ")");
        }
        return pc;
    }

    private void checkResponse(Association.Message rsp, int requestField, int messageId, String operation) {
        int field = rsp.commandField();
        int respondedTo = Command.integer(rsp.command(), Command.MESSAGE_ID_BEING_RESPONDED_TO);
        if (field != (requestField | Command.RSP) || respondedTo != messageId) {
            throw new DicomNetworkException(pacs + " answered a " + operation + " request (message " + messageId
                    + ") with " + Command.describe(rsp.command()) + " for message " + respondedTo);
        }
    }

    private int nextMessageId() {
        return messageIds.updateAndGet(i -> i >= 0xFFFF ? 1 : i + 1);
    }

    // ------------------------------------------------------------------ C-GET and C-MOVE

    /** C-GET (both models) and Study Root C-FIND, with the common storage classes. */
    private static final AssociationProfile GET_PROFILE = getProfile(List.of());

    /** C-MOVE (both models) and Study Root C-FIND. */
    private static final AssociationProfile MOVE_PROFILE = profile("move", Retrieve.moveProposal(List.of(
            QueryModel.STUDY_ROOT.moveSopClass(), QueryModel.PATIENT_ROOT.moveSopClass(),
            QueryModel.STUDY_ROOT.findSopClass())));

    private final Map<Set<String>, AssociationProfile> getProfiles = new ConcurrentHashMap<>();

    private static AssociationProfile getProfile(Collection<String> storageClasses) {
        return profile(storageClasses.isEmpty() ? "get" : "get" + storageClasses.size(),
                Retrieve.getProposal(List.of(QueryModel.STUDY_ROOT.getSopClass(), QueryModel.PATIENT_ROOT.getSopClass(),
                        QueryModel.STUDY_ROOT.findSopClass()), storageClasses));
    }

    private static AssociationProfile profile(String name, Retrieve.Proposal p) {
        return new AssociationProfile(name, p.contexts(), p.roles());
    }

    private AssociationProfile profileFor(Collection<String> storageClasses) {
        if (storageClasses.isEmpty()) {
            return GET_PROFILE;
        }
        Set<String> key = Set.copyOf(new LinkedHashSet<>(storageClasses));
        return getProfiles.computeIfAbsent(key, k -> getProfile(storageClasses));
    }

    /** The C-GET profile for one modality's storage classes; the default one for an unlisted modality. */
    private AssociationProfile profileForModality(String modality) {
        List<String> classes = ModalityStorageClasses.of(modality);
        return classes.isEmpty() ? GET_PROFILE : profileFor(classes);
    }

    /** Marks the attempt not retryable as soon as one instance reached the caller's handler. */
    private static InstanceHandler once(InstanceHandler handler, AssociationPool.Attempt attempt) {
        return instance -> {
            attempt.noRetry();
            handler.handle(instance);
        };
    }

    /**
     * C-GET of a study or series on a pooled association that proposes the common storage classes,
     * each in the transfer syntaxes that spare the PACS a transcoding; the instances come back on
     * the same association and are handed to {@code handler} as they arrive. If the PACS fails
     * because it finds no presentation context for an instance (a rarer SOP class, or a syntax left
     * out), a Study Root C-FIND learns the SOP classes the series holds and the C-GET runs again on
     * an association proposing exactly those classes in every syntax; instances already handed
     * over are not handed over twice.
     *
     * @param request what to retrieve
     * @param handler what to do with each instance
     * @return counts, statuses, received instances
     * @throws RetrieveFailedException on a failure status (the partial result inside)
     * @throws DicomTimeoutException if the PACS stops answering for the DIMSE timeout
     * @throws DicomNetworkException if the PACS cannot be reached or rejects the association
     */
    public RetrieveResult get(RetrieveRequest request, InstanceHandler handler) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(handler, "handler");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        InstanceHandler once = instance -> {
            if (seen.add(instance.sopInstanceUid())) {
                handler.handle(instance);
            }
        };
        try {
            return get(request, List.of(), once);
        } catch (RetrieveFailedException failed) {
            if (!noContext(failed) || request.studyInstanceUid() == null || request.level() == QueryLevel.PATIENT) {
                throw failed;
            }
            Set<String> classes = new LinkedHashSet<>();
            for (DicomObject i : pool.execute(AssociationProfile.QUERY, (a, attempt) -> Retrieve.findInstances(a,
                    request.studyInstanceUid(), request.seriesInstanceUid(), null, true, nextMessageId()))) {
                i.string(Tag.SOPClassUID).filter(c -> !c.isBlank()).ifPresent(classes::add);
            }
            if (classes.isEmpty()) {
                throw failed;
            }
            LOG.debug("C-GET from {} again, proposing the {} SOP classes the PACS lists", pacs, classes.size());
            RetrieveResult again = get(request, classes, once);
            List<RetrieveResult.Instance> received = new ArrayList<>(failed.result().received());
            received.addAll(again.received());
            return new RetrieveResult(again.status(), again.statusMeaning(), again.completed(), again.failed(),
                    again.warning(), again.failedSopInstanceUids(), received);
        }
    }

    /**
     * {@link #get(RetrieveRequest, InstanceHandler)} proposing the given storage SOP classes (for
     * example learnt from a C-FIND at IMAGE level), each in every transfer syntax that spares the
     * PACS a transcoding, as far as 128 presentation contexts allow.
     *
     * @param request what to retrieve
     * @param storageClasses the SOP class UIDs expected; empty for the common ones
     * @param handler what to do with each instance
     * @return counts, statuses, received instances
     */
    public RetrieveResult get(RetrieveRequest request, Collection<String> storageClasses, InstanceHandler handler) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(handler, "handler");
        return pool.execute(profileFor(storageClasses),
                (a, attempt) -> Retrieve.get(a, request, nextMessageId(), once(handler, attempt), false, null));
    }

    /**
     * Routine extraction: one instance per series of a study (or of one of its series). On one
     * pooled association, a Study Root C-FIND at IMAGE level lists the instances, the one with the
     * lowest Instance Number of each series is chosen, then one C-GET at IMAGE level per series,
     * proposing the common storage classes. A series whose C-GET fails because the PACS found no
     * presentation context for its SOP class or transfer syntax is fetched again on an association
     * that proposes that SOP class in every transfer syntax. With {@link InstanceHandler#headers}
     * each instance is read only up to Pixel Data.
     *
     * @param studyInstanceUid the study
     * @param seriesInstanceUid one of its series, or null for all
     * @param handler what to do with each instance
     * @return one result per series, in the order the PACS listed them
     */
    public List<RetrieveResult> getFirstInstancePerSeries(String studyInstanceUid, String seriesInstanceUid,
            InstanceHandler handler) {
        RetrieveRequest.studyOrSeries(studyInstanceUid, seriesInstanceUid); // checks the UIDs
        Objects.requireNonNull(handler, "handler");
        Map<String, RetrieveResult> results = new LinkedHashMap<>();
        Map<String, DicomObject> again = new LinkedHashMap<>();
        pool.execute(GET_PROFILE, (a, attempt) -> {
            Map<String, DicomObject> first = new LinkedHashMap<>();
            for (DicomObject i : Retrieve.findInstances(a, studyInstanceUid, seriesInstanceUid, nextMessageId())) {
                String series = i.string(Tag.SeriesInstanceUID).orElse("");
                String uid = i.string(Tag.SOPInstanceUID).orElse("");
                if (series.isEmpty() || uid.isEmpty()) {
                    continue;
                }
                DicomObject best = first.get(series);
                if (best == null || instanceNumber(i) < instanceNumber(best)) {
                    first.put(series, i);
                }
            }
            InstanceHandler h = once(handler, attempt);
            for (Map.Entry<String, DicomObject> e : first.entrySet()) {
                results.put(e.getKey(), null);
                try {
                    results.put(e.getKey(), Retrieve.get(a, firstRequest(studyInstanceUid, e), nextMessageId(), h,
                            false, null));
                } catch (RetrieveFailedException failed) {
                    if (!noContext(failed) || failed.result().received().size() > 0) {
                        throw failed;
                    }
                    again.put(e.getKey(), e.getValue());
                }
            }
            return null;
        });
        for (Map.Entry<String, DicomObject> e : again.entrySet()) {
            String sop = e.getValue().string(Tag.SOPInstanceUID).orElseThrow();
            String sopClass = pool.execute(AssociationProfile.QUERY, (a, attempt) -> Retrieve.findInstances(a,
                    studyInstanceUid, e.getKey(), sop, true, nextMessageId())).stream()
                    .map(i -> i.string(Tag.SOPClassUID).orElse("")).filter(c -> !c.isBlank()).findFirst()
                    .orElseThrow(() -> new RetrieveFailedException("C-GET", pacs.toString(), new RetrieveResult(0xC000,
                            Status.of(0xC000).meaning(), 0, 1, 0, List.of(sop), List.of())));
            LOG.debug("C-GET of one series from {} again with every transfer syntax of its SOP class", pacs);
            results.put(e.getKey(), pool.execute(profileFor(List.of(sopClass)), (a, attempt) -> Retrieve.get(a,
                    firstRequest(studyInstanceUid, e), nextMessageId(), once(handler, attempt), false, null)));
        }
        return List.copyOf(results.values());
    }

    /** Instances a PACS may still send after our C-CANCEL before we decide it ignores cancels. */
    private static final int LATE_INSTANCES = 8;

    /** Set once this PACS was seen ignoring C-CANCEL of a C-GET: routine retrieval then lists instances first. */
    private volatile boolean cancelIgnored;

    /** Whether the association of a cancelled C-GET is kept for the next operation (off by default). */
    private final boolean keepAfterCancel;

    /**
     * Routine extraction, fastest path: the header (or whole instance, as the handler decides) of
     * one instance of a series, whichever the PACS sends first. One C-GET at SERIES level on a
     * pooled association; as soon as the first instance has arrived a C-CANCEL-RQ is sent, and
     * what the PACS still sends before it stops is not read (at most a few instances). This spares
     * the IMAGE-level C-FIND that {@link #getFirstInstancePerSeries} needs, which is the slow part
     * of a PACS's answer. A PACS that ignores the cancel (more than a few instances after it) has
     * its association aborted, and from then on this client uses {@link #getFirstInstancePerSeries}
     * for it. A PACS that finds no presentation context for the instance gets the same fallback.
     *
     * <p>The association of a C-GET that ended cancelled is released, not reused: some PACS
     * (dcmtk's dcmqrscp 3.6.7, which forks a process per association) keep their index locked
     * after some cancels until the association ends, so that every other association waits. A
     * PACS known to recover from a cancel (Orthanc) can be told so with
     * {@link Builder#keepAssociationsAfterCancel(boolean)}: one association then serves series after
     * series, without a connect, negotiation and release for each.
     *
     * @param studyInstanceUid the study
     * @param seriesInstanceUid the series
     * @param handler receives exactly one instance (none if the series is empty)
     * @return the outcome, with at most one received instance
     * @throws RetrieveFailedException on a failure status
     * @throws DicomTimeoutException if the PACS stops answering for the DIMSE timeout
     * @throws DicomNetworkException if the PACS cannot be reached or rejects the association
     */
    public RetrieveResult getOneInstance(String studyInstanceUid, String seriesInstanceUid, InstanceHandler handler) {
        return getOneInstance(studyInstanceUid, seriesInstanceUid, null, handler);
    }

    /**
     * {@link #getOneInstance(String, String, InstanceHandler)} for a series whose Modality is
     * known (from the C-FIND at SERIES level): the C-GET association proposes only the storage
     * classes of that modality ({@link ModalityStorageClasses}), which a PACS accepts far faster
     * than the default proposal of 128 contexts (Orthanc 1.10.1, a routine series on a new
     * association: about 3.2 ms of its CPU instead of 7). An instance of another class makes the PACS fail its sub-operation; the
     * series is then fetched as when the PACS finds no presentation context (instances listed,
     * their exact classes proposed).
     *
     * @param studyInstanceUid the study
     * @param seriesInstanceUid the series
     * @param modality the series' Modality, or null (or an unlisted term) for the default proposal
     * @param handler receives exactly one instance (none if the series is empty)
     * @return the outcome, with at most one received instance
     */
    public RetrieveResult getOneInstance(String studyInstanceUid, String seriesInstanceUid, String modality,
            InstanceHandler handler) {
        Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
        Objects.requireNonNull(handler, "handler");
        RetrieveRequest rq = RetrieveRequest.studyOrSeries(studyInstanceUid, seriesInstanceUid);
        if (cancelIgnored) {
            return firstOf(getFirstInstancePerSeries(studyInstanceUid, seriesInstanceUid, handler));
        }
        Retrieve.Cancel cancel = new Retrieve.Cancel();
        java.util.concurrent.atomic.AtomicReference<RetrieveResult.Instance> got =
                new java.util.concurrent.atomic.AtomicReference<>();
        AtomicInteger arrived = new AtomicInteger();
        try {
            RetrieveResult r = pool.execute(profileForModality(modality), (a, attempt) -> {
                RetrieveResult res = Retrieve.get(a, rq, nextMessageId(), instance -> {
                        int n = arrived.incrementAndGet();
                        if (n == 1) {
                            attempt.noRetry();
                            cancel.cancel();
                            handler.handle(instance);
                            got.set(new RetrieveResult.Instance(instance.sopClassUid(), instance.sopInstanceUid(),
                                    instance.transferSyntax().uid()));
                        } else if (n > LATE_INSTANCES) {
                            cancelIgnored = true;
                            LOG.info("{} ignores C-CANCEL during C-GET; routine retrieval will list instances first",
                                    pacs);
                            instance.abortAssociation();
                        }
                    }, false, cancel);
                if (res.isCancelled() && !keepAfterCancel) {
                    // a PACS may not serve others until the cancelled association ends (dcmqrscp
                    // 3.6.7 keeps its index locked): start afresh next time
                    attempt.releaseAfter();
                }
                return res;
            });
            return new RetrieveResult(r.status(), r.statusMeaning(), r.completed(), r.failed(), r.warning(),
                    r.failedSopInstanceUids(), got.get() == null ? List.of() : List.of(got.get()));
        } catch (org.i4dw.api.AssociationAbortedException e) {
            if (got.get() == null || !cancelIgnored) {
                throw e;
            }
            return new RetrieveResult(0xFE00, Status.of(0xFE00).meaning(), 1, 0, 0, List.of(), List.of(got.get()));
        } catch (RetrieveFailedException failed) {
            if (!noContext(failed) || got.get() != null) {
                throw failed;
            }
            return firstOf(getFirstInstancePerSeries(studyInstanceUid, seriesInstanceUid, handler));
        }
    }

    /**
     * {@link #getOneInstance} for every series of a study, listed first with a C-FIND at SERIES
     * level.
     *
     * @param studyInstanceUid the study
     * @param handler receives one instance per series
     * @return one result per series, in the order the PACS listed them
     */
    public List<RetrieveResult> getOneInstancePerSeries(String studyInstanceUid, InstanceHandler handler) {
        RetrieveRequest.studyOrSeries(studyInstanceUid, null); // checks the UID
        List<String> series = new ArrayList<>();
        DicomObject keys = DicomObject.builder().set(Tag.StudyInstanceUID, VR.UI, studyInstanceUid)
                .setEmpty(Tag.SeriesInstanceUID, VR.UI).build();
        find(QueryModel.STUDY_ROOT, QueryLevel.SERIES, keys, r -> {
            r.string(Tag.SeriesInstanceUID).filter(u -> !u.isBlank()).ifPresent(series::add);
            return true;
        });
        List<RetrieveResult> results = new ArrayList<>();
        for (String s : series) {
            results.add(getOneInstance(studyInstanceUid, s, handler));
        }
        return List.copyOf(results);
    }

    private static RetrieveResult firstOf(List<RetrieveResult> results) {
        return results.isEmpty() ? new RetrieveResult(0, Status.of(0).meaning(), 0, 0, 0, List.of(), List.of())
                : results.get(0);
    }

    private static RetrieveRequest firstRequest(String study, Map.Entry<String, DicomObject> e) {
        return RetrieveRequest.builder().level(QueryLevel.IMAGE).studyInstanceUid(study).seriesInstanceUid(e.getKey())
                .sopInstanceUids(List.of(e.getValue().string(Tag.SOPInstanceUID).orElseThrow())).build();
    }

    /**
     * Whether a failed C-GET looks like the PACS found no presentation context to send the
     * instance in (Orthanc: C000H; others: A702H, 0122H): worth one more try with a proposal made
     * for that SOP class.
     */
    private static boolean noContext(RetrieveFailedException e) {
        int s = e.status();
        return (s & 0xF000) == 0xC000 || s == 0xA702 || s == 0x0122;
    }

    private static long instanceNumber(DicomObject i) {
        try {
            return Long.parseLong(i.string(Tag.InstanceNumber).orElse("").strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * C-MOVE to our own Storage SCP: returns once the PACS has sent its final response and the SCP
     * has handled the instances it counts; {@link RetrieveResult#received()} lists them. The PACS
     * must know the SCP's AE title, host and port, and the SCP must accept the PACS's AE title.
     *
     * @param request what to retrieve
     * @param destination our running Storage SCP
     * @return counts, statuses, received instances
     * @throws RetrieveFailedException on a failure status, e.g. A801H when the PACS does not know the destination
     */
    public RetrieveResult move(RetrieveRequest request, StorageScp destination) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(destination, "destination");
        return pool.execute(MOVE_PROFILE, (a, attempt) -> {
            attempt.noRetry();
            return Retrieve.move(a, request, nextMessageId(), destination.aeTitle(), destination, null);
        });
    }

    /**
     * C-MOVE to any destination the PACS knows; {@link RetrieveResult#received()} is then empty.
     *
     * @param request what to retrieve
     * @param destination the Move Destination AE title
     * @return counts and statuses
     * @throws RetrieveFailedException on a failure status, e.g. A801H when the PACS does not know the destination
     */
    public RetrieveResult move(RetrieveRequest request, AeTitle destination) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(destination, "destination");
        return pool.execute(MOVE_PROFILE, (a, attempt) -> {
            attempt.noRetry();
            return Retrieve.move(a, request, nextMessageId(), destination, null, null);
        });
    }

    /**
     * Releases every pooled association. Operations running in other threads finish; their
     * associations are released when they end.
     */
    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "DimseClient[" + calling + " -> " + pacs + ", max " + maxAssociations + " associations]";
    }

    /** Builds a {@link DimseClient}; each setting is checked when set. */
    public static final class Builder {

        private PacsAddress pacs;
        private AeTitle calling = AeTitle.of("I4DW");
        private NetworkOptions options = NetworkOptions.defaults();
        private int maxAssociations = 4;
        private Duration borrowTimeout = Duration.ofMinutes(2);
        private boolean keepAfterCancel;

        private Builder() {
        }

        /**
         * The PACS (required).
         *
         * @param address its AE title, host and port (of an address paired with a DICOMweb base,
         *     the DIMSE part)
         * @return this builder
         * @throws org.i4dw.api.I4dwConfigurationException if the address is DICOMweb only
         */
        public Builder pacs(PacsAddress address) {
            Objects.requireNonNull(address, "address");
            this.pacs = address.dimse().orElseThrow(() -> new org.i4dw.api.I4dwConfigurationException(
                    "DIMSE needs an address AET@host:port, got the DICOMweb address " + address));
            return this;
        }

        /**
         * Our AE title (default {@code I4DW}).
         *
         * @param aeTitle the calling AE title
         * @return this builder
         */
        public Builder callingAeTitle(AeTitle aeTitle) {
            this.calling = Objects.requireNonNull(aeTitle, "aeTitle");
            return this;
        }

        /**
         * Our AE title (default {@code I4DW}).
         *
         * @param aeTitle the calling AE title
         * @return this builder
         * @throws I4dwConfigurationException if it is not a valid AE title
         */
        public Builder callingAeTitle(String aeTitle) {
            return callingAeTitle(AeTitle.of(aeTitle));
        }

        /**
         * Timeouts, PDU size, quick ACK, TLS (default {@link NetworkOptions#defaults()}).
         *
         * @param networkOptions the options
         * @return this builder
         */
        public Builder networkOptions(NetworkOptions networkOptions) {
            this.options = Objects.requireNonNull(networkOptions, "networkOptions");
            return this;
        }

        /**
         * The most associations open with the PACS at once, in use or idle (default 4): the
         * PACS-protection limit. Operations beyond it wait for a free association.
         *
         * @param max 1 to 1000
         * @return this builder
         * @throws I4dwConfigurationException if out of range
         */
        public Builder maxAssociations(int max) {
            if (max < 1 || max > 1000) {
                throw new I4dwConfigurationException("maxAssociations must be 1 to 1000, got " + max);
            }
            this.maxAssociations = max;
            return this;
        }

        /**
         * How long an operation waits for a free association when all are in use (default 2 min).
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws I4dwConfigurationException if not positive
         */
        public Builder borrowTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new I4dwConfigurationException("borrowTimeout must be positive, got " + timeout);
            }
            this.borrowTimeout = timeout;
            return this;
        }

        /**
         * Whether the association of a C-GET that ended cancelled ({@link #getOneInstance}) is
         * kept for the next operation; off by default, when it is released. Turn it on only for a
         * PACS known to recover from C-CANCEL on the same association and to serve others
         * meanwhile, such as Orthanc: dcmtk's dcmqrscp 3.6.7 keeps its index locked after some
         * cancels until the association ends, and no probe tells such a PACS apart reliably (it
         * answered 32 probes in a row in one test and none in others).
         *
         * @param keep true to keep such associations in the pool
         * @return this builder
         */
        public Builder keepAssociationsAfterCancel(boolean keep) {
            this.keepAfterCancel = keep;
            return this;
        }

        /**
         * The client; no association is opened until the first operation.
         *
         * @return the client; close it
         * @throws I4dwConfigurationException if no PACS was given
         */
        public DimseClient build() {
            if (pacs == null) {
                throw new I4dwConfigurationException("DimseClient needs a PACS address: call pacs(..) before build()");
            }
            return new DimseClient(this);
        }
    }
}
