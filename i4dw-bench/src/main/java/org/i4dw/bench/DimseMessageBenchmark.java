/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.TransferSyntax;
import org.i4dw.data.VR;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.DicomWriter;
import org.i4dw.dicom.io.ReadOptions;
import org.i4dw.dicom.io.WriteOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The codec work of the small DIMSE messages routine extraction exchanges per series, through the
 * public codec API as the network layer calls it: encoding a C-GET-RQ command set (Implicit VR,
 * group length computed) and a C-FIND identifier at IMAGE level (Explicit VR), decoding a C-GET-RSP
 * command set and a C-FIND answer, and reading a C-STORE data set header-only from a stream that,
 * like the PDV stream, does not say how much is available. Run with {@code -prof gc} for the bytes
 * allocated per operation ({@code gc.alloc.rate.norm}): most of it was buffers never filled.
 *
 * <pre>./i4dw bench DimseMessageBenchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DimseMessageBenchmark {

    private static final String GET_SOP_CLASS = "1.2.840.10008.5.1.4.1.2.2.3";
    private static final String STUDY = "1.2.826.0.1.3680043.8.498.10637352416342613398245377891234567890";
    private static final String SERIES = "1.2.826.0.1.3680043.8.498.20637352416342613398245377891234567891";
    private static final WriteOptions COMMAND_WRITE =
            WriteOptions.builder().groupLengths(WriteOptions.GroupLengths.COMPUTE).build();
    private static final ReadOptions COMMAND_READ = ReadOptions.builder().maxDepth(2).build();
    private static final ReadOptions RESULT_READ =
            ReadOptions.builder().bulkDataThreshold(Integer.MAX_VALUE).build();
    private static final ReadOptions HEADER_ONLY = ReadOptions.builder().headerOnly(true).build();

    private DicomObject command;
    private DicomObject identifier;
    private byte[] commandBytes;
    private byte[] answerBytes;
    private byte[] instanceBytes;
    private final Sink sink = new Sink();

    /** Builds the messages and their encodings; reads the MR sample's data set for the C-STORE case. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        command = DicomObject.builder()
                .set(Tag.of(0x00000002), VR.UI, GET_SOP_CLASS)
                .setInts(Tag.of(0x00000100), VR.US, 0x0010)
                .setInts(Tag.of(0x00000110), VR.US, 4711)
                .setInts(Tag.of(0x00000700), VR.US, 0)
                .setInts(Tag.of(0x00000800), VR.US, 0)
                .build();
        identifier = DicomObject.builder()
                .set(Tag.QueryRetrieveLevel, VR.CS, "IMAGE")
                .set(Tag.StudyInstanceUID, VR.UI, STUDY)
                .set(Tag.SeriesInstanceUID, VR.UI, SERIES)
                .setEmpty(Tag.SOPInstanceUID, VR.UI)
                .setEmpty(Tag.SOPClassUID, VR.UI)
                .setEmpty(Tag.InstanceNumber, VR.IS)
                .build();
        commandBytes = encode(DicomObject.builder()
                .set(Tag.of(0x00000002), VR.UI, GET_SOP_CLASS)
                .setInts(Tag.of(0x00000100), VR.US, 0x8010)
                .setInts(Tag.of(0x00000120), VR.US, 4711)
                .setInts(Tag.of(0x00000800), VR.US, 0x0101)
                .setInts(Tag.of(0x00000900), VR.US, 0xFF00)
                .setInts(Tag.of(0x00001020), VR.US, 1)
                .setInts(Tag.of(0x00001021), VR.US, 1)
                .setInts(Tag.of(0x00001022), VR.US, 0)
                .setInts(Tag.of(0x00001023), VR.US, 0)
                .build(), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, COMMAND_WRITE);
        answerBytes = encode(identifier.toBuilder()
                .set(Tag.SOPInstanceUID, VR.UI, SERIES + ".1")
                .set(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.4")
                .set(Tag.InstanceNumber, VR.IS, "1")
                .set(Tag.RetrieveAETitle, VR.AE, "ORTHANC")
                .build(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, WriteOptions.defaults());
        DicomObject mr = DicomReader.read(Samples.file("mr"), ReadOptions.defaults()).dataset();
        instanceBytes = encode(mr, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, WriteOptions.defaults());
        System.out.printf("%n[messages] command %d bytes, C-FIND answer %d bytes, C-STORE data set %d bytes%n",
                commandBytes.length, answerBytes.length, instanceBytes.length);
    }

    private static byte[] encode(DicomObject ds, TransferSyntax ts, WriteOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeDataset(out, ds, ts, options);
        return out.toByteArray();
    }

    /** A C-GET-RQ command set, as Association.send encodes it. */
    @Benchmark
    public long encodeCommand() throws IOException {
        sink.reset();
        DicomWriter.writeDataset(sink, command, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, COMMAND_WRITE);
        return sink.count;
    }

    /** A C-FIND IMAGE identifier, as the C-FIND and C-GET requests encode it. */
    @Benchmark
    public long encodeIdentifier() throws IOException {
        sink.reset();
        DicomWriter.writeDataset(sink, identifier, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, WriteOptions.defaults());
        return sink.count;
    }

    /** A C-GET-RSP command set, as Association.receive decodes it. */
    @Benchmark
    public DicomObject decodeCommand() throws IOException {
        return DicomReader.readDataset(new ByteArrayInputStream(commandBytes), "bench",
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, COMMAND_READ).dataset();
    }

    /** A C-FIND answer from a stream that does not know its length (the PDV stream). */
    @Benchmark
    public DicomObject decodeFindAnswer() throws IOException {
        return DicomReader.readDataset(new Unsized(answerBytes), "bench", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                RESULT_READ).dataset();
    }

    /** A C-STORE data set (the MR sample) read header-only from a stream that does not know its length. */
    @Benchmark
    public DicomObject decodeStoreHeader() throws IOException {
        return DicomReader.readDataset(new Unsized(instanceBytes), "bench", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                HEADER_ONLY).dataset();
    }

    /** Counts and drops what is written (the PDV stream copies it into its PDU buffer). */
    static final class Sink extends OutputStream {
        long count;

        void reset() {
            count = 0;
        }

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    /** A stream over bytes whose {@code available()} is 0, as a network stream's may be. */
    static final class Unsized extends FilterInputStream {
        Unsized(byte[] bytes) {
            super(new ByteArrayInputStream(bytes));
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            // a PDV stream hands out at most one PDV at a time: 16 KiB as Orthanc sends them
            return super.read(b, off, Math.min(len, 16 * 1024));
        }
    }
}
