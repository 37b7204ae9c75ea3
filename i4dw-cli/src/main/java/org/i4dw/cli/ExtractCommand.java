/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import org.i4dw.api.AccessionOutcome;
import org.i4dw.api.BatchOptions;
import org.i4dw.api.BatchReport;
import org.i4dw.api.DocumentSink;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.api.PacsBridge;
import org.i4dw.api.ProgressListener;
import org.i4dw.api.SeriesOutcome;
import org.i4dw.api.terminology.TerminologyFormat;
import org.i4dw.spi.PivotSerializerProvider;
import org.i4dw.spi.ProviderRegistry;
import org.i4dw.spi.TerminologyProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code i4dw extract}: the ETL's job from the command line. Reads accession numbers from a file,
 * extracts them through a {@link PacsBridge} and writes {@code OUT/pivot/<document id>.xml} (one
 * pivot document per series, each written to a temporary name and renamed, so no half-written
 * document is ever visible), {@code OUT/terminology.xml}, {@code OUT/terminology.json} and
 * {@code OUT/report.json}. The batch keeps its journal in {@code OUT/journal.tsv}: a run that was
 * stopped (killed, interrupted) is continued with {@code --resume}, which neither fetches nor
 * writes again what the journal records as done, and whose terminology covers the whole batch
 * (the series of the earlier runs come from the journal's side file,
 * {@code OUT/journal.tsv.terminology}); temporary files a killed run left are removed. Exit status:
 * 0 when every accession number is OK or not found, 1 when
 * any failed or is partial, 2 for a usage or configuration error.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {"Extract accession numbers from a PACS into pivot documents, a terminology and a report.",
            "The accessions FILE holds one accession number per line; blank lines and lines starting with # "
                    + "are skipped."})
final class ExtractCommand implements Callable<Integer> {

    /** The batch journal in the output folder. */
    static final String JOURNAL = "journal.tsv";

    @Spec
    private CommandSpec spec;

    @Mixin
    private BridgeOptions bridgeOptions;

    @Option(names = "--accessions", required = true, paramLabel = "FILE", description = "Accession numbers, one per line.")
    private Path accessions;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The output folder.")
    private Path out;

    @Option(names = "--cohort", paramLabel = "NAME",
            description = "Caching mode: the series of this batch join this cohort of the store.")
    private String cohort;

