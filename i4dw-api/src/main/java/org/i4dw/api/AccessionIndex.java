/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caching mode's memory of which series an accession number has: the file
 * {@code <store>.accessions.tsv} beside the series store. An accession number found here whose
 * series are all in the store is served without querying the PACS. Only accession numbers that
 * ended OK are recorded; the file holds de-identified document ids and the accession number (the
 * ETL's own link key), nothing else. Appends are locked across processes; a line cut short by a
 * crash is ignored.
 *
 * <p>Format: a first line {@code I4DW-ACCESSIONS 1}, then per series
 * {@code accession pacs studies documentId modality expected} (tab-separated, escaped as the
 * batch journal escapes).
 */
final class AccessionIndex {

    static final String MAGIC = "I4DW-ACCESSIONS 1";

    /** One series of an accession number. */
    record Series(String documentId, String modality, int expected) {
    }

    /** What an earlier batch found for an accession number. */
    record Entry(String pacs, int studies, List<Series> series) {
    }

    /** File locks are held per JVM: bridges of one JVM take turns before locking the file. */
    private static final Object IN_PROCESS = new Object();

    private final Path file;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private AccessionIndex(Path file) {
        this.file = file;
    }

    static AccessionIndex open(Path file) {
        AccessionIndex index = new AccessionIndex(file);
        try {
            if (Files.exists(file)) {
                index.load();
            }
        } catch (IOException | RuntimeException e) {
            throw new I4dwConfigurationException("cannot read the accession index " + file + ": " + e.getMessage(), e);
        }
        return index;
    }

    private void load() throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int complete = text.lastIndexOf('\n') + 1;
        String[] lines = text.substring(0, complete).split("\n");
        if (lines.length == 0 || !lines[0].equals(MAGIC)) {
            throw new I4dwConfigurationException(file + " is not an I4DW accession index");
        }
        Map<String, Entry> read = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split("\t", -1);
            if (f.length != 6) {
                continue;
            }
            String accession = Journal.un(f[0]);
            Series s = new Series(Journal.un(f[3]), Journal.un(f[4]), Integer.parseInt(f[5]));
            Entry e = read.get(accession);
            List<Series> list = e == null ? new ArrayList<>() : new ArrayList<>(e.series());
            list.removeIf(x -> x.documentId().equals(s.documentId()));
            list.add(s);
            read.put(accession, new Entry(Journal.un(f[1]), Integer.parseInt(f[2]), List.copyOf(list)));
        }
        entries.putAll(read);
    }

    Entry lookup(String accession) {
        return entries.get(accession);
    }

    void record(String accession, String pacs, int studies, List<SeriesOutcome> series) {
        List<Series> list = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (SeriesOutcome s : series) {
            list.add(new Series(s.documentId(), s.modality(), s.instancesExpected()));
            lines.append(Journal.esc(accession)).append('\t').append(Journal.esc(pacs)).append('\t').append(studies)
                    .append('\t').append(Journal.esc(s.documentId())).append('\t').append(Journal.esc(s.modality()))
                    .append('\t').append(s.instancesExpected()).append('\n');
        }
        entries.put(accession, new Entry(pacs, studies, List.copyOf(list)));
        synchronized (IN_PROCESS) {
            append(lines);
        }
    }

    private void append(StringBuilder lines) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ); FileLock lock = ch.lock()) {
            if (ch.size() == 0) {
                lines.insert(0, MAGIC + "\n");
            }
            ByteBuffer b = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
            long pos = ch.size();
            while (b.hasRemaining()) {
                pos += ch.write(b, pos);
            }
        } catch (IOException e) {
            // the index only saves queries; without it the next batch asks the PACS again
            org.slf4j.LoggerFactory.getLogger(PacsBridge.class).warn("cannot write the accession index {}: {}", file,
                    e.getMessage());
        }
    }
}
