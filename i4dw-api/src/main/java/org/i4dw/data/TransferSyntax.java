/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A transfer syntax: how a data set is encoded (PS3.5 section 10 and Annex A).
 *
 * <p>The native ones are constants here. Any other UID is treated as an encapsulated (compressed)
 * transfer syntax in explicit VR little endian, which is what PS3.5 A.4 requires of every
 * compressed transfer syntax: the header reads the same, the pixel data is a sequence of fragments.
 */
public final class TransferSyntax {

    /** Implicit VR Little Endian, the default transfer syntax (1.2.840.10008.1.2). */
    public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN =
            new TransferSyntax("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, false);
    /** Explicit VR Little Endian (1.2.840.10008.1.2.1). */
    public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN =
            new TransferSyntax("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, false);
    /** Encapsulated Uncompressed Explicit VR Little Endian (1.2.840.10008.1.2.1.98). */
    public static final TransferSyntax ENCAPSULATED_UNCOMPRESSED = new TransferSyntax("1.2.840.10008.1.2.1.98",
            "Encapsulated Uncompressed Explicit VR Little Endian", true, false, false, true);
    /** Deflated Explicit VR Little Endian (1.2.840.10008.1.2.1.99). */
    public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN =
            new TransferSyntax("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true, false);
    /** Explicit VR Big Endian, retired but still met (1.2.840.10008.1.2.2). */
    public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN =
            new TransferSyntax("1.2.840.10008.1.2.2", "Explicit VR Big Endian (Retired)", true, true, false, false);

    private static final Map<String, TransferSyntax> NATIVE = Stream.of(IMPLICIT_VR_LITTLE_ENDIAN,
            EXPLICIT_VR_LITTLE_ENDIAN, ENCAPSULATED_UNCOMPRESSED, DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
            EXPLICIT_VR_BIG_ENDIAN).collect(Collectors.toUnmodifiableMap(TransferSyntax::uid, Function.identity()));

    private final String uid;
    private final String name;
    private final boolean explicitVr;
    private final boolean bigEndian;
    private final boolean deflated;
    private final boolean encapsulated;

    private TransferSyntax(String uid, String name, boolean explicitVr, boolean bigEndian, boolean deflated,
            boolean encapsulated) {
        this.uid = uid;
        this.name = name;
        this.explicitVr = explicitVr;
        this.bigEndian = bigEndian;
        this.deflated = deflated;
        this.encapsulated = encapsulated;
    }

    /**
     * The transfer syntax of {@code uid}: a native one, or an encapsulated explicit VR little endian
     * one for any other UID (JPEG, JPEG 2000, RLE, MPEG, HTJ2K, JPEG XL...).
     *
     * @throws IllegalArgumentException if {@code uid} is blank
     */
    public static TransferSyntax of(String uid) {
        Objects.requireNonNull(uid, "uid");
        String u = uid.strip();
        if (u.isEmpty()) {
            throw new IllegalArgumentException("transfer syntax UID is blank");
        }
        TransferSyntax ts = NATIVE.get(u);
        if (ts != null) {
            return ts;
        }
        String known = UidDictionary.standard().name(u).orElse("Encapsulated transfer syntax " + u);
        return new TransferSyntax(u, known, true, false, false, true);
    }

    /** The UID. */
    public String uid() {
        return uid;
    }

    /** A readable name. */
    public String name() {
        return name;
    }

    /** True when VRs are written in the stream. */
    public boolean isExplicitVr() {
        return explicitVr;
    }

    /** True for big endian byte order. */
    public boolean isBigEndian() {
        return bigEndian;
    }

    /** True when the data set is deflated (RFC 1951) after the file meta information. */
    public boolean isDeflated() {
        return deflated;
    }

    /** True when pixel data is encapsulated in fragments (any compressed transfer syntax). */
    public boolean isEncapsulated() {
        return encapsulated;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransferSyntax && ((TransferSyntax) o).uid.equals(uid);
    }

    @Override
    public int hashCode() {
        return uid.hashCode();
    }

    @Override
    public String toString() {
        return name + " (" + uid + ")";
    }
}
