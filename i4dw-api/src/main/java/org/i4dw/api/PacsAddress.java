/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

import java.util.Objects;

/**
 * Where a PACS answers DICOM (DIMSE): its AE title, host and port, written {@code AET@host:port}
 * (an IPv6 host in brackets: {@code AET@[::1]:104}). Parsed once, at the edge.
 *
 * @param aeTitle the called AE title of the PACS
 * @param host the host name or address
 * @param port the TCP port, 1 to 65535
 */
public record PacsAddress(AeTitle aeTitle, String host, int port) {

    /**
     * Checks the parts.
     *
     * @throws I4dwConfigurationException if the host is blank or the port out of range
     */
    public PacsAddress {
        Objects.requireNonNull(aeTitle, "aeTitle");
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new I4dwConfigurationException("PACS host is blank");
        }
        if (port < 1 || port > 65535) {
            throw new I4dwConfigurationException("PACS port must be 1 to 65535, got " + port);
        }
    }

    /**
     * Parses {@code AET@host:port}.
     *
     * @param text the address
     * @return the address
     * @throws I4dwConfigurationException if the text is not of that form; the message shows it
     */
    public static PacsAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        int at = t.lastIndexOf('@');
        int colon = t.lastIndexOf(':');
        if (at <= 0 || colon < at + 2 || colon == t.length() - 1) {
            throw new I4dwConfigurationException("PACS address '" + text + "' is not of the form AET@host:port");
        }
        String host = t.substring(at + 1, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new I4dwConfigurationException("PACS address '" + text + "': port '" + t.substring(colon + 1)
                    + "' is not a number", e);
        }
        return new PacsAddress(AeTitle.of(t.substring(0, at)), host, port);
    }

    /** {@code AET@host:port}. */
    @Override
    public String toString() {
        return aeTitle + "@" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
