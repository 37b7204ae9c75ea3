/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import java.util.Objects;
import org.i4dw.data.TransferSyntax;

/**
 * One instance of a cached series as its manifest records it: a de-identified Part 10 file.
 *
 * @param sopInstanceUid the de-identified SOP Instance UID
 * @param transferSyntax the transfer syntax of the file's data set
 * @param size the file's size in bytes
 * @param sha256 the SHA-256 of the file's bytes, 64 lower-case hexadecimal digits
 */
public record CachedInstance(String sopInstanceUid, TransferSyntax transferSyntax, long size, String sha256) {

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException if the UID is not a DICOM UID, the size is negative or the
     *     checksum is not 64 lower-case hexadecimal digits
     */
    public CachedInstance {
        UidSyntax.check(sopInstanceUid, "SOP Instance UID");
        Objects.requireNonNull(transferSyntax, "transferSyntax");
        Objects.requireNonNull(sha256, "sha256");
        if (size < 0) {
            throw new IllegalArgumentException("instance size must be >= 0, got " + size);
        }
        if (sha256.length() != 64 || !sha256.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hexadecimal digits, got '" + sha256 + "'");
        }
    }
}
