/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.i4dw.api.AeTitle;
import org.i4dw.api.DicomNetworkException;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.TransferSyntax;
import org.i4dw.data.VR;
import org.junit.jupiter.api.Test;

/**
 * The PDU buffers of an association start small and grow with what actually arrives or is sent:
 * small messages keep them small; a large PDU, a data set cut into many small PDVs across PDUs,
 * and a large message sent are carried byte for byte; a PDU that declares more than it sends
 * costs no more memory than what came.
 */
class PduBufferTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final AeTitle US = AeTitle.of("I4DW");
    private static final String FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final List<PresentationContext> CONTEXTS = List.of(
            PresentationContext.propose(1, FIND, List.of(Retrieve.ELE)),
            PresentationContext.propose(3, CT, List.of(Retrieve.ELE)));
    private static final NetworkOptions OPTIONS = NetworkOptions.builder().artimTimeout(Duration.ofSeconds(5))
            .dimseTimeout(Duration.ofSeconds(5)).build();

    private static DicomObject withBytes(int n, long seed) {
        byte[] value = new byte[n];
        new Random(seed).nextBytes(value);
        return DicomObject.builder().set(Tag.PatientID, VR.LO, "P" + seed).setBytes(Tag.of(0x00091010), VR.OB, value)
                .build();
    }

    private static byte[] pendingResponse(int messageId) throws Exception {
        DicomObject rsp = DicomObject.builder().setInts(Tag.of(Command.COMMAND_FIELD), VR.US, Command.C_FIND_RQ | Command.RSP)
                .setInts(Tag.of(Command.MESSAGE_ID_BEING_RESPONDED_TO), VR.US, messageId)
                .setInts(Tag.of(Command.COMMAND_DATA_SET_TYPE), VR.US, Command.DATA_SET)
                .setInts(Tag.of(Command.STATUS), VR.US, 0xFF00).build();
        return RawPeer.commandBytes(rsp);
    }

    private static byte[] readData(Association.Message m) throws Exception {
        return m.data().readAllBytes();
    }

    @Test
    void smallMessagesKeepTheBuffersSmall() throws Exception {
        try (RawPeer peer = new RawPeer((p, in, out) -> {
            p.acceptAssociation(in, out);
            p.readMessage(in);
            byte[] cmd = pendingResponse(1);
            byte[] data = RawPeer.datasetBytes(DicomObject.builder().set(Tag.PatientID, VR.LO, "X").build(),
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            out.write(RawPeer.pdu(Association.P_DATA_TF, RawPeer.pdv(1, true, true, cmd)));
            out.write(RawPeer.pdu(Association.P_DATA_TF, RawPeer.pdv(1, false, true, data)));
            out.flush();
            p.read(in); // our release
            out.write(RawPeer.RELEASE_RP);
            out.flush();
        })) {
            assertTimeoutPreemptively(LIMIT, () -> {
                Association a = Association.open(peer.address("PEER"), US, CONTEXTS, List.of(), OPTIONS);
                DicomObject id = DicomObject.builder().set(Tag.QueryRetrieveLevel, VR.CS, "STUDY").build();
                a.send(1, Command.request(Command.C_FIND_RQ, FIND, 1, true), out -> out.write(
                        RawPeer.datasetBytes(id, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)));
                assertTrue(readData(a.receive(OPTIONS.dimseTimeout())).length > 0);
                assertEquals(Association.INITIAL_PDU_BUFFER, a.receiveBufferSize());
                assertEquals(Association.INITIAL_PDU_BUFFER, a.sendBufferSize());
                a.release();
            });
            peer.join();
        }
    }

    @Test
    void aLargePduThenADataSetInManySmallPdvsArriveByteForByte() throws Exception {
        DicomObject big = withBytes(200_000, 1);
        DicomObject split = withBytes(50_001, 2);
        byte[] bigBytes = RawPeer.datasetBytes(big, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] splitBytes = RawPeer.datasetBytes(split, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        try (RawPeer peer = new RawPeer((p, in, out) -> {
            p.acceptAssociation(in, out);
            p.readMessage(in);
            // one PDU of 200 KB (within our maximum of 256 KiB): command PDV and data PDV together
            byte[] cmd = RawPeer.pdv(1, true, true, pendingResponse(1));
            byte[] data = RawPeer.pdv(1, false, true, bigBytes);
            byte[] body = new byte[cmd.length + data.length];
            System.arraycopy(cmd, 0, body, 0, cmd.length);
            System.arraycopy(data, 0, body, cmd.length, data.length);
            out.write(RawPeer.pdu(Association.P_DATA_TF, body));
            // then a command in 3 PDVs and a data set in PDVs of 997 bytes, 7 PDVs per PDU
            byte[] c = pendingResponse(1);
            ByteArrayOutputStream pdu = new ByteArrayOutputStream();
            pdu.write(RawPeer.pdv(1, true, false, java.util.Arrays.copyOfRange(c, 0, 10)));
            pdu.write(RawPeer.pdv(1, true, false, java.util.Arrays.copyOfRange(c, 10, 20)));
            out.write(RawPeer.pdu(Association.P_DATA_TF, pdu.toByteArray()));
            out.write(RawPeer.pdu(Association.P_DATA_TF,
                    RawPeer.pdv(1, true, true, java.util.Arrays.copyOfRange(c, 20, c.length))));
            pdu.reset();
            int inPdu = 0;
            for (int at = 0; at < splitBytes.length; at += 997) {
                int end = Math.min(splitBytes.length, at + 997);
                pdu.write(RawPeer.pdv(1, false, end == splitBytes.length,
                        java.util.Arrays.copyOfRange(splitBytes, at, end)));
                if (++inPdu == 7 || end == splitBytes.length) {
                    out.write(RawPeer.pdu(Association.P_DATA_TF, pdu.toByteArray()));
                    pdu.reset();
                    inPdu = 0;
                }
            }
            out.flush();
            p.read(in);
            out.write(RawPeer.RELEASE_RP);
            out.flush();
        })) {
            assertTimeoutPreemptively(LIMIT, () -> {
                Association a = Association.open(peer.address("PEER"), US, CONTEXTS, List.of(), OPTIONS);
                a.send(1, Command.request(Command.C_FIND_RQ, FIND, 1, true), out -> out.write(
                        RawPeer.datasetBytes(DicomObject.builder().build(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)));
                assertArrayEquals(bigBytes, readData(a.receive(OPTIONS.dimseTimeout())));
                int grown = a.receiveBufferSize();
                assertTrue(grown >= bigBytes.length && grown <= OPTIONS.maxPduLength() + 6, "grown to " + grown);
                assertArrayEquals(splitBytes, readData(a.receive(OPTIONS.dimseTimeout())));
                a.release();
            });
            peer.join();
        }
    }

    @Test
    void aLargeMessageIsSentInPdusOfThePeersMaximum() throws Exception {
        DicomObject big = withBytes(100_000, 3).toBuilder().set(Tag.SOPClassUID, VR.UI, CT)
                .set(Tag.SOPInstanceUID, VR.UI, "1.2.3").build();
        byte[] bigBytes = RawPeer.datasetBytes(big, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        AtomicReference<byte[]> got = new AtomicReference<>();
        AtomicReference<Integer> largestPdu = new AtomicReference<>(0);
        try (RawPeer peer = new RawPeer((p, in, out) -> {
            p.acceptAssociation(in, out); // announces 16384
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            while (true) {
                byte[] pdu = p.read(in);
                largestPdu.set(Math.max(largestPdu.get(), pdu.length - 6));
                boolean last = false;
                for (int at = 6; at < pdu.length;) {
                    int len = RawPeer.u32(pdu, at);
                    if ((pdu[at + 5] & 1) == 0) {
                        data.write(pdu, at + 6, len - 2);
                        last = (pdu[at + 5] & 2) != 0;
                    }
                    at += 4 + len;
                }
                if (last) {
                    break;
                }
            }
            got.set(data.toByteArray());
            p.read(in);
            out.write(RawPeer.RELEASE_RP);
            out.flush();
        })) {
            assertTimeoutPreemptively(LIMIT, () -> {
                Association a = Association.open(peer.address("PEER"), US, CONTEXTS, List.of(), OPTIONS);
                a.send(3, Command.storeRequest(CT, "1.2.3", 1), out -> {
                    for (int at = 0; at < bigBytes.length; at += 333) {
                        out.write(bigBytes, at, Math.min(333, bigBytes.length - at));
                    }
                });
                assertEquals(16384 + 6, a.sendBufferSize());
                a.release();
            });
            peer.join();
        }
        assertArrayEquals(bigBytes, got.get());
        assertEquals(16384, largestPdu.get());
    }

    @Test
    void aPduThatDeclaresMoreThanItSendsCostsOnlyWhatArrived() throws Exception {
        AtomicReference<Association> association = new AtomicReference<>();
        try (RawPeer peer = new RawPeer((p, in, out) -> {
            p.acceptAssociation(in, out);
            p.readMessage(in);
            // 200,000 bytes declared (within our maximum), 100 sent, then the connection closes
            byte[] head = {Association.P_DATA_TF, 0, 0, 3, 0x0D, 0x40};
            out.write(head);
            out.write(new byte[100]);
            out.flush();
        })) {
            DicomNetworkException e = assertTimeoutPreemptively(LIMIT, () -> {
                Association a = Association.open(peer.address("PEER"), US, CONTEXTS, List.of(), OPTIONS);
                association.set(a);
                a.send(1, Command.request(Command.C_ECHO_RQ, FIND, 1, false), null);
                return assertThrows(DicomNetworkException.class, () -> a.receive(OPTIONS.dimseTimeout()));
            });
            assertTrue(e.getMessage().contains("closed the connection"), e::getMessage);
            peer.join();
        }
        assertFalse(association.get().isOpen());
        assertEquals(Association.INITIAL_PDU_BUFFER, association.get().receiveBufferSize());
    }
}
