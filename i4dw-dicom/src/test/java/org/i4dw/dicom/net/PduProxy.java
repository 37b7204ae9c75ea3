/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a real PACS, for tests: forwards bytes both ways, counts connections open
 * at once, and can slow down or stop the PACS's P-DATA-TF PDUs, or cut every connection. It reads
 * the PACS's stream PDU by PDU (6-byte header with the length), nothing more.
 */
final class PduProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger current = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile long pdataDelayMillis;
    private volatile boolean frozen;

    PduProxy(String host, int port) throws IOException {
        this.target = new InetSocketAddress(host, port);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "pdu-proxy-accept");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Delays each P-DATA-TF PDU from the PACS by this much. */
    void delayPData(long millis) {
        pdataDelayMillis = millis;
    }

    /** From now on, PDUs from the PACS are swallowed: the PACS seems to stop answering. */
    void freeze(boolean on) {
        frozen = on;
    }

    int peakConnections() {
        return peak.get();
    }

    int currentConnections() {
        return current.get();
    }

    int acceptedConnections() {
        return accepted.get();
    }

    /** Closes every connection through the proxy, as a PACS or a firewall dropping idle connections. */
    void cutAll() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        sockets.clear();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket pacs = new Socket();
                pacs.connect(target, 2000);
                pacs.setTcpNoDelay(true);
                client.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(pacs);
                accepted.incrementAndGet();
                peak.accumulateAndGet(current.incrementAndGet(), Math::max);
                AtomicInteger ends = new AtomicInteger();
                Runnable done = () -> {
                    if (ends.incrementAndGet() == 1) {
                        current.decrementAndGet();
                    }
                    closeBoth(client, pacs);
                };
                start(() -> copyRaw(client, pacs), done);
                start(() -> copyPdus(pacs, client), done);
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private interface IoTask {
        void run() throws IOException, InterruptedException;
    }

    private static void start(IoTask task, Runnable done) {
        Thread t = new Thread(() -> {
            try {
                task.run();
            } catch (IOException e) {
                // connection over
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done.run();
            }
        }, "pdu-proxy-copy");
        t.setDaemon(true);
        t.start();
    }

    private static void copyRaw(Socket from, Socket to) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        byte[] b = new byte[65536];
        int n;
        while ((n = in.read(b)) >= 0) {
            out.write(b, 0, n);
            out.flush();
        }
    }

    private void copyPdus(Socket from, Socket to) throws IOException, InterruptedException {
        DataInputStream in = new DataInputStream(from.getInputStream());
        OutputStream out = to.getOutputStream();
        byte[] header = new byte[6];
        while (true) {
            in.readFully(header);
            long len = (header[2] & 0xFFL) << 24 | (header[3] & 0xFF) << 16 | (header[4] & 0xFF) << 8
                    | header[5] & 0xFF;
            byte[] body = new byte[(int) len];
            in.readFully(body);
            if (frozen) {
                continue;
            }
            if (header[0] == 4 && pdataDelayMillis > 0) {
                Thread.sleep(pdataDelayMillis);
            }
            byte[] pdu = new byte[6 + body.length];
            System.arraycopy(header, 0, pdu, 0, 6);
            System.arraycopy(body, 0, pdu, 6, body.length);
            out.write(pdu);
            out.flush();
        }
    }

    private static void closeBoth(Socket a, Socket b) {
        for (Socket s : new Socket[] {a, b}) {
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
        cutAll();
    }
}
