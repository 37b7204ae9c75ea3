/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.i4dw.api.I4dwConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on loopback that forwards every connection to a target host and port and can be
 * told, at any moment, to misbehave as a sick network or PACS does: add a delay to every chunk it
 * forwards or to every new connection, go silent (keep accepting and keep connections open, but
 * forward nothing in either direction, not even a close), refuse new connections, or drop the
 * open ones, or reject DICOM associations above a number open at once as a PACS at its
 * association limit does; and be switched back to forwarding normally. It counts connections
 * and bytes.
 *
 * <pre>{@code
 * try (TcpProxy proxy = TcpProxy.builder().target(pacs.host(), pacs.dicomPort()).start()) {
 *     // point the client at proxy.host():proxy.port() instead of the PACS
 *     proxy.delayEachChunk(Duration.ofMillis(200));   // a slow PACS
 *     proxy.goSilent();                               // a PACS that hangs
 *     proxy.forwardNormally();                        // healthy again
 * }
 * }</pre>
 *
 * <p>A chunk is what one read of a socket returns (at most 16 KiB); its delay applies in both
 * directions. While silent, what each side sends is held, not lost: when the proxy forwards
 * normally again, held data, closes and resets go through in order (as after a healed network
 * partition); a new connection accepted while silent is connected to the target only then.
 * Refused connections are accepted and reset at once (the client sees its connection reset);
 * dropped connections are reset on both sides. Over its association limit
 * ({@link #rejectAssociationsAbove(int)}), the proxy reads the client's A-ASSOCIATE-RQ and answers
 * it itself with an A-ASSOCIATE-RJ (rejected-transient by the presentation service provider,
 * local limit exceeded, PS3.8 9.3.4), never reaching the target; a slot is free again as soon as
 * an admitted connection has closed on both sides.
 *
 * <p>The listening socket is bound when {@link Builder#start()} returns, so the proxy is ready
 * at once. Thread-safe: faults may be switched from any thread while connections run.
 * {@link #close()} resets every connection and stops every thread of the proxy.
 */
public final class TcpProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TcpProxy.class);
    private static final int CHUNK = 16 * 1024;
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final String targetHost;
    private final int targetPort;
    private final Duration targetConnectTimeout;
    private final ServerSocket server;
    private final ExecutorService threads;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong bytesToTarget = new AtomicLong();
    private final AtomicLong bytesFromTarget = new AtomicLong();
    private final AtomicLong associationsRejected = new AtomicLong();

    /** The largest DICOM PDU the proxy reads itself (an A-ASSOCIATE-RQ is a few hundred bytes). */
    private static final int MAX_PDU = 1 << 20;

    /** A-ASSOCIATE-RJ: rejected-transient (2), DICOM UL service-provider presentation related (3), local limit exceeded (2). */
    private static final byte[] ASSOCIATE_RJ = {0x03, 0, 0, 0, 0, 4, 0, 2, 3, 2};

    /** Guards the behaviour below; notified whenever it changes or the proxy closes. */
    private final Object lock = new Object();
    private Duration chunkDelay = Duration.ZERO;
    private Duration connectionDelay = Duration.ZERO;
    private boolean silent;
    private boolean refusing;
    private boolean closed;
    private int associationLimit;
    private int admitted;

    private TcpProxy(Builder b, ServerSocket server) {
        this.targetHost = b.targetHost;
        this.targetPort = b.targetPort;
        this.targetConnectTimeout = b.targetConnectTimeout;
        this.server = server;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "i4dw-tcp-proxy-" + server.getLocalPort() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        threads.execute(this::acceptLoop);
    }

    /**
     * A builder; {@link Builder#target(String, int)} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The address clients connect to.
     *
     * @return {@code 127.0.0.1}
     */
    public String host() {
        return Processes.LOOPBACK;
    }

    /**
     * The port clients connect to.
     *
     * @return the listening TCP port
     */
    public int port() {
        return server.getLocalPort();
    }

    /**
     * The DICOM address of the target as reached through this proxy.
     *
     * @param aeTitle the target's AE title
     * @return {@code aeTitle@127.0.0.1:port()}
     * @throws I4dwConfigurationException if the AE title is invalid
     */
    public DicomNode node(String aeTitle) {
        return new DicomNode(aeTitle, host(), port());
    }

    /**
     * The host connections are forwarded to.
     *
     * @return the target host
     */
    public String targetHost() {
        return targetHost;
    }

    /**
     * The port connections are forwarded to.
     *
     * @return the target port
     */
    public int targetPort() {
        return targetPort;
    }

    /**
     * Waits this long before forwarding each chunk, in both directions, from now on (zero: no
     * delay). Connections keep their order; the delay adds up per chunk.
     *
     * @param delay zero or positive
     * @throws I4dwConfigurationException if negative
     */
    public void delayEachChunk(Duration delay) {
        Duration d = checkDelay(delay, "chunk delay");
        synchronized (lock) {
            chunkDelay = d;
            lock.notifyAll();
        }
        LOG.info("TCP proxy {}: {} ms delay per chunk", port(), d.toMillis());
    }

    /**
     * Waits this long before connecting each new connection to the target (zero: no delay).
     *
     * @param delay zero or positive
     * @throws I4dwConfigurationException if negative
     */
    public void delayEachConnection(Duration delay) {
        Duration d = checkDelay(delay, "connection delay");
        synchronized (lock) {
            connectionDelay = d;
            lock.notifyAll();
        }
        LOG.info("TCP proxy {}: {} ms delay per connection", port(), d.toMillis());
    }

    /**
     * Stops forwarding in both directions: open connections stay open and hear nothing, new
     * connections are accepted and hear nothing, and nothing reaches the target, until
     * {@link #forwardNormally()}.
     */
    public void goSilent() {
        synchronized (lock) {
            silent = true;
            lock.notifyAll();
        }
        LOG.info("TCP proxy {}: silent", port());
    }

    /**
     * Resets every new connection as soon as it is accepted, until {@link #forwardNormally()}.
     * Open connections are not touched.
     */
    public void refuseConnections() {
        synchronized (lock) {
            refusing = true;
            lock.notifyAll();
        }
        LOG.info("TCP proxy {}: refusing new connections", port());
    }

    /**
     * Rejects, from now on, each new DICOM association that would make more than {@code limit}
     * admitted connections open at once: the proxy reads its A-ASSOCIATE-RQ and answers with an
     * A-ASSOCIATE-RJ (rejected-transient, presentation service provider, local limit exceeded),
     * as a PACS at its association limit does, and the target never hears of it. Connections
     * open now are not counted. {@link #forwardNormally()} lifts the limit.
     *
     * @param limit 1 or more
     * @throws I4dwConfigurationException if below 1
     */
    public void rejectAssociationsAbove(int limit) {
        if (limit < 1) {
            throw new I4dwConfigurationException("association limit must be >= 1, got " + limit);
        }
        synchronized (lock) {
            associationLimit = limit;
            lock.notifyAll();
        }
        LOG.info("TCP proxy {}: rejecting associations above {} at once", port(), limit);
    }

    /**
     * Associations the proxy rejected itself over its association limit.
     *
     * @return the count
     */
    public long associationsRejected() {
        return associationsRejected.get();
    }

    /**
     * Resets every open connection now, on both sides. New connections are handled as before.
     *
     * @return how many connections were dropped
     */
    public int dropConnections() {
        int n = 0;
        for (Link link : List.copyOf(links)) {
            if (link.abort()) {
                n++;
            }
        }
        dropped.addAndGet(n);
        LOG.info("TCP proxy {}: dropped {} connections", port(), n);
        return n;
    }

    /**
     * Ends every fault: no delays, not silent (held data goes through), new connections accepted,
     * no association limit.
     */
    public void forwardNormally() {
        synchronized (lock) {
            chunkDelay = Duration.ZERO;
            connectionDelay = Duration.ZERO;
            silent = false;
            refusing = false;
            associationLimit = 0;
            lock.notifyAll();
        }
        LOG.info("TCP proxy {}: forwarding normally", port());
    }

    /**
     * Whether the proxy is silent now.
     *
     * @return true between {@link #goSilent()} and {@link #forwardNormally()}
     */
    public boolean isSilent() {
        synchronized (lock) {
            return silent;
        }
    }

    /**
     * Connections accepted so far, refused ones included.
     *
     * @return the count
     */
    public long connectionsAccepted() {
        return accepted.get();
    }

    /**
     * Connections reset at once because the proxy was refusing them.
     *
     * @return the count
     */
    public long connectionsRefused() {
        return refused.get();
    }

    /**
     * Connections reset by {@link #dropConnections()}.
     *
     * @return the count
     */
    public long connectionsDropped() {
        return dropped.get();
    }

    /**
     * Connections open now (accepted and not yet closed on both sides).
     *
     * @return the count
     */
    public int connectionsOpen() {
        return links.size();
    }

    /**
     * Bytes forwarded from clients to the target so far.
     *
     * @return the count
     */
    public long bytesToTarget() {
        return bytesToTarget.get();
    }

    /**
     * Bytes forwarded from the target to clients so far.
     *
     * @return the count
     */
    public long bytesFromTarget() {
        return bytesFromTarget.get();
    }

    /** Stops accepting, resets every open connection and stops the proxy's threads. Calling it again does nothing. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            lock.notifyAll();
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("TCP proxy {}: closing the listening socket failed: {}", port(), e.toString());
        }
        for (Link link : List.copyOf(links)) {
            link.abort();
        }
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("TCP proxy {}: some threads did not stop within {} ms", port(), STOP_GRACE.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("TCP proxy {} -> {}:{} closed after {} connections, {} bytes to and {} bytes from the target",
                port(), targetHost, targetPort, accepted.get(), bytesToTarget.get(), bytesFromTarget.get());
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "TcpProxy[" + host() + ":" + port() + " -> " + targetHost + ":" + targetPort
                    + (silent ? ", silent" : "") + (refusing ? ", refusing" : "")
                    + (associationLimit > 0 ? ", at most " + associationLimit + " associations" : "")
                    + (chunkDelay.isZero() ? "" : ", " + chunkDelay.toMillis() + " ms per chunk")
                    + (connectionDelay.isZero() ? "" : ", " + connectionDelay.toMillis() + " ms per connection")
                    + "]";
        }
    }

    private static Duration checkDelay(Duration delay, String what) {
        Objects.requireNonNull(delay, what);
        if (delay.isNegative()) {
            throw new I4dwConfigurationException(what + " must be zero or positive, was " + delay);
        }
        return delay;
    }

    private void acceptLoop() {
        while (true) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!isClosed()) {
                    LOG.warn("TCP proxy {}: accept failed, no longer accepting: {}", port(), e.toString());
                }
                return;
            }
            accepted.incrementAndGet();
            boolean refuse;
            synchronized (lock) {
                refuse = refusing || closed;
            }
            if (refuse) {
                refused.incrementAndGet();
                reset(client);
                continue;
            }
            Link link = new Link(client);
            links.add(link);
            try {
                threads.execute(link::run);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                link.abort();
                return;
            }
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /**
     * Waits while the proxy is silent.
     *
     * @return false if the proxy closed meanwhile
     */
    private boolean awaitForwarding() throws InterruptedException {
        synchronized (lock) {
            while (silent && !closed) {
                lock.wait();
            }
            return !closed;
        }
    }

    /**
     * Waits for {@code delay}, cut short only by close.
     *
     * @return false if the proxy closed meanwhile
     */
    private boolean pause(Duration delay) throws InterruptedException {
        if (delay.isZero()) {
            return !isClosed();
        }
        long end = System.nanoTime() + delay.toNanos();
        synchronized (lock) {
            for (long left = delay.toNanos(); left > 0 && !closed; left = end - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return !closed;
        }
    }

    private Duration chunkDelay() {
        synchronized (lock) {
            return chunkDelay;
        }
    }

    private Duration connectionDelay() {
        synchronized (lock) {
            return connectionDelay;
        }
    }

    /**
     * Reads one whole DICOM PDU (PS3.8 9.3: type, reserved byte, 4-byte big-endian length, body)
     * within 10 s.
     *
     * @return its bytes, or null if the client closed, stalled or sent no PDU
     */
    private static byte[] readPdu(Socket client) {
        try {
            client.setSoTimeout(10_000);
            InputStream in = client.getInputStream();
            byte[] header = in.readNBytes(6);
            if (header.length < 6) {
                return null;
            }
            long length = ((header[2] & 0xFFL) << 24) | ((header[3] & 0xFF) << 16) | ((header[4] & 0xFF) << 8)
                    | (header[5] & 0xFF);
            if (length > MAX_PDU) {
                return null;
            }
            byte[] body = in.readNBytes((int) length);
            if (body.length < length) {
                return null;
            }
            client.setSoTimeout(0);
            byte[] pdu = new byte[6 + body.length];
            System.arraycopy(header, 0, pdu, 0, 6);
            System.arraycopy(body, 0, pdu, 6, body.length);
            return pdu;
        } catch (IOException e) {
            return null;
        }
    }

    /** Closes a socket with a reset (SO_LINGER 0) rather than an orderly close. */
    private static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already closed: nothing to reset
        }
        try {
            s.close();
        } catch (IOException e) {
            // nothing more to do for a socket being thrown away
        }
    }

    /** One client connection and its connection to the target. */
    private final class Link {
        private final Socket client;
        private volatile Socket target;
        private final AtomicInteger pumpsLeft = new AtomicInteger(2);
        private volatile boolean aborted;
        private final java.util.concurrent.atomic.AtomicBoolean holdsSlot = new java.util.concurrent.atomic.AtomicBoolean();

        Link(Socket client) {
            this.client = client;
        }

        void run() {
            try {
                if (!awaitForwarding() || !pause(connectionDelay()) || !awaitForwarding()) {
                    abort();
                    return;
                }
                byte[] request = null;
                int limit;
                synchronized (lock) {
                    limit = associationLimit;
                }
                if (limit > 0) {
                    request = readPdu(client);
                    if (request == null) {
                        abort();
                        return;
                    }
                    if (!admit()) {
                        rejectAssociation();
                        return;
                    }
                }
                Socket t = new Socket();
                try {
                    t.setTcpNoDelay(true);
                    t.connect(new InetSocketAddress(targetHost, targetPort), (int) targetConnectTimeout.toMillis());
                    client.setTcpNoDelay(true);
                } catch (IOException e) {
                    LOG.info("TCP proxy {}: the target {}:{} cannot be reached ({}); resetting the client", port(),
                            targetHost, targetPort, e.toString());
                    reset(t);
                    abort();
                    return;
                }
                target = t;
                if (aborted) {
                    reset(t);
                    return;
                }
                if (request != null) {
                    t.getOutputStream().write(request);
                    t.getOutputStream().flush();
                    bytesToTarget.addAndGet(request.length);
                }
                threads.execute(() -> pump(t, client, bytesFromTarget));
                pump(client, t, bytesToTarget);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abort();
            } catch (java.util.concurrent.RejectedExecutionException | IOException e) {
                abort();
            }
        }

        /** Takes a slot under the association limit, if one is free (a limit lifted meanwhile admits). */
        private boolean admit() {
            synchronized (lock) {
                if (associationLimit > 0 && admitted >= associationLimit) {
                    return false;
                }
                admitted++;
                holdsSlot.set(true);
                return true;
            }
        }

        private void freeSlot() {
            if (holdsSlot.compareAndSet(true, false)) {
                synchronized (lock) {
                    admitted--;
                    lock.notifyAll();
                }
            }
        }

        /** Answers the association request with an A-ASSOCIATE-RJ and closes once the client has. */
        private void rejectAssociation() {
            associationsRejected.incrementAndGet();
            links.remove(this);
            try {
                OutputStream out = client.getOutputStream();
                out.write(ASSOCIATE_RJ);
                out.flush();
                client.shutdownOutput();
                client.setSoTimeout(2000);
                InputStream in = client.getInputStream();
                while (in.read() >= 0) {
                    // the client closes once it has read the rejection
                }
            } catch (IOException e) {
                // the client went away first: nothing more to say
            } finally {
                try {
                    client.close();
                } catch (IOException e) {
                    // done with it
                }
            }
        }

        /** Copies one direction until end of stream, holding each chunk for the delay and while silent. */
        private void pump(Socket from, Socket to, AtomicLong counter) {
            byte[] buf = new byte[CHUNK];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                while (true) {
                    int n;
                    try {
                        n = in.read(buf);
                    } catch (IOException e) {
                        // the sender reset or the link was aborted: pass the reset on, in its turn
                        if (!aborted && awaitForwarding()) {
                            abort();
                        }
                        return;
                    }
                    if (!pause(chunkDelay()) || !awaitForwarding()) {
                        abort();
                        return;
                    }
                    if (n < 0) {
                        if (pumpsLeft.get() == 1) {
                            // the other direction has ended: as a PACS does, stop counting the
                            // association before the last close reaches its peer
                            freeSlot();
                        }
                        to.shutdownOutput();
                        return;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                    counter.addAndGet(n);
                }
            } catch (IOException e) {
                if (!aborted) {
                    abort();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abort();
            } finally {
                if (pumpsLeft.decrementAndGet() == 0) {
                    close();
                }
            }
        }

        /** Both directions ended cleanly. */
        private void close() {
            links.remove(this);
            freeSlot();
            try {
                client.close();
            } catch (IOException e) {
                // done with it
            }
            Socket t = target;
            if (t != null) {
                try {
                    t.close();
                } catch (IOException e) {
                    // done with it
                }
            }
        }

        /**
         * Resets both sides.
         *
         * @return true if this call aborted the link
         */
        boolean abort() {
            boolean first = !aborted;
            aborted = true;
            links.remove(this);
            freeSlot();
            reset(client);
            Socket t = target;
            if (t != null) {
                reset(t);
            }
            return first;
        }
    }

    /** Settings of a {@link TcpProxy}; each checked when set. */
    public static final class Builder {
        private String targetHost;
        private int targetPort;
        private int port;
        private Duration targetConnectTimeout = Duration.ofSeconds(5);

        private Builder() {
        }

        /**
         * Where connections are forwarded (required).
         *
         * @param host the target host, e.g. {@code 127.0.0.1}
         * @param port 1 to 65535
         * @return this builder
         * @throws I4dwConfigurationException if the host is blank or the port out of range
         */
        public Builder target(String host, int port) {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new I4dwConfigurationException("target host must not be blank");
            }
            this.targetHost = host;
            this.targetPort = DicomNode.checkPort(port, "target port");
            return this;
        }

        /**
         * Forwards to a DICOM node's host and port.
         *
         * @param node the target
         * @return this builder
         */
        public Builder target(DicomNode node) {
            Objects.requireNonNull(node, "node");
            return target(node.host(), node.port());
        }

        /**
         * A fixed listening port instead of a free ephemeral one.
         *
         * @param port 1 to 65535
         * @return this builder
         * @throws I4dwConfigurationException if out of range
         */
        public Builder port(int port) {
            this.port = DicomNode.checkPort(port, "proxy port");
            return this;
        }

        /**
         * How long to wait for the target to accept each forwarded connection (default 5 s); a
         * client whose target connection fails is reset.
         *
         * @param timeout positive
         * @return this builder
         * @throws I4dwConfigurationException if not positive
         */
        public Builder targetConnectTimeout(Duration timeout) {
            this.targetConnectTimeout = Processes.checkTimeout(timeout, "target connect timeout");
            return this;
        }

        /**
         * Binds the listening socket on loopback and starts forwarding.
         *
         * @return the running proxy, ready for connections; close it
         * @throws I4dwConfigurationException if no target was given
         * @throws UncheckedIOException if the port cannot be bound
         */
        public TcpProxy start() {
            if (targetHost == null) {
                throw new I4dwConfigurationException("a TcpProxy needs a target: call target(host, port)");
            }
            ServerSocket s = null;
            try {
                s = new ServerSocket();
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getByName(Processes.LOOPBACK), port), 64);
            } catch (IOException e) {
                if (s != null) {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // nothing was bound
                    }
                }
                throw new UncheckedIOException("Cannot bind a TCP proxy on loopback port " + port, e);
            }
            TcpProxy proxy = new TcpProxy(this, s);
            LOG.info("TCP proxy {} -> {}:{} ready", proxy.port(), targetHost, targetPort);
            return proxy;
        }
    }
}
