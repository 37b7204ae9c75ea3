/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLServerSocket;
import org.i4dw.api.AeTitle;
import org.i4dw.api.DicomNetworkException;
import org.i4dw.api.DicomParseException;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.TransferSyntax;
import org.i4dw.data.UidDictionary;
import org.i4dw.data.VR;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Storage SCP (PS3.4 annex B) with Verification: it listens on a port, accepts associations from
 * the PACS AE titles it is told to expect, answers C-ECHO and C-STORE, and hands every instance to
 * an {@link InstanceHandler}. It is the destination of C-MOVE.
 *
 * <p>Every storage SOP class of the standard is accepted (and retired ones under the storage root), each with the first transfer syntax the
 * caller proposes (I4DW reads every native syntax and keeps compressed pixel data as fragments),
 * so the sender never has to transcode. Each association runs on its own thread of a bounded pool
 * ({@link Builder#maxAssociations(int)}); a connection beyond the bound is closed at once.
 *
 * <pre>{@code
 * try (StorageScp scp = StorageScp.builder()
 *         .aeTitle(AeTitle.of("I4DW"))
 *         .acceptCallingAe(AeTitle.of("PACS"))
 *         .handler(InstanceHandler.toDirectory(folder))
 *         .start()) {
 *     int port = scp.port();
 * }
 * }</pre>
 */
public final class StorageScp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StorageScp.class);
    static final String VERIFICATION = "1.2.840.10008.1.1";
    private static final Set<String> STORAGE_CLASSES = loadStorageClasses();

    private final AeTitle aeTitle;
    private final Set<String> callingAes;
    private final NetworkOptions options;
    private final InstanceHandler handler;
    private final boolean headerOnly;
    private final ServerSocket server;
    private final ThreadPoolExecutor pool;
    private final Thread acceptor;
    private final Set<Association> active = ConcurrentHashMap.newKeySet();
    private final List<MoveWatch> watches = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private StorageScp(Builder b, ServerSocket server) {
        this.aeTitle = b.aeTitle;
        this.callingAes = Set.copyOf(b.callingAes);
        this.options = b.options;
        this.handler = b.handler;
        this.headerOnly = b.headerOnly;
        this.server = server;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(0, b.maxAssociations, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "i4dw-scp-" + aeTitle.value() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, "i4dw-scp-" + aeTitle.value() + "-accept");
        this.acceptor.setDaemon(true);
    }

    /**
     * A builder: no AE title, port 0 (ephemeral), no accepted calling AE title, default network
     * options, handler discarding every instance, 16 concurrent associations, full reads.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The AE title this SCP answers to.
     *
     * @return the AE title
     */
    public AeTitle aeTitle() {
        return aeTitle;
    }

    /**
     * The TCP port it listens on (the one chosen by the system when 0 was asked).
     *
     * @return the port
     */
    public int port() {
        return server.getLocalPort();
    }

    /**
     * The calling AE titles it accepts.
     *
     * @return the AE titles
     */
    public Set<AeTitle> acceptedCallingAes() {
        Set<AeTitle> s = new LinkedHashSet<>();
        for (String a : callingAes) {
            s.add(new AeTitle(a));
        }
        return Set.copyOf(s);
    }

    /** The storage SOP classes of the standard (sop-classes.tsv), without Media Storage Directory. */
    static Set<String> storageSopClasses() {
        return STORAGE_CLASSES;
    }

    /**
     * Stops listening, aborts the associations still open and waits briefly for their threads.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing the server socket of {}: {}", aeTitle, e.getMessage());
        }
        for (Association a : active) {
            a.abort();
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("storage SCP {} on port {} stopped", aeTitle, server.getLocalPort());
    }

    @Override
    public String toString() {
        return "StorageScp[" + aeTitle + " on port " + server.getLocalPort() + "]";
    }

    // ------------------------------------------------------------------ C-MOVE correlation

    /**
     * Starts collecting the instances of one C-MOVE: those whose Move Originator AE title and
     * Message ID are {@code originator} and {@code messageId}, or, from a PACS that does not set
     * them, those stored by {@code pacsAe} (the oldest open watch for that AE takes them).
     */
    MoveWatch watch(String pacsAe, String originator, int messageId) {
        MoveWatch w = new MoveWatch(pacsAe, originator, messageId);
        watches.add(w);
        return w;
    }

    /** The instances of one C-MOVE as they arrive; {@link #close()} stops collecting. */
    final class MoveWatch implements AutoCloseable {
        private final String pacsAe;
        private final String originator;
        private final int messageId;
        private final List<RetrieveResult.Instance> received = new ArrayList<>();
        private int failedHere;

        MoveWatch(String pacsAe, String originator, int messageId) {
            this.pacsAe = pacsAe;
            this.originator = originator;
            this.messageId = messageId;
        }

        boolean matchesExactly(ReceivedInstance i) {
            return i.moveOriginatorMessageId().isPresent() && i.moveOriginatorMessageId().getAsInt() == messageId
                    && i.moveOriginatorAe().map(originator::equals).orElse(true);
        }

        synchronized void add(RetrieveResult.Instance instance, boolean ok) {
            if (ok) {
                received.add(instance);
            } else {
                failedHere++;
            }
            notifyAll();
        }

        /** Waits until {@code count} instances have been handled here (or the deadline passes). */
        synchronized List<RetrieveResult.Instance> await(int count, long deadlineNanos) throws InterruptedException {
            while (received.size() + failedHere < count) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return List.copyOf(received);
        }

        synchronized List<RetrieveResult.Instance> received() {
            return List.copyOf(received);
        }

        @Override
        public void close() {
            watches.remove(this);
        }
    }

    private MoveWatch watchFor(ReceivedInstance i) {
        for (MoveWatch w : watches) {
            if (w.matchesExactly(i)) {
                return w;
            }
        }
        if (i.moveOriginatorMessageId().isPresent()) {
            return null; // a move someone else started
        }
        for (MoveWatch w : watches) {
            if (w.pacsAe.equals(i.callingAe().value())) {
                return w;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ serving

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("storage SCP {} stops accepting: {}", aeTitle, e.getMessage());
                }
                return;
            }
            try {
                pool.execute(() -> serve(s));
            } catch (RejectedExecutionException e) {
                LOG.warn("storage SCP {}: more than {} associations at once, connection from {} closed", aeTitle,
                        pool.getMaximumPoolSize(), s.getInetAddress().getHostAddress());
                try {
                    s.close();
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }

    private void serve(Socket s) {
        Association a;
        try {
            a = Association.accept(s, new Policy(), options);
        } catch (DicomNetworkException e) {
            LOG.info("storage SCP {}: association from {} failed: {}", aeTitle, s.getInetAddress().getHostAddress(),
                    e.getMessage());
            return;
        }
        if (a == null) {
            return;
        }
        active.add(a);
        int stored = 0;
        try {
            while (!closed) {
                Association.Message m = a.receiveOrRelease(options.idleTimeout());
                if (m == null) {
                    break;
                }
                switch (m.commandField()) {
                    case Command.C_ECHO_RQ:
                        a.send(m.pcid(), Command.response(m.command(), 0), null);
                        break;
                    case Command.C_STORE_RQ:
                        Stored st = serveStore(a, m, handler, headerOnly);
                        MoveWatch w = st.instance == null ? null : watchFor(st.instance);
                        if (w != null) {
                            w.add(st.instance.summary(), st.ok);
                        }
                        if (st.aborted) {
                            return;
                        }
                        stored++;
                        break;
                    default:
                        LOG.info("storage SCP {}: {} from {} not supported", aeTitle, Command.describe(m.command()),
                                a.peer());
                        a.send(m.pcid(), Command.response(m.command(), 0x0211), null);
                }
            }
        } catch (DicomNetworkException e) {
            if (!closed) {
                LOG.info("storage SCP {}: association with {} ended: {}", aeTitle, a.peer(), e.getMessage());
            }
        } finally {
            active.remove(a);
            if (a.isOpen()) {
                a.abort();
            }
            LOG.debug("storage SCP {}: association with {} done, {} instances", aeTitle, a.peer(), stored);
        }
    }

    /** The outcome of one C-STORE sub-operation. */
    static final class Stored {
        final ReceivedInstance instance;
        final boolean ok;
        final boolean aborted;

        Stored(ReceivedInstance instance, boolean ok, boolean aborted) {
            this.instance = instance;
            this.ok = ok;
            this.aborted = aborted;
        }
    }

    /**
     * Serves one C-STORE-RQ: runs the handler on the data set, answers with the status of its
     * outcome, or aborts the association when the handler asked for it. Shared by this SCP and by
     * C-GET, whose sub-operations arrive on the retrieving association.
     */
    static Stored serveStore(Association a, Association.Message m, InstanceHandler handler, boolean headerOnly) {
        DicomObject rq = m.command();
        String sopClass = Command.string(rq, Command.AFFECTED_SOP_CLASS_UID).strip();
        String sopInstance = Command.string(rq, Command.AFFECTED_SOP_INSTANCE_UID).strip();
        PresentationContext pc = a.acceptedContexts().get(m.pcid());
        if (!m.hasData() || sopInstance.isEmpty()) {
            a.send(m.pcid(), errorResponse(rq, 0xC000, "C-STORE-RQ without data set or SOP Instance UID"), null);
            return new Stored(null, false, false);
        }
        TransferSyntax ts = TransferSyntax.of(pc.transferSyntax());
        String originator = Command.string(rq, Command.MOVE_ORIGINATOR_AE);
        int originatorId = rq.contains(Tag.of(Command.MOVE_ORIGINATOR_MESSAGE_ID))
                ? Command.integer(rq, Command.MOVE_ORIGINATOR_MESSAGE_ID) : -1;
        AeTitle calling = new AeTitle(a.callingAe().isBlank() ? "UNKNOWN" : a.callingAe());
        int status = 0;
        String comment = null;
        ReceivedInstance instance;
        try {
            DicomObject header = null;
            InputStream data = m.data();
            if (headerOnly) {
                header = ReceivedInstance.readHeader(data, ts);
                data = null;
            }
            instance = new ReceivedInstance(sopClass, sopInstance, ts, calling, originator, originatorId, data, header);
            handler.handle(instance);
        } catch (DicomNetworkException e) {
            throw e; // the association itself failed while the handler read
        } catch (IOException e) {
            if (e.getCause() instanceof DicomNetworkException) {
                throw (DicomNetworkException) e.getCause();
            }
            status = 0xA700;
            comment = "storage failed: " + e.getClass().getSimpleName();
            instance = null;
        } catch (DicomParseException e) {
            status = 0xC000;
            comment = "data set cannot be parsed";
            instance = null;
        } catch (RuntimeException e) {
            status = 0xC000;
            comment = "handler failed: " + e.getClass().getSimpleName();
            instance = null;
        }
        if (status != 0) {
            LOG.warn("C-STORE of an instance from {} answered {}: {}", a.peer(), Retrieve.statusWords(status), comment);
            a.send(m.pcid(), errorResponse(rq, status, comment), null);
            return new Stored(new ReceivedInstance(sopClass, sopInstance, ts, calling, originator, originatorId,
                    InputStream.nullInputStream(), null), false, false);
        }
        if (instance.abortRequested()) {
            LOG.info("the instance handler asked to abort the association with {}", a.peer());
            a.abort();
            return new Stored(instance, false, true);
        }
        a.send(m.pcid(), Command.response(rq, 0), null);
        return new Stored(instance, true, false);
    }

    private static DicomObject errorResponse(DicomObject rq, int status, String comment) {
        String c = comment.length() > 64 ? comment.substring(0, 64) : comment;
        return Command.response(rq, status).toBuilder().set(Tag.of(Command.ERROR_COMMENT), VR.LO, c).build();
    }

    /** Who may associate and what is accepted. */
    private final class Policy implements Association.AcceptPolicy {
        @Override
        public AeTitle aeTitle() {
            return aeTitle;
        }

        @Override
        public boolean accepts(String callingAe) {
            return callingAes.contains(callingAe.strip());
        }

        @Override
        public PresentationContext answer(PresentationContext p) {
            return answerContext(p);
        }
    }

    /** Storage classes and Verification, with the first proposed transfer syntax that is a DICOM encoding. */
    static PresentationContext answerContext(PresentationContext p) {
        String as = p.abstractSyntax().strip();
        if (!isStorageClass(as) && !VERIFICATION.equals(as)) {
            return new PresentationContext(p.id(), p.abstractSyntax(), List.of(),
                    PresentationContext.ABSTRACT_SYNTAX_NOT_SUPPORTED);
        }
        for (String ts : p.transferSyntaxes()) {
            String t = ts.strip();
            if (!t.isEmpty() && !t.startsWith("1.2.840.10008.1.2.6.") && t.startsWith("1.2.840.10008.1.2")) {
                if (VERIFICATION.equals(as) && TransferSyntax.of(t).isEncapsulated()) {
                    continue;
                }
                return new PresentationContext(p.id(), p.abstractSyntax(), List.of(t), PresentationContext.ACCEPTANCE);
            }
        }
        return new PresentationContext(p.id(), p.abstractSyntax(), List.of(),
                PresentationContext.TRANSFER_SYNTAXES_NOT_SUPPORTED);
    }

    /**
     * A storage SOP class of the current standard (sop-classes.tsv), or any UID under the storage
     * root 1.2.840.10008.5.1.4.1.1 (retired classes such as the 1993 Ultrasound Image Storage,
     * which PACS still hold).
     */
    static boolean isStorageClass(String uid) {
        return STORAGE_CLASSES.contains(uid) || uid.startsWith("1.2.840.10008.5.1.4.1.1.");
    }

    private static Set<String> loadStorageClasses() {
        Set<String> s = new LinkedHashSet<>();
        try (InputStream in = UidDictionary.class.getResourceAsStream("sop-classes.tsv")) {
            if (in == null) {
                throw new IllegalStateException("sop-classes.tsv is missing from i4dw-api");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String uid = line.split("\t", 2)[0].strip();
                if (!uid.equals("1.2.840.10008.1.3.10")) {
                    s.add(uid);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sop-classes.tsv", e);
        }
        return Set.copyOf(s);
    }

    /** Builds and starts a {@link StorageScp}; each setter checks its value. */
    public static final class Builder {
        private AeTitle aeTitle;
        private int port;
        private InetAddress bindAddress;
        private final Set<String> callingAes = new LinkedHashSet<>();
        private NetworkOptions options = NetworkOptions.defaults();
        private InstanceHandler handler = InstanceHandler.discard();
        private boolean headerOnly;
        private int maxAssociations = 16;

        private Builder() {
        }

        /**
         * The AE title to answer to (required).
         *
         * @param aeTitle the called AE title
         * @return this builder
         */
        public Builder aeTitle(AeTitle aeTitle) {
            this.aeTitle = Objects.requireNonNull(aeTitle, "aeTitle");
            return this;
        }

        /**
         * The TCP port; 0 (default) lets the system choose, {@link StorageScp#port()} tells which.
         *
         * @param port 0 to 65535
         * @return this builder
         * @throws I4dwConfigurationException if out of range
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new I4dwConfigurationException("port must be 0 to 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The local address to listen on (default: every interface).
         *
         * @param address the address
         * @return this builder
         */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * A calling AE title to accept (a PACS expected to send). Others are rejected with
         * "calling AE title not recognized". At least one is required.
         *
         * @param callingAe the AE title
         * @return this builder
         */
        public Builder acceptCallingAe(AeTitle callingAe) {
            callingAes.add(Objects.requireNonNull(callingAe, "callingAe").value());
            return this;
        }

        /**
         * Calling AE titles to accept, as {@link #acceptCallingAe(AeTitle)}.
         *
         * @param aes the AE titles
         * @return this builder
         */
        public Builder acceptCallingAes(Collection<AeTitle> aes) {
            for (AeTitle a : Objects.requireNonNull(aes, "aes")) {
                acceptCallingAe(a);
            }
            return this;
        }

        /**
         * Timeouts (ARTIM, idle), PDU size and TLS: with {@link NetworkOptions#tlsSettings()} the SCP
         * listens for DICOM over TLS only (PS3.15 B.1), requiring client certificates when
         * {@link Tls#requireClientCertificate()}; each handshake must complete within ARTIM.
         *
         * @param options the options
         * @return this builder
         */
        public Builder networkOptions(NetworkOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * What to do with each instance (default: discard).
         *
         * @param handler the handler, thread-safe
         * @return this builder
         */
        public Builder handler(InstanceHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Header-only mode: each data set is read up to Pixel Data and the rest discarded unread;
         * the handler gets the header in {@link ReceivedInstance#header()}.
         *
         * @param on true for header-only
         * @return this builder
         */
        public Builder headerOnly(boolean on) {
            this.headerOnly = on;
            return this;
        }

        /**
         * The most associations served at once (default 16).
         *
         * @param max 1 to 1024
         * @return this builder
         * @throws I4dwConfigurationException if out of range
         */
        public Builder maxAssociations(int max) {
            if (max < 1 || max > 1024) {
                throw new I4dwConfigurationException("maxAssociations must be 1 to 1024, got " + max);
            }
            this.maxAssociations = max;
            return this;
        }

        /**
         * Binds the port and starts accepting.
         *
         * @return the running SCP; close it
         * @throws I4dwConfigurationException if the AE title or the accepted calling AE titles are
         *     missing, or the port cannot be bound
         */
        public StorageScp start() {
            if (aeTitle == null) {
                throw new I4dwConfigurationException("the storage SCP needs an AE title");
            }
            if (callingAes.isEmpty()) {
                throw new I4dwConfigurationException("the storage SCP " + aeTitle + " accepts no calling AE title: "
                        + "name the PACS expected to send with acceptCallingAe");
            }
            ServerSocket server;
            try {
                Tls tls = options.tlsSettings().orElse(null);
                server = tls == null ? new ServerSocket()
                        : tls.sslContext().getServerSocketFactory().createServerSocket();
                if (tls != null) {
                    SSLServerSocket ssl = (SSLServerSocket) server;
                    ssl.setSSLParameters(tls.configure(ssl.getSSLParameters(), false));
                }
                server.setReuseAddress(true);
                server.bind(new InetSocketAddress(bindAddress, port), 64);
            } catch (IOException e) {
                throw new I4dwConfigurationException("the storage SCP " + aeTitle + " cannot listen on port " + port
                        + ": " + e.getMessage(), e);
            }
            StorageScp scp = new StorageScp(this, server);
            scp.acceptor.start();
            LOG.info("storage SCP {} listening on port {}", aeTitle, scp.port());
            return scp;
        }
    }
}
