/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.i4dw.spi.Cohort;
import org.i4dw.spi.CohortName;
import org.i4dw.spi.SeriesKey;

/**
 * The cohorts file of a store: US-ASCII lines ending in LF.
 *
 * <pre>
 * i4dw-cohorts 1
 * cohort &lt;name&gt; pinned|unpinned
 * series &lt;Series Instance UID&gt;        (members of the cohort above, sorted)
 * ...
 * cohorts-sha256 &lt;SHA-256 of every byte before this line&gt;
 * </pre>
 */
final class CohortCodec {

    static final String MAGIC = "i4dw-cohorts 1";

    private CohortCodec() {
    }

    static byte[] encode(Map<CohortName, Cohort> cohorts) {
        StringBuilder sb = new StringBuilder();
        sb.append(MAGIC).append('\n');
        for (Cohort c : new TreeMap<>(cohorts).values()) {
            sb.append("cohort ").append(c.name().value()).append(c.pinned() ? " pinned" : " unpinned").append('\n');
            for (SeriesKey k : c.series()) {
                sb.append("series ").append(k.seriesInstanceUid()).append('\n');
            }
        }
        byte[] body = sb.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] trailer = ("cohorts-sha256 " + FileOps.hex(FileOps.sha256().digest(body)) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[body.length + trailer.length];
        System.arraycopy(body, 0, all, 0, body.length);
        System.arraycopy(trailer, 0, all, body.length, trailer.length);
        return all;
    }

    static SortedMap<CohortName, Cohort> decode(byte[] bytes) throws ManifestFormatException {
        int end = bytes.length;
        if (end == 0 || bytes[end - 1] != '\n') {
            throw new ManifestFormatException("cohorts file does not end with a line feed");
        }
        int start = end - 2;
        while (start >= 0 && bytes[start] != '\n') {
            start--;
        }
        start++;
        String trailer = new String(bytes, start, end - 1 - start, StandardCharsets.US_ASCII);
        MessageDigest md = FileOps.sha256();
        md.update(bytes, 0, start);
        if (!trailer.equals("cohorts-sha256 " + FileOps.hex(md.digest()))) {
            throw new ManifestFormatException("cohorts file does not match its own checksum");
        }
        String[] lines = new String(bytes, 0, start, StandardCharsets.US_ASCII).split("\n");
        if (lines.length == 0 || !lines[0].equals(MAGIC)) {
            throw new ManifestFormatException("not a version 1 cohorts file");
        }
        SortedMap<CohortName, Cohort> out = new TreeMap<>();
        CohortName name = null;
        boolean pinned = false;
        TreeSet<SeriesKey> members = null;
        try {
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i];
                if (line.startsWith("cohort ")) {
                    if (name != null) {
                        put(out, new Cohort(name, members, pinned));
                    }
                    String[] f = line.split(" ", -1);
                    if (f.length != 3 || !(f[2].equals("pinned") || f[2].equals("unpinned"))) {
                        throw new ManifestFormatException("cohorts file line " + (i + 1) + " is not 'cohort NAME "
                                + "pinned|unpinned'");
                    }
                    name = CohortName.of(f[1]);
                    pinned = f[2].equals("pinned");
                    members = new TreeSet<>();
                } else if (line.startsWith("series ") && name != null) {
                    members.add(SeriesKey.of(line.substring("series ".length())));
                } else {
                    throw new ManifestFormatException("cohorts file line " + (i + 1) + " is not understood");
                }
            }
        } catch (IllegalArgumentException e) {
            throw new ManifestFormatException("cohorts file holds an invalid name or key: " + e.getMessage(), e);
        }
        if (name != null) {
            put(out, new Cohort(name, members, pinned));
        }
        return out;
    }

    private static void put(Map<CohortName, Cohort> out, Cohort c) throws ManifestFormatException {
        if (out.put(c.name(), c) != null) {
            throw new ManifestFormatException("cohorts file lists cohort " + c.name() + " twice");
        }
    }
}
