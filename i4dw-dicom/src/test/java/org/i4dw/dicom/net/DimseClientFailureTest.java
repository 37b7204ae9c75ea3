/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.i4dw.api.AeTitle;
import org.i4dw.api.DicomNetworkException;
import org.i4dw.api.DicomTimeoutException;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.QueryLevel;
import org.i4dw.data.DicomObject;
import org.junit.jupiter.api.Test;

/** Peers that are not there or do not answer, and the builder's checks. */
class DimseClientFailureTest {

    @Test
    void unreachablePortFailsQuickly() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (DimseClient c = DimseClient.builder().pacs(new PacsAddress(AeTitle.of("NOBODY"), "127.0.0.1", port))
                .build()) {
            long t0 = System.nanoTime();
            DicomNetworkException e = assertThrows(DicomNetworkException.class, c::echo);
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(2).toNanos());
            assertTrue(e.getMessage().contains("cannot be reached"), e::getMessage);
            assertFalse(e instanceof DicomTimeoutException);
            assertEquals(0, c.pool().openCount());
        }
    }

    @Test
    void aPeerThatNeverAnswersTimesOutWithinArtim() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // and never a byte back
                    }
                } catch (IOException e) {
                    // server closed
                }
            });
            t.setDaemon(true);
            t.start();
            NetworkOptions options = NetworkOptions.builder().artimTimeout(Duration.ofMillis(500)).build();
            try (DimseClient c = DimseClient.builder()
                    .pacs(new PacsAddress(AeTitle.of("SILENT"), "127.0.0.1", silent.getLocalPort()))
                    .networkOptions(options).build()) {
                long t0 = System.nanoTime();
                DicomTimeoutException e = assertTimeoutPreemptively(Duration.ofSeconds(3),
                        () -> assertThrows(DicomTimeoutException.class, () -> c.find(QueryModel.STUDY_ROOT,
                                QueryLevel.STUDY, DicomObject.EMPTY, m -> true)));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(ms >= 450 && ms < 2000, () -> ms + " ms");
                assertTrue(e.getMessage().contains("ARTIM"), e::getMessage);
                assertEquals(0, c.pool().openCount());
            }
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void builderChecksEachSetting() {
        assertThrows(I4dwConfigurationException.class, () -> DimseClient.builder().maxAssociations(0));
        assertThrows(I4dwConfigurationException.class, () -> DimseClient.builder().borrowTimeout(Duration.ZERO));
        assertThrows(I4dwConfigurationException.class, () -> DimseClient.builder().callingAeTitle(" "));
        I4dwConfigurationException e = assertThrows(I4dwConfigurationException.class,
                () -> DimseClient.builder().build());
        assertTrue(e.getMessage().contains("pacs("), e::getMessage);
        try (DimseClient c = DimseClient.builder().pacs(PacsAddress.parse("X@127.0.0.1:1")).build()) {
            assertThrows(IllegalArgumentException.class, () -> c.echo(0));
            assertThrows(IllegalArgumentException.class,
                    () -> c.find(QueryModel.STUDY_ROOT, QueryLevel.PATIENT, DicomObject.EMPTY, m -> true));
        }
    }
}
