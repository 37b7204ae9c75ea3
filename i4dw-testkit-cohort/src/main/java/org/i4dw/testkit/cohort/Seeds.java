/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit.cohort;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

/**
 * Everything random in a cohort comes from here: SHA-256 of the cohort's seed and a path naming
 * what is drawn ("patient/12", "study/12/1/uid"...). So a value depends only on the seed and its
 * own path, never on the order of drawing or on the other settings, and the same seed always gives
 * the same cohort, on every JVM ({@link Random} is specified to the bit).
 *
 * <p>Not thread-safe (one digest); a cohort is written by one thread.
 */
final class Seeds {

    private static final String DOMAIN = "i4dw-testkit-cohort/1/";

    private final long seed;
    private final MessageDigest sha256;

    Seeds(long seed) {
        this.seed = seed;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM, which the Java SE specification requires", e);
        }
    }

    /** The 32 bytes of SHA-256 over the domain, the seed and the path. */
    byte[] digest(String path) {
        sha256.reset();
        sha256.update((DOMAIN + seed + '/' + path).getBytes(StandardCharsets.UTF_8));
        return sha256.digest();
    }

    /** A generator of its own for one path. */
    Random random(String path) {
        byte[] d = digest(path);
        long s = 0;
        for (int i = 0; i < 8; i++) {
            s = (s << 8) | (d[i] & 0xFF);
        }
        return new Random(s);
    }

    /**
     * A UID under the {@code 2.25} root (PS3.5 B.2): the decimal form of a 128-bit UUID made from
     * the path's hash, with the RFC 9562 version 8 (custom) and variant bits set.
     */
    String uid(String path) {
        byte[] d = digest(path);
        byte[] u = new byte[16];
        System.arraycopy(d, 0, u, 0, 16);
        u[6] = (byte) ((u[6] & 0x0F) | 0x80);
        u[8] = (byte) ((u[8] & 0x3F) | 0x80);
        return "2.25." + new BigInteger(1, u);
    }

    /**
     * A short tag of the seed in upper-case letters and digits, part of every Patient ID and
     * Accession Number so that cohorts with different seeds do not share identifiers.
     */
    String tag(int length) {
        byte[] d = digest("tag");
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt((d[i] & 0xFF) % alphabet.length()));
        }
        return sb.toString();
    }
}
