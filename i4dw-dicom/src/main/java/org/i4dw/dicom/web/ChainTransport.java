/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.i4dw.api.DicomNetworkException;
import org.i4dw.api.DicomParseException;
import org.i4dw.api.InstanceSelection;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.QueryLevel;
import org.i4dw.api.Retrieve;
import org.i4dw.data.DicomObject;
import org.i4dw.spi.InstanceConsumer;
import org.i4dw.spi.QueryOutcome;
import org.i4dw.spi.RetrieveOutcome;
import org.i4dw.spi.RetrieveRequest;
import org.i4dw.spi.Transport;
import org.i4dw.spi.TransportSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PACS reachable through DICOMweb and DIMSE: queries through QIDO-RS when WADO-RS is its first
 * retrieval path, else through C-FIND; one instance of a series through each retrieval path in
 * turn (WADO-RS metadata, then the DIMSE paths, which the DIMSE transport tries in their order, or
 * the other way round) until one brings it; whole retrievals through the first path. The path
 * reported names the one that served and, after it, the failures of those tried before.
 */
final class ChainTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(ChainTransport.class);

    private final TransportSettings settings;
    private final WebTransport web;
    private final Transport dimse;
    private final boolean webFirst;

    /**
     * @param settings the PACS (with both parts) and its retrieval paths
     * @param web the DICOMweb side
     * @param dimse the DIMSE side, opened with the DIMSE paths only; null when no path or query needs it
     */
    ChainTransport(TransportSettings settings, WebTransport web, Transport dimse) {
        this.settings = settings;
        this.web = web;
        this.dimse = dimse;
        this.webFirst = settings.retrievals().get(0) == Retrieve.WADO_RS;
    }

    @Override
    public PacsAddress pacs() {
        return settings.pacs();
    }

    @Override
    public String queryPath() {
        return webFirst ? web.queryPath() : dimse.queryPath();
    }

    @Override
    public QueryOutcome query(QueryLevel level, DicomObject keys, Predicate<DicomObject> onResult) {
        return webFirst ? web.query(level, keys, onResult) : dimse.query(level, keys, onResult);
    }

    @Override
    public RetrieveOutcome retrieve(RetrieveRequest request, InstanceConsumer consumer) {
        List<Transport> order = new ArrayList<>(2);
        if (webFirst) {
            order.add(web);
        }
        if (dimse != null && !settings.dimseRetrievals().isEmpty()) {
            order.add(dimse);
        }
        if (!webFirst && settings.retrievals().contains(Retrieve.WADO_RS)) {
            order.add(web);
        }
        if (request.selection() != InstanceSelection.FIRST || request.seriesInstanceUid() == null) {
            return order.get(0).retrieve(request, consumer);
        }
        List<String> failures = new ArrayList<>();
        int[] handed = {0};
        InstanceConsumer counting = instance -> {
            handed[0]++;
            consumer.accept(instance);
        };
        RetrieveOutcome last = null;
        for (int i = 0; i < order.size(); i++) {
            Transport t = order.get(i);
            boolean more = i < order.size() - 1;
            String name = t == web ? (request.headerOnly() ? WebTransport.METADATA : WebTransport.INSTANCES)
                    : "DIMSE";
            try {
                RetrieveOutcome o = t.retrieve(request, counting);
                last = withFailures(o, failures);
                if (handed[0] > 0 || !more) {
                    return last;
                }
                failures.add(o.path() + ": no instance (" + o.statusMeaning() + ")");
            } catch (DicomNetworkException | DicomParseException e) {
                if (!more || handed[0] > 0) {
                    throw e;
                }
                failures.add(name + ": " + e.getMessage());
            }
            LOG.info("{}: {} brought no header, trying the next retrieval path", settings.pacs().aeTitle(), name);
        }
        return last;
    }

    /** The outcome with the failures of the paths tried before placed first among those it names. */
    private static RetrieveOutcome withFailures(RetrieveOutcome o, List<String> failures) {
        if (failures.isEmpty()) {
            return o;
        }
        String path = o.path();
        int at = path.indexOf(" after ");
        String served = at < 0 ? path : path.substring(0, at);
        String earlier = String.join("; ", failures) + (at < 0 ? "" : "; " + path.substring(at + 7));
        return new RetrieveOutcome(o.received(), o.completed(), o.failed(), o.warning(), o.status(), o.statusMeaning(),
                o.failedInstances(), served + " after " + earlier);
    }

    @Override
    public void close() {
        try {
            web.close();
        } finally {
            if (dimse != null) {
                dimse.close();
            }
        }
    }
}
