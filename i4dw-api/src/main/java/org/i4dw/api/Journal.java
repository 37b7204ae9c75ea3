/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The durable journal of a batch: one line per series and per accession number as each ends,
 * written with one {@code write} and forced to disk before the engine goes on, so a batch killed
 * at any point can resume where it stopped. A line cut short by a crash has no line end and is
 * ignored.
 *
 * <p>Format (UTF-8, tab-separated, tabs, line ends and backslashes in fields escaped as
 * {@code \t}, {@code \n}, {@code \r}, {@code \\}): a first line {@code I4DW-JOURNAL 1}; then
 * {@code S accession documentId modality status expected retrieved path elapsedNanos reason} per
 * series and {@code A accession status pacs studies reason} per accession number (its series are
 * the S lines of that accession number before it, of this run or an earlier one: with several
 * accession numbers at once, their lines interleave), and {@code END} when the batch finished
 * (failed accession numbers included; a cancelled or interrupted batch writes no END).
 *
 * <p>Beside it, the terminology side file ({@code <journal>.terminology}) keeps what each series
 * sent to the sink gave the terminology, so that a resumed batch's terminology covers the series
 * of the earlier runs too: one record per series, written with one {@code write} and forced to
 * disk before the series's S line, {@code [int n][n bytes: UTF documentId, then the series's
 * contributions as the engine encodes them][long CRC-32 of those n bytes]} (big-endian). A record
 * cut short by a crash, or whose checksum does not match, ends the file: it and what follows are
 * dropped. Only the last record of a document id counts, and only for a series the journal
 * records as done (a record whose S line was never written belongs to a series done again).
 */
final class Journal implements AutoCloseable {

    static final String MAGIC = "I4DW-JOURNAL 1";

    private final Path file;
    private final FileChannel channel;
    private final boolean sync;
    private final Map<String, AccessionOutcome> finished = new HashMap<>();
    private final Map<String, Map<String, SeriesOutcome>> seriesDone = new HashMap<>();
    private boolean ended;
    private final Path termsFile;
    private FileChannel terms;
    /** Per document id, the position and length of its last terminology record's payload. */
    private final Map<String, long[]> termRecords = new HashMap<>();

    private Journal(Path file, FileChannel channel, boolean sync) {
        this.file = file;
        this.channel = channel;
        this.sync = sync;
        this.termsFile = file.resolveSibling(file.getFileName() + ".terminology");
    }

