/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit;

import java.util.Objects;
import org.i4dw.api.I4dwConfigurationException;

/**
 * The DICOM address of an application entity: AE title, host and TCP port. Used to register C-MOVE
 * destinations with a test PACS and to describe where a fixture listens.
 *
 * @param aeTitle the AE title, 1 to 16 characters of the default character repertoire, no
 *     backslash, not only spaces
 * @param host a host name or IP address, not blank
 * @param port a TCP port, 1 to 65535
 */
public record DicomNode(String aeTitle, String host, int port) {

    /**
     * Validates every component.
     *
     * @throws I4dwConfigurationException if a component is invalid; the message names it and the
     *     value given
     */
    public DicomNode {
        checkAeTitle(aeTitle);
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new I4dwConfigurationException("host must not be blank");
        }
        checkPort(port, "port");
    }

    /**
     * Checks an AE title as PS3.5 defines the AE value representation.
     *
     * @param aeTitle the title to check
     * @return the title, unchanged
     * @throws I4dwConfigurationException if it is null, empty, longer than 16 characters, only
     *     spaces, or holds a backslash or a non-printable or non-ASCII character
     */
    public static String checkAeTitle(String aeTitle) {
        if (aeTitle == null || aeTitle.isEmpty() || aeTitle.length() > 16 || aeTitle.isBlank()) {
            throw new I4dwConfigurationException(
                    "AE title must be 1 to 16 characters and not only spaces, was '" + aeTitle + "'");
        }
        for (int i = 0; i < aeTitle.length(); i++) {
            char c = aeTitle.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '\\') {
                throw new I4dwConfigurationException("AE title '" + aeTitle
                        + "' holds a backslash, control or non-ASCII character at index " + i);
            }
        }
        return aeTitle;
    }

    static int checkPort(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new I4dwConfigurationException(what + " must be 1 to 65535, was " + port);
        }
        return port;
    }

    @Override
    public String toString() {
        return aeTitle + "@" + host + ":" + port;
    }
}
