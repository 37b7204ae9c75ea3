/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.i4dw.data.TransferSyntax;
import org.i4dw.spi.CachedInstance;
import org.i4dw.spi.SeriesKey;
import org.i4dw.spi.SeriesManifest;

/**
 * The manifest file of a series: US-ASCII lines ending in LF, fields separated by one space.
 *
 * <pre>
 * i4dw-series-manifest 1
 * series &lt;Series Instance UID&gt;
 * created &lt;ISO-8601 instant, UTC&gt;
 * instances &lt;count&gt;
 * total-bytes &lt;sum of sizes&gt;
 * instance &lt;sha256 hex&gt; &lt;size&gt; &lt;SOP Instance UID&gt; &lt;Transfer Syntax UID&gt;    (one per instance, in write order)
 * manifest-sha256 &lt;SHA-256 of every byte before this line&gt;
 * </pre>
 *
 * The last line makes a damaged manifest detectable; the counts are checked against the lines.
 */
final class ManifestCodec {

    static final String MAGIC = "i4dw-series-manifest 1";

    private ManifestCodec() {
    }

    static byte[] encode(SeriesManifest m) {
        StringBuilder sb = new StringBuilder(128 + 200 * m.instances().size());
        sb.append(MAGIC).append('\n');
        sb.append("series ").append(m.key().seriesInstanceUid()).append('\n');
        sb.append("created ").append(m.created()).append('\n');
        sb.append("instances ").append(m.instances().size()).append('\n');
        sb.append("total-bytes ").append(m.totalBytes()).append('\n');
        for (CachedInstance i : m.instances()) {
            sb.append("instance ").append(i.sha256()).append(' ').append(i.size()).append(' ')
                    .append(i.sopInstanceUid()).append(' ').append(i.transferSyntax().uid()).append('\n');
        }
        byte[] body = sb.toString().getBytes(StandardCharsets.US_ASCII);
        String trailer = "manifest-sha256 " + FileOps.hex(FileOps.sha256().digest(body)) + "\n";
        byte[] t = trailer.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[body.length + t.length];
        System.arraycopy(body, 0, all, 0, body.length);
        System.arraycopy(t, 0, all, body.length, t.length);
        return all;
    }

    /**
     * Reads a manifest written by {@link #encode}.
     *
     * @param bytes the file
     * @param expected the key of the folder it was found in
     * @throws ManifestFormatException if anything does not match the format, its checksum or the key
     */
    static SeriesManifest decode(byte[] bytes, SeriesKey expected) throws ManifestFormatException {
        int end = bytes.length;
        if (end == 0 || bytes[end - 1] != '\n') {
            throw new ManifestFormatException("manifest does not end with a line feed");
        }
        int trailerStart = lastLineStart(bytes, end - 1);
        String trailer = new String(bytes, trailerStart, end - 1 - trailerStart, StandardCharsets.US_ASCII);
        if (!trailer.startsWith("manifest-sha256 ")) {
            throw new ManifestFormatException("manifest has no manifest-sha256 line at its end");
        }
        MessageDigest md = FileOps.sha256();
        md.update(bytes, 0, trailerStart);
        if (!FileOps.hex(md.digest()).equals(trailer.substring("manifest-sha256 ".length()))) {
            throw new ManifestFormatException("manifest does not match its own checksum");
        }
        String[] lines = new String(bytes, 0, trailerStart, StandardCharsets.US_ASCII).split("\n", -1);
        // the body ends with '\n', so the last split element is empty
        if (lines.length < 6 || !lines[lines.length - 1].isEmpty()) {
            throw new ManifestFormatException("manifest is too short");
        }
        try {
            if (!lines[0].equals(MAGIC)) {
                throw new ManifestFormatException("not a version 1 series manifest");
            }
            SeriesKey key = SeriesKey.of(field(lines[1], "series"));
            if (!key.equals(expected)) {
                throw new ManifestFormatException("manifest of series " + key + " found under " + expected);
            }
            Instant created = Instant.parse(field(lines[2], "created"));
            int count = Integer.parseInt(field(lines[3], "instances"));
            long total = Long.parseLong(field(lines[4], "total-bytes"));
            if (count != lines.length - 6) {
                throw new ManifestFormatException("manifest says " + count + " instances and lists "
                        + (lines.length - 6));
            }
            List<CachedInstance> instances = new ArrayList<>(count);
            for (int i = 5; i < lines.length - 1; i++) {
                String[] f = field(lines[i], "instance").split(" ", -1);
                if (f.length != 4) {
                    throw new ManifestFormatException("manifest instance line " + (i + 1) + " has " + f.length
                            + " fields, 4 expected");
                }
                instances.add(new CachedInstance(f[2], TransferSyntax.of(f[3]), Long.parseLong(f[1]), f[0]));
            }
            SeriesManifest m = new SeriesManifest(key, instances, created);
            if (m.totalBytes() != total) {
                throw new ManifestFormatException("manifest total-bytes " + total + " is not the sum of its "
                        + "instances " + m.totalBytes());
            }
            return m;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ManifestFormatException("manifest field is invalid: " + e.getMessage(), e);
        }
    }

    private static int lastLineStart(byte[] b, int endExclusive) {
        int i = endExclusive - 1;
        while (i >= 0 && b[i] != '\n') {
            i--;
        }
        return i + 1;
    }

    private static String field(String line, String name) throws ManifestFormatException {
        if (!line.startsWith(name + " ")) {
            throw new ManifestFormatException("manifest line '" + name + "' expected");
        }
        return line.substring(name.length() + 1);
    }
}
