/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.i4dw.api.AeTitle;
import org.i4dw.api.PacsAddress;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.TransferSyntax;
import org.i4dw.data.VR;
import org.junit.jupiter.api.Test;

/**
 * P-DATA-TF fragmentation: a C-STORE of several MB from our side to our Storage SCP announcing a
 * maximum PDU length of 4096 bytes, through a proxy that parses and records every PDU. Each PDU
 * must respect the receiver's maximum, each PDV must fit its PDU, and the data set must arrive
 * byte for byte.
 */
class PdvFragmentationTest {

    private static final AeTitle SCP = AeTitle.of("SCP");
    private static final AeTitle US = AeTitle.of("I4DW");
    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";

    /** One PDU seen by the proxy. */
    record Seen(boolean toScp, int type, long length, int pdvs) {
    }

    @Test
    void aLargeCStoreIsCutIntoPdusOfTheScpsMaximumAndArrivesByteForByte() throws Exception {
        byte[] pixels = new byte[5 * 1024 * 1024 + 17];
        new Random(42).nextBytes(pixels);
        DicomObject ds = DicomObject.builder().set(Tag.SOPClassUID, VR.UI, CT).set(Tag.SOPInstanceUID, VR.UI, "1.2.3.4")
                .setInts(Tag.Rows, VR.US, 1).setBytes(Tag.PixelData, VR.OB, pixels).build();
        byte[] bytes = RawPeer.datasetBytes(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Map<String, byte[]> received = new ConcurrentHashMap<>();
        NetworkOptions small = NetworkOptions.builder().maxPduLength(4096).build();
        // 127 contexts: the A-ASSOCIATE-RQ is far longer than the SCP's maximum P-DATA-TF length
        List<PresentationContext> proposals = new ArrayList<>();
        proposals.add(PresentationContext.propose(1, CT, List.of(Retrieve.ELE)));
        for (String sopClass : StorageScp.storageSopClasses()) {
            if (proposals.size() == 127) {
                break;
            }
            if (!sopClass.equals(CT)) {
                proposals.add(PresentationContext.propose(2 * proposals.size() + 1, sopClass,
                        List.of(Retrieve.ELE, Retrieve.ILE)));
            }
        }
        try (StorageScp scp = StorageScp.builder().aeTitle(SCP).acceptCallingAe(US).networkOptions(small)
                .handler(i -> received.put(i.sopInstanceUid(), i.data().readAllBytes())).start();
                RecordingProxy proxy = new RecordingProxy(scp.port())) {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                Association a = Association.open(new PacsAddress(SCP, "127.0.0.1", proxy.port()), US, proposals,
                        List.of(), NetworkOptions.defaults());
                assertEquals(4096, a.sendMaxPduLength());
                // once in one write, once in odd pieces that straddle PDV boundaries
                a.send(1, Command.storeRequest(CT, "1.2.3.4", 1), out -> out.write(bytes));
                assertEquals(0, a.receive(Duration.ofSeconds(10)).status());
                a.send(1, Command.storeRequest(CT, "1.2.3.5", 2), out -> {
                    for (int p = 0; p < bytes.length; p += 1001) {
                        out.write(bytes, p, Math.min(1001, bytes.length - p));
                    }
                });
                assertEquals(0, a.receive(Duration.ofSeconds(10)).status());
                a.release();
            });
            assertArrayEquals(bytes, received.get("1.2.3.4"));
            assertArrayEquals(bytes, received.get("1.2.3.5"));
            List<Seen> toScp = proxy.seen().stream().filter(s -> s.toScp() && s.type() == 4).toList();
            assertTrue(toScp.size() >= 2 * bytes.length / 4096, toScp.size() + " P-DATA-TF PDUs");
            for (Seen s : toScp) {
                assertTrue(s.length() <= 4096, () -> "a PDU of " + s.length() + " bytes");
            }
            // full PDUs, not a trickle of small ones
            long full = toScp.stream().filter(s -> s.length() == 4096).count();
            assertTrue(full >= 2 * (bytes.length / 4096) - 2, full + " full PDUs");
            assertTrue(proxy.seen().stream().anyMatch(s -> !s.toScp() && s.type() == 6), "A-RELEASE-RP");
            // regression: an A-ASSOCIATE-RQ longer than the SCP's maximum P-DATA-TF length was aborted
            assertTrue(proxy.seen().stream().anyMatch(s -> s.toScp() && s.type() == 1 && s.length() > 4096));
        }
    }

    /** A TCP proxy that parses the PDU stream both ways, checks each PDV's length and records every PDU. */
    static final class RecordingProxy implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        private final int target;
        private final List<Seen> seen = new CopyOnWriteArrayList<>();
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private volatile String broken;

        RecordingProxy(int target) throws IOException {
            this.target = target;
            Thread t = new Thread(this::accept, "recording-proxy");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        List<Seen> seen() {
            if (broken != null) {
                throw new AssertionError(broken);
            }
            return List.copyOf(seen);
        }

        private void accept() {
            try {
                Socket client = server.accept();
                Socket scp = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(scp);
                copy(client, scp, true);
                copy(scp, client, false);
            } catch (IOException e) {
                // closed
            }
        }

        private void copy(Socket from, Socket to, boolean toScp) {
            Thread t = new Thread(() -> {
                try {
                    DataInputStream in = new DataInputStream(from.getInputStream());
                    OutputStream out = to.getOutputStream();
                    byte[] header = new byte[6];
                    while (true) {
                        in.readFully(header);
                        int len = RawPeer.u32(header, 2);
                        byte[] body = new byte[len];
                        in.readFully(body);
                        int pdvs = 0;
                        if (header[0] == Association.P_DATA_TF) {
                            int p = 0;
                            while (p < len) {
                                int pdv = RawPeer.u32(body, p);
                                if (pdv < 2 || p + 4 + pdv > len) {
                                    broken = "PDV of " + pdv + " bytes at " + p + " in a PDU of " + len;
                                }
                                p += 4 + pdv;
                                pdvs++;
                            }
                        }
                        seen.add(new Seen(toScp, header[0], len, pdvs));
                        out.write(header);
                        out.write(body);
                        out.flush();
                    }
                } catch (IOException e) {
                    closeAll();
                }
            }, "recording-proxy-copy");
            t.setDaemon(true);
            t.start();
        }

        private void closeAll() {
            for (Socket s : sockets) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            closeAll();
        }
    }
}