    @Option(names = "--resume",
            description = "Continue a batch that was stopped: accession numbers and series it finished (recorded in "
                    + "OUT/journal.tsv) are not fetched or written again.")
    private boolean resume;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Show a progress bar when the error stream is a terminal (default: on).")
    private boolean progress;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PacsBridge bridge;
        PivotSerializerProvider serializer;
        TerminologyProvider terminology;
        long total;
        try {
            if (!Files.isRegularFile(accessions)) {
                throw new I4dwConfigurationException("the accessions file " + accessions + " does not exist");
            }
            total = countAccessions(accessions);
            serializer = ProviderRegistry.builder(PivotSerializerProvider.class, "i4dw-pivot").build().best();
            terminology = ProviderRegistry.builder(TerminologyProvider.class, "i4dw-terminology").build().best();
            Files.createDirectories(out.resolve("pivot"));
            Path journal = out.resolve(JOURNAL);
            if (!resume && Files.exists(journal) && !journalEnded(journal)) {
                throw new I4dwConfigurationException(out + " holds the journal of a batch that did not finish ("
                        + JOURNAL + "): add --resume to continue it, or remove the file to start again");
            }
            if (!resume) {
                Files.deleteIfExists(journal);
            }
            removeTemporaryFiles(out.resolve("pivot"));
            removeTemporaryFiles(out);
            bridge = bridgeOptions.build();
        } catch (I4dwConfigurationException | IllegalArgumentException e) {
            err.println("i4dw extract: " + e.getMessage());
            err.flush();
            return 2;
        } catch (IOException e) {
            err.println("i4dw extract: cannot use " + out + ": " + e.getMessage());
            err.flush();
            return 2;
        }
        Path pivotDir = out.resolve("pivot");
        DocumentSink sink = doc -> writeAtomically(pivotDir.resolve(doc.documentId() + "." + serializer.fileExtension()),
                o -> serializer.write(doc, o));
        boolean bar = progress && System.console() != null;
        ProgressListener listener = bar ? new ProgressBar(err, total) : ProgressListener.NONE;
        BatchReport report;
        try (PacsBridge br = bridge; AccessionFile file = new AccessionFile(accessions)) {
            BatchOptions.Builder options = BatchOptions.builder().progress(listener).journal(out.resolve(JOURNAL));
            if (cohort != null) {
                options.cohort(cohort);
            }
            report = br.extract(file, sink, options.build());
            if (bar) {
                err.println();
            }
            writeAtomically(out.resolve("terminology.xml"), o -> write(terminology, br, TerminologyFormat.XML, o));
            writeAtomically(out.resolve("terminology.json"), o -> write(terminology, br, TerminologyFormat.JSON, o));
            writeAtomically(out.resolve("report.json"), o -> {
                Writer w = new java.io.OutputStreamWriter(o, StandardCharsets.UTF_8);
                report.writeJson(w);
                w.flush();
            });
        } catch (IOException | UncheckedIOException e) {
            err.println("i4dw extract: cannot write to " + out + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        var a = report.accessionCounts();
        var s = report.seriesCounts();
        stdout.printf(Locale.ROOT, "i4dw extract: %d accession numbers in %.1f s: %d ok, %d partial, %d not found, "
                + "%d failed%s; %d series: %d ok, %d partial, %d failed%n", report.accessions().size(),
                report.elapsed().toMillis() / 1000.0, a.get(AccessionOutcome.Status.OK),
                a.get(AccessionOutcome.Status.PARTIAL), a.get(AccessionOutcome.Status.NOT_FOUND),
                a.get(AccessionOutcome.Status.FAILED),
                report.duplicatesIgnored() > 0 ? " (" + report.duplicatesIgnored() + " repeated, handled once)" : "",
                s.values().stream().mapToInt(Integer::intValue).sum(), s.get(SeriesOutcome.Status.OK),
                s.get(SeriesOutcome.Status.PARTIAL), s.get(SeriesOutcome.Status.FAILED));
        stdout.println("i4dw extract: wrote " + pivotDir + ", " + out.resolve("terminology.xml") + ", "
                + out.resolve("terminology.json") + ", " + out.resolve("report.json"));
        for (AccessionOutcome o : report.accessions()) {
            if (o.status() == AccessionOutcome.Status.FAILED || o.status() == AccessionOutcome.Status.PARTIAL) {
                err.println("i4dw extract: " + o.accessionNumber() + ": " + o.status() + ": " + o.reason());
            }
        }
        stdout.flush();
        err.flush();
        return report.allSucceeded() ? 0 : 1;
    }

    private static void write(TerminologyProvider provider, PacsBridge bridge, TerminologyFormat format, OutputStream o)
            throws IOException {
        Writer w = new java.io.OutputStreamWriter(o, StandardCharsets.UTF_8);
        provider.write(bridge.terminology(), format, w);
        w.flush();
    }

    /** Writes a file under a temporary name in the same folder, then renames it into place. */
    static void writeAtomically(Path target, IoConsumer<OutputStream> content) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 65536)) {
            content.accept(o);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Removes what {@link #writeAtomically} leaves when the process is killed between creating
     * its temporary file and renaming it: the document it held is written again, since the
     * journal does not record a series before its file is in place.
     */
    static void removeTemporaryFiles(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(".tmp") && Files.isRegularFile(f)) {
                    Files.delete(f);
                }
            }
        }
    }

    /** An I/O step. */
    @FunctionalInterface
    interface IoConsumer<T> {
        void accept(T t) throws IOException;
    }

    /** Whether a journal's last complete line says the batch finished. */
    private static boolean journalEnded(Path journal) throws IOException {
        List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        return !lines.isEmpty() && lines.get(lines.size() - 1).equals("END");
    }

    private static long countAccessions(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return r.lines().filter(AccessionFile::isEntry).count();
        } catch (IOException | UncheckedIOException e) {
            throw new I4dwConfigurationException("cannot read the accessions file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The accession numbers of a file, read lazily, one per line. */
    static final class AccessionFile implements Iterable<String>, AutoCloseable {
        private final BufferedReader reader;
        private boolean used;

        AccessionFile(Path file) throws IOException {
            this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        }

        static boolean isEntry(String line) {
            String s = line.strip();
            return !s.isEmpty() && !s.startsWith("#");
        }

        @Override
        public Iterator<String> iterator() {
            if (used) {
                throw new IllegalStateException("an accessions file is read once");
            }
            used = true;
            return new Iterator<>() {
                private String next = advance();

                private String advance() {
                    try {
                        String line;
                        while ((line = reader.readLine()) != null) {
                            if (isEntry(line)) {
                                return line.strip();
                            }
                        }
                        return null;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public String next() {
                    if (next == null) {
                        throw new NoSuchElementException();
                    }
                    String s = next;
                    next = advance();
                    return s;
                }
            };
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /** A one-line progress bar on a terminal. */
    static final class ProgressBar implements ProgressListener {
        private final PrintWriter err;
        private final long total;
        private final long t0 = System.nanoTime();
        private int failed;

        ProgressBar(PrintWriter err, long total) {
            this.err = err;
            this.total = Math.max(1, total);
        }

        @Override
        public void accessionDone(AccessionOutcome outcome, int done) {
            if (outcome.status() == AccessionOutcome.Status.FAILED || outcome.status() == AccessionOutcome.Status.PARTIAL) {
                failed++;
            }
            int width = 30;
            int filled = (int) Math.min(width, done * width / total);
            double s = (System.nanoTime() - t0) / 1e9;
            err.printf(Locale.ROOT, "\r[%s%s] %d/%d accession numbers, %d failed, %.1f/s ", "#".repeat(filled),
                    " ".repeat(width - filled), done, total, failed, done / Math.max(s, 1e-9));
            err.flush();
        }
    }
}
