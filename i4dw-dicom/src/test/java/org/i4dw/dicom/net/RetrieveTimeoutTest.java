/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.i4dw.api.AeTitle;
import org.i4dw.api.DicomTimeoutException;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.QueryLevel;
import org.junit.jupiter.api.Test;

/** A PACS that accepts the association and then never answers the C-GET-RQ. */
class RetrieveTimeoutTest {

    @Test
    void aPacsThatStopsAnsweringTimesOutAndTheAssociationIsAborted() throws Exception {
        AeTitle mute = AeTitle.of("MUTE");
        try (ServerSocket server = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try (Socket s = server.accept()) {
                    Association a = Association.accept(s, new Association.AcceptPolicy() {
                        @Override
                        public AeTitle aeTitle() {
                            return mute;
                        }

                        @Override
                        public boolean accepts(String callingAe) {
                            return true;
                        }

                        @Override
                        public PresentationContext answer(PresentationContext p) {
                            return new PresentationContext(p.id(), p.abstractSyntax(),
                                    List.of(p.transferSyntaxes().get(0)), 0);
                        }
                    }, NetworkOptions.defaults());
                    a.receive(Duration.ofSeconds(10)); // the C-GET-RQ, never answered
                    a.receive(Duration.ofSeconds(10)); // ends when the requestor aborts
                } catch (Exception e) {
                    // the abort ends this side
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            DimseClient scu = DimseClient.builder().pacs(new PacsAddress(mute, "127.0.0.1", server.getLocalPort()))
                    .callingAeTitle(AeTitle.of("I4DW-TEST"))
                    .networkOptions(NetworkOptions.builder().dimseTimeout(Duration.ofMillis(800)).build()).build();
            long t0 = System.nanoTime();
            DicomTimeoutException e = assertThrows(DicomTimeoutException.class,
                    () -> scu.get(RetrieveRequest.studyOrSeries("1.2.3", null), InstanceHandler.discard()));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 700 && ms < 5000, "timed out after " + ms + " ms");
            assertTrue(e.getMessage().contains("sent nothing"), e.getMessage());
            acceptor.join(5000);
            assertEquals(false, acceptor.isAlive());
        }
    }

    @Test
    void requestsAreCheckedWhenBuilt() {
        assertThrows(I4dwConfigurationException.class, () -> RetrieveRequest.builder().build());
        assertThrows(I4dwConfigurationException.class, () -> RetrieveRequest.builder().studyInstanceUid("1.2")
                .seriesInstanceUid("1.3").build());
        assertThrows(I4dwConfigurationException.class, () -> RetrieveRequest.builder().studyInstanceUid("1.2.*"));
        assertThrows(I4dwConfigurationException.class, () -> RetrieveRequest.builder().studyInstanceUid("1.2\\3"));
        assertThrows(I4dwConfigurationException.class, () -> RetrieveRequest.builder().studyInstanceUid("1".repeat(65)));
        // PACS hold non-conformant UIDs (hashes, letters); they must be usable as keys
        RetrieveRequest.builder().studyInstanceUid("05fa52f0e599f17b8186ff18fcdf2b55");
        assertThrows(I4dwConfigurationException.class, () -> RetrieveRequest.builder()
                .level(QueryLevel.PATIENT).build());
        assertEquals(128, Retrieve.getProposal(List.of("1.2.840.10008.5.1.4.1.2.2.3"), List.of()).contexts().size());
    }
}
