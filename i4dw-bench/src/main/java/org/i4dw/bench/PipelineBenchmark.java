/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.i4dw.api.pivot.PivotDocument;
import org.i4dw.api.pivot.SeriesDocuments;
import org.i4dw.api.pivot.PivotElement;
import org.i4dw.api.terminology.DocumentIndexer;
import org.i4dw.api.terminology.TerminologyBuilder;
import org.i4dw.api.terminology.TerminologySettings;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.ReadOptions;
import org.i4dw.spi.DeidentifierProvider;
import org.i4dw.spi.DeidentifierSpec;
import org.i4dw.spi.ObjectDeidentifier;
import org.i4dw.spi.PivotSerializerProvider;
import org.i4dw.spi.ProviderRegistry;
import org.i4dw.spi.TerminologyProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The client's CPU per series in routine extraction (issue #6: at most 50 µs per series for
 * de-identification, terminology and pivot together), on one thread, microseconds per series.
 * What the batch engine does with the one header it fetched for a series, stage by stage, on a
 * real header read once (up to Pixel Data) from ../shared/dicom-samples: {@code mr} = Siemens T2
 * TSE slice, {@code ct} = GE CT slice, {@code rdsr} = Siemens CT dose report (a deep SR tree).
 *
 * <p>{@code pipeline} is one series end to end, the network apart: a copy of the header with new
 * UIDs (a new SOP and Series Instance UID each time, a new Study Instance UID every
 * {@value #SERIES_PER_STUDY} series and a new Patient ID every {@value #SERIES_PER_PATIENT}, as in
 * a batch, so that the keyed remaps are computed and not found in the de-identifier's cache); the
 * document id (the de-identified Series Instance UID, as the engine computes it first); the
 * de-identification of the header with the {@code annex-e} provider, profile {@code default},
 * a 32-byte key; {@link TerminologyBuilder#add} (feature {@code terminology}; a new builder every
 * 10,000 series, not snapshotted); {@link DocumentIndexer#index} (feature {@code pivot}); the
 * {@link PivotDocument} built as the engine builds it; the document written with {@code pivot-xml}
 * into a reused in-memory buffer.
 *
 * <p>The other benchmarks are the stages alone, so the figures say where the time goes:
 * {@code copyHeader} (the copy with new UIDs, the benchmark's own cost, which a real batch does not
 * have), {@code deidentify} (copy + document id + header, as in {@code pipeline}),
 * {@code terminologyAdd}, {@code index}, {@code buildDocument} and {@code writeXml}, each on inputs
 * prepared once (the header de-identified once, its elements, its document).
 *
 * <p>Besides JMH's score (wall time per operation), each trial prints the benchmark thread's own
 * CPU time per operation over the measurement iterations ({@code thread CPU per op}), read from
 * {@link ThreadMXBean#getCurrentThreadCpuTime()} around each iteration: on a machine shared with
 * other work it does not count the time the thread waited for a core, which the score does.
 * {@code pipeline} needs the longer warm-up of the defaults (10 iterations of 2 s): at a few
 * hundred microseconds per operation before it is compiled, three short iterations leave it
 * still warming up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class PipelineBenchmark {

    /** Series of one synthetic study. */
    static final int SERIES_PER_STUDY = 4;

    /** Series of one synthetic patient. */
    static final int SERIES_PER_PATIENT = 8;

    private static final int BATCH = 10_000;
    private static final String ACCESSION = "ABENCH000042";
    private static final String UID_ROOT = "1.2.826.0.1.3680043.2.1125.77.";
    private static final byte[] KEY = "pipeline benchmark key, 32 bytes".getBytes(StandardCharsets.US_ASCII);

    /** Which header. */
    @Param({"mr", "ct", "rdsr"})
    public String header;

    private final TerminologySettings settings = TerminologySettings.defaults();
    private DicomObject source;
    private ObjectDeidentifier deidentifier;
    private TerminologyProvider terminologyProvider;
    private TerminologyBuilder terminology;
    private DocumentIndexer indexer;
    private PivotSerializerProvider xml;
    private ByteArrayOutputStream buffer;
    private long counter;
    private int inBatch;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long ops;
    private long opsAtStart;
    private long cpuAtStart;
    private boolean measuring;
    private final List<Double> cpuPerOp = new ArrayList<>();

    private DicomObject deidentified;
    private String documentId;
    private List<PivotElement> elements;
    private PivotDocument document;

    /** Reads the header, finds the providers, prepares the inputs of the stages alone. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (KEY.length != 32) {
            throw new IllegalStateException("the key must have 32 bytes, has " + KEY.length);
        }
        source = DicomReader.read(Samples.file(header), ReadOptions.builder().headerOnly(true).build()).dataset();
        deidentifier = ProviderRegistry.builder(DeidentifierProvider.class, "i4dw-deid").build().get("annex-e")
                .create(DeidentifierSpec.of("default", KEY, null));
        terminologyProvider = ProviderRegistry.builder(TerminologyProvider.class, "i4dw-terminology").build().best();
        terminology = terminologyProvider.newBuilder(settings);
        indexer = terminologyProvider.newIndexer(settings);
        xml = ProviderRegistry.builder(PivotSerializerProvider.class, "i4dw-pivot").build().get("pivot-xml");
        buffer = new ByteArrayOutputStream(1 << 16);

        DicomObject h = withNewUids(source, 0);
        documentId = documentId(h);
        deidentified = deidentifier.deidentify(h);
        elements = indexer.index(deidentified);
        document = document(deidentified, documentId, elements);
        buffer.reset();
        xml.write(document, buffer);
        System.out.printf("%n[%s] %d top-level elements, %d after de-identification, %d pivot elements, "
                + "%d bytes of pivot XML; %s%n", header, source.size(), deidentified.size(), elements.size(),
                buffer.size(), deidentifier.description());
        buffer.reset();
    }

    /**
     * Notes the thread's CPU time at the start of an iteration.
     *
     * @param iteration the iteration (warm-up or measurement)
     */
    @Setup(Level.Iteration)
    public void startIteration(IterationParams iteration) {
        measuring = iteration.getType() == IterationType.MEASUREMENT;
        opsAtStart = ops;
        cpuAtStart = threads.getCurrentThreadCpuTime();
    }

    /** Records the thread's CPU time per operation of a measurement iteration. */
    @TearDown(Level.Iteration)
    public void endIteration() {
        long cpu = threads.getCurrentThreadCpuTime() - cpuAtStart;
        long n = ops - opsAtStart;
        if (measuring && n > 0) {
            cpuPerOp.add(cpu / 1e3 / n);
        }
    }

    /**
     * Prints the thread CPU time per operation of the measurement iterations.
     *
     * @param params the benchmark
     */
    @TearDown(Level.Trial)
    public void report(BenchmarkParams params) {
        if (!cpuPerOp.isEmpty()) {
            double mean = cpuPerOp.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            StringBuilder each = new StringBuilder();
            for (double d : cpuPerOp) {
                each.append(each.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", d));
            }
            System.out.printf(Locale.ROOT, "%n[%s %s] thread CPU per op: %.2f us (iterations: %s)%n",
                    params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1), header, mean, each);
        }
    }

    /**
     * One series, every CPU stage.
     *
     * @return the bytes of pivot XML written
     * @throws IOException never (the buffer is in memory)
     */
    @Benchmark
    public int pipeline() throws IOException {
        ops++;
        DicomObject h = withNewUids(source, counter++);
        String docId = documentId(h);
        DicomObject deid = deidentifier.deidentify(h);
        String patientKey = deid.string(Tag.PatientID).orElse("");
        terminology().add(patientKey.isBlank() ? "document:" + docId : patientKey, docId, deid);
        List<PivotElement> es = indexer.index(deid);
        PivotDocument d = document(deid, docId, es);
        buffer.reset();
        xml.write(d, buffer);
        return buffer.size();
    }

    /**
     * The benchmark's own cost: the header copied with new UIDs.
     *
     * @return the copy
     */
    @Benchmark
    public DicomObject copyHeader() {
        ops++;
        return withNewUids(source, counter++);
    }

    /**
     * De-identification as in {@link #pipeline}: the copy, the document id, the header.
     *
     * @return the de-identified header
     */
    @Benchmark
    public DicomObject deidentify() {
        ops++;
        DicomObject h = withNewUids(source, counter++);
        documentId(h);
        return deidentifier.deidentify(h);
    }

    /**
     * The de-identified header added to the terminology as a new document.
     *
     * @return the builder
     */
    @Benchmark
    public TerminologyBuilder terminologyAdd() {
        ops++;
        long n = counter++;
        TerminologyBuilder t = terminology();
        t.add("P" + (n / SERIES_PER_PATIENT), documentId + "." + n, deidentified);
        return t;
    }

    /**
     * The de-identified header turned into pivot elements.
     *
     * @return the elements
     */
    @Benchmark
    public List<PivotElement> index() {
        ops++;
        return indexer.index(deidentified);
    }

    /**
     * The pivot document built from the de-identified header and its elements.
     *
     * @return the document
     */
    @Benchmark
    public PivotDocument buildDocument() {
        ops++;
        return document(deidentified, documentId, elements);
    }

    /**
     * The document written as pivot XML into the reused buffer.
     *
     * @return the bytes written
     * @throws IOException never (the buffer is in memory)
     */
    @Benchmark
    public int writeXml() throws IOException {
        ops++;
        buffer.reset();
        xml.write(document, buffer);
        return buffer.size();
    }

    /** The builder, a new one every {@value #BATCH} series. */
    private TerminologyBuilder terminology() {
        if (++inBatch == BATCH) {
            inBatch = 0;
            terminology = terminologyProvider.newBuilder(settings);
        }
        return terminology;
    }

    /** The header with the UIDs (and Patient ID) a series number {@code n} of a batch would have. */
    private static DicomObject withNewUids(DicomObject h, long n) {
        return h.toBuilder().set(Tag.SOPInstanceUID, VR.UI, UID_ROOT + "3." + n)
                .set(Tag.SeriesInstanceUID, VR.UI, UID_ROOT + "2." + n)
                .set(Tag.StudyInstanceUID, VR.UI, UID_ROOT + "1." + n / SERIES_PER_STUDY)
                .set(Tag.PatientID, VR.LO, "BENCH" + n / SERIES_PER_PATIENT).build();
    }

    /** The document id as the batch engine computes it: the de-identified Series Instance UID. */
    private String documentId(DicomObject h) {
        return deidentifier.deidentify(DicomObject.builder()
                .set(Tag.PatientID, VR.LO, h.string(Tag.PatientID).orElse(""))
                .set(Tag.StudyInstanceUID, VR.UI, h.string(Tag.StudyInstanceUID).orElseThrow())
                .set(Tag.SeriesInstanceUID, VR.UI, h.string(Tag.SeriesInstanceUID).orElseThrow()).build())
                .string(Tag.SeriesInstanceUID).orElse("");
    }

    /** The pivot document as the batch engine builds it (routine mode, one instance retrieved of two). */
    private PivotDocument document(DicomObject d, String docId, List<PivotElement> es) {
        return SeriesDocuments.start(d, docId, ACCESSION, d.string(Tag.PatientID).orElse(""),
                settings.textIndexFields(), 2, 1).addElements(es).build();
    }
}
