/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.i4dw.api.AeTitle;
import org.i4dw.api.PacsAddress;
import org.i4dw.data.DicomObject;
import org.i4dw.data.TransferSyntax;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.DicomWriter;
import org.i4dw.dicom.io.ReadOptions;
import org.i4dw.dicom.io.WriteOptions;

/**
 * A hand-made DICOM peer for protocol tests: a loopback server socket whose first connection is
 * handed to a script that reads and writes raw PDU bytes, and static helpers to build and read
 * PDUs. Every PDU type the script reads is recorded in {@link #received()}.
 */
final class RawPeer implements AutoCloseable {

    static final byte[] RELEASE_RQ = {5, 0, 0, 0, 0, 4, 0, 0, 0, 0};
    static final byte[] RELEASE_RP = {6, 0, 0, 0, 0, 4, 0, 0, 0, 0};

    /** What the peer does with its connection. */
    interface Script {
        void run(RawPeer peer, DataInputStream in, OutputStream out) throws Exception;
    }

    private final ServerSocket server;
    private final List<Integer> received = new CopyOnWriteArrayList<>();
    private final FutureTask<Void> task;
    private volatile Socket socket;
    private volatile int lastPcid;

    /** Listens on an ephemeral loopback port and runs {@code script} on the first connection. */
    RawPeer(Script script) throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        task = new FutureTask<>(() -> {
            try (Socket s = server.accept()) {
                socket = s;
                s.setTcpNoDelay(true);
                script.run(this, new DataInputStream(s.getInputStream()), s.getOutputStream());
            }
            return null;
        });
        Thread t = new Thread(task, "raw-peer");
        t.setDaemon(true);
        t.start();
    }

    /** The address of this peer with the AE title {@code ae}. */
    PacsAddress address(String ae) {
        return new PacsAddress(AeTitle.of(ae), "127.0.0.1", server.getLocalPort());
    }

    int port() {
        return server.getLocalPort();
    }

    /** The types of the PDUs the script read with {@link #read(DataInputStream)}, in order. */
    List<Integer> received() {
        return List.copyOf(received);
    }

    /** Waits for the script to end and rethrows what it threw. */
    void join() throws Exception {
        try {
            task.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception) {
                throw (Exception) e.getCause();
            }
            throw e;
        }
    }

    /** Reads one PDU (header and body), recording its type; bodies over 1 MiB are refused. */
    byte[] read(DataInputStream in) throws IOException {
        byte[] header = new byte[6];
        in.readFully(header);
        long len = (header[2] & 0xFFL) << 24 | (header[3] & 0xFF) << 16 | (header[4] & 0xFF) << 8 | header[5] & 0xFF;
        if (len > 1 << 20) {
            throw new IOException("PDU of " + len + " bytes");
        }
        byte[] pdu = new byte[6 + (int) len];
        System.arraycopy(header, 0, pdu, 0, 6);
        in.readFully(pdu, 6, (int) len);
        received.add(header[0] & 0xFF);
        return pdu;
    }

    /** Reads the A-ASSOCIATE-RQ and answers with an AC accepting every context with its first syntax. */
    AssociatePdu acceptAssociation(DataInputStream in, OutputStream out) throws Exception {
        byte[] rq = read(in);
        if (rq[0] != Association.A_ASSOCIATE_RQ) {
            throw new IOException("expected an A-ASSOCIATE-RQ, got type " + rq[0]);
        }
        AssociatePdu request = AssociatePdu.decode(1, body(rq), rq.length - 6);
        out.write(acceptAll(request).encode(Association.A_ASSOCIATE_AC));
        out.flush();
        return request;
    }

    /** Reads P-DATA-TF PDUs up to the last fragment of a data set, or of a command without one; returns the command. */
    DicomObject readMessage(DataInputStream in) throws IOException {
        ByteArrayOutputStream cmd = new ByteArrayOutputStream();
        while (true) {
            byte[] pdu = read(in);
            if (pdu[0] != Association.P_DATA_TF) {
                throw new IOException("expected P-DATA-TF, got type " + pdu[0]);
            }
            int p = 6;
            while (p < pdu.length) {
                int len = u32(pdu, p);
                int control = pdu[p + 5];
                lastPcid = pdu[p + 4] & 0xFF;
                if ((control & 1) != 0) {
                    cmd.write(pdu, p + 6, len - 2);
                    if ((control & 2) != 0) {
                        DicomObject c = command(cmd.toByteArray());
                        if (!Command.hasDataSet(c)) {
                            return c;
                        }
                    }
                } else if ((control & 2) != 0) {
                    return command(cmd.toByteArray());
                }
                p += 4 + len;
            }
        }
    }

    /** The presentation context of the last PDV read by {@link #readMessage(DataInputStream)}. */
    int lastPcid() {
        return lastPcid;
    }

    /** Closes the connection (if any) and the server socket. */
    @Override
    public void close() throws IOException {
        server.close();
        Socket s = socket;
        if (s != null) {
            s.close();
        }
    }

    // ------------------------------------------------------------------ PDU builders

    static AssociatePdu acceptAll(AssociatePdu rq) {
        List<PresentationContext> answers = new ArrayList<>();
        for (PresentationContext p : rq.contexts()) {
            answers.add(new PresentationContext(p.id(), p.abstractSyntax(), List.of(p.transferSyntaxes().get(0)),
                    PresentationContext.ACCEPTANCE));
        }
        return new AssociatePdu(rq.calledAe(), rq.callingAe(), AssociatePdu.DICOM_APPLICATION_CONTEXT, answers,
                16384, "1.2.3.4", "RAWPEER", 0, 0, List.of());
    }

    static byte[] body(byte[] pdu) {
        return java.util.Arrays.copyOfRange(pdu, 6, pdu.length);
    }

    static int u32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }

    /** A PDU of {@code type} with {@code body}, its length as declared. */
    static byte[] pdu(int type, byte[] body) {
        byte[] p = new byte[6 + body.length];
        p[0] = (byte) type;
        p[2] = (byte) (body.length >>> 24);
        p[3] = (byte) (body.length >>> 16);
        p[4] = (byte) (body.length >>> 8);
        p[5] = (byte) body.length;
        System.arraycopy(body, 0, p, 6, body.length);
        return p;
    }

    /** One PDV item: length, context id, control header (bit 0 command, bit 1 last), data. */
    static byte[] pdv(int pcid, boolean command, boolean last, byte[] data) {
        byte[] v = new byte[6 + data.length];
        int len = data.length + 2;
        v[0] = (byte) (len >>> 24);
        v[1] = (byte) (len >>> 16);
        v[2] = (byte) (len >>> 8);
        v[3] = (byte) len;
        v[4] = (byte) pcid;
        v[5] = (byte) ((command ? 1 : 0) | (last ? 2 : 0));
        System.arraycopy(data, 0, v, 6, data.length);
        return v;
    }

    static byte[] abort(int source, int reason) {
        return new byte[] {7, 0, 0, 0, 0, 4, 0, 0, (byte) source, (byte) reason};
    }

    static byte[] reject(int result, int source, int reason) {
        return new byte[] {3, 0, 0, 0, 0, 4, 0, (byte) result, (byte) source, (byte) reason};
    }

    /** A command set in implicit VR little endian with its group length, as DIMSE sends it. */
    static byte[] commandBytes(DicomObject command) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DicomWriter.writeDataset(b, command, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                WriteOptions.builder().groupLengths(WriteOptions.GroupLengths.COMPUTE).build());
        return b.toByteArray();
    }

    static byte[] datasetBytes(DicomObject dataset, TransferSyntax ts) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DicomWriter.writeDataset(b, dataset, ts, WriteOptions.defaults());
        return b.toByteArray();
    }

    private static DicomObject command(byte[] bytes) throws IOException {
        InputStream in = new ByteArrayInputStream(bytes);
        return Command.typed(DicomReader.readDataset(in, "command", TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                ReadOptions.defaults()).dataset());
    }
}
