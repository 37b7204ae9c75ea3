/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.i4dw.api.I4dwConfigurationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fault proxy against a plain TCP echo server: it forwards byte for byte and counts, and each
 * fault (delay per chunk or per connection, silence, refusal, drop) shows as a client sees it.
 * The DICOM proofs through the proxy are in i4dw-examples ({@code org.i4dw.examples.faults}).
 */
class TcpProxyTest {

    private static final Duration GENEROUS = Duration.ofSeconds(30);

    private EchoServer echo;
    private TcpProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new EchoServer();
        proxy = TcpProxy.builder().target("127.0.0.1", echo.port()).start();
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    /** A server that echoes every byte back and counts what it received. */
    private static final class EchoServer implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        final AtomicLong received = new AtomicLong();
        final AtomicInteger connections = new AtomicInteger();
        final AtomicInteger ended = new AtomicInteger();
        final Set<Socket> open = ConcurrentHashMap.newKeySet();

        EchoServer() throws IOException {
            Thread t = new Thread(this::accept, "echo-accept");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (true) {
                Socket s;
                try {
                    s = server.accept();
                } catch (IOException e) {
                    return;
                }
                connections.incrementAndGet();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "echo");
                t.setDaemon(true);
                t.start();
            }
        }

        private void serve(Socket s) {
            try (s) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] b = new byte[4096];
                for (int n; (n = in.read(b)) > 0; ) {
                    received.addAndGet(n);
                    out.write(b, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the client reset: the connection ended
            } finally {
                open.remove(s);
                ended.incrementAndGet();
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : open) {
                s.close();
            }
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(proxy.host(), proxy.port()), 5000);
        s.setTcpNoDelay(true);
        s.setSoTimeout((int) GENEROUS.toMillis());
        return s;
    }

    private static byte[] roundTrip(Socket s, byte[] data) throws IOException {
        s.getOutputStream().write(data);
        s.getOutputStream().flush();
        return s.getInputStream().readNBytes(data.length);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + GENEROUS.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + GENEROUS + ": " + what);
            }
            Thread.sleep(10);
        }
    }

    /** True when the peer reset or closed the connection: a read ends or fails. */
    private static boolean closedByPeer(Socket s) {
        try {
            s.setSoTimeout((int) GENEROUS.toMillis());
            return s.getInputStream().read() < 0;
        } catch (IOException e) {
            return !(e instanceof SocketTimeoutException);
        }
    }

    @Test
    void forwardsEveryByteBothWaysAndCountsThem() throws Exception {
        byte[] data = new byte[200_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        try (Socket s = connect()) {
            Thread writer = new Thread(() -> {
                try {
                    s.getOutputStream().write(data);
                    s.getOutputStream().flush();
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            writer.start();
            assertArrayEquals(data, s.getInputStream().readNBytes(data.length));
            writer.join();
            assertEquals(1, proxy.connectionsOpen());
        }
        await(() -> proxy.connectionsOpen() == 0, "the proxy forgets a connection both sides closed");
        await(() -> echo.ended.get() == 1, "the close reaches the target");
        assertEquals(1, proxy.connectionsAccepted());
        assertEquals(data.length, proxy.bytesToTarget());
        assertEquals(data.length, proxy.bytesFromTarget());
        assertEquals(data.length, echo.received.get());
        assertEquals(echo.port(), proxy.targetPort());
        assertEquals("127.0.0.1", proxy.targetHost());
        assertEquals(new DicomNode("PACS", "127.0.0.1", proxy.port()), proxy.node("PACS"));
    }

    @Test
    void delayEachChunkSlowsEveryRoundTripUntilForwardingNormally() throws Exception {
        byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
        try (Socket s = connect()) {
            proxy.delayEachChunk(Duration.ofMillis(300));
            long t0 = System.nanoTime();
            assertArrayEquals(ping, roundTrip(s, ping));
            long slow = System.nanoTime() - t0;
            // one chunk each way, each held 300 ms: a lower bound no machine can beat
            assertTrue(slow >= Duration.ofMillis(600).toNanos(), "round trip took " + slow / 1_000_000 + " ms");
            proxy.forwardNormally();
            assertArrayEquals(ping, roundTrip(s, ping));
        }
        assertEquals(2 * ping.length, echo.received.get());
    }

    @Test
    void delayEachConnectionHoldsNewConnectionsOnly() throws Exception {
        byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
        try (Socket before = connect()) {
            assertArrayEquals(ping, roundTrip(before, ping));
            proxy.delayEachConnection(Duration.ofMillis(500));
            long t0 = System.nanoTime();
            try (Socket after = connect()) {
                assertArrayEquals(ping, roundTrip(after, ping));
                long waited = System.nanoTime() - t0;
                assertTrue(waited >= Duration.ofMillis(500).toNanos(), "new connection waited " + waited / 1_000_000
                        + " ms");
            }
            assertArrayEquals(ping, roundTrip(before, ping), "an open connection is not delayed again");
        }
    }

    @Test
    void silentProxyKeepsConnectionsOpenForwardsNothingAndLetsHeldDataThroughAfterwards() throws Exception {
        byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> {
            try (Socket open = connect()) {
                assertArrayEquals(ping, roundTrip(open, ping));
                long receivedBefore = echo.received.get();
                proxy.goSilent();
                assertTrue(proxy.isSilent());
                open.getOutputStream().write(ping);
                open.setSoTimeout(700);
                assertThrows(SocketTimeoutException.class, () -> open.getInputStream().read(),
                        "an open connection hears nothing");
                try (Socket fresh = connect()) {
                    fresh.getOutputStream().write(ping);
                    fresh.setSoTimeout(700);
                    assertThrows(SocketTimeoutException.class, () -> fresh.getInputStream().read(),
                            "a new connection is accepted and hears nothing");
                    assertEquals(receivedBefore, echo.received.get(), "nothing reached the target");
                    assertEquals(1, echo.connections.get(), "the new connection did not reach the target");
                    assertEquals(2, proxy.connectionsOpen(), "connections are kept open");

                    proxy.forwardNormally();
                    assertFalse(proxy.isSilent());
                    open.setSoTimeout((int) GENEROUS.toMillis());
                    fresh.setSoTimeout((int) GENEROUS.toMillis());
                    assertArrayEquals(ping, open.getInputStream().readNBytes(ping.length), "held data goes through");
                    assertArrayEquals(ping, fresh.getInputStream().readNBytes(ping.length));
                    assertEquals(2, echo.connections.get());
                }
            }
        });
    }

    @Test
    void silenceHoldsACloseOfTheTargetToo() throws Exception {
        try (Socket s = connect()) {
            assertArrayEquals(new byte[] {1}, roundTrip(s, new byte[] {1}));
            proxy.goSilent();
            echo.close(); // the target goes away while the proxy is silent
            await(() -> echo.ended.get() == 1, "the target closed its side");
            s.setSoTimeout(700);
            assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read(),
                    "the client is not told while silent");
            proxy.forwardNormally();
            assertTrue(closedByPeer(s), "the close goes through once forwarding again");
        }
    }

    @Test
    void refusedConnectionsAreResetAndOpenOnesGoOn() throws Exception {
        byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
        try (Socket open = connect()) {
            assertArrayEquals(ping, roundTrip(open, ping));
            proxy.refuseConnections();
            try (Socket refused = new Socket()) {
                boolean reset;
                try {
                    refused.connect(new InetSocketAddress(proxy.host(), proxy.port()), 5000);
                    reset = closedByPeer(refused);
                } catch (java.net.SocketException e) {
                    reset = true; // on loopback the reset may arrive before connect() returns
                }
                assertTrue(reset, "a new connection is reset");
            }
            await(() -> proxy.connectionsRefused() == 1, "the refusal is counted");
            assertEquals(1, echo.connections.get(), "a refused connection never reaches the target");
            assertArrayEquals(ping, roundTrip(open, ping), "an open connection goes on");
            proxy.forwardNormally();
            try (Socket again = connect()) {
                assertArrayEquals(ping, roundTrip(again, ping));
            }
            assertEquals(3, proxy.connectionsAccepted());
        }
    }

    @Test
    void droppedConnectionsAreResetOnBothSides() throws Exception {
        byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
        try (Socket a = connect(); Socket b = connect()) {
            assertArrayEquals(ping, roundTrip(a, ping));
            assertArrayEquals(ping, roundTrip(b, ping));
            assertEquals(2, proxy.dropConnections());
            assertTrue(closedByPeer(a));
            assertTrue(closedByPeer(b));
            await(() -> echo.ended.get() == 2, "the target sees both connections end");
            await(() -> proxy.connectionsOpen() == 0, "no connection is left open");
            assertEquals(2, proxy.connectionsDropped());
        }
        try (Socket c = connect()) {
            assertArrayEquals(ping, roundTrip(c, ping), "new connections are forwarded as before");
        }
    }

    @Test
    void anUnreachableTargetResetsTheClient() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            dead = s.getLocalPort();
        }
        try (TcpProxy toNowhere = TcpProxy.builder().target("127.0.0.1", dead).start();
                Socket s = new Socket()) {
            s.connect(new InetSocketAddress(toNowhere.host(), toNowhere.port()), 5000);
            assertTrue(closedByPeer(s));
        }
    }

    @Test
    void closeResetsConnectionsAndStopsListening() throws Exception {
        Socket s = connect();
        int port = proxy.port();
        proxy.close();
        assertTrue(closedByPeer(s));
        s.close();
        assertFalse(Processes.acceptsConnection(port, Duration.ofSeconds(1)));
        proxy.close();
    }

    @Test
    void settingsAreCheckedWhenSet() {
        assertThrows(I4dwConfigurationException.class, () -> TcpProxy.builder().start());
        assertThrows(I4dwConfigurationException.class, () -> TcpProxy.builder().target(" ", 104));
        assertThrows(I4dwConfigurationException.class, () -> TcpProxy.builder().target("127.0.0.1", 0));
        assertThrows(I4dwConfigurationException.class, () -> TcpProxy.builder().port(70000));
        assertThrows(I4dwConfigurationException.class,
                () -> TcpProxy.builder().targetConnectTimeout(Duration.ZERO));
        assertThrows(I4dwConfigurationException.class, () -> proxy.delayEachChunk(Duration.ofMillis(-1)));
        assertThrows(I4dwConfigurationException.class, () -> proxy.delayEachConnection(Duration.ofMillis(-1)));
    }
}