    /**
     * Opens a journal, reading what an earlier run of the batch recorded.
     *
     * @param file the journal file (created when missing)
     * @param sync true to force every line to disk
     * @return the journal
     * @throws I4dwConfigurationException if the file is not a journal or cannot be used
     */
    static Journal open(Path file, boolean sync) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            boolean fresh = ch.size() == 0;
            Journal j = new Journal(file, ch, sync);
            try {
                j.load();
                j.loadTerminology(fresh);
            } catch (IOException | RuntimeException e) {
                ch.close();
                if (j.terms != null) {
                    j.terms.close();
                }
                throw e;
            }
            return j;
        } catch (IOException e) {
            throw new I4dwConfigurationException("cannot use the batch journal " + file + ": " + e.getMessage(), e);
        }
    }

    private void load() throws IOException {
        long size = channel.size();
        if (size == 0) {
            append(MAGIC);
            return;
        }
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(size, Integer.MAX_VALUE - 8));
        channel.read(buf, 0);
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        int complete = text.lastIndexOf('\n') + 1;
        String[] lines = text.substring(0, complete).split("\n", -1);
        if (!lines[0].equals(MAGIC)) {
            throw new I4dwConfigurationException(file + " is not an I4DW batch journal (its first line is not "
                    + MAGIC + ")");
        }
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            try {
                switch (f[0]) {
                    case "S":
                        SeriesOutcome s = new SeriesOutcome(un(f[2]), un(f[3]), SeriesOutcome.Status.valueOf(f[4]),
                                Integer.parseInt(f[5]), Integer.parseInt(f[6]), un(f[7]),
                                un(f[9]), Duration.ofNanos(Long.parseLong(f[8])));
                        if (s.status() != SeriesOutcome.Status.FAILED) {
                            seriesDone.computeIfAbsent(un(f[1]), k -> new LinkedHashMap<>()).put(s.documentId(), s);
                        }
                        break;
                    case "A":
                        String accession = un(f[1]);
                        AccessionOutcome.Status status = AccessionOutcome.Status.valueOf(f[2]);
                        if (status == AccessionOutcome.Status.OK || status == AccessionOutcome.Status.NOT_FOUND) {
                            // its series are every series recorded for it, by this run or an earlier
                            // one, wherever their lines fell among those of other accession numbers
                            List<SeriesOutcome> mine = new ArrayList<>(
                                    seriesDone.getOrDefault(accession, Map.of()).values());
                            finished.put(accession, new AccessionOutcome(accession, status, un(f[3]),
                                    Integer.parseInt(f[4]), mine, un(f[5])));
                        }
                        break;
                    case "END":
                        ended = true;
                        break;
                    default:
                        throw new IllegalArgumentException("unknown record " + f[0]);
                }
            } catch (RuntimeException e) {
                throw new I4dwConfigurationException(file + " line " + (i + 1) + " is not a journal record ("
                        + e.getClass().getSimpleName() + ")", e);
            }
        }
        channel.truncate(complete);
    }

    /**
     * Opens the terminology side file; a new journal starts it empty (what a removed journal left
     * beside it belongs to another batch). Indexes its records, dropping a torn or corrupt tail.
     */
    private void loadTerminology(boolean fresh) throws IOException {
        terms = FileChannel.open(termsFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        if (fresh) {
            terms.truncate(0);
            return;
        }
        long size = terms.size();
        long pos = 0;
        ByteBuffer head = ByteBuffer.allocate(4);
        while (pos + 4 <= size) {
            head.clear();
            readFully(head, pos);
            int n = head.getInt(0);
            if (n <= 0 || pos + 4 + n + 8 > size) {
                break;
            }
            ByteBuffer payload = ByteBuffer.allocate(n + 8);
            readFully(payload, pos + 4);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(payload.array(), 0, n);
            if (crc.getValue() != payload.getLong(n)) {
                break;
            }
            String documentId;
            try {
                documentId = new java.io.DataInputStream(new java.io.ByteArrayInputStream(payload.array(), 0, n))
                        .readUTF();
            } catch (IOException e) {
                break;
            }
            termRecords.put(documentId, new long[] {pos + 4, n});
            pos += 4 + n + 8;
        }
        if (pos < size) {
            terms.truncate(pos);
        }
    }

    private void readFully(ByteBuffer b, long at) throws IOException {
        long p = at;
        while (b.hasRemaining()) {
            int r = terms.read(b, p);
            if (r < 0) {
                throw new IOException("unexpected end of " + termsFile);
            }
            p += r;
        }
    }

    /**
     * Records what a series gave the terminology, before its S line is written.
     *
     * @param documentId the series's document id
     * @param contributions the engine's encoding of its contributions (after the document id)
     */
    synchronized void terminology(String documentId, byte[] contributions) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(contributions.length + 64);
            java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
            out.writeInt(0);
            out.writeUTF(documentId);
            out.write(contributions);
            int n = bytes.size() - 4;
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            byte[] record = bytes.toByteArray();
            crc.update(record, 4, n);
            ByteBuffer b = ByteBuffer.allocate(record.length + 8).put(record).putLong(crc.getValue());
            b.putInt(0, n);
            b.flip();
            long pos = terms.size();
            long start = pos;
            while (b.hasRemaining()) {
                pos += terms.write(b, pos);
            }
            if (sync) {
                terms.force(false);
            }
            termRecords.put(documentId, new long[] {start + 4, n});
        } catch (IOException e) {
            throw new JournalException("cannot write the terminology journal " + termsFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Hands over, for every series an earlier run sent to the sink, what it gave the terminology
     * (the last record of its document id), as recorded by {@link #terminology(String, byte[])}.
     *
     * @param contributions takes each series's encoded contributions
     * @return how many series were handed over
     */
    synchronized int replayTerminology(java.util.function.Consumer<java.io.DataInputStream> contributions) {
        int n = 0;
        java.util.Set<String> done = new java.util.HashSet<>();
        seriesDone.values().forEach(m -> done.addAll(m.keySet()));
        for (String documentId : done) {
            long[] at = termRecords.get(documentId);
            if (at == null) {
                continue; // a series done without a terminology contribution (feature off, or an older journal)
            }
            try {
                ByteBuffer b = ByteBuffer.allocate((int) at[1]);
                readFully(b, at[0]);
                java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(b.array()));
                in.readUTF();
                contributions.accept(in);
                n++;
            } catch (IOException e) {
                throw new I4dwConfigurationException("cannot read the terminology journal " + termsFile + ": "
                        + e.getMessage(), e);
            }
        }
        return n;
    }

    /** The outcome an earlier run recorded as final (OK or not found) for this accession number. */
    synchronized AccessionOutcome finished(String accession) {
        return finished.get(accession);
    }

    /** The series of this accession number an earlier run sent to the sink, by document id. */
    synchronized Map<String, SeriesOutcome> seriesDone(String accession) {
        return Map.copyOf(seriesDone.getOrDefault(accession, Map.of()));
    }

    /** Whether the earlier run finished the batch. */
    synchronized boolean ended() {
        return ended;
    }

    /** Whether an earlier run recorded anything. */
    synchronized boolean resuming() {
        return !finished.isEmpty() || !seriesDone.isEmpty();
    }

    synchronized void series(String accession, SeriesOutcome s) {
        append("S\t" + esc(accession) + "\t" + esc(s.documentId()) + "\t" + esc(s.modality()) + "\t" + s.status()
                + "\t" + s.instancesExpected() + "\t" + s.instancesRetrieved() + "\t" + esc(s.path()) + "\t"
                + s.elapsed().toNanos() + "\t" + esc(s.reason()));
    }

    synchronized void accession(AccessionOutcome a) {
        append("A\t" + esc(a.accessionNumber()) + "\t" + a.status() + "\t" + esc(a.pacs()) + "\t" + a.studies() + "\t"
                + esc(a.reason()));
    }

    synchronized void end() {
        append("END");
    }

    private void append(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            long pos = channel.size();
            while (b.hasRemaining()) {
                pos += channel.write(b, pos);
            }
            if (sync) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new JournalException("cannot write the batch journal " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to write
        }
        try {
            if (terms != null) {
                terms.close();
            }
        } catch (IOException e) {
            // nothing more to write
        }
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\\' -> b.append("\\\\");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String un(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The journal cannot be written: the batch cannot promise to resume, so it stops. */
    static final class JournalException extends I4dwException {
        private static final long serialVersionUID = 1L;

        JournalException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
