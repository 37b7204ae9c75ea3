/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.i4dw.api.InstanceSelection;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.QueryLevel;
import org.i4dw.api.Retrieve;
import org.i4dw.api.DicomNetworkException;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.ReadOptions;
import org.i4dw.spi.InstanceConsumer;
import org.i4dw.spi.QueryOutcome;
import org.i4dw.spi.RetrieveOutcome;
import org.i4dw.spi.RetrievedInstance;
import org.i4dw.spi.Transport;
import org.i4dw.spi.TransportSettings;

/**
 * The {@code dimse} {@link Transport}: a {@link DimseClient} (pooled associations, the PACS
 * protection limit) and, for C-MOVE, a Storage SCP started on first use. C-GET retrievals run
 * concurrently up to the association limit; C-MOVE retrievals of one transport run one at a time,
 * since the instances of concurrent moves could not always be told apart. One instance of a series
 * is fetched through the DIMSE paths of {@link TransportSettings#retrievals()} in turn (C-GET,
 * then C-MOVE, or the other way) until one brings it; whole retrievals take the first.
 */
final class DimseTransport implements Transport {

    private static final ReadOptions HEADER = ReadOptions.builder().headerOnly(true).build();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DimseTransport.class);
    private static final String GET_ONE = "C-GET(one instance, cancel)";
    private static final String MOVE_ONE = "C-MOVE(one instance)";

    private final TransportSettings settings;
    private final DimseClient client;
    private final ReentrantLock moveLock = new ReentrantLock();
    private StorageScp scp;
    private volatile InstanceHandler moveHandler;

    DimseTransport(TransportSettings settings) {
        this.settings = settings;
        // the answer to an association request or release is a response too: never wait for it
        // longer than for any other response
        Duration artim = NetworkOptions.defaults().artimTimeout();
        NetworkOptions options = NetworkOptions.builder().connectTimeout(settings.connectTimeout())
                .dimseTimeout(settings.responseTimeout())
                .artimTimeout(settings.responseTimeout().compareTo(artim) < 0 ? settings.responseTimeout() : artim)
                .build();
        this.client = DimseClient.builder().pacs(settings.pacs()).callingAeTitle(settings.callingAeTitle())
                .networkOptions(options).maxAssociations(settings.maxAssociations())
                .keepAssociationsAfterCancel(settings.keepAssociationsAfterCancel()).build();
    }

    @Override
    public PacsAddress pacs() {
        return settings.pacs();
    }

    @Override
    public QueryOutcome query(QueryLevel level, DicomObject keys, Predicate<DicomObject> onResult) {
        QueryModel model = level == QueryLevel.PATIENT ? QueryModel.PATIENT_ROOT : QueryModel.STUDY_ROOT;
        FindResult r = client.find(model, level, keys, onResult);
        return new QueryOutcome((int) Math.min(Integer.MAX_VALUE, r.results()), r.cancelled(), r.status().code());
    }

    @Override
    public RetrieveOutcome retrieve(org.i4dw.spi.RetrieveRequest request, InstanceConsumer consumer) {
        List<Retrieve> order = settings.dimseRetrievals();
        if (order.isEmpty()) {
            order = List.of(settings.retrieve().isDimse() ? settings.retrieve() : Retrieve.C_GET);
        }
        if (request.selection() == InstanceSelection.FIRST && request.seriesInstanceUid() != null) {
            return firstInstance(request, consumer, order);
        }
        InstanceHandler handler = handler(request.headerOnly(), consumer);
        List<RetrieveResult> results = new ArrayList<>();
        String path;
        if (request.selection() == InstanceSelection.FIRST) {
            results.addAll(client.getOneInstancePerSeries(request.studyInstanceUid(), handler));
            path = GET_ONE;
        } else if (order.get(0) == Retrieve.C_GET) {
            results.add(client.get(RetrieveRequest.studyOrSeries(request.studyInstanceUid(),
                    request.seriesInstanceUid()), handler));
            path = "C-GET";
        } else {
            moveLock.lock();
            try {
                moveHandler = handler;
                results.add(client.move(RetrieveRequest.studyOrSeries(request.studyInstanceUid(),
                        request.seriesInstanceUid()), storageScp()));
            } finally {
                moveHandler = null;
                moveLock.unlock();
            }
            path = "C-MOVE";
        }
        return outcome(results, path);
    }

    /**
     * One instance of a series through each DIMSE path in turn (C-GET of the first the PACS
     * sends, cancelling the rest; C-MOVE of the lowest Instance Number) until one brings it; the
     * path names the failures before it.
     */
    private RetrieveOutcome firstInstance(org.i4dw.spi.RetrieveRequest request, InstanceConsumer consumer,
            List<Retrieve> order) {
        List<String> failures = new ArrayList<>();
        int[] handed = {0};
        InstanceHandler handler = handler(request.headerOnly(), instance -> {
            handed[0]++;
            consumer.accept(instance);
        });
        RetrieveOutcome last = null;
        for (int i = 0; i < order.size(); i++) {
            Retrieve method = order.get(i);
            String path = method == Retrieve.C_MOVE ? MOVE_ONE : GET_ONE;
            boolean more = i < order.size() - 1;
            try {
                RetrieveResult r = method == Retrieve.C_MOVE
                        ? moveOneInstance(request.studyInstanceUid(), request.seriesInstanceUid(), handler)
                        : client.getOneInstance(request.studyInstanceUid(), request.seriesInstanceUid(),
                                request.modality(), handler);
                last = outcome(List.of(r), after(path, failures));
                if (handed[0] > 0 || !more) {
                    return last;
                }
                failures.add(path + ": no instance (" + r.statusMeaning() + ")");
            } catch (DicomNetworkException e) {
                if (!more || handed[0] > 0) {
                    throw e;
                }
                failures.add(path + ": " + e.getMessage());
            }
            LOG.info("{}: {} brought no header, trying the next retrieval path", settings.pacs(), path);
        }
        return last;
    }

    /** {@code path}, followed by the failures of the paths tried before it. */
    static String after(String path, List<String> failures) {
        return failures.isEmpty() ? path : path + " after " + String.join("; ", failures);
    }

    /**
     * C-MOVE of one instance of a series: a C-FIND at IMAGE level lists the instances, the one with
     * the lowest Instance Number is moved at IMAGE level to our Storage SCP.
     */
    private RetrieveResult moveOneInstance(String studyUid, String seriesUid, InstanceHandler handler) {
        DicomObject keys = DicomObject.builder().set(Tag.StudyInstanceUID, VR.UI, studyUid)
                .set(Tag.SeriesInstanceUID, VR.UI, seriesUid).setEmpty(Tag.SOPInstanceUID, VR.UI)
                .setEmpty(Tag.InstanceNumber, VR.IS).build();
        String[] chosen = {null};
        long[] lowest = {Long.MAX_VALUE};
        client.find(QueryModel.STUDY_ROOT, QueryLevel.IMAGE, keys, i -> {
            String uid = i.string(Tag.SOPInstanceUID).orElse("");
            long n = i.integer(Tag.InstanceNumber).isPresent() ? i.integer(Tag.InstanceNumber).getAsInt()
                    : Long.MAX_VALUE - 1;
            if (!uid.isBlank() && (chosen[0] == null || n < lowest[0])) {
                chosen[0] = uid;
                lowest[0] = n;
            }
            return true;
        });
        if (chosen[0] == null) {
            throw new DicomNetworkException(settings.pacs() + " lists no instance for a series it listed");
        }
        RetrieveRequest one = RetrieveRequest.builder().level(QueryLevel.IMAGE).studyInstanceUid(studyUid)
                .seriesInstanceUid(seriesUid).sopInstanceUids(List.of(chosen[0])).build();
        moveLock.lock();
        try {
            moveHandler = handler;
            return client.move(one, storageScp());
        } finally {
            moveHandler = null;
            moveLock.unlock();
        }
    }

    private synchronized StorageScp storageScp() {
        if (scp == null) {
            scp = StorageScp.builder().aeTitle(settings.callingAeTitle()).port(settings.storageScpPort())
                    .acceptCallingAe(settings.pacs().aeTitle())
                    .handler(instance -> {
                        InstanceHandler h = moveHandler;
                        if (h == null) {
                            throw new IOException("no C-MOVE of this transport is waiting for instances");
                        }
                        h.handle(instance);
                    })
                    .start();
        }
        return scp;
    }

    private static InstanceHandler handler(boolean headerOnly, InstanceConsumer consumer) {
        return instance -> {
            RetrievedInstance r;
            if (headerOnly) {
                r = new RetrievedInstance(instance.sopClassUid(), instance.sopInstanceUid(),
                        instance.transferSyntax().uid(), instance.readHeader(), null);
            } else {
                byte[] data = instance.data().readAllBytes();
                DicomObject header = DicomReader.readDataset(new ByteArrayInputStream(data), instance.sopInstanceUid(),
                        instance.transferSyntax(), HEADER).dataset();
                r = new RetrievedInstance(instance.sopClassUid(), instance.sopInstanceUid(),
                        instance.transferSyntax().uid(), header, new ByteArrayInputStream(data));
            }
            try {
                consumer.accept(r);
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("the consumer refused an instance: "
                        + e.getClass().getSimpleName(), e);
            }
        };
    }

    private static RetrieveOutcome outcome(List<RetrieveResult> results, String path) {
        int received = 0;
        int completed = 0;
        int failed = 0;
        int warning = 0;
        int status = 0;
        String meaning = Status.of(0).meaning();
        List<String> failures = new ArrayList<>();
        for (RetrieveResult r : results) {
            received += r.received().size();
            completed += Math.max(0, r.completed());
            failed += Math.max(0, r.failed());
            warning += Math.max(0, r.warning());
            failures.addAll(r.failedSopInstanceUids());
            if (r.status() != 0) {
                status = r.status();
                meaning = r.statusMeaning();
            }
        }
        return new RetrieveOutcome(received, completed, failed, warning, status, meaning, failures, path);
    }

    @Override
    public void close() {
        client.close();
        synchronized (this) {
            if (scp != null) {
                scp.close();
            }
        }
    }
}
