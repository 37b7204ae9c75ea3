/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.i4dw.api.AeTitle;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.api.PacsAddress;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;

/**
 * Retrieves from one PACS with C-GET or C-MOVE, one association per call (opened, used, released).
 * Immutable and thread-safe; built with {@link #builder()}.
 *
 * <p>Failure statuses are thrown as {@link RetrieveFailedException} (with the partial result);
 * an unreachable PACS as {@link org.i4dw.api.DicomNetworkException}, a rejection as
 * {@link org.i4dw.api.AssociationRejectedException}, a PACS that stops answering for longer than
 * the DIMSE timeout as {@link org.i4dw.api.DicomTimeoutException} (the association is then
 * aborted).
 */
public final class RetrieveScu {

    private final PacsAddress pacs;
    private final AeTitle callingAe;
    private final NetworkOptions options;
    private final AtomicInteger messageIds = new AtomicInteger();

    private RetrieveScu(Builder b) {
        this.pacs = b.pacs;
        this.callingAe = b.callingAe;
        this.options = b.options;
    }

    /**
     * A builder: PACS and calling AE title required, default network options.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The PACS.
     *
     * @return its address
     */
    public PacsAddress pacs() {
        return pacs;
    }

    /**
     * Our calling AE title.
     *
     * @return the AE title
     */
    public AeTitle callingAe() {
        return callingAe;
    }

    private int nextMessageId() {
        return messageIds.updateAndGet(i -> i >= 0xFFFF ? 1 : i + 1);
    }

    /**
     * C-GET, proposing the common storage classes (no transcoding needed for the usual native and
     * compressed syntaxes).
     *
     * @param request what to retrieve
     * @param handler what to do with each instance
     * @return the outcome
     */
    public RetrieveResult get(RetrieveRequest request, InstanceHandler handler) {
        return get(request, List.of(), handler);
    }

