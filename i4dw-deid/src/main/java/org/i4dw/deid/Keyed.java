/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.deid;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.i4dw.api.I4dwConfigurationException;

/**
 * The keyed functions: UID remap, patient pseudonym and per-patient date shift, all from
 * HMAC-SHA256 with the secret key, each in its own domain (a prefix of the message).
 *
 * <p>Outputs carry a keyed check so that this key recognizes its own outputs and leaves them as
 * they are: de-identifying twice changes nothing more. A remapped UID is {@code 2.25.} and the
 * decimal of 128 bits: 96 bits of HMAC(key, "uid" + UID), then 32 bits of HMAC(key, "chk" + those
 * 96 bits). A pseudonym is 24 upper-case hexadecimal digits built the same way (64 + 32 bits). A
 * foreign value passes the check with probability 2<sup>-32</sup>.
 *
 * <p>Thread-safe: one {@link Mac} per thread. The key is never shown.
 */
final class Keyed {

    /** Date shifts are whole days in [-MAX_SHIFT_DAYS, -1]. */
    static final int MAX_SHIFT_DAYS = 1460;

    private static final int CACHE_LIMIT = 1 << 16;
    private static final String ALGORITHM = "HmacSHA256";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** The root of UIDs derived from a 128-bit number (PS3.5 B.2). */
    private static final String UUID_ROOT = "2.25.";
    /** Nine decimal digits: a remainder below it, shifted left by 32 bits, still fits in a long. */
    private static final long BILLION = 1_000_000_000L;

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;
    private final ConcurrentHashMap<String, String> uidCache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> pseudonymCache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> shiftCache = new ConcurrentHashMap<>();

