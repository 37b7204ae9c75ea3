/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.i4dw.api.DicomNetworkException;
import org.i4dw.api.HttpStatusException;
import org.i4dw.api.InstanceSelection;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.QueryLevel;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.dicom.io.DicomFile;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.ReadOptions;
import org.i4dw.dicom.json.DicomJsonReader;
import org.i4dw.spi.InstanceConsumer;
import org.i4dw.spi.QueryOutcome;
import org.i4dw.spi.RetrieveOutcome;
import org.i4dw.spi.RetrieveRequest;
import org.i4dw.spi.RetrievedInstance;
import org.i4dw.spi.Transport;
import org.i4dw.spi.TransportSettings;

/**
 * The DICOMweb side of a PACS: QIDO-RS searches (paged with {@code limit} and {@code offset}),
 * WADO-RS metadata (header-only retrievals: DICOM JSON, no pixel data) and WADO-RS instances
 * ({@code multipart/related; type="application/dicom"}, in the transfer syntax the server holds).
 *
 * <p>A header from metadata is cut as a header-only DIMSE read is: nothing from Pixel Data
 * (7FE0,0010) on; bulk data the server leaves behind a {@code BulkDataURI} is an element without a
 * value (never fetched). DS values longer than a DS may be, as servers write the binary double
 * they hold (Orthanc: {@code 5.3550000000000004} for {@code 5.355}), are given back as the
 * shortest decimal that is the same double (see {@link #decimalString}). Such an instance has no encoded data set: its transfer syntax is
 * Transfer Syntax UID (0002,0010) or Available Transfer Syntax UID (0008,3002) when the server
 * gives one, else empty.
 */
final class WebTransport implements Transport {

    static final String METADATA = "WADO-RS metadata";
    static final String INSTANCES = "WADO-RS";
    static final String QIDO = "QIDO-RS";

    private static final String DICOM_JSON = "application/dicom+json";
    private static final String MULTIPART_ANY_SYNTAX = "multipart/related; type=\"application/dicom\"; transfer-syntax=*";
    private static final String MULTIPART = "multipart/related; type=\"application/dicom\"";
    private static final ReadOptions HEADER = ReadOptions.builder().headerOnly(true).build();

    private final TransportSettings settings;
    private final WebOptions options;
    private final URI base;
    private final WebClient client;
    private final String label;

    WebTransport(TransportSettings settings, WebOptions options) {
        this.settings = settings;
        this.options = options;
        PacsAddress web = settings.pacs().web().orElseThrow();
        this.base = web.dicomWebBase().orElseThrow();
        this.label = web.toString();
        this.client = new WebClient(label, base, settings.authentication(), settings.connectTimeout(),
                settings.responseTimeout(), settings.maxAssociations(), options.maxRetries(), options.maxRetryWait(),
                options.sslContext());
    }

    @Override
    public PacsAddress pacs() {
        return settings.pacs();
    }

    @Override
    public String queryPath() {
        return QIDO;
    }

    /** HTTP requests sent so far, retries included. */
    long requests() {
        return client.requests();
    }

    @Override
    public QueryOutcome query(QueryLevel level, DicomObject keys, Predicate<DicomObject> onResult) {
        QidoQuery q = QidoQuery.of(level, keys);
        String operation = QIDO + " " + level.name().toLowerCase(Locale.ROOT);
        int pageSize = options.pageSize();
        Set<String> seen = new HashSet<>();
        int results = 0;
        int offset = 0;
        while (true) {
            Page page = page(operation, q.uri(base, pageSize, offset));
            int fresh = 0;
            for (DicomObject r : page.results) {
                String key = q.uniqueKey(r);
                if (key != null && !seen.add(key)) {
                    continue;
                }
                fresh++;
                results++;
                if (!onResult.test(q.cut(r))) {
                    return new QueryOutcome(results, true, 0xFE00);
                }
            }
            boolean more = page.results.size() >= pageSize || page.warnsOfMore;
            if (!more || page.results.isEmpty()) {
                return new QueryOutcome(results, false, 0);
            }
            if (fresh == 0) {
                throw new DicomNetworkException(operation + " on " + label + ": a page at offset " + offset
                        + " repeats earlier results; the server seems to ignore the offset parameter, so paging "
                        + "cannot reach every result (raise the page size above the number of results)");
            }
            offset += page.results.size();
        }
    }

    /** One page of results, and whether the server warns that there are more than it sent. */
    private record Page(List<DicomObject> results, boolean warnsOfMore) {
    }

    private Page page(String operation, URI uri) {
        try (WebClient.Response r = client.get(operation, uri, DICOM_JSON)) {
            boolean warns = r.warning().map(w -> w.startsWith("299")).orElse(false);
            return new Page(readJsonList(r, operation), warns);
        }
    }

