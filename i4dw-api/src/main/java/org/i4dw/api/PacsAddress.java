/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a PACS answers, and through which transport: DICOM (DIMSE) at an AE title, host and port,
 * DICOMweb at a base URI, or both. Parsed once, at the edge, from one of these forms:
 *
 * <ul>
 *   <li>{@code AET@host:port}: DIMSE (an IPv6 host in brackets: {@code AET@[::1]:104});</li>
 *   <li>{@code http://host:port/dicom-web} or {@code https://...}: DICOMweb (QIDO-RS, WADO-RS);
 *       the base is the URI below which {@code /studies} lies;</li>
 *   <li>{@code LABEL@https://host/dicom-web}: DICOMweb with a label of one's choosing (see
 *       {@link #aeTitle()});</li>
 *   <li>{@code AET@host:port+https://host/dicom-web}: one PACS reachable through both (see
 *       {@link #withDicomWeb(URI)}).</li>
 * </ul>
 *
 * <p>A DICOMweb base URI may not carry credentials, a query or a fragment: credentials are given
 * apart (e.g. {@code PacsBridge.Builder#authentication}) so that an address can be shown and logged.
 *
 * <p>For a DICOMweb-only address, {@link #aeTitle()} is a label, not an AE title any PACS answers
 * to: the engine, its logs and the batch report name every PACS by it. Unless given, it is the
 * host of the base URI, with {@code :port} when the URI names a port, when that fits in an AE
 * title's 16 characters, else the first 11 characters of the host, {@code ~}, and 4 hexadecimal
 * digits of a hash of the whole base URI (stable from run to run); {@link #host()} and {@link #port()} are then those of the base URI
 * (80 or 443 when it names none).
 *
 * <p>Immutable; equal when every part is equal.
 */
public final class PacsAddress {

    private static final int AE_TITLE_MAX = 16;

    private final AeTitle aeTitle;
    private final String host;
    private final int port;
    private final boolean dimse;
    private final URI dicomWeb;

    /**
     * A DIMSE address.
     *
     * @param aeTitle the called AE title of the PACS
     * @param host the host name or address
     * @param port the TCP port, 1 to 65535
     * @throws I4dwConfigurationException if the host is blank or the port out of range
     */
    public PacsAddress(AeTitle aeTitle, String host, int port) {
        this(aeTitle, host, port, true, null);
    }

    private PacsAddress(AeTitle aeTitle, String host, int port, boolean dimse, URI dicomWeb) {
        Objects.requireNonNull(aeTitle, "aeTitle");
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new I4dwConfigurationException("PACS host is blank");
        }
        if (port < 1 || port > 65535) {
            throw new I4dwConfigurationException("PACS port must be 1 to 65535, got " + port);
        }
        this.aeTitle = aeTitle;
        this.host = host;
        this.port = port;
        this.dimse = dimse;
        this.dicomWeb = dicomWeb;
    }

    /**
     * A DICOMweb-only address, labelled from its host and port (see the class description).
     *
     * @param base the base URI, {@code http} or {@code https}, e.g. {@code https://pacs:8042/dicom-web}
     * @return the address
     * @throws I4dwConfigurationException if the URI is not an absolute http(s) URI with a host, or
     *     carries credentials, a query or a fragment
     */
    public static PacsAddress dicomWeb(URI base) {
        URI b = checkBase(base);
        return new PacsAddress(label(b), bareHost(b), effectivePort(b), false, b);
    }

    /**
     * A DICOMweb-only address with the label the engine and reports will show.
     *
     * @param base the base URI
     * @param label the label
     * @return the address
     * @throws I4dwConfigurationException if the URI is not acceptable (see {@link #dicomWeb(URI)})
     */
    public static PacsAddress dicomWeb(URI base, AeTitle label) {
        Objects.requireNonNull(label, "label");
        URI b = checkBase(base);
        return new PacsAddress(label, bareHost(b), effectivePort(b), false, b);
    }

    /**
     * This DIMSE address with a DICOMweb base: one PACS reachable through both transports. How
     * each is used (which serves queries, the order in which retrieval paths are tried) is the
     * bridge's configuration, not the address's.
     *
     * @param base the DICOMweb base URI
     * @return a new address
     * @throws I4dwConfigurationException if this address has no DIMSE part or the URI is not acceptable
     */
    public PacsAddress withDicomWeb(URI base) {
        if (!dimse) {
            throw new I4dwConfigurationException("the PACS address " + this + " has no DIMSE part to pair with "
                    + "a DICOMweb base");
        }
        return new PacsAddress(aeTitle, host, port, true, checkBase(base));
    }

    /**
     * Parses one of the forms of the class description.
     *
     * @param text the address
     * @return the address
     * @throws I4dwConfigurationException if the text is not of one of these forms; the message shows it
     */
    public static PacsAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return dicomWeb(uri(t, text));
        }
        int both = indexOfWeb(lower, '+');
        if (both > 0) {
            return parseDimse(t.substring(0, both), text).withDicomWeb(uri(t.substring(both + 1), text));
        }
        int labelled = indexOfWeb(lower, '@');
        if (labelled > 0) {
            AeTitle label;
            try {
                label = AeTitle.of(t.substring(0, labelled));
            } catch (I4dwConfigurationException e) {
                throw new I4dwConfigurationException("PACS address '" + text + "': the label is not valid: "
                        + e.getMessage(), e);
            }
            return dicomWeb(uri(t.substring(labelled + 1), text), label);
        }
        return parseDimse(t, text);
    }

    private static int indexOfWeb(String lower, char before) {
        int a = lower.indexOf(before + "http://");
        int b = lower.indexOf(before + "https://");
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }

    private static URI uri(String part, String text) {
        try {
            return checkBase(new URI(part));
        } catch (URISyntaxException e) {
            throw new I4dwConfigurationException("PACS address '" + text + "': '" + part
                    + "' is not a URI: " + e.getReason(), e);
        }
    }

    private static PacsAddress parseDimse(String t, String text) {
        int at = t.lastIndexOf('@');
        int colon = t.lastIndexOf(':');
        if (at <= 0 || colon < at + 2 || colon == t.length() - 1) {
            throw new I4dwConfigurationException("PACS address '" + text + "' is not of the form AET@host:port, "
                    + "http(s)://host:port/path or AET@host:port+http(s)://host:port/path");
        }
        String h = t.substring(at + 1, colon);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        int p;
        try {
            p = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new I4dwConfigurationException("PACS address '" + text + "': port '" + t.substring(colon + 1)
                    + "' is not a number", e);
        }
        return new PacsAddress(AeTitle.of(t.substring(0, at)), h, p);
    }

    /** The base URI checked and normalized: scheme and host in lower case, no trailing '/'. */
    private static URI checkBase(URI base) {
        Objects.requireNonNull(base, "base");
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new I4dwConfigurationException("a DICOMweb base must be an http or https URI, got '" + base + "'");
        }
        if (base.getRawUserInfo() != null) {
            throw new I4dwConfigurationException("a DICOMweb base may not carry credentials (user info); give them "
                    + "as the PACS's authentication instead");
        }
        if (base.getHost() == null || base.getHost().isBlank()) {
            throw new I4dwConfigurationException("the DICOMweb base '" + base + "' names no host");
        }
        if (base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new I4dwConfigurationException("the DICOMweb base '" + base
                    + "' may not have a query or a fragment");
        }
        if (base.getPort() > 65535) {
            throw new I4dwConfigurationException("the DICOMweb base '" + base + "' has port " + base.getPort());
        }
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String host = base.getHost().toLowerCase(Locale.ROOT);
        String authority = (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host)
                + (base.getPort() >= 0 ? ":" + base.getPort() : "");
        return URI.create(scheme + "://" + authority + path);
    }

    private static int effectivePort(URI base) {
        if (base.getPort() > 0) {
            return base.getPort();
        }
        return "https".equals(base.getScheme()) ? 443 : 80;
    }

    private static String bareHost(URI base) {
        String h = base.getHost();
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    private static AeTitle label(URI base) {
        String h = bareHost(base);
        String full = base.getPort() > 0 ? h + ":" + base.getPort() : h;
        if (full.length() <= AE_TITLE_MAX) {
            return AeTitle.of(full);
        }
        int hash = 0;
        for (byte x : base.toString().getBytes(StandardCharsets.UTF_8)) {
            hash = 31 * hash + (x & 0xFF);
        }
        String hex = String.format(Locale.ROOT, "%04x", (hash ^ (hash >>> 16)) & 0xFFFF);
        return AeTitle.of(h.substring(0, Math.min(h.length(), AE_TITLE_MAX - 5)) + "~" + hex);
    }

    /**
     * The called AE title of the PACS; for a DICOMweb-only address, its label (see the class
     * description).
     *
     * @return the AE title or label
     */
    public AeTitle aeTitle() {
        return aeTitle;
    }

    /**
     * The DIMSE host; for a DICOMweb-only address, the host of the base URI.
     *
     * @return the host name or address
     */
    public String host() {
        return host;
    }

    /**
     * The DIMSE port; for a DICOMweb-only address, the port of the base URI (80 or 443 when it
     * names none).
     *
     * @return the TCP port
     */
    public int port() {
        return port;
    }

    /**
     * Whether the PACS is reachable through DIMSE at {@code aeTitle@host:port}.
     *
     * @return true for {@code AET@host:port} addresses, alone or paired with a DICOMweb base
     */
    public boolean hasDimse() {
        return dimse;
    }

    /**
     * Whether the PACS is reachable through DICOMweb.
     *
     * @return true when there is a base URI
     */
    public boolean isDicomWeb() {
        return dicomWeb != null;
    }

    /**
     * The DICOMweb base URI, normalized (scheme and host in lower case, no trailing {@code /}).
     *
     * @return the base, or empty for a DIMSE-only address
     */
    public Optional<URI> dicomWebBase() {
        return Optional.ofNullable(dicomWeb);
    }

    /**
     * The DIMSE part alone.
     *
     * @return {@code aeTitle@host:port} without the DICOMweb base, or empty for a DICOMweb-only address
     */
    public Optional<PacsAddress> dimse() {
        if (!dimse) {
            return Optional.empty();
        }
        return Optional.of(dicomWeb == null ? this : new PacsAddress(aeTitle, host, port));
    }

    /**
     * The DICOMweb part alone, labelled with this address's AE title.
     *
     * @return the base URI as a DICOMweb-only address, or empty for a DIMSE-only address
     */
    public Optional<PacsAddress> web() {
        if (dicomWeb == null) {
            return Optional.empty();
        }
        return Optional.of(dimse ? dicomWeb(dicomWeb, aeTitle) : this);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PacsAddress)) {
            return false;
        }
        PacsAddress a = (PacsAddress) o;
        return port == a.port && dimse == a.dimse && aeTitle.equals(a.aeTitle) && host.equals(a.host)
                && Objects.equals(dicomWeb, a.dicomWeb);
    }

    @Override
    public int hashCode() {
        return Objects.hash(aeTitle, host, port, dimse, dicomWeb);
    }

    /**
     * The address in the form it is parsed from: {@code AET@host:port}, {@code LABEL@base} (a
     * DICOMweb-only address; the label is always shown, so the text parses back equal) or
     * {@code AET@host:port+base}.
     */
    @Override
    public String toString() {
        if (!dimse) {
            return aeTitle + "@" + dicomWeb;
        }
        String d = aeTitle + "@" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        return dicomWeb == null ? d : d + "+" + dicomWeb;
    }
}
