/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a batch did: exactly one outcome per distinct accession number, in the order they were
 * given, each with one outcome per series. Immutable.
 */
public final class BatchReport {

    private final Mode mode;
    private final Instant started;
    private final Duration elapsed;
    private final List<AccessionOutcome> accessions;
    private final int duplicatesIgnored;
    private final List<PacsStatistics> pacs;

    /**
     * A report.
     *
     * @param mode the mode of the batch
     * @param started when it started
     * @param elapsed how long it took
     * @param accessions one outcome per distinct accession number, in input order
     * @param duplicatesIgnored accession numbers given again in the same batch (each handled once)
     * @param pacs how each PACS behaved, in the order they are queried
     */
    public BatchReport(Mode mode, Instant started, Duration elapsed, List<AccessionOutcome> accessions,
            int duplicatesIgnored, List<PacsStatistics> pacs) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.started = Objects.requireNonNull(started, "started");
        this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
        this.accessions = List.copyOf(accessions);
        this.duplicatesIgnored = duplicatesIgnored;
        this.pacs = List.copyOf(pacs);
    }

    /**
     * How each PACS behaved (operations, retries, rejections, timeouts, latencies, back-off),
     * counted since the bridge was built, in the order the PACS are queried.
     *
     * @return an immutable list
     */
    public List<PacsStatistics> pacsStatistics() {
        return pacs;
    }

    /**
     * The mode.
     *
     * @return the mode
     */
    public Mode mode() {
        return mode;
    }

    /**
     * When the batch started.
     *
     * @return the instant
     */
    public Instant started() {
        return started;
    }

    /**
     * How long the batch took.
     *
     * @return the duration
     */
    public Duration elapsed() {
        return elapsed;
    }

    /**
     * The outcomes, one per distinct accession number, in input order.
     *
     * @return an immutable list
     */
    public List<AccessionOutcome> accessions() {
        return accessions;
    }

    /**
     * How many accession numbers were given more than once (each was handled once).
     *
     * @return the count
     */
    public int duplicatesIgnored() {
        return duplicatesIgnored;
    }

    /**
     * Accession numbers per status.
     *
     * @return every status with its count (zero included)
     */
    public Map<AccessionOutcome.Status, Integer> accessionCounts() {
        Map<AccessionOutcome.Status, Integer> m = new EnumMap<>(AccessionOutcome.Status.class);
        for (AccessionOutcome.Status s : AccessionOutcome.Status.values()) {
            m.put(s, 0);
        }
        accessions.forEach(a -> m.merge(a.status(), 1, Integer::sum));
        return m;
    }

    /**
     * Series per status.
     *
     * @return every status with its count (zero included)
     */
    public Map<SeriesOutcome.Status, Integer> seriesCounts() {
        Map<SeriesOutcome.Status, Integer> m = new EnumMap<>(SeriesOutcome.Status.class);
        for (SeriesOutcome.Status s : SeriesOutcome.Status.values()) {
            m.put(s, 0);
        }
        accessions.forEach(a -> a.series().forEach(s -> m.merge(s.status(), 1, Integer::sum)));
        return m;
    }

    /**
     * Whether every accession number ended OK or not found (nothing failed or is partial).
     *
     * @return true when nothing failed
     */
    public boolean allSucceeded() {
        return accessions.stream().allMatch(a -> a.status() == AccessionOutcome.Status.OK
                || a.status() == AccessionOutcome.Status.NOT_FOUND);
    }

    /**
     * Writes the report as JSON (the {@code report.json} of {@code i4dw extract}).
     *
     * @param out where to write
     * @throws IOException if {@code out} fails
     */
    public void writeJson(Appendable out) throws IOException {
        out.append("{\n  \"mode\": ").append(quote(mode.name().toLowerCase(Locale.ROOT)))
                .append(",\n  \"started\": ").append(quote(started.toString()))
                .append(",\n  \"elapsedMs\": ").append(Long.toString(elapsed.toMillis()))
                .append(",\n  \"duplicatesIgnored\": ").append(Integer.toString(duplicatesIgnored))
                .append(",\n  \"accessionCounts\": ").append(counts(accessionCounts()))
                .append(",\n  \"seriesCounts\": ").append(counts(seriesCounts()))
                .append(",\n  \"pacs\": [");
        for (int i = 0; i < pacs.size(); i++) {
            PacsStatistics p = pacs.get(i);
            out.append(i == 0 ? "\n" : ",\n").append("    {\"aeTitle\": ").append(quote(p.pacs()))
                    .append(", \"operations\": ").append(Long.toString(p.operations()))
                    .append(", \"retries\": ").append(Long.toString(p.retries()))
                    .append(", \"rejections\": ").append(Long.toString(p.rejections()))
                    .append(", \"timeouts\": ").append(Long.toString(p.timeouts()))
                    .append(", \"failures\": ").append(Long.toString(p.failures()))
                    .append(", \"medianLatencyMs\": ").append(String.format(Locale.ROOT, "%.3f", p.medianLatencyMs()))
                    .append(", \"p95LatencyMs\": ").append(String.format(Locale.ROOT, "%.3f", p.p95LatencyMs()))
                    .append(", \"lowestConcurrency\": ").append(Integer.toString(p.lowestConcurrency()))
                    .append(", \"finalConcurrency\": ").append(Integer.toString(p.finalConcurrency()))
                    .append(", \"throttledMs\": ").append(Long.toString(p.throttledMs()))
                    .append(", \"learnedLimit\": ").append(Integer.toString(p.learnedLimit())).append('}');
        }
        out.append(pacs.isEmpty() ? "]" : "\n  ]")
                .append(",\n  \"accessions\": [");
        for (int i = 0; i < accessions.size(); i++) {
            AccessionOutcome a = accessions.get(i);
            out.append(i == 0 ? "\n" : ",\n").append("    {\"accessionNumber\": ").append(quote(a.accessionNumber()))
                    .append(", \"status\": ").append(quote(a.status().name()))
                    .append(", \"pacs\": ").append(quote(a.pacs()))
                    .append(", \"studies\": ").append(Integer.toString(a.studies()))
                    .append(", \"reason\": ").append(quote(a.reason()))
                    .append(", \"series\": [");
            for (int j = 0; j < a.series().size(); j++) {
                SeriesOutcome s = a.series().get(j);
                out.append(j == 0 ? "\n" : ",\n").append("      {\"documentId\": ").append(quote(s.documentId()))
                        .append(", \"modality\": ").append(quote(s.modality()))
                        .append(", \"status\": ").append(quote(s.status().name()))
                        .append(", \"instancesExpected\": ").append(Integer.toString(s.instancesExpected()))
                        .append(", \"instancesRetrieved\": ").append(Integer.toString(s.instancesRetrieved()))
                        .append(", \"path\": ").append(quote(s.path()))
                        .append(", \"reason\": ").append(quote(s.reason()))
                        .append(", \"elapsedMs\": ")
                        .append(String.format(Locale.ROOT, "%.3f", s.elapsed().toNanos() / 1e6)).append('}');
            }
            out.append(a.series().isEmpty() ? "]}" : "\n    ]}");
        }
        out.append(accessions.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
    }

    /** Counts only. */
    @Override
    public String toString() {
        return "BatchReport[" + mode + ", " + accessions.size() + " accession numbers " + accessionCounts()
                + ", series " + seriesCounts() + ", " + elapsed.toMillis() + " ms]";
    }

    private static String counts(Map<? extends Enum<?>, Integer> m) {
        StringBuilder b = new StringBuilder("{");
        m.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(quote(k.name())).append(": ").append(v));
        return b.append('}').toString();
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    b.append("\\\"");
                    break;
                case '\\':
                    b.append("\\\\");
                    break;
                case '\n':
                    b.append("\\n");
                    break;
                case '\r':
                    b.append("\\r");
                    break;
                case '\t':
                    b.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"').toString();
    }
}