    /** A DICOM JSON array from a response (an empty one for 204 No Content). */
    private List<DicomObject> readJsonList(WebClient.Response r, String operation) {
        if (r.status() == 204) {
            return List.of();
        }
        String type = r.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith(DICOM_JSON) && !type.startsWith("application/json")) {
            throw new DicomNetworkException(operation + " on " + label + " answered with Content-Type '"
                    + r.contentType() + "', not DICOM JSON");
        }
        try (Reader in = new InputStreamReader(r.body(), StandardCharsets.UTF_8)) {
            return DicomJsonReader.readList(in, operation + " response of " + label);
        } catch (IOException e) {
            throw client.failure(operation, e);
        }
    }

    @Override
    public RetrieveOutcome retrieve(RetrieveRequest request, InstanceConsumer consumer) {
        if (request.headerOnly()) {
            return metadata(request, consumer);
        }
        return instances(request, consumer);
    }

    // ---------------------------------------------------------------- metadata

    private RetrieveOutcome metadata(RetrieveRequest request, InstanceConsumer consumer) {
        String study = request.studyInstanceUid();
        String series = request.seriesInstanceUid();
        List<DicomObject> chosen;
        if (request.selection() == InstanceSelection.FIRST && series != null
                && options.firstInstance() == WebOptions.FirstInstance.LIST_THEN_INSTANCE_METADATA) {
            Optional<String> sop = lowestInstance(study, series);
            if (sop.isEmpty()) {
                return empty(METADATA, "the server lists no instance of the series");
            }
            chosen = metadataOf(seriesPath(study, series) + "/instances/" + QidoQuery.segment(sop.get())
                    + "/metadata");
        } else {
            List<DicomObject> all = metadataOf(series != null ? seriesPath(study, series) + "/metadata"
                    : "/studies/" + QidoQuery.segment(study) + "/metadata");
            chosen = request.selection() == InstanceSelection.FIRST ? lowestPerSeries(all) : all;
        }
        if (chosen.isEmpty()) {
            return empty(METADATA, "the server gave no metadata for the series");
        }
        int received = 0;
        int failed = 0;
        List<String> failures = new ArrayList<>();
        for (DicomObject m : chosen) {
            DicomObject header = header(m);
            RetrievedInstance instance = new RetrievedInstance(required(header, Tag.SOPClassUID),
                    required(header, Tag.SOPInstanceUID), transferSyntax(m), header, null);
            received++;
            try {
                consumer.accept(instance);
            } catch (Exception e) {
                failed++;
                failures.add(instance.sopInstanceUid());
            }
        }
        return outcome(received, failed, failures, METADATA);
    }

    private String seriesPath(String study, String series) {
        return "/studies/" + QidoQuery.segment(study) + "/series/" + QidoQuery.segment(series);
    }

    private List<DicomObject> metadataOf(String path) {
        URI uri = URI.create(base + path);
        try (WebClient.Response r = client.get(METADATA, uri, DICOM_JSON)) {
            return readJsonList(r, METADATA);
        }
    }

    /** The instance of a series with the lowest Instance Number (the first listed among equals). */
    private Optional<String> lowestInstance(String study, String series) {
        DicomObject keys = DicomObject.builder().set(Tag.StudyInstanceUID, VR.UI, study)
                .set(Tag.SeriesInstanceUID, VR.UI, series).setEmpty(Tag.SOPInstanceUID, VR.UI)
                .setEmpty(Tag.InstanceNumber, VR.IS).build();
        String[] chosen = {null};
        long[] lowest = {Long.MAX_VALUE};
        query(QueryLevel.IMAGE, keys, i -> {
            String uid = i.string(Tag.SOPInstanceUID).orElse("");
            long n = instanceNumber(i);
            if (!uid.isBlank() && (chosen[0] == null || n < lowest[0])) {
                chosen[0] = uid;
                lowest[0] = n;
            }
            return true;
        });
        return Optional.ofNullable(chosen[0]);
    }

    private static long instanceNumber(DicomObject o) {
        return o.integer(Tag.InstanceNumber).isPresent() ? o.integer(Tag.InstanceNumber).getAsInt()
                : Long.MAX_VALUE - 1;
    }

    /** Of each series in the list, the instance with the lowest Instance Number. */
    private static List<DicomObject> lowestPerSeries(List<DicomObject> all) {
        Map<String, DicomObject> best = new LinkedHashMap<>();
        for (DicomObject m : all) {
            String s = m.string(Tag.SeriesInstanceUID).orElse("");
            DicomObject b = best.get(s);
            if (b == null || instanceNumber(m) < instanceNumber(b)) {
                best.put(s, m);
            }
        }
        return new ArrayList<>(best.values());
    }

    /** Metadata cut as a header-only read: nothing from Pixel Data on, no Retrieve URL. */
    static DicomObject header(DicomObject metadata) {
        DicomObject.Builder b = DicomObject.builder();
        for (DicomElement e : metadata) {
            int tag = e.tagValue();
            if (Integer.compareUnsigned(tag, Tag.PixelData.value()) >= 0) {
                break;
            }
            if ((tag >>> 16) == 0x0002) {
                continue;
            }
            set(b, e);
        }
        return b.build();
    }

    /** One element, its DS values repaired and its items walked. */
    private static void set(DicomObject.Builder b, DicomElement e) {
        if (e.vr() == VR.DS && e.kind() == DicomElement.ValueKind.TEXT) {
            List<String> values = e.strings();
            List<String> fixed = new ArrayList<>(values.size());
            boolean changed = false;
            for (String v : values) {
                String f = decimalString(v);
                changed |= !f.equals(v);
                fixed.add(f);
            }
            if (changed) {
                b.set(e.tag(), VR.DS, fixed.toArray(new String[0]));
                return;
            }
        } else if (e.vr() == VR.SQ && !e.items().isEmpty()) {
            List<DicomObject> items = new ArrayList<>(e.items().size());
            for (DicomObject item : e.items()) {
                DicomObject.Builder ib = DicomObject.builder().inheritCharacterSet(item.characterSet());
                for (DicomElement n : item) {
                    set(ib, n);
                }
                items.add(ib.build());
            }
            b.setSequence(e.tag(), items);
            return;
        }
        b.set(e);
    }

    /**
     * A DS value longer than a DS may be (16 characters, PS3.5 6.2), as servers write a decimal
     * they hold as a binary double (Orthanc: {@code 5.355} becomes {@code 5.3550000000000004}):
     * the shortest decimal that reads back as the same double, which is the original decimal
     * whenever it had at most 15 significant digits. Other values are returned as they are.
     */
    static String decimalString(String v) {
        String t = v.strip();
        if (t.length() <= 16) {
            return v;
        }
        double d;
        try {
            d = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return v;
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return v;
        }
        String s = Double.toString(d);
        if (s.endsWith(".0")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.contains(".0E")) {
            s = s.replace(".0E", "E");
        }
        return s.length() <= 16 ? s : v;
    }

    private static String transferSyntax(DicomObject metadata) {
        return metadata.string(Tag.TransferSyntaxUID).or(() -> metadata.string(Tag.AvailableTransferSyntaxUID))
                .orElse("");
    }

    private String required(DicomObject header, Tag tag) {
        return header.string(tag).orElseThrow(() -> new DicomNetworkException(label + " gave the metadata of an "
                + "instance without " + tag + "; it cannot be handed on"));
    }

    // ---------------------------------------------------------------- instances

    private RetrieveOutcome instances(RetrieveRequest request, InstanceConsumer consumer) {
        String study = request.studyInstanceUid();
        String series = request.seriesInstanceUid();
        List<String> paths = new ArrayList<>();
        if (request.selection() == InstanceSelection.FIRST) {
            if (series != null) {
                lowestInstance(study, series).ifPresent(sop -> paths.add(seriesPath(study, series) + "/instances/"
                        + QidoQuery.segment(sop)));
            } else {
                for (String s : seriesOf(study)) {
                    lowestInstance(study, s).ifPresent(sop -> paths.add(seriesPath(study, s) + "/instances/"
                            + QidoQuery.segment(sop)));
                }
            }
            if (paths.isEmpty()) {
                return empty(INSTANCES, "the server lists no instance");
            }
        } else {
            paths.add(series != null ? seriesPath(study, series) : "/studies/" + QidoQuery.segment(study));
        }
        int[] counts = new int[2];
        List<String> failures = new ArrayList<>();
        for (String path : paths) {
            fetchInstances(URI.create(base + path), consumer, counts, failures);
        }
        return outcome(counts[0], counts[1], failures, INSTANCES);
    }

    private List<String> seriesOf(String study) {
        List<String> list = new ArrayList<>();
        query(QueryLevel.SERIES, DicomObject.builder().set(Tag.StudyInstanceUID, VR.UI, study)
                .setEmpty(Tag.SeriesInstanceUID, VR.UI).build(), s -> {
                    s.string(Tag.SeriesInstanceUID).ifPresent(list::add);
                    return true;
                });
        return list;
    }

    private void fetchInstances(URI uri, InstanceConsumer consumer, int[] counts, List<String> failures) {
        WebClient.Response r;
        try {
            r = client.get(INSTANCES, uri, MULTIPART_ANY_SYNTAX);
        } catch (HttpStatusException e) {
            if (e.httpStatus() != 406) {
                throw e;
            }
            r = client.get(INSTANCES, uri, MULTIPART);
        }
        try (WebClient.Response response = r) {
            String boundary = Multipart.boundary(response.contentType()).orElseThrow(() -> new DicomNetworkException(
                    INSTANCES + " on " + label + " answered with Content-Type '" + response.contentType()
                            + "', not multipart/related with a boundary"));
            Multipart parts = new Multipart(response.body(), boundary);
            for (Optional<Multipart.Part> p = parts.next(); p.isPresent(); p = parts.next()) {
                Multipart.Part part = p.get();
                String type = part.contentType().orElse("application/dicom").toLowerCase(Locale.ROOT);
                if (!type.startsWith("application/dicom")) {
                    throw new DicomNetworkException(INSTANCES + " on " + label + " sent a part of type '" + type
                            + "', not application/dicom");
                }
                RetrievedInstance instance = instance(part.body());
                counts[0]++;
                try {
                    consumer.accept(instance);
                } catch (Exception e) {
                    counts[1]++;
                    failures.add(instance.sopInstanceUid());
                }
            }
        } catch (IOException e) {
            throw client.failure(INSTANCES, e);
        }
    }

    /** A Part 10 file from a part: its header read up to Pixel Data, its data set bytes after the meta information. */
    private RetrievedInstance instance(byte[] file) throws IOException {
        String source = INSTANCES + " part from " + label;
        DicomFile f = DicomReader.read(new ByteArrayInputStream(file), source, HEADER);
        DicomObject meta = f.fileMetaInformation();
        String sopClass = meta.string(Tag.MediaStorageSOPClassUID).or(() -> f.dataset().string(Tag.SOPClassUID))
                .orElseThrow(() -> new DicomNetworkException(source + " has no SOP Class UID"));
        String sopInstance = meta.string(Tag.MediaStorageSOPInstanceUID)
                .or(() -> f.dataset().string(Tag.SOPInstanceUID))
                .orElseThrow(() -> new DicomNetworkException(source + " has no SOP Instance UID"));
        int start = datasetStart(file);
        return new RetrievedInstance(sopClass, sopInstance, f.transferSyntax().uid(), f.dataset(),
                new ByteArrayInputStream(file, start, file.length - start));
    }

    /**
     * Where the data set of a Part 10 file begins: after the 128-byte preamble, "DICM" and the
     * group 0002 elements (always Explicit VR Little Endian, PS3.10 7.1).
     */
    static int datasetStart(byte[] file) {
        int pos = 0;
        if (file.length >= 132 && file[128] == 'D' && file[129] == 'I' && file[130] == 'C' && file[131] == 'M') {
            pos = 132;
        }
        while (pos + 8 <= file.length) {
            int group = (file[pos] & 0xFF) | (file[pos + 1] & 0xFF) << 8;
            if (group != 0x0002) {
                break;
            }
            String vr = new String(file, pos + 4, 2, StandardCharsets.ISO_8859_1);
            long length;
            int header;
            if (VR_LONG.contains(vr)) {
                if (pos + 12 > file.length) {
                    break;
                }
                length = (file[pos + 8] & 0xFFL) | (file[pos + 9] & 0xFFL) << 8 | (file[pos + 10] & 0xFFL) << 16
                        | (file[pos + 11] & 0xFFL) << 24;
                header = 12;
            } else {
                length = (file[pos + 6] & 0xFF) | (file[pos + 7] & 0xFF) << 8;
                header = 8;
            }
            if (pos + header + length > file.length) {
                break;
            }
            pos += header + (int) length;
        }
        return pos;
    }

    private static final Set<String> VR_LONG = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN",
            "UR", "UT", "UV");

    // ---------------------------------------------------------------- outcomes

    private static RetrieveOutcome empty(String path, String why) {
        return new RetrieveOutcome(0, 0, 0, 0, 0, "Success, but " + why, List.of(), path);
    }

    private static RetrieveOutcome outcome(int received, int failed, List<String> failures, String path) {
        if (failed == 0) {
            return new RetrieveOutcome(received, received, 0, 0, 0, "Success", List.of(), path);
        }
        return new RetrieveOutcome(received, received - failed, failed, 0, 0xB000,
                "Warning: Sub-operations Complete - One or more Failures (" + failed + " not taken)", failures, path);
    }

    @Override
    public void close() {
        // the JDK's HTTP client holds no resources once unreferenced; nothing is pooled here
    }

    @Override
    public String toString() {
        return "WebTransport[" + label + "]";
    }
}
