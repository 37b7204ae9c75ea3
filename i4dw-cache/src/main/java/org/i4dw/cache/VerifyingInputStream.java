/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cache;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import org.i4dw.spi.IntegrityProblem;

/**
 * Passes a cached instance's bytes through while it hashes them; at the end of the file (or past
 * the expected size) it compares size and SHA-256 with the manifest and, on a mismatch, lets
 * {@link OnCorrupt} throw before end of stream is reported.
 */
final class VerifyingInputStream extends FilterInputStream {

    /** Reports a mismatch; is expected to throw. */
    interface OnCorrupt {
        RuntimeException corrupt(IntegrityProblem problem);
    }

    private final long expectedSize;
    private final byte[] expectedSha256;
    private final OnCorrupt onCorrupt;
    private final MessageDigest digest = FileOps.sha256();
    private long count;
    private boolean checked;
    private RuntimeException failure;

    VerifyingInputStream(InputStream in, long expectedSize, byte[] expectedSha256, OnCorrupt onCorrupt) {
        super(in);
        this.expectedSize = expectedSize;
        this.expectedSha256 = expectedSha256;
        this.onCorrupt = onCorrupt;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (len == 0) {
            return 0;
        }
        int n = in.read(b, off, len);
        if (n < 0) {
            finish();
            return -1;
        }
        digest.update(b, off, n);
        count += n;
        if (count > expectedSize) {
            failure = onCorrupt.corrupt(IntegrityProblem.SIZE_MISMATCH);
            throw failure;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(8192, Math.max(0, n))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported: every byte must pass through the digest once
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private void finish() {
        if (checked) {
            return;
        }
        checked = true;
        if (count != expectedSize) {
            failure = onCorrupt.corrupt(IntegrityProblem.SIZE_MISMATCH);
        } else if (!Arrays.equals(digest.digest(), expectedSha256)) {
            failure = onCorrupt.corrupt(IntegrityProblem.CHECKSUM_MISMATCH);
        }
        if (failure != null) {
            throw failure;
        }
    }
}
