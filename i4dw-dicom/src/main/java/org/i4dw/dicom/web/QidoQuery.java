/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.api.QueryLevel;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;

/**
 * A C-FIND identifier (matching and return keys, PS3.4 C.2.2) as a QIDO-RS search (PS3.18 10.6):
 * the resource from the unique keys above the level ({@code /studies/{uid}/series}...), each key
 * with a value as a matching parameter ({@code 00080050=A123}; several UIDs joined by commas, a
 * sequence's item attributes as {@code 00400275.00400009=...}), each empty key as
 * {@code includefield}. Results are made what a C-FIND response holds: cut back to the keys asked
 * for (plus Specific Character Set, the unique keys and the Query/Retrieve Level), so that the
 * attributes a server adds of its own, such as Retrieve URL (0008,1190), which names the study by
 * UID, go no further; and every key asked for present, empty when the server left it out.
 */
final class QidoQuery {

    private final QueryLevel level;
    private final String resource;
    private final List<String> parameters;
    private final Set<Integer> kept;
    private final Map<Integer, VR> returnKeys;

    private QidoQuery(QueryLevel level, String resource, List<String> parameters, Set<Integer> kept,
            Map<Integer, VR> returnKeys) {
        this.level = level;
        this.resource = resource;
        this.parameters = parameters;
        this.kept = kept;
        this.returnKeys = returnKeys;
    }

    /**
     * The search of one level.
     *
     * @param level STUDY, SERIES or IMAGE
     * @param keys the C-FIND identifier
     * @return the search
     * @throws I4dwConfigurationException at PATIENT level, which QIDO-RS does not have
     */
    static QidoQuery of(QueryLevel level, DicomObject keys) {
        if (level == QueryLevel.PATIENT) {
            throw new I4dwConfigurationException("QIDO-RS has no PATIENT level: query STUDY with the Patient ID");
        }
        String study = single(keys, Tag.StudyInstanceUID);
        String series = single(keys, Tag.SeriesInstanceUID);
        StringBuilder path = new StringBuilder();
        Set<Integer> inPath = new HashSet<>();
        if (level == QueryLevel.STUDY) {
            path.append("/studies");
        } else if (study != null) {
            path.append("/studies/").append(segment(study));
            inPath.add(Tag.StudyInstanceUID.value());
            if (level == QueryLevel.IMAGE && series != null) {
                path.append("/series/").append(segment(series));
                inPath.add(Tag.SeriesInstanceUID.value());
            }
            path.append(level == QueryLevel.SERIES ? "/series" : "/instances");
        } else {
            path.append(level == QueryLevel.SERIES ? "/series" : "/instances");
        }
        List<String> params = new ArrayList<>();
        Set<String> include = new LinkedHashSet<>();
        Set<Integer> kept = new HashSet<>();
        Map<Integer, VR> returnKeys = new LinkedHashMap<>();
        kept.add(Tag.SpecificCharacterSet.value());
        kept.add(Tag.StudyInstanceUID.value());
        if (level != QueryLevel.STUDY) {
            kept.add(Tag.SeriesInstanceUID.value());
        }
        if (level == QueryLevel.IMAGE) {
            kept.add(Tag.SOPInstanceUID.value());
        }
        for (DicomElement e : keys) {
            int tag = e.tagValue();
            if (tag == Tag.QueryRetrieveLevel.value() || tag == Tag.SpecificCharacterSet.value()
                    || (tag >>> 16) == 0x0002) {
                continue;
            }
            kept.add(tag);
            if (e.vr() != VR.SQ) {
                returnKeys.put(tag, e.vr());
            }
            if (inPath.contains(tag)) {
                continue;
            }
            String id = hex(tag);
            if (e.vr() == VR.SQ) {
                include.add(id);
                List<DicomObject> items = e.items();
                if (!items.isEmpty()) {
                    for (DicomElement n : items.get(0)) {
                        String value = value(n);
                        if (value != null) {
                            params.add(id + "." + hex(n.tagValue()) + "=" + encode(value));
                        }
                    }
                }
                continue;
            }
            String value = value(e);
            if (value == null) {
                include.add(id);
            } else {
                params.add(id + "=" + encode(value));
                include.add(id);
            }
        }
        for (String id : include) {
            params.add("includefield=" + id);
        }
        return new QidoQuery(level, path.toString(), List.copyOf(params), Set.copyOf(kept), Map.copyOf(returnKeys));
    }

    /** The level. */
    QueryLevel level() {
        return level;
    }

    /**
     * The request of one page.
     *
     * @param base the server's base URI (no trailing '/')
     * @param limit the most results; 0 for no {@code limit} parameter
     * @param offset results to skip
     * @return the URI
     */
    URI uri(URI base, int limit, int offset) {
        StringBuilder q = new StringBuilder(base.toString()).append(resource);
        char sep = '?';
        for (String p : parameters) {
            q.append(sep).append(p);
            sep = '&';
        }
        if (limit > 0) {
            q.append(sep).append("limit=").append(limit);
            sep = '&';
        }
        if (offset > 0) {
            q.append(sep).append("offset=").append(offset);
        }
        return URI.create(q.toString());
    }

    /**
     * A result cut back to the keys asked for, with the Query/Retrieve Level set.
     *
     * @param result a QIDO-RS result
     * @return the result as a C-FIND response would hold it
     */
    DicomObject cut(DicomObject result) {
        DicomObject.Builder b = DicomObject.builder();
        for (DicomElement e : result) {
            if (kept.contains(e.tagValue())) {
                b.set(e);
            }
        }
        for (Map.Entry<Integer, VR> k : returnKeys.entrySet()) {
            if (!b.contains(Tag.of(k.getKey()))) {
                b.setEmpty(k.getKey(), k.getValue());
            }
        }
        return b.set(Tag.QueryRetrieveLevel, VR.CS, level.value()).build();
    }

    /** The unique key of a result at this level, or null. */
    String uniqueKey(DicomObject result) {
        return result.string(level.uniqueKey()).orElse(null);
    }

    /** A key's value as a matching parameter, or null when it is a return key only. */
    private static String value(DicomElement e) {
        if (e.vr() == VR.SQ || e.kind() == DicomElement.ValueKind.EMPTY) {
            return null;
        }
        List<String> values = e.strings();
        if (values.isEmpty() || values.stream().allMatch(String::isEmpty)) {
            return null;
        }
        return String.join(e.vr() == VR.UI ? "," : "\\", values);
    }

    /** The one value of a UID key that names one entity (no list, no wildcard), or null. */
    private static String single(DicomObject keys, Tag tag) {
        List<String> v = keys.strings(tag);
        if (v.size() != 1 || v.get(0).isEmpty() || v.get(0).indexOf('*') >= 0 || v.get(0).indexOf('?') >= 0) {
            return null;
        }
        return v.get(0);
    }

    static String hex(int tag) {
        return String.format(Locale.ROOT, "%08X", tag);
    }

    /** A path segment: UIDs are digits and dots, anything else is percent-encoded. */
    static String segment(String uid) {
        return encode(uid);
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters, as UTF-8. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >>> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
