/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.web;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@code multipart/related} body (RFC 2387, RFC 2046 5.1) one part at a time, as WADO-RS
 * sends instances (PS3.18 8.7.3.3): each part's headers, then its bytes up to the next delimiter.
 * A part's Content-Length, when given, is trusted only if the delimiter follows it. Bounded: part
 * headers at most 16 KiB, a part at most {@link Integer#MAX_VALUE} - 8 bytes.
 */
final class Multipart {

    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_PART = Integer.MAX_VALUE - 8;

    private final InputStream in;
    private final byte[] delimiter;
    private final int[] failure;
    private boolean started;
    private boolean finished;

    /** One part: its headers (names in lower case) and bytes. */
    record Part(Map<String, String> headers, byte[] body) {
        Optional<String> contentType() {
            return Optional.ofNullable(headers.get("content-type"));
        }
    }

    /**
     * @param in the body, positioned at its start (buffered by the caller or not: reads go one
     *     byte at a time through an internal buffer)
     * @param boundary the boundary parameter of the Content-Type
     */
    Multipart(InputStream in, String boundary) {
        this.in = new java.io.BufferedInputStream(in, 64 * 1024);
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.failure = failureFunction(delimiter);
    }

    /**
     * The boundary of a {@code multipart/related} Content-Type.
     *
     * @param contentType the header
     * @return the boundary, or empty if the type is not multipart or names none
     */
    static Optional<String> boundary(String contentType) {
        String[] parts = contentType.split(";");
        if (!parts[0].strip().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return Optional.empty();
        }
        return Optional.ofNullable(parameters(contentType).get("boundary")).filter(b -> !b.isEmpty()
                && b.length() <= 200);
    }

    /** The parameters of a media type, names in lower case, quoted values unquoted. */
    static Map<String, String> parameters(String mediaType) {
        Map<String, String> map = new LinkedHashMap<>();
        int i = mediaType.indexOf(';');
        while (i >= 0 && i < mediaType.length()) {
            int eq = mediaType.indexOf('=', i + 1);
            if (eq < 0) {
                break;
            }
            String name = mediaType.substring(i + 1, eq).strip().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            while (j < mediaType.length() && mediaType.charAt(j) == ' ') {
                j++;
            }
            String value;
            if (j < mediaType.length() && mediaType.charAt(j) == '"') {
                StringBuilder v = new StringBuilder();
                j++;
                while (j < mediaType.length() && mediaType.charAt(j) != '"') {
                    char c = mediaType.charAt(j);
                    if (c == '\\' && j + 1 < mediaType.length()) {
                        c = mediaType.charAt(++j);
                    }
                    v.append(c);
                    j++;
                }
                value = v.toString();
                i = mediaType.indexOf(';', j);
            } else {
                int end = mediaType.indexOf(';', j);
                value = (end < 0 ? mediaType.substring(j) : mediaType.substring(j, end)).strip();
                i = end;
            }
            map.putIfAbsent(name, value);
        }
        return map;
    }

    /**
     * The next part.
     *
     * @return the part, or empty after the close delimiter
     * @throws IOException if the body breaks off or is not well formed (the message names the
     *     fault, never the content)
     */
    Optional<Part> next() throws IOException {
        if (finished) {
            return Optional.empty();
        }
        if (!started) {
            started = true;
            skipPreamble();
        }
        if (afterDelimiter()) {
            finished = true;
            return Optional.empty();
        }
        Map<String, String> headers = headers();
        byte[] body = null;
        String length = headers.get("content-length");
        if (length != null && length.strip().matches("[0-9]{1,10}") && Long.parseLong(length.strip()) <= MAX_PART) {
            int n = Integer.parseInt(length.strip());
            body = in.readNBytes(n);
            if (body.length != n) {
                throw new EOFException("a multipart part ended after " + body.length + " of its " + n + " bytes");
            }
            if (!delimiterFollows()) {
                throw new IOException("a multipart part is not followed by the boundary after its Content-Length");
            }
        } else {
            body = untilDelimiter();
        }
        return Optional.of(new Part(headers, body));
    }

    /** Skips to the first delimiter, which may open the body without a CRLF before it. */
    private void skipPreamble() throws IOException {
        int k = 2;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the multipart body holds no boundary");
            }
            while (k > 0 && c != (delimiter[k] & 0xFF)) {
                k = failure[k - 1];
            }
            if (c == (delimiter[k] & 0xFF)) {
                k++;
            }
            if (k == delimiter.length) {
                return;
            }
        }
    }

    /** After a delimiter: true for the close delimiter ("--"), else skips padding and the CRLF. */
    private boolean afterDelimiter() throws IOException {
        int c1 = in.read();
        if (c1 == '-') {
            int c2 = in.read();
            if (c2 == '-') {
                return true;
            }
            throw new IOException("a multipart delimiter is followed by a single '-'");
        }
        int c = c1;
        while (c == ' ' || c == '\t') {
            c = in.read();
        }
        if (c != '\r' || in.read() != '\n') {
            throw new IOException("a multipart delimiter is not followed by CRLF");
        }
        return false;
    }

    private Map<String, String> headers() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("a multipart part's headers break off");
            }
            if (++total > MAX_HEADER_BYTES) {
                throw new IOException("a multipart part's headers exceed " + MAX_HEADER_BYTES + " bytes");
            }
            if (c == '\r') {
                if (in.read() != '\n') {
                    throw new IOException("a multipart header line does not end with CRLF");
                }
                if (line.size() == 0) {
                    return headers;
                }
                String h = line.toString(StandardCharsets.ISO_8859_1);
                int colon = h.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("a multipart header line has no name");
                }
                headers.putIfAbsent(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1)
                        .strip());
                line.reset();
            } else {
                line.write(c);
            }
        }
    }

    /** Whether the delimiter comes next (consuming it). */
    private boolean delimiterFollows() throws IOException {
        byte[] next = in.readNBytes(delimiter.length);
        return java.util.Arrays.equals(next, delimiter);
    }

    /** The bytes up to the next delimiter (consumed, not returned). */
    private byte[] untilDelimiter() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        int k = 0;
        long size = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("a multipart part breaks off before the boundary");
            }
            while (k > 0 && c != (delimiter[k] & 0xFF)) {
                // the k bytes matched so far are not a delimiter: all but the longest border are content
                int keep = failure[k - 1];
                out.write(delimiter, 0, k - keep);
                size += k - keep;
                k = keep;
            }
            if (c == (delimiter[k] & 0xFF)) {
                k++;
                if (k == delimiter.length) {
                    return out.toByteArray();
                }
            } else {
                out.write(c);
                size++;
            }
            if (size > MAX_PART) {
                throw new IOException("a multipart part exceeds " + MAX_PART + " bytes");
            }
        }
    }

    /** The Knuth-Morris-Pratt failure function: f[i] = longest proper border of pattern[0..i]. */
    private static int[] failureFunction(byte[] p) {
        int[] f = new int[p.length];
        int k = 0;
        for (int i = 1; i < p.length; i++) {
            while (k > 0 && p[i] != p[k]) {
                k = f[k - 1];
            }
            if (p[i] == p[k]) {
                k++;
            }
            f[i] = k;
        }
        return f;
    }
}
