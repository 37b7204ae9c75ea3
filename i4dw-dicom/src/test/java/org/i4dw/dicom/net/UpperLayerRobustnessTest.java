/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.i4dw.api.AeTitle;
import org.i4dw.api.AssociationAbortedException;
import org.i4dw.api.AssociationRejectedException;
import org.i4dw.api.DicomTimeoutException;
import org.i4dw.api.QueryLevel;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.TransferSyntax;
import org.i4dw.data.VR;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The PS3.8 upper layer against hand-made peers that write raw PDU bytes: broken PDUs are
 * answered with A-ABORT and a clear exception, rejections and aborts are reported in the words
 * of the standard, release collisions complete, ARTIM fires, and nothing hangs.
 */
class UpperLayerRobustnessTest {

    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final AeTitle US = AeTitle.of("I4DW");
    private static final List<PresentationContext> ECHO =
            List.of(PresentationContext.propose(1, StorageScp.VERIFICATION, List.of(Retrieve.ILE)));
    private static final NetworkOptions FAST = NetworkOptions.builder().artimTimeout(Duration.ofSeconds(2))
            .dimseTimeout(Duration.ofSeconds(2)).build();

    private static Association open(RawPeer peer) {
        return Association.open(peer.address("PEER"), US, ECHO, List.of(), FAST);
    }

    private static void echo(Association a) {
        a.send(1, Command.request(Command.C_ECHO_RQ, StorageScp.VERIFICATION, 1, false), null);
        a.receive(FAST.dimseTimeout());
    }

    /** The peer reads what we send after the broken PDU: an A-ABORT, then the end of the stream. */
    private static byte[] expectAbortThenEof(RawPeer peer, DataInputStream in) throws IOException {
        byte[] abort = peer.read(in);
        assertEquals(Association.A_ABORT, abort[0]);
        assertEquals(-1, in.read());
        return abort;
    }

    @Test
    void anAssociateAnswerLongerThanOurMaximumIsAbortedWithoutBeingRead() throws Exception {
        AtomicReference<byte[]> abort = new AtomicReference<>();
        try (RawPeer peer = new RawPeer((p, in, out) -> {
            p.read(in);
            out.write(new byte[] {Association.A_ASSOCIATE_AC, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0});
            out.flush();
            abort.set(expectAbortThenEof(p, in));
        })) {
            AssociationAbortedException e = assertTimeoutPreemptively(LIMIT,
                    () -> assertThrows(AssociationAbortedException.class, () -> open(peer)));
            assertTrue(e.getMessage().contains("4294967280 bytes exceeds the maximum"), e::getMessage);
            peer.join();
            assertEquals(2, abort.get()[8], "source: service-provider");
        }
    }

