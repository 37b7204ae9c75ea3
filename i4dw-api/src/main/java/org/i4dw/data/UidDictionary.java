/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Names of well-known UIDs: the SOP classes (generated from the standard's sops.json) and the
 * transfer syntaxes of PS3.5 Annex A / PS3.6 Table A-1.
 *
 * <p>Loaded once, immutable and thread-safe.
 */
public final class UidDictionary {

    private static final class Holder {
        static final UidDictionary STANDARD = load();
    }

    /** Transfer syntaxes, from PS3.6 Table A-1 (not part of sops.json). */
    private static final String[][] TRANSFER_SYNTAXES = {
        {"1.2.840.10008.1.2", "Implicit VR Little Endian"},
        {"1.2.840.10008.1.2.1", "Explicit VR Little Endian"},
        {"1.2.840.10008.1.2.1.98", "Encapsulated Uncompressed Explicit VR Little Endian"},
        {"1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian"},
        {"1.2.840.10008.1.2.2", "Explicit VR Big Endian (Retired)"},
        {"1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)"},
        {"1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)"},
        {"1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)"},
        {"1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])"},
        {"1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression"},
        {"1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression"},
        {"1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)"},
        {"1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression"},
        {"1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)"},
        {"1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component Image Compression"},
        {"1.2.840.10008.1.2.4.94", "JPIP Referenced"},
        {"1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate"},
        {"1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level"},
        {"1.2.840.10008.1.2.4.101", "MPEG2 Main Profile / High Level"},
        {"1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1"},
        {"1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1"},
        {"1.2.840.10008.1.2.4.104", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video"},
        {"1.2.840.10008.1.2.4.105", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video"},
        {"1.2.840.10008.1.2.4.106", "MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2"},
        {"1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile / Level 5.1"},
        {"1.2.840.10008.1.2.4.108", "HEVC/H.265 Main 10 Profile / Level 5.1"},
        {"1.2.840.10008.1.2.4.110", "JPEG XL Lossless"},
        {"1.2.840.10008.1.2.4.111", "JPEG XL JPEG Recompression"},
        {"1.2.840.10008.1.2.4.112", "JPEG XL"},
        {"1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)"},
        {"1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)"},
        {"1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression"},
        {"1.2.840.10008.1.2.5", "RLE Lossless"},
        {"1.2.840.10008.1.2.6.1", "RFC 2557 MIME encapsulation (Retired)"},
        {"1.2.840.10008.1.2.6.2", "XML Encoding (Retired)"},
        {"1.2.840.10008.1.2.7.1", "SMPTE ST 2110-20 Uncompressed Progressive Active Video"},
    };

    private final Map<String, String> names;

    private UidDictionary(Map<String, String> names) {
        this.names = names;
    }

    /** The standard dictionary. */
    public static UidDictionary standard() {
        return Holder.STANDARD;
    }

    /** The standard name of {@code uid}, or empty. */
    public Optional<String> name(String uid) {
        return Optional.ofNullable(names.get(uid));
    }

    private static UidDictionary load() {
        Map<String, String> names = new HashMap<>(512);
        for (String[] ts : TRANSFER_SYNTAXES) {
            names.put(ts[0], ts[1]);
        }
        try (InputStream in = UidDictionary.class.getResourceAsStream("sop-classes.tsv")) {
            if (in == null) {
                throw new IllegalStateException("org/i4dw/data/sop-classes.tsv is missing from i4dw-api");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isEmpty() && line.charAt(0) != '#') {
                    String[] f = line.split("\t", -1);
                    names.put(f[0], f[2]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read org/i4dw/data/sop-classes.tsv", e);
        }
        return new UidDictionary(Map.copyOf(names));
    }
}
