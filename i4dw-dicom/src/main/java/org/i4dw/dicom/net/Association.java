/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import jdk.net.ExtendedSocketOptions;
import org.i4dw.api.AeTitle;
import org.i4dw.api.AssociationAbortedException;
import org.i4dw.api.AssociationRejectedException;
import org.i4dw.api.DicomNetworkException;
import org.i4dw.api.DicomParseException;
import org.i4dw.api.DicomTimeoutException;
import org.i4dw.api.PacsAddress;
import org.i4dw.data.DicomObject;
import org.i4dw.data.TransferSyntax;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.DicomWriter;
import org.i4dw.dicom.io.ReadOptions;
import org.i4dw.dicom.io.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DICOM association (PS3.8): negotiation, DIMSE messages as PDVs in P-DATA-TF PDUs, release
 * and abort. Used by one thread at a time; {@link #abort()} may be called from another.
 *
 * <p>Built for speed against a PACS on the same network: TCP_NODELAY, every PDU written with one
 * call, quick ACK re-armed before each blocking read (a peer whose Nagle algorithm waits for our
 * ACK is otherwise stalled ~40 ms by our delayed ACK), one receive and one send buffer reused for
 * every PDU, each starting at 4 KiB and growing with the PDUs up to the negotiated maxima.
 * Every declared length is checked against our maximum before anything is read into memory; a
 * broken PDU aborts the association with a clear error.
 */
final class Association implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(Association.class);

    static final int A_ASSOCIATE_RQ = 1;
    static final int A_ASSOCIATE_AC = 2;
    static final int A_ASSOCIATE_RJ = 3;
    static final int P_DATA_TF = 4;
    static final int A_RELEASE_RQ = 5;
    static final int A_RELEASE_RP = 6;
    static final int A_ABORT = 7;

    /** Largest PDU we ever send, whatever the peer accepts. */
    private static final int MAX_SEND = 1 << 20;
    /** Largest A-ASSOCIATE PDU accepted (hundreds of presentation contexts fit). */
    private static final int MAX_ASSOCIATE_PDU = 1 << 20;
    /** Read-ahead buffer: holds a few dozen C-FIND responses, so a burst of them costs one socket read. */
    private static final int IN_BUFFER = 16 * 1024;
    /**
     * First size of the PDU buffers: an A-ASSOCIATE-AC, a command or a C-FIND answer fits. They
     * double as larger PDUs arrive or are written, up to the negotiated maxima.
     */
    static final int INITIAL_PDU_BUFFER = 4 * 1024;
    private static final ReadOptions COMMAND_READ = ReadOptions.builder().maxDepth(2).build();
    private static final WriteOptions COMMAND_WRITE =
            WriteOptions.builder().groupLengths(WriteOptions.GroupLengths.COMPUTE).build();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final NetworkOptions options;
    private String peer;
    private final boolean requestor;
    private AssociatePdu request;
    private AssociatePdu answer;
    private final Map<Integer, PresentationContext> accepted = new HashMap<>();
    /** The send buffer, grown up to {@code sendMax + 6} as messages need it. */
    private byte[] tx;
    private int sendMax;
    private byte[] rx;
    /** Bytes read from the socket beyond the PDU being read: {@code inBuf[inPos..inLimit)}. */
    private final byte[] inBuf = new byte[IN_BUFFER];
    private int inPos;
    private int inLimit;
    private int rxLen;
    private int rxPos;
    private int pdvStart;
    private int pdvEnd;
    private int pdvPcid;
    private int pdvControl;
    private boolean quickAck;
    private volatile boolean open;
    private DataStream pendingData;
    private long lastUsed = System.nanoTime();

    private Association(Socket socket, NetworkOptions options, String peer, boolean requestor) throws IOException {
        this.socket = socket;
        this.options = options;
        this.peer = peer;
        this.requestor = requestor;
        socket.setTcpNoDelay(true);
        this.quickAck = options.quickAck() && !(socket instanceof SSLSocket)
                && socket.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.rx = new byte[Math.min(options.maxPduLength() + 6, INITIAL_PDU_BUFFER)];
    }

    // ------------------------------------------------------------------ establishment

    /**
     * Opens an association with a PACS.
     *
     * @throws AssociationRejectedException if the PACS rejects it
     * @throws DicomTimeoutException if the PACS does not connect or answer in time
     * @throws DicomNetworkException if the PACS cannot be reached or breaks the protocol
     */
    static Association open(PacsAddress pacs, AeTitle calling, List<PresentationContext> proposals,
            List<RoleSelection> roles, NetworkOptions options) {
        AssociatePdu request = request(pacs, calling, proposals, roles, options);
        return open(pacs, request, request.encode(A_ASSOCIATE_RQ), options);
    }

    /** The A-ASSOCIATE-RQ that {@link #open(PacsAddress, AeTitle, List, List, NetworkOptions)} sends. */
    static AssociatePdu request(PacsAddress pacs, AeTitle calling, List<PresentationContext> proposals,
            List<RoleSelection> roles, NetworkOptions options) {
        return new AssociatePdu(pacs.aeTitle().value(), calling.value(), AssociatePdu.DICOM_APPLICATION_CONTEXT,
                proposals, options.maxPduLength(), DicomWriter.IMPLEMENTATION_CLASS_UID,
                DicomWriter.IMPLEMENTATION_VERSION_NAME, 1, 1, roles);
    }

    /**
     * Opens an association with a request built (and encoded, {@code encoded}) beforehand: a pool
     * that opens many associations of one profile encodes its request once.
     */
    static Association open(PacsAddress pacs, AssociatePdu request, byte[] encoded, NetworkOptions options) {
        List<PresentationContext> proposals = request.contexts();
        String peer = pacs.toString();
        Socket socket = null;
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress(pacs.host(), pacs.port()), (int) options.connectTimeout().toMillis());
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new DicomTimeoutException(peer + " did not accept a connection within the connect timeout of "
                    + options.connectTimeout().toMillis() + " ms", e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new DicomNetworkException(peer + " cannot be reached: " + e.getMessage(), e);
        }
        Association a;
        try {
            if (options.tlsSettings().isPresent()) {
                Tls tls = options.tlsSettings().get();
                SSLSocket ssl = (SSLSocket) tls.sslContext().getSocketFactory().createSocket(socket, pacs.host(),
                        pacs.port(), true);
                ssl.setSSLParameters(tls.configure(ssl.getSSLParameters(), true));
                socket = ssl;
                handshake(ssl, options, peer);
            }
            a = new Association(socket, options, peer, true);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new DicomNetworkException(peer + ": socket setup failed: " + e.getMessage(), e);
        }
        a.request = request;
        try {
            a.writeRaw(encoded);
            int type = a.readPdu(options.artimTimeout(), "the A-ASSOCIATE answer (ARTIM)");
            switch (type) {
                case A_ASSOCIATE_AC:
                    a.answer = AssociatePdu.decode(A_ASSOCIATE_AC, a.rx, a.rxLen);
                    a.acceptedFrom(proposals);
                    break;
                case A_ASSOCIATE_RJ:
                    int result = a.rx[1] & 0xFF;
                    int source = a.rx[2] & 0xFF;
                    int reason = a.rx[3] & 0xFF;
                    a.closeSocket();
                    throw new AssociationRejectedException(peer, result, source, reason);
                case A_ABORT:
                    a.closeSocket();
                    throw new AssociationAbortedException(peer + " aborted the association ("
                            + abortInWords(a.rx[2] & 0xFF, a.rx[3] & 0xFF) + ") instead of answering its request");
                default:
                    throw a.protocolError("expected A-ASSOCIATE-AC or -RJ, got PDU type " + type);
            }
        } catch (AssociatePdu.ProtocolException e) {
            throw a.protocolError(e.getMessage());
        } catch (IOException e) {
            throw a.broken("negotiating the association", e);
        } catch (RuntimeException e) {
            a.closeSocket();
            throw e;
        }
        a.open = true;
        LOG.debug("association {} -> {} open, {} of {} contexts accepted, max PDU {}", request.callingAe(), peer,
                a.accepted.size(), proposals.size(), a.sendMax);
        return a;
    }

    /**
     * Runs the TLS handshake within ARTIM; a failure closes the socket.
     *
     * @throws DicomTimeoutException if the peer does not complete it in time
     * @throws DicomNetworkException if it fails (untrusted certificate, host name, protocol)
     */
    private static void handshake(SSLSocket socket, NetworkOptions options, String peer) {
        try {
            socket.setSoTimeout((int) options.artimTimeout().toMillis());
            socket.startHandshake();
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new DicomTimeoutException("TLS handshake with " + peer
                    + " did not complete within the ARTIM timeout of " + options.artimTimeout().toMillis() + " ms", e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new DicomNetworkException("TLS handshake with " + peer + " failed: " + e.getMessage(), e);
        }
    }

    private void acceptedFrom(List<PresentationContext> proposals) {
        Map<Integer, PresentationContext> proposed = new HashMap<>();
        for (PresentationContext p : proposals) {
            proposed.put(p.id(), p);
        }
        for (PresentationContext pc : answer.contexts()) {
            PresentationContext p = proposed.get(pc.id());
            if (p != null && pc.isAccepted()) {
                accepted.put(pc.id(), new PresentationContext(pc.id(), p.abstractSyntax(),
                        List.of(pc.transferSyntax()), 0));
            }
        }
        setSendMax(answer.maxPduLength());
    }

    private void setSendMax(long peerMax) {
        sendMax = peerMax <= 0 || peerMax > MAX_SEND ? MAX_SEND : (int) Math.max(peerMax, 64);
        tx = new byte[Math.min(sendMax + 6, INITIAL_PDU_BUFFER)];
    }

    /** What the acceptor side decides for each request. */
    interface AcceptPolicy {
        /** The AE title we answer to. */
        AeTitle aeTitle();

        /** Whether a calling AE title may associate; false rejects with "calling AE title not recognized". */
        boolean accepts(String callingAe);

        /** The answer to one proposed context: accepted with one transfer syntax, or rejected with a result. */
        PresentationContext answer(PresentationContext proposed);

        /** The answer to a role selection proposal, or null to leave it out. */
        default RoleSelection answer(RoleSelection proposed) {
            return null;
        }
    }

    /**
     * Answers an association request on an accepted socket.
     *
     * @return the open association, or null if the request was rejected (the socket is then closed)
     * @throws DicomNetworkException if the peer breaks the protocol or does not send a request in time
     */
    static Association accept(Socket socket, AcceptPolicy policy, NetworkOptions options) {
        String peer = socket.getRemoteSocketAddress().toString();
        Association a;
        try {
            if (socket instanceof SSLSocket) {
                handshake((SSLSocket) socket, options, peer);
            }
            a = new Association(socket, options, peer, false);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new DicomNetworkException("cannot set up the socket from " + peer + ": " + e.getMessage(), e);
        }
        try {
            int type = a.readPdu(options.artimTimeout(), "an A-ASSOCIATE-RQ (ARTIM)");
            if (type != A_ASSOCIATE_RQ) {
                throw a.protocolError("expected A-ASSOCIATE-RQ, got PDU type " + type);
            }
            a.request = AssociatePdu.decode(A_ASSOCIATE_RQ, a.rx, a.rxLen);
            String called = a.request.calledAe();
            String calling = a.request.callingAe();
            a.peer = calling + "@" + socket.getInetAddress().getHostAddress();
            int reason = 0;
            if (!AssociatePdu.DICOM_APPLICATION_CONTEXT.equals(a.request.applicationContext())) {
                reason = 2;
            } else if (!called.equals(policy.aeTitle().value())) {
                reason = 7;
            } else if (!policy.accepts(calling)) {
                reason = 3;
            }
            if (reason != 0) {
                LOG.info("rejected association from {} to {}: {}", a.peer, called,
                        AssociationRejectedException.describe(1, 1, reason));
                a.writeRaw(new byte[] {A_ASSOCIATE_RJ, 0, 0, 0, 0, 4, 0, 1, 1, (byte) reason});
                a.closeSocket();
                return null;
            }
            List<PresentationContext> answers = new ArrayList<>();
            for (PresentationContext p : a.request.contexts()) {
                PresentationContext ans = policy.answer(p);
                answers.add(ans);
                if (ans.isAccepted()) {
                    a.accepted.put(ans.id(), new PresentationContext(ans.id(), p.abstractSyntax(),
                            List.of(ans.transferSyntax()), 0));
                }
            }
            List<RoleSelection> roles = new ArrayList<>();
            for (RoleSelection r : a.request.roles()) {
                RoleSelection ans = policy.answer(r);
                if (ans != null) {
                    roles.add(ans);
                }
            }
            a.answer = new AssociatePdu(called, calling, AssociatePdu.DICOM_APPLICATION_CONTEXT, answers,
                    options.maxPduLength(), DicomWriter.IMPLEMENTATION_CLASS_UID,
                    DicomWriter.IMPLEMENTATION_VERSION_NAME, 1, 1, roles);
            a.setSendMax(a.request.maxPduLength());
            a.writeRaw(a.answer.encode(A_ASSOCIATE_AC));
        } catch (AssociatePdu.ProtocolException e) {
            throw a.protocolError(e.getMessage());
        } catch (IOException e) {
            throw a.broken("negotiating the association", e);
        } catch (RuntimeException e) {
            a.closeSocket();
            throw e;
        }
        a.open = true;
        return a;
    }

    // ------------------------------------------------------------------ accessors

    /** The peer as {@code AET@host:port} (requestor) or {@code AET@address} (acceptor). */
    String peer() {
        return peer;
    }

    /** The calling AE title of the request. */
    String callingAe() {
        return request.callingAe();
    }

    /** The called AE title of the request. */
    String calledAe() {
        return request.calledAe();
    }

    /** The accepted contexts by id. */
    Map<Integer, PresentationContext> acceptedContexts() {
        return Collections.unmodifiableMap(accepted);
    }

    /** The first accepted context for {@code abstractSyntax}, preferring {@code preferredTs}; null if none. */
    PresentationContext contextFor(String abstractSyntax, String preferredTs) {
        PresentationContext any = null;
        for (PresentationContext pc : accepted.values()) {
            if (pc.abstractSyntax().equals(abstractSyntax)) {
                if (preferredTs == null || pc.transferSyntax().equals(preferredTs)) {
                    return pc;
                }
                if (any == null || pc.id() < any.id()) {
                    any = pc;
                }
            }
        }
        return any;
    }

    /** The role selections the acceptor answered. */
    List<RoleSelection> acceptedRoles() {
        return answer.roles();
    }

    /** The largest PDU we send on this association. */
    int sendMaxPduLength() {
        return sendMax;
    }

    boolean isOpen() {
        return open && !socket.isClosed();
    }

    /** Nanosecond time of the last message sent or received. */
    long lastUsed() {
        return lastUsed;
    }

    NetworkOptions options() {
        return options;
    }

    /** Whether quick ACK is re-armed before reads (never on TLS, whose records hide the PDU boundaries). */
    boolean quickAckArmed() {
        return quickAck;
    }

    // ------------------------------------------------------------------ DIMSE messages

    /** Writes a data set onto the data PDVs of a message. */
    interface DataWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Sends one DIMSE message: the command, then the data set if any. The command's last PDV and
     * the first data PDV share a PDU when they fit.
     */
    void send(int pcid, DicomObject command, DataWriter data) {
        requireOpen();
        try {
            PdvOutput pdv = new PdvOutput(pcid);
            pdv.begin(true);
            DicomWriter.writeDataset(pdv, command, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, COMMAND_WRITE);
            pdv.end(data == null);
            if (data != null) {
                pdv.begin(false);
                data.writeTo(pdv);
                pdv.end(true);
            }
        } catch (IOException e) {
            throw broken("sending a message", e);
        }
        lastUsed = System.nanoTime();
    }

    /** A received DIMSE message: its context, command and (if any) data set stream. */
    record Message(int pcid, DicomObject command, InputStream data) {
        boolean hasData() {
            return data != null;
        }

        int commandField() {
            return Command.field(command);
        }

        int status() {
            return Command.status(command);
        }
    }

    /**
     * Receives the next DIMSE message. The data set of the previous message, if not read to its
     * end, is skipped first.
     *
     * @param timeout how long to wait for its first PDU
     * @throws DicomTimeoutException if nothing comes in time
     * @throws AssociationAbortedException if the peer aborts or breaks the protocol
     */
    Message receive(Duration timeout) {
        requireOpen();
        try {
            if (pendingData != null) {
                pendingData.skipAll();
                pendingData = null;
            }
            // a command set in one PDV (the usual case) is parsed where it lies in the PDU buffer
            ByteArrayOutputStream cmd = null;
            InputStream cmdBytes = null;
            int pcid = -1;
            while (true) {
                nextPdv(timeout, "a DIMSE message (timeout " + timeout.toMillis() + " ms)");
                if ((pdvControl & 1) == 0) {
                    throw protocolError("data PDV where a command PDV was expected");
                }
                if (pcid >= 0 && pdvPcid != pcid) {
                    throw protocolError("command PDVs of one message on two presentation contexts");
                }
                pcid = pdvPcid;
                boolean lastFragment = (pdvControl & 2) != 0;
                if (cmd == null && lastFragment) {
                    cmdBytes = new ByteArrayInputStream(rx, pdvStart, pdvEnd - pdvStart);
                    pdvStart = pdvEnd;
                    break;
                }
                if (cmd == null) {
                    cmd = new ByteArrayOutputStream(256);
                }
                if (cmd.size() + (pdvEnd - pdvStart) > 64 * 1024) {
                    throw protocolError("command set longer than 64 KiB");
                }
                cmd.write(rx, pdvStart, pdvEnd - pdvStart);
                pdvStart = pdvEnd;
                if (lastFragment) {
                    cmdBytes = new ByteArrayInputStream(cmd.toByteArray());
                    break;
                }
            }
            if (!accepted.containsKey(pcid)) {
                throw protocolError("message on presentation context " + pcid + ", which was not accepted");
            }
            DicomObject command;
            try {
                command = Command.typed(DicomReader.readDataset(cmdBytes,
                        "command from " + peer, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, COMMAND_READ).dataset());
            } catch (DicomParseException e) {
                throw protocolError("unreadable command set: " + e.reason());
            }
            lastUsed = System.nanoTime();
            if (!Command.hasDataSet(command)) {
                return new Message(pcid, command, null);
            }
            pendingData = new DataStream(pcid, timeout);
            return new Message(pcid, command, pendingData);
        } catch (IOException e) {
            throw broken("receiving a message", e);
        }
    }

    /** Moves to the next PDV, reading PDUs as needed; handles release requests and aborts. */
    private void nextPdv(Duration timeout, String waitingFor) throws IOException {
        while (rxPos >= rxLen) {
            int type = readPdu(timeout, waitingFor);
            switch (type) {
                case P_DATA_TF:
                    rxPos = 0;
                    break;
                case A_RELEASE_RQ:
                    writeRaw(new byte[] {A_RELEASE_RP, 0, 0, 0, 0, 4, 0, 0, 0, 0});
                    closeSocket();
                    throw new AssociationAbortedException(peer + " released the association while "
                            + waitingFor.replaceAll(" \\(.*", "") + " was expected");
                case A_ABORT:
                    closeSocket();
                    throw new AssociationAbortedException(peer + " aborted the association ("
                            + abortInWords(rx[2] & 0xFF, rx[3] & 0xFF) + ")");
                default:
                    throw protocolError("unexpected PDU type " + type + " during data transfer");
            }
        }
        if (rxPos + 6 > rxLen) {
            throw protocolError("PDV header overruns its PDU");
        }
        long len = (rx[rxPos] & 0xFFL) << 24 | (rx[rxPos + 1] & 0xFF) << 16 | (rx[rxPos + 2] & 0xFF) << 8
                | rx[rxPos + 3] & 0xFF;
        if (len < 2 || rxPos + 4 + len > rxLen) {
            throw protocolError("PDV length " + len + " does not fit in its PDU");
        }
        pdvPcid = rx[rxPos + 4] & 0xFF;
        pdvControl = rx[rxPos + 5] & 0xFF;
        pdvStart = rxPos + 6;
        pdvEnd = rxPos + 4 + (int) len;
        rxPos = pdvEnd;
    }

    /** The data set of a message as a stream over its PDVs, read as the caller reads. */
    private final class DataStream extends InputStream {
        private final int pcid;
        private final Duration timeout;
        private boolean last;
        private boolean started;

        DataStream(int pcid, Duration timeout) {
            this.pcid = pcid;
            this.timeout = timeout;
        }

        private boolean fill() throws IOException {
            while (!started || pdvStart >= pdvEnd) {
                if (started && last) {
                    return false;
                }
                nextPdv(timeout, "the data set of a message (timeout " + timeout.toMillis() + " ms)");
                if ((pdvControl & 1) != 0 || pdvPcid != pcid) {
                    throw protocolError("a command PDV or another context inside a data set");
                }
                started = true;
                last = (pdvControl & 2) != 0;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? rx[pdvStart++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, pdvEnd - pdvStart);
            System.arraycopy(rx, pdvStart, b, off, n);
            pdvStart += n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long done = 0;
            while (done < n && fill()) {
                int k = (int) Math.min(n - done, pdvEnd - pdvStart);
                pdvStart += k;
                done += k;
            }
            return done;
        }

        void skipAll() throws IOException {
            while (fill()) {
                pdvStart = pdvEnd;
            }
        }

        @Override
        public void close() throws IOException {
            skipAll();
            if (pendingData == this) {
                pendingData = null;
            }
        }
    }

    /** Fragments written bytes into PDVs and PDUs of at most the peer's maximum length. */
    private final class PdvOutput extends OutputStream {
        private final int pcid;
        private int pos = 6;
        private int pdvHeader = -1;
        private boolean command;

        PdvOutput(int pcid) {
            this.pcid = pcid;
        }

        void begin(boolean isCommand) throws IOException {
            this.command = isCommand;
            if (pos + 6 + 1 > tx.length && !grow(pos + 6 + 1)) {
                flushPdu();
            }
            pdvHeader = pos;
            pos += 6;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (pos == tx.length && !grow(pos + len)) {
                    closePdv(false);
                    flushPdu();
                    pdvHeader = pos;
                    pos += 6;
                }
                int n = Math.min(len, tx.length - pos);
                System.arraycopy(b, off, tx, pos, n);
                pos += n;
                off += n;
                len -= n;
            }
        }

        /** Grows the send buffer towards {@code need} bytes, up to the PDU maximum; false if it is already there. */
        private boolean grow(int need) {
            int limit = sendMax + 6;
            if (tx.length >= limit) {
                return false;
            }
            int size = tx.length;
            while (size < need && size < limit) {
                size <<= 1;
            }
            tx = Arrays.copyOf(tx, Math.min(limit, Math.max(size, tx.length + 1)));
            return true;
        }

        void end(boolean flush) throws IOException {
            closePdv(true);
            if (flush) {
                flushPdu();
            }
        }

        private void closePdv(boolean lastFragment) {
            int len = pos - pdvHeader - 4;
            tx[pdvHeader] = (byte) (len >>> 24);
            tx[pdvHeader + 1] = (byte) (len >>> 16);
            tx[pdvHeader + 2] = (byte) (len >>> 8);
            tx[pdvHeader + 3] = (byte) len;
            tx[pdvHeader + 4] = (byte) pcid;
            tx[pdvHeader + 5] = (byte) ((command ? 1 : 0) | (lastFragment ? 2 : 0));
            pdvHeader = -1;
        }

        private void flushPdu() throws IOException {
            int len = pos - 6;
            tx[0] = P_DATA_TF;
            tx[1] = 0;
            tx[2] = (byte) (len >>> 24);
            tx[3] = (byte) (len >>> 16);
            tx[4] = (byte) (len >>> 8);
            tx[5] = (byte) len;
            out.write(tx, 0, pos);
            out.flush();
            pos = 6;
        }
    }

    // ------------------------------------------------------------------ release and abort

    /**
     * Releases the association (A-RELEASE), handling a release collision, and closes the socket.
     * If the peer does not answer within ARTIM the association is aborted.
     */
    void release() {
        if (!open) {
            closeSocket();
            return;
        }
        open = false;
        try {
            writeRaw(new byte[] {A_RELEASE_RQ, 0, 0, 0, 0, 4, 0, 0, 0, 0});
            while (true) {
                int type = readPdu(options.artimTimeout(), "A-RELEASE-RP (ARTIM)");
                if (type == A_RELEASE_RP) {
                    awaitPeerClose();
                    break;
                }
                if (type == A_RELEASE_RQ) {
                    // release collision (PS3.8 7.2.2): the requestor answers first
                    if (requestor) {
                        writeRaw(new byte[] {A_RELEASE_RP, 0, 0, 0, 0, 4, 0, 0, 0, 0});
                    } else {
                        readPdu(options.artimTimeout(), "A-RELEASE-RP after a release collision (ARTIM)");
                        writeRaw(new byte[] {A_RELEASE_RP, 0, 0, 0, 0, 4, 0, 0, 0, 0});
                        break;
                    }
                } else if (type == A_ABORT) {
                    break;
                }
                // P-DATA still in flight: discarded
            }
        } catch (IOException | DicomNetworkException e) {
            LOG.debug("release of the association with {} did not complete: {}", peer, e.getMessage());
            sendAbort(0, 0);
        } finally {
            closeSocket();
        }
    }

    /** The longest a released association waits for the peer to close its side of the connection. */
    private static final int PEER_CLOSE_WAIT_MS = 500;

    /**
     * After the A-RELEASE-RP: half-closes our side and waits, briefly, for the peer to close its
     * own (PS3.8 9.2: the acceptor closes on our transport close). A PACS counts an association
     * until its side is closed; returning only then means an association opened next is not
     * counted against its limit together with this one.
     */
    private void awaitPeerClose() {
        try {
            socket.shutdownOutput();
            socket.setSoTimeout(PEER_CLOSE_WAIT_MS);
            byte[] sink = new byte[256];
            while (in.read(sink) >= 0) {
                // nothing is expected after the A-RELEASE-RP
            }
        } catch (IOException e) {
            // the peer did not close in time or reset: closing our side is all that is left
        }
    }

    /** Aborts (A-ABORT, service-user) and closes the socket; safe from any thread. */
    void abort() {
        open = false;
        sendAbort(0, 0);
        closeSocket();
    }

    /**
     * Answers the peer's A-RELEASE-RQ (acceptor side) and closes.
     */
    void answerRelease() {
        open = false;
        try {
            writeRaw(new byte[] {A_RELEASE_RP, 0, 0, 0, 0, 4, 0, 0, 0, 0});
        } catch (IOException e) {
            LOG.debug("could not answer the release of {}: {}", peer, e.getMessage());
        } finally {
            closeSocket();
        }
    }

    /**
     * Acceptor side: waits for the next message or the peer's release. Returns null when the peer
     * released (the answer has been sent and the socket closed).
     */
    Message receiveOrRelease(Duration timeout) {
        requireOpen();
        try {
            if (pendingData != null) {
                pendingData.skipAll();
                pendingData = null;
            }
            if (rxPos >= rxLen) {
                int type = readPdu(timeout, "a DIMSE message or A-RELEASE-RQ");
                if (type == A_RELEASE_RQ) {
                    answerRelease();
                    return null;
                }
                if (type == A_ABORT) {
                    closeSocket();
                    open = false;
                    throw new AssociationAbortedException(peer + " aborted the association ("
                            + abortInWords(rx[2] & 0xFF, rx[3] & 0xFF) + ")");
                }
                if (type != P_DATA_TF) {
                    throw protocolError("unexpected PDU type " + type);
                }
                rxPos = 0;
            }
        } catch (IOException e) {
            throw broken("waiting for a message", e);
        }
        return receive(timeout);
    }

    private void sendAbort(int source, int reason) {
        try {
            writeRaw(new byte[] {A_ABORT, 0, 0, 0, 0, 4, 0, 0, (byte) source, (byte) reason});
        } catch (IOException e) {
            // the socket is already gone
        }
    }

    @Override
    public void close() {
        release();
    }

    static String abortInWords(int source, int reason) {
        String s = source == 0 ? "service-user" : source == 2 ? "service-provider" : "source " + source;
        if (source != 2) {
            return s;
        }
        switch (reason) {
            case 0: return s + ", reason not specified";
            case 1: return s + ", unrecognized PDU";
            case 2: return s + ", unexpected PDU";
            case 4: return s + ", unrecognized PDU parameter";
            case 5: return s + ", unexpected PDU parameter";
            case 6: return s + ", invalid PDU parameter value";
            default: return s + ", reason " + reason;
        }
    }

    // ------------------------------------------------------------------ PDU I/O

    private void writeRaw(byte[] pdu) throws IOException {
        out.write(pdu);
        out.flush();
    }

    /**
     * Reads one PDU into {@link #rx} (body only; {@link #rxLen} its length) and returns its type.
     * The declared length is checked before the body is read.
     */
    private int readPdu(Duration timeout, String waitingFor) throws IOException {
        try {
            socket.setSoTimeout((int) timeout.toMillis());
            readFully(rx, 0, 6);
            int type = rx[0] & 0xFF;
            long len = (rx[2] & 0xFFL) << 24 | (rx[3] & 0xFF) << 16 | (rx[4] & 0xFF) << 8 | rx[5] & 0xFF;
            long max;
            switch (type) {
                case P_DATA_TF:
                    max = options.maxPduLength();
                    break;
                case A_ASSOCIATE_RQ:
                case A_ASSOCIATE_AC:
                    // not bounded by our P-DATA-TF maximum: many contexts exceed a small one
                    max = MAX_ASSOCIATE_PDU;
                    break;
                case A_ASSOCIATE_RJ:
                case A_RELEASE_RQ:
                case A_RELEASE_RP:
                case A_ABORT:
                    max = 4;
                    if (len != 4) {
                        throw protocolError("PDU type " + type + " with length " + len + " instead of 4");
                    }
                    break;
                default:
                    String tls = type == 0x15 || type == 0x16 ? " (a TLS record: the peer expects DICOM over TLS)" : "";
                    throw protocolError("unrecognized PDU type " + type + tls, 1);
            }
            if (len > max) {
                throw protocolError("PDU type " + type + " of " + len + " bytes exceeds the maximum of " + max);
            }
            readBody((int) len);
            rxLen = (int) len;
            if (type != P_DATA_TF) {
                rxPos = rxLen; // no PDVs to read
            }
            return type;
        } catch (SocketTimeoutException e) {
            sendAbort(0, 0);
            closeSocket();
            open = false;
            throw new DicomTimeoutException(peer + " sent nothing within the timeout of " + timeout.toMillis()
                    + " ms while we waited for " + waitingFor, e);
        }
    }

    /**
     * Reads a PDU body of {@code len} bytes (checked against the maximum) into {@link #rx}, which
     * doubles as the bytes arrive: a PDU that declares more than it sends costs at most twice what
     * did arrive.
     */
    private void readBody(int len) throws IOException {
        int done = 0;
        while (done < len) {
            if (done == rx.length) {
                rx = Arrays.copyOf(rx, (int) Math.min(len, 2L * rx.length));
            }
            int k = Math.min(len, rx.length) - done;
            readFully(rx, done, k);
            done += k;
        }
    }

    /** The receive buffer's size now (for tests). */
    int receiveBufferSize() {
        return rx.length;
    }

    /** The send buffer's size now (for tests). */
    int sendBufferSize() {
        return tx.length;
    }

    /**
     * Reads exactly {@code len} bytes, first from what an earlier socket read brought beyond the
     * previous PDU ({@link #inBuf}), then from the socket. Small PDUs (C-FIND responses, command
     * sets) usually arrive several to a segment, so one socket read serves many of them; a body
     * larger than the buffer is read straight into {@code b}. The quick ACK is re-armed before each
     * socket read, that is before each read that may block.
     */
    private void readFully(byte[] b, int off, int len) throws IOException {
        int buffered = Math.min(len, inLimit - inPos);
        if (buffered > 0) {
            System.arraycopy(inBuf, inPos, b, off, buffered);
            inPos += buffered;
            off += buffered;
            len -= buffered;
        }
        while (len > 0) {
            rearmQuickAck();
            if (len >= inBuf.length) {
                int n = in.read(b, off, len);
                if (n < 0) {
                    throw new EOFException();
                }
                off += n;
                len -= n;
            } else {
                int n = in.read(inBuf, 0, inBuf.length);
                if (n < 0) {
                    throw new EOFException();
                }
                int used = Math.min(n, len);
                System.arraycopy(inBuf, 0, b, off, used);
                inPos = used;
                inLimit = n;
                off += used;
                len -= used;
            }
        }
    }

    private void rearmQuickAck() {
        if (quickAck) {
            try {
                socket.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
            } catch (IOException | UnsupportedOperationException e) {
                quickAck = false;
            }
        }
    }

    private AssociationAbortedException protocolError(String what) {
        return protocolError(what, 0);
    }

    /** Aborts as service-provider with a PS3.8 table 9-26 reason (0 not specified, 1 unrecognized PDU...). */
    private AssociationAbortedException protocolError(String what, int reason) {
        LOG.warn("aborting the association with {}: {}", peer, what);
        sendAbort(2, reason);
        closeSocket();
        open = false;
        return new AssociationAbortedException("the association with " + peer + " was aborted: " + what);
    }

    private DicomNetworkException broken(String doing, IOException e) {
        closeSocket();
        open = false;
        if (e instanceof EOFException) {
            return new DicomNetworkException(peer + " closed the connection while " + doing, e);
        }
        if (e instanceof SSLException) {
            return new DicomNetworkException("TLS with " + peer + " failed while " + doing + ": " + e.getMessage(), e);
        }
        return new DicomNetworkException("connection to " + peer + " failed while " + doing + ": " + e.getMessage(), e);
    }

    private void requireOpen() {
        if (!open) {
            throw new DicomNetworkException("the association with " + peer + " is closed");
        }
    }

    private void closeSocket() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // nothing more to do
            }
        }
    }
}