    Keyed(byte[] secret) {
        this.key = new SecretKeySpec(secret, ALGORITHM);
        newMac(key); // fail at build time, not on first use
        this.macs = ThreadLocal.withInitial(() -> newMac(key));
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac m = Mac.getInstance(ALGORITHM);
            m.init(key);
            return m;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new I4dwConfigurationException("the JDK cannot compute " + ALGORITHM + " with the given key", e);
        }
    }

    private byte[] mac(byte domain, byte[] message, int length) {
        Mac m = macs.get();
        m.update(domain);
        m.update(message, 0, length);
        return m.doFinal();
    }

    private byte[] mac(byte domain, String message) {
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        return mac(domain, b, b.length);
    }

    /** The keyed replacement of a UID; a UID this key made is returned as it is. */
    String uid(String original) {
        String cached = uidCache.get(original);
        if (cached != null) {
            return cached;
        }
        String out = isOwnUid(original) ? original : makeUid(original);
        if (uidCache.size() >= CACHE_LIMIT) {
            uidCache.clear();
        }
        uidCache.put(original, out);
        return out;
    }

    private String makeUid(String original) {
        byte[] h = mac((byte) 'U', original);
        byte[] v = new byte[16];
        System.arraycopy(h, 0, v, 0, 12);
        byte[] c = mac((byte) 'C', v, 12);
        System.arraycopy(c, 0, v, 12, 4);
        return uidOf(v);
    }

    /**
     * {@code 2.25.} and the decimal of a 128-bit unsigned big-endian number, as
     * {@code "2.25." + new BigInteger(1, v)} writes it, without the BigInteger: long division of its
     * four 32-bit limbs by 10<sup>9</sup>, nine digits at a time from the right.
     *
     * @param v 16 bytes
     * @return the UID, at most 44 characters
     */
    static String uidOf(byte[] v) {
        long[] limbs = new long[4];
        for (int k = 0; k < 4; k++) {
            limbs[k] = ((v[4 * k] & 0xFFL) << 24) | ((v[4 * k + 1] & 0xFFL) << 16) | ((v[4 * k + 2] & 0xFFL) << 8)
                    | (v[4 * k + 3] & 0xFFL);
        }
        char[] out = new char[UUID_ROOT.length() + 39]; // 2^128 has 39 digits
        int pos = out.length;
        boolean more = true;
        while (more) {
            long rem = 0;
            more = false;
            for (int k = 0; k < 4; k++) {
                long cur = (rem << 32) | limbs[k];
                limbs[k] = cur / BILLION;
                rem = cur % BILLION;
                more |= limbs[k] != 0;
            }
            int digits = 0;
            do {
                out[--pos] = (char) ('0' + rem % 10);
                rem /= 10;
                digits++;
            } while (more ? digits < 9 : rem != 0);
        }
        pos -= UUID_ROOT.length();
        UUID_ROOT.getChars(0, UUID_ROOT.length(), out, pos);
        return new String(out, pos, out.length - pos);
    }

    boolean isOwnUid(String uid) {
        if (!uid.startsWith("2.25.") || uid.length() < 10 || uid.length() > 44) {
            return false;
        }
        for (int i = 5; i < uid.length(); i++) {
            char ch = uid.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        BigInteger n = new BigInteger(uid.substring(5));
        if (n.bitLength() > 128) {
            return false;
        }
        byte[] raw = n.toByteArray();
        byte[] v = new byte[16];
        int len = Math.min(raw.length, 16);
        System.arraycopy(raw, raw.length - len, v, 16 - len, len);
        byte[] c = mac((byte) 'C', v, 12);
        return c[0] == v[12] && c[1] == v[13] && c[2] == v[14] && c[3] == v[15];
    }

    /** The keyed pseudonym of a patient identifier; a pseudonym this key made is returned as it is. */
    String pseudonym(String patientId) {
        String cached = pseudonymCache.get(patientId);
        if (cached != null) {
            return cached;
        }
        String out = makePseudonym(patientId);
        if (pseudonymCache.size() >= CACHE_LIMIT) {
            pseudonymCache.clear();
        }
        pseudonymCache.put(patientId, out);
        return out;
    }

    private String makePseudonym(String patientId) {
        if (isOwnPseudonym(patientId)) {
            return patientId;
        }
        byte[] h = mac((byte) 'P', patientId);
        byte[] c = mac((byte) 'Q', h, 8);
        char[] out = new char[24];
        hex(h, 0, 8, out, 0);
        hex(c, 0, 4, out, 16);
        return new String(out);
    }

    boolean isOwnPseudonym(String s) {
        if (s.length() != 24) {
            return false;
        }
        byte[] v = new byte[12];
        for (int i = 0; i < 12; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0 || Character.isLowerCase(s.charAt(2 * i)) || Character.isLowerCase(s.charAt(2 * i + 1))) {
                return false;
            }
            v[i] = (byte) (hi << 4 | lo);
        }
        byte[] c = mac((byte) 'Q', v, 8);
        return c[0] == v[8] && c[1] == v[9] && c[2] == v[10] && c[3] == v[11];
    }

    /**
     * The date shift of a patient, in days, in [-{@value #MAX_SHIFT_DAYS}, -1]; 0 for a patient
     * whose ID is already a pseudonym of this key (its dates were shifted when it was made).
     */
    int shiftDays(String patientId) {
        Integer cached = shiftCache.get(patientId);
        if (cached != null) {
            return cached;
        }
        int out = makeShift(patientId);
        if (shiftCache.size() >= CACHE_LIMIT) {
            shiftCache.clear();
        }
        shiftCache.put(patientId, out);
        return out;
    }

    private int makeShift(String patientId) {
        if (isOwnPseudonym(patientId)) {
            return 0;
        }
        byte[] h = mac((byte) 'S', patientId);
        long u = ((h[0] & 0xFFL) << 24) | ((h[1] & 0xFFL) << 16) | ((h[2] & 0xFFL) << 8) | (h[3] & 0xFFL);
        return -(int) (1 + u % MAX_SHIFT_DAYS);
    }

    private static void hex(byte[] b, int from, int n, char[] out, int at) {
        for (int i = 0; i < n; i++) {
            out[at + 2 * i] = HEX[(b[from + i] >> 4) & 0xF];
            out[at + 2 * i + 1] = HEX[b[from + i] & 0xF];
        }
    }

    /** Never the key. */
    @Override
    public String toString() {
        return "Keyed[HmacSHA256, key redacted]";
    }

}
