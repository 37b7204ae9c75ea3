/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as an input stream that asks the client for one chunk at a time (so memory stays
 * bounded whatever the body's size) and gives up when no byte comes for the idle timeout: the
 * JDK's request timeout covers the response headers only, not a body that stalls.
 */
final class BodyStream extends InputStream implements HttpResponse.BodySubscriber<InputStream> {

    /** The body ended. */
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final long idleNanos;
    private volatile Runnable onClose = () -> { };
    private volatile Flow.Subscription subscription;
    private Iterator<ByteBuffer> chunks = List.<ByteBuffer>of().iterator();
    private ByteBuffer current;
    private boolean ended;
    private boolean closed;
    private long received;

    /**
     * @param idle the longest wait for the next bytes
     */
    BodyStream(Duration idle) {
        this.idleNanos = idle.toNanos();
    }

    /** Runs {@code r} once when the stream is closed (e.g. to release a request permit). */
    void whenClosed(Runnable r) {
        this.onClose = r;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        queue.add(throwable);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedFuture(this);
    }

    /** Bytes read so far. */
    long received() {
        return received;
    }

    /** Makes {@link #current} a buffer with bytes left, or returns false at the end of the body. */
    @SuppressWarnings("unchecked")
    private boolean fill() throws IOException {
        if (closed) {
            throw new IOException("the response body is closed");
        }
        while (current == null || !current.hasRemaining()) {
            if (chunks.hasNext()) {
                current = chunks.next();
                continue;
            }
            if (ended) {
                return false;
            }
            Object next;
            try {
                next = queue.poll(idleNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel();
                throw new InterruptedIOException("interrupted while reading a response body");
            }
            if (next == null) {
                cancel();
                throw new BodyTimeoutException(Duration.ofNanos(idleNanos));
            } else if (next == END) {
                ended = true;
            } else if (next instanceof Throwable) {
                ended = true;
                Throwable t = (Throwable) next;
                throw t instanceof IOException ? (IOException) t
                        : new IOException("the response body failed: " + t.getClass().getSimpleName(), t);
            } else {
                chunks = ((List<ByteBuffer>) next).iterator();
                Flow.Subscription s = subscription;
                if (s != null) {
                    s.request(1);
                }
            }
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        received++;
        return current.get() & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        received += n;
        return n;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.remaining();
    }

    private void cancel() {
        Flow.Subscription s = subscription;
        if (s != null && !ended) {
            s.cancel();
        }
        ended = true;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        cancel();
        queue.clear();
        onClose.run();
    }

    /** No byte of the body came within the idle timeout. */
    static final class BodyTimeoutException extends InterruptedIOException {
        private static final long serialVersionUID = 1L;
        final Duration idle;

        BodyTimeoutException(Duration idle) {
            super("no byte of the response body came within " + idle);
            this.idle = idle;
        }
    }
}
