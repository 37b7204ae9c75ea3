/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.i4dw.api.DicomParseException;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.TransferSyntax;
import org.i4dw.data.VR;
import org.i4dw.testkit.SampleCorpus;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Proves on real files that {@link DicomWriter} and {@link DicomReader} are inverse: every readable
 * file of the sample corpus, written in every transfer syntax that can carry it, with defined and
 * with undefined sequence and item lengths, reads back as an equal data set
 * ({@link DicomObject#equals}), and writing what was read back gives the same bytes again.
 *
 * <p>Transfer syntaxes: Implicit VR LE, Explicit VR LE, Explicit VR BE and Deflated Explicit VR LE
 * for files with native pixel data or none; a file with encapsulated pixel data only in its own
 * transfer syntax. Files that the reader refuses are skipped ({@link CorpusReadTest} covers them),
 * and only the first {@value #BULK_FILES} files of {@code 12-bulk-benchmark} (one series of
 * alike files) are used.
 *
 * <p>Equality allows only what the writer must change, element by element, as
 * {@link RoundTripRules} documents (group lengths dropped, padding added, a VR the encoding cannot
 * say); every other difference fails {@link DicomObject#equals}. Write, read, write must give the
 * same bytes; only where a VR changed in explicit VR (UN on the wire, the dictionary's VR once
 * read) does the second write label the value differently, and then the bytes must be stable
 * from the second write on.
 */
class RoundTripTest {

    private static final int BULK_FILES = 20;
    private static final String BULK_FOLDER = "12-bulk-benchmark";
    private static final ReadOptions IN_MEMORY = ReadOptions.builder().bulkDataThreshold(Integer.MAX_VALUE).build();
    private static final List<TransferSyntax> NATIVE = List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
            TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN,
            TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
    private static final WriteOptions DEFINED = WriteOptions.defaults();
    private static final WriteOptions UNDEFINED =
            WriteOptions.builder().undefinedLengthSequences(true).undefinedLengthItems(true).build();

    @TestFactory
    Stream<DynamicNode> everyReadableFileRoundTripsInEveryTransferSyntaxThatCanCarryIt() {
        SampleCorpus corpus = SampleCorpus.locate();
        return files(corpus).stream().map(f -> {
            String rel = corpus.root().relativize(f).toString();
            return dynamicContainer(rel, Stream.of(f).flatMap(file -> testsFor(file, rel)));
        });
    }

    /** The corpus without *.md files, and only the first files of the bulk benchmark series. */
    private static List<Path> files(SampleCorpus corpus) {
        List<Path> out = new ArrayList<>();
        int bulk = 0;
        for (Path f : SampleCorpus.candidates(corpus.root())) {
            if (f.getFileName().toString().endsWith(".md")) {
                continue;
            }
            if (corpus.root().relativize(f).startsWith(BULK_FOLDER) && bulk++ >= BULK_FILES) {
                continue;
            }
            out.add(f);
        }
        return out;
    }

    /** Reads the file once, then one test per transfer syntax and length mode. */
    private static Stream<DynamicNode> testsFor(Path file, String rel) {
        DicomFile original;
        try {
            original = DicomReader.read(file, IN_MEMORY);
        } catch (DicomParseException e) {
            return Stream.of(dynamicTest("refused by the reader", () -> Assumptions.abort(
                    "refused by the reader, see CorpusReadTest: " + e.reason())));
        } catch (IOException e) {
            return Stream.of(dynamicTest("unreadable", () -> {
                throw e;
            }));
        }
        boolean encapsulated = hasFragments(original.dataset());
        List<TransferSyntax> targets = encapsulated ? List.of(original.transferSyntax()) : NATIVE;
        List<DynamicNode> tests = new ArrayList<>();
        for (TransferSyntax ts : targets) {
            for (WriteOptions options : List.of(DEFINED, UNDEFINED)) {
                String name = ts.name() + (options == DEFINED ? ", defined lengths" : ", undefined lengths");
                tests.add(dynamicTest(name, () -> roundTrip(original, ts, options, rel)));
            }
        }
        return tests.stream();
    }

    private static boolean hasFragments(DicomObject ds) {
        for (DicomElement e : ds) {
            if (e.kind() == DicomElement.ValueKind.FRAGMENTS) {
                return true;
            }
        }
        return false;
    }

    private static void roundTrip(DicomFile original, TransferSyntax ts, WriteOptions options, String rel)
            throws IOException {
        byte[] written = write(original.fileMetaInformation(), original.dataset(), ts, options);
        DicomFile back = DicomReader.read(new ByteArrayInputStream(written), rel, IN_MEMORY);
        assertEquals(ts, back.transferSyntax());
        List<String> changes = new ArrayList<>();
        DicomObject expected = RoundTripRules.expected(original.dataset(), back.dataset(), ts, changes);
        assertEquals(expected, back.dataset(), () -> rel + " in " + ts.name() + " differs: "
                + RoundTripRules.differences(expected, back.dataset()) + "; VR changes allowed by the rules: "
                + changes);
        byte[] again = write(back.fileMetaInformation(), back.dataset(), ts, options);
        if (ts.isExplicitVr() && !changes.isEmpty()) {
            // the VR label changed once (UN on the first write, the read VR on the second)
            DicomFile settled = DicomReader.read(new ByteArrayInputStream(again), rel, IN_MEMORY);
            written = again;
            again = write(settled.fileMetaInformation(), settled.dataset(), ts, options);
        }
        assertArrayEquals(written, again, "write, read, write gives the same bytes");
    }

    private static byte[] write(DicomObject meta, DicomObject dataset, TransferSyntax ts, WriteOptions options)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeFile(out, meta, dataset, ts, options);
        return out.toByteArray();
    }

    /** The UN rule of RoundTripRules at work where the corpus has no example: a US value over 64 KiB, in each native syntax. */
    @Test
    void aValueTooLongForItsShortHeaderComesBackWithTheSameBytes() throws IOException {
        long[] lut = new long[40_000];
        for (int i = 0; i < lut.length; i++) {
            lut[i] = i * 3 % 65536;
        }
        DicomObject ds = DicomObject.builder().set(Tag.SOPClassUID, "1.2.840.10008.5.1.4.1.1.7")
                .set(Tag.SOPInstanceUID, "1.2.3.4").setInts(Tag.LUTData, VR.US, lut).build();
        for (TransferSyntax ts : NATIVE) {
            roundTrip(new DicomFile("lut", DicomObject.EMPTY, ds, ts, List.of(), false), ts, DEFINED, "lut");
        }
    }

    @Test
    void theBulkSeriesIsCutToItsFirstFiles() {
        SampleCorpus corpus = SampleCorpus.locate();
        long bulk = files(corpus).stream().filter(f -> corpus.root().relativize(f).startsWith(BULK_FOLDER)).count();
        assertEquals(BULK_FILES, bulk);
    }
}