    /**
     * C-GET, proposing the given storage SOP classes (e.g. learnt from a C-FIND at IMAGE level),
     * each with every syntax of the no-transcoding list while the 128 contexts allow.
     *
     * @param request what to retrieve
     * @param storageClasses the SOP class UIDs expected; empty for the common list
     * @param handler what to do with each instance
     * @return the outcome
     */
    public RetrieveResult get(RetrieveRequest request, Collection<String> storageClasses, InstanceHandler handler) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(handler, "handler");
        Retrieve.Proposal p = Retrieve.getProposal(List.of(request.model().getSopClass()), storageClasses);
        try (Association a = Association.open(pacs, callingAe, p.contexts(), p.roles(), options)) {
            return Retrieve.get(a, request, nextMessageId(), handler, false, null);
        }
    }

    /**
     * Routine extraction: one instance per series of a study (or of one series), each retrieved
     * with C-GET at IMAGE level. On one association: a Study Root C-FIND at IMAGE level lists the
     * instances, the one with the lowest Instance Number of each series is chosen, then one C-GET
     * per series. With a header-only handler ({@link InstanceHandler#headers}), each instance is
     * read up to Pixel Data and the rest discarded.
     *
     * @param studyInstanceUid the study
     * @param seriesInstanceUid one series of it, or null for all
     * @param handler what to do with each instance
     * @return one result per series, in the order the PACS listed them
     */
    public List<RetrieveResult> getFirstInstancePerSeries(String studyInstanceUid, String seriesInstanceUid,
            InstanceHandler handler) {
        RetrieveRequest.studyOrSeries(studyInstanceUid, seriesInstanceUid); // checks the UIDs
        Objects.requireNonNull(handler, "handler");
        Retrieve.Proposal p = Retrieve.getProposal(List.of(RetrieveRequest.InformationModel.STUDY_ROOT.getSopClass(),
                RetrieveRequest.InformationModel.STUDY_ROOT.findSopClass()), List.of());
        List<RetrieveResult> results = new ArrayList<>();
        try (Association a = Association.open(pacs, callingAe, p.contexts(), p.roles(), options)) {
            Map<String, DicomObject> first = new LinkedHashMap<>();
            for (DicomObject i : Retrieve.findInstances(a, studyInstanceUid, seriesInstanceUid, nextMessageId())) {
                String series = i.string(Tag.SeriesInstanceUID).orElse("");
                String uid = i.string(Tag.SOPInstanceUID).orElse("");
                if (series.isEmpty() || uid.isEmpty()) {
                    continue;
                }
                DicomObject best = first.get(series);
                if (best == null || number(i) < number(best)) {
                    first.put(series, i);
                }
            }
            for (Map.Entry<String, DicomObject> e : first.entrySet()) {
                RetrieveRequest rq = RetrieveRequest.builder().level(RetrieveRequest.Level.IMAGE)
                        .studyInstanceUid(studyInstanceUid).seriesInstanceUid(e.getKey())
                        .sopInstanceUids(List.of(e.getValue().string(Tag.SOPInstanceUID).orElseThrow()))
                        .build();
                results.add(Retrieve.get(a, rq, nextMessageId(), handler, false, null));
            }
        }
        return List.copyOf(results);
    }

    private static long number(DicomObject i) {
        try {
            return Long.parseLong(i.string(Tag.InstanceNumber).orElse("").strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * C-MOVE to our own Storage SCP: returns once the PACS has sent its final response and the
     * SCP has handled the instances it counts; {@link RetrieveResult#received()} lists them. The
     * PACS must know the SCP's AE title, host and port.
     *
     * @param request what to retrieve
     * @param destination our running Storage SCP, accepting the PACS's AE title
     * @return the outcome
     */
    public RetrieveResult move(RetrieveRequest request, StorageScp destination) {
        Objects.requireNonNull(destination, "destination");
        return move(request, destination.aeTitle(), destination);
    }

    /**
     * C-MOVE to any destination AE title the PACS knows; {@link RetrieveResult#received()} is
     * empty.
     *
     * @param request what to retrieve
     * @param destination the Move Destination AE title
     * @return the outcome
     * @throws RetrieveFailedException with status A801H if the PACS does not know the destination
     */
    public RetrieveResult move(RetrieveRequest request, AeTitle destination) {
        return move(request, destination, null);
    }

    private RetrieveResult move(RetrieveRequest request, AeTitle destination, StorageScp scp) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(destination, "destination");
        Retrieve.Proposal p = Retrieve.moveProposal(List.of(request.model().moveSopClass()));
        try (Association a = Association.open(pacs, callingAe, p.contexts(), p.roles(), options)) {
            return Retrieve.move(a, request, nextMessageId(), destination, scp, null);
        }
    }

    @Override
    public String toString() {
        return "RetrieveScu[" + callingAe + " -> " + pacs + "]";
    }

    /** Builds a {@link RetrieveScu}. */
    public static final class Builder {
        private PacsAddress pacs;
        private AeTitle callingAe;
        private NetworkOptions options = NetworkOptions.defaults();

        private Builder() {
        }

        /**
         * The PACS (required).
         *
         * @param pacs its AE title, host and port
         * @return this builder
         */
        public Builder pacs(PacsAddress pacs) {
            this.pacs = Objects.requireNonNull(pacs, "pacs");
            return this;
        }

        /**
         * Our calling AE title (required); for C-MOVE also the AE title the PACS knows us by.
         *
         * @param callingAe the AE title
         * @return this builder
         */
        public Builder callingAe(AeTitle callingAe) {
            this.callingAe = Objects.requireNonNull(callingAe, "callingAe");
            return this;
        }

        /**
         * Timeouts and PDU size (the DIMSE timeout bounds the wait for each message).
         *
         * @param options the options
         * @return this builder
         */
        public Builder networkOptions(NetworkOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Checks that the PACS and calling AE title are set.
         *
         * @return the client
         * @throws I4dwConfigurationException if one is missing
         */
        public RetrieveScu build() {
            if (pacs == null || callingAe == null) {
                throw new I4dwConfigurationException("a RetrieveScu needs the PACS and the calling AE title (pacs "
                        + pacs + ", calling AE " + callingAe + ")");
            }
            return new RetrieveScu(this);
        }
    }
}