    @Test
    void aDataPduLongerThanOurMaximumIsAbortedWithoutBeingRead() throws Exception {
        try (RawPeer peer = new RawPeer((p, in, out) -> {
            p.acceptAssociation(in, out);
            p.readMessage(in);
            // 16 MiB declared, 10 bytes sent: we must not wait for (or allocate) the rest
            out.write(new byte[] {Association.P_DATA_TF, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
            out.flush();
            expectAbortThenEof(p, in);
        })) {
            Association a = open(peer);
            AssociationAbortedException e = assertTimeoutPreemptively(LIMIT,
                    () -> assertThrows(AssociationAbortedException.class, () -> echo(a)));
            assertTrue(e.getMessage().contains("PDU type 4 of 16777216 bytes exceeds the maximum of "
                    + FAST.maxPduLength()), e::getMessage);
            assertFalse(a.isOpen());
            peer.join();
        }
    }

    @Test
    void anAssociateAnswerWithAnItemOverrunningThePduIsAborted() throws Exception {
        try (RawPeer peer = new RawPeer((p, in, out) -> {
            byte[] rq = p.read(in);
            AssociatePdu request = AssociatePdu.decode(1, RawPeer.body(rq), rq.length - 6);
            byte[] ac = RawPeer.acceptAll(request).encode(Association.A_ASSOCIATE_AC);
            // the user information item (the last one) claims 200 bytes more than the PDU holds
            int user = ac.length - 1;
            while (!(ac[user] == 0x50 && ac[user + 1] == 0)) {
                user--;
            }
            int len = ((ac[user + 2] & 0xFF) << 8 | ac[user + 3] & 0xFF) + 200;
            ac[user + 2] = (byte) (len >> 8);
            ac[user + 3] = (byte) len;
            out.write(ac);
            out.flush();
            expectAbortThenEof(p, in);
        })) {
            AssociationAbortedException e = assertTimeoutPreemptively(LIMIT,
                    () -> assertThrows(AssociationAbortedException.class, () -> open(peer)));
            assertTrue(e.getMessage().contains("item 50H") && e.getMessage().contains("overruns the PDU"),
                    e::getMessage);
            peer.join();
        }
    }

    @Test
    void aPdvLongerThanItsPduIsAborted() throws Exception {
        try (RawPeer peer = new RawPeer((p, in, out) -> {
            p.acceptAssociation(in, out);
            p.readMessage(in);
            byte[] pdv = RawPeer.pdv(1, true, true, new byte[8]);
            pdv[3] = 100; // 100 bytes declared, 10 present
            out.write(RawPeer.pdu(Association.P_DATA_TF, pdv));
            out.flush();
            expectAbortThenEof(p, in);
        })) {
            Association a = open(peer);
            AssociationAbortedException e = assertTimeoutPreemptively(LIMIT,
                    () -> assertThrows(AssociationAbortedException.class, () -> echo(a)));
            assertTrue(e.getMessage().contains("PDV length 100 does not fit in its PDU"), e::getMessage);
            peer.join();
        }
    }

    @Test
    void anUnknownPduTypeIsAborted() throws Exception {
        try (RawPeer peer = new RawPeer((p, in, out) -> {
            p.acceptAssociation(in, out);
            p.readMessage(in);
            out.write(RawPeer.pdu(0x09, new byte[4]));
            out.flush();
            byte[] abort = expectAbortThenEof(p, in);
            assertEquals(2, abort[8], "source: service-provider");
            assertEquals(1, abort[9], "reason: unrecognized PDU");
        })) {
            Association a = open(peer);
            AssociationAbortedException e = assertTimeoutPreemptively(LIMIT,
                    () -> assertThrows(AssociationAbortedException.class, () -> echo(a)));
            assertTrue(e.getMessage().contains("unrecognized PDU type 9"), e::getMessage);
            peer.join();
        }
    }

    @Test
    void anUnknownPduTypeInsteadOfTheAssociateAnswerIsAborted() throws Exception {
        try (RawPeer peer = new RawPeer((p, in, out) -> {
            p.read(in);
            out.write(RawPeer.pdu(0x42, new byte[4]));
            out.flush();
            expectAbortThenEof(p, in);
        })) {
            AssociationAbortedException e = assertTimeoutPreemptively(LIMIT,
                    () -> assertThrows(AssociationAbortedException.class, () -> open(peer)));
            assertTrue(e.getMessage().contains("unrecognized PDU type 66"), e::getMessage);
            peer.join();
        }
    }

    @Test
    void anAbortInsteadOfTheAssociateAnswerNamesItsSource() throws Exception {
        try (RawPeer peer = new RawPeer((p, in, out) -> {
            p.read(in);
            out.write(RawPeer.abort(2, 1));
            out.flush();
            assertEquals(-1, in.read(), "no answer to an A-ABORT");
        })) {
            AssociationAbortedException e = assertTimeoutPreemptively(LIMIT,
                    () -> assertThrows(AssociationAbortedException.class, () -> open(peer)));
            assertEquals("PEER@127.0.0.1:" + peer.port() + " aborted the association (service-provider, "
                    + "unrecognized PDU) instead of answering its request", e.getMessage());
            peer.join();
        }
    }

    @ParameterizedTest(name = "result {0}, source {1}, reason {2}: {3}")
    @CsvSource(delimiter = '|', value = {
        "1|1|1|rejected-permanent, service-user: no reason given",
        "1|1|2|rejected-permanent, service-user: application context name not supported",
        "1|1|3|rejected-permanent, service-user: calling AE title not recognized",
        "1|1|7|rejected-permanent, service-user: called AE title not recognized",
        "1|2|1|rejected-permanent, service-provider (ACSE): no reason given",
        "1|2|2|rejected-permanent, service-provider (ACSE): protocol version not supported",
        "2|3|1|rejected-transient, service-provider (presentation): temporary congestion",
        "2|3|2|rejected-transient, service-provider (presentation): local limit exceeded",
    })
    void aRejectionIsReportedInTheWordsOfTable9_21(int result, int source, int reason, String words)
            throws Exception {
        try (RawPeer peer = new RawPeer((p, in, out) -> {
            p.read(in);
            out.write(RawPeer.reject(result, source, reason));
            out.flush();
            assertEquals(-1, in.read(), "nothing after the rejection, only the end of the connection");
        })) {
            AssociationRejectedException e = assertTimeoutPreemptively(LIMIT,
                    () -> assertThrows(AssociationRejectedException.class, () -> open(peer)));
            assertEquals("PEER@127.0.0.1:" + peer.port() + " rejected the association: " + words, e.getMessage());
            assertEquals(result, e.result());
            assertEquals(source, e.source());
            assertEquals(reason, e.reason());
            assertEquals(result == 2, e.isTransient());
            peer.join();
        }
    }

    @Test
    void anAbortFromThePeerInTheMiddleOfACFindNamesItsSource() throws Exception {
        try (RawPeer peer = new RawPeer((p, in, out) -> {
            AssociatePdu rq = p.acceptAssociation(in, out);
            DicomObject request = p.readMessage(in);
            PresentationContext find = rq.contexts().stream().filter(c -> c.id() == p.lastPcid()).findFirst()
                    .orElseThrow();
            DicomObject pending = Command.response(request, 0xFF00).toBuilder()
                    .setInts(Tag.of(Command.COMMAND_DATA_SET_TYPE), VR.US, Command.DATA_SET).build();
            DicomObject match = DicomObject.builder().set(Tag.QueryRetrieveLevel, VR.CS, "STUDY")
                    .set(Tag.StudyInstanceUID, VR.UI, "1.2.3").build();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write(RawPeer.pdv(find.id(), true, true, RawPeer.commandBytes(pending)));
            b.write(RawPeer.pdv(find.id(), false, true,
                    RawPeer.datasetBytes(match, TransferSyntax.of(find.transferSyntaxes().get(0)))));
            out.write(RawPeer.pdu(Association.P_DATA_TF, b.toByteArray()));
            out.write(RawPeer.abort(2, 2));
            out.flush();
            assertEquals(-1, in.read(), "no answer to an A-ABORT");
        })) {
            AtomicInteger matches = new AtomicInteger();
            try (DimseClient c = DimseClient.builder().pacs(peer.address("PEER")).callingAeTitle(US)
                    .networkOptions(FAST).build()) {
                AssociationAbortedException e = assertTimeoutPreemptively(LIMIT,
                        () -> assertThrows(AssociationAbortedException.class, () -> c.find(QueryModel.STUDY_ROOT,
                                QueryLevel.STUDY, DicomObject.EMPTY, m -> matches.incrementAndGet() > 0)));
                assertEquals("PEER@127.0.0.1:" + peer.port()
                        + " aborted the association (service-provider, unexpected PDU)", e.getMessage());
                assertEquals(1, matches.get());
                assertEquals(0, c.pool().openCount());
            }
            peer.join();
            assertFalse(peer.received().contains(Association.A_ABORT));
        }
    }

    @Test
    void aReleaseCollisionCompletesOnTheRequestorSide() throws Exception {
        try (RawPeer peer = new RawPeer((p, in, out) -> {
            p.acceptAssociation(in, out);
            assertEquals(Association.A_RELEASE_RQ, p.read(in)[0]);
            out.write(RawPeer.RELEASE_RQ); // ours crosses theirs
            out.flush();
            // PS3.8 9.2.1: the association-requestor answers first, then waits for our answer
            assertEquals(Association.A_RELEASE_RP, p.read(in)[0]);
            out.write(RawPeer.RELEASE_RP);
            out.flush();
            assertEquals(-1, in.read());
        })) {
            Association a = open(peer);
            long t0 = System.nanoTime();
            assertTimeoutPreemptively(LIMIT, a::release);
            assertTrue(System.nanoTime() - t0 < FAST.artimTimeout().toNanos(), "finished before ARTIM");
            assertFalse(a.isOpen());
            peer.join();
            assertEquals(List.of(1, 5, 6), peer.received(), "no A-ABORT");
        }
    }

    @Test
    void aReleaseCollisionCompletesOnTheAcceptorSide() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicReference<List<Integer>> seen = new AtomicReference<>();
            Thread client = new Thread(() -> {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    OutputStream out = s.getOutputStream();
                    out.write(new AssociatePdu("ACCEPTOR", "REQUESTOR", AssociatePdu.DICOM_APPLICATION_CONTEXT, ECHO,
                            16384, "1.2.3.4", "", 0, 0, List.of()).encode(Association.A_ASSOCIATE_RQ));
                    List<Integer> types = new java.util.ArrayList<>();
                    types.add(readType(in)); // A-ASSOCIATE-AC
                    types.add(readType(in)); // the acceptor's A-RELEASE-RQ
                    out.write(RawPeer.RELEASE_RQ); // crosses it
                    out.write(RawPeer.RELEASE_RP); // and, as requestor, answers first
                    out.flush();
                    types.add(readType(in)); // the acceptor's A-RELEASE-RP
                    types.add(in.read());
                    seen.set(types);
                } catch (IOException e) {
                    seen.set(List.of(-2));
                }
            });
            client.start();
            Association.AcceptPolicy policy = new Association.AcceptPolicy() {
                @Override
                public AeTitle aeTitle() {
                    return AeTitle.of("ACCEPTOR");
                }

                @Override
                public boolean accepts(String callingAe) {
                    return true;
                }

                @Override
                public PresentationContext answer(PresentationContext p) {
                    return StorageScp.answerContext(p);
                }
            };
            assertTimeoutPreemptively(LIMIT, () -> {
                Association a = Association.accept(server.accept(), policy, FAST);
                a.release();
                client.join();
            });
            assertEquals(List.of(2, 5, 6, -1), seen.get());
        }
    }

    private static int readType(DataInputStream in) throws IOException {
        byte[] h = new byte[6];
        in.readFully(h);
        in.readFully(new byte[RawPeer.u32(h, 2)]);
        return h[0];
    }

    @Test
    void theStorageScpAnswersAHandMadeReleaseAndKeepsServing() throws Exception {
        try (StorageScp scp = StorageScp.builder().aeTitle(AeTitle.of("SCP")).acceptCallingAe(US)
                .networkOptions(FAST).start()) {
            assertTimeoutPreemptively(LIMIT, () -> {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), scp.port())) {
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    OutputStream out = s.getOutputStream();
                    out.write(new AssociatePdu("SCP", US.value(), AssociatePdu.DICOM_APPLICATION_CONTEXT, ECHO,
                            16384, "1.2.3.4", "", 0, 0, List.of()).encode(Association.A_ASSOCIATE_RQ));
                    assertEquals(Association.A_ASSOCIATE_AC, readType(in));
                    out.write(RawPeer.RELEASE_RQ);
                    out.flush();
                    assertEquals(Association.A_RELEASE_RP, readType(in));
                    assertEquals(-1, in.read());
                }
            });
            try (DimseClient c = DimseClient.builder().pacs(new org.i4dw.api.PacsAddress(AeTitle.of("SCP"),
                    "127.0.0.1", scp.port())).callingAeTitle(US).build()) {
                c.echo();
            }
        }
    }

    @Test
    void aPeerThatNeverAnswersTheAssociateRequestTimesOutWithinArtim() throws Exception {
        NetworkOptions artim = FAST.toBuilder().artimTimeout(Duration.ofMillis(400)).build();
        try (RawPeer peer = new RawPeer((p, in, out) -> {
            p.read(in);
            assertEquals(Association.A_ABORT, p.read(in)[0]);
            assertEquals(-1, in.read());
        })) {
            long t0 = System.nanoTime();
            DicomTimeoutException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(DicomTimeoutException.class,
                    () -> Association.open(peer.address("MUTE"), US, ECHO, List.of(), artim)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 350 && ms < 2000, ms + " ms");
            assertTrue(e.getMessage().contains("the A-ASSOCIATE answer (ARTIM)"), e::getMessage);
            peer.join();
        }
    }

    @Test
    void theStorageScpClosesAConnectionThatSendsNothingAfterArtimAndKeepsServing() throws Exception {
        NetworkOptions artim = FAST.toBuilder().artimTimeout(Duration.ofMillis(400)).build();
        try (StorageScp scp = StorageScp.builder().aeTitle(AeTitle.of("SCP")).acceptCallingAe(US)
                .networkOptions(artim).start();
                Socket mute = new Socket(InetAddress.getLoopbackAddress(), scp.port());
                Socket half = new Socket(InetAddress.getLoopbackAddress(), scp.port());
                DimseClient c = DimseClient.builder().pacs(new org.i4dw.api.PacsAddress(AeTitle.of("SCP"),
                        "127.0.0.1", scp.port())).callingAeTitle(US).networkOptions(FAST).build()) {
            half.getOutputStream().write(new byte[] {1, 0, 0}); // half a PDU header, then nothing
            long t0 = System.nanoTime();
            assertTimeoutPreemptively(LIMIT, () -> {
                c.echo(); // served while the two others wait
                assertClosedByTheScp(mute);
                assertClosedByTheScp(half);
            });
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 350 && ms < 3000, ms + " ms");
            c.echo();
        }
    }

    /** Reads to the end: at most an A-ABORT, then end of stream (or a reset). */
    private static void assertClosedByTheScp(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        try {
            int first = in.read();
            if (first == Association.A_ABORT) {
                in.readFully(new byte[9]);
                first = in.read();
            }
            assertEquals(-1, first);
        } catch (EOFException | java.net.SocketException e) {
            // closed
        }
    }
}
