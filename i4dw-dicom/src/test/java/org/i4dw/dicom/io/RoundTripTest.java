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
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
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
 * <p>What the writer must change, and so what equality allows (each rule is applied element by
 * element, and only where its condition is checked, never to the data set as a whole):
 * <ol>
 * <li>Group length elements (gggg,0000) are left out ({@link WriteOptions.GroupLengths#DROP}).</li>
 * <li>A value of odd length gains its padding byte (PS3.5 7.1.1: values have even length); for
 *     text the equality of decoded, trimmed values already allows that.</li>
 * <li>An element may come back with another VR only when the encoding cannot say the original
 *     one, and then its value bytes must be the same (after rule 2):
 *     <ul>
 *     <li>in Implicit VR, where the reader takes the VR from the dictionary (so OB pixel data
 *         comes back OW, a private element UN, an element whose VR disagreed with the dictionary
 *         gets the dictionary's);</li>
 *     <li>UN on either side, or on the wire: a value over 64 KiB in a VR with a 16-bit length
 *         is written as UN in explicit VR (PS3.5 6.2.2) and read back with the dictionary's VR
 *         (so a US-or-OW LUT Data comes back OW) or, in big endian, as UN; and a UN read from an
 *         implicit file stays UN.</li>
 *     </ul></li>
 * <li>A sequence that comes back as UN (a private sequence in Implicit VR with a defined length:
 *     no dictionary says it is one) must hold exactly the implicit VR LE items of the original:
 *     its bytes are read again as a sequence and compared item by item with these same rules.</li>
 * <li>Write, read, write gives the same bytes; but where rule 3 let a VR change in explicit VR
 *     (UN on the wire, the dictionary's VR once read), the second write labels the value with the
 *     VR that was read, so the bytes must be stable from the second write on.</li>
 * </ol>
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
        DicomObject expected = expected(original.dataset(), back.dataset(), ts, true, changes);
        assertEquals(expected, back.dataset(), () -> rel + " in " + ts.name() + " differs: "
                + differences(expected, back.dataset()) + "; VR changes allowed by the rules: " + changes);
        byte[] again = write(back.fileMetaInformation(), back.dataset(), ts, options);
        if (ts.isExplicitVr() && !changes.isEmpty()) {
            // rule 5: the VR label changed once (UN on the first write, the read VR on the second)
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

    // ---- the comparison rules of the class description ----

    /**
     * The original as the read-back data set must equal it: rules 1 and 2 applied, and each element
     * whose VR changed taken from {@code back} where rule 3 or 4 allows it; everything else as it
     * was, so that any other difference fails {@link DicomObject#equals}.
     */
    private static DicomObject expected(DicomObject orig, DicomObject back, TransferSyntax ts, boolean topLevel,
            List<String> changes) throws IOException {
        DicomObject.Builder b = DicomObject.builder().inheritCharacterSet(orig.characterSet());
        for (DicomElement e : orig) {
            int tag = e.tagValue();
            if ((tag & 0xFFFF) == 0) {
                continue; // rule 1
            }
            Optional<DicomElement> found = element(back, tag);
            if (found.isEmpty()) {
                b.set(e);
                continue;
            }
            DicomElement r = found.get();
            if (e.vr() == r.vr()) {
                if (e.kind() == DicomElement.ValueKind.ITEMS && r.kind() == DicomElement.ValueKind.ITEMS
                        && e.items().size() == r.items().size()) {
                    b.setSequence(tag, expectedItems(e.items(), r.items(), ts, changes));
                } else {
                    setPadded(b, e, e.vr());
                }
            } else if (vrChangeAllowed(e, r, ts)) {
                changes.add(Tag.toString(tag) + " " + e.vr() + "->" + r.vr());
                b.set(r);
            } else {
                b.set(e);
            }
        }
        return b.build();
    }

    private static List<DicomObject> expectedItems(List<DicomObject> orig, List<DicomObject> back, TransferSyntax ts,
            List<String> changes) throws IOException {
        List<DicomObject> items = new ArrayList<>(orig.size());
        for (int i = 0; i < orig.size(); i++) {
            items.add(expected(orig.get(i), back.get(i), ts, false, changes));
        }
        return items;
    }

    /** Rule 2: binary and bulk values of odd length come back with one padding byte. */
    private static void setPadded(DicomObject.Builder b, DicomElement e, VR vr) {
        if (e.kind() == DicomElement.ValueKind.BYTES && !vr.isText() && (e.bytes().orElseThrow().remaining() & 1) != 0) {
            b.adoptBytes(e.tagValue(), vr, padded(e));
        } else {
            b.set(e);
        }
    }

    /** Rules 3 and 4. */
    private static boolean vrChangeAllowed(DicomElement orig, DicomElement back, TransferSyntax ts) throws IOException {
        boolean implicit = !ts.isExplicitVr();
        boolean un = orig.vr() == VR.UN || back.vr() == VR.UN || writtenAsUn(orig, ts);
        if (!implicit && !un) {
            return false;
        }
        if (orig.kind() == DicomElement.ValueKind.ITEMS) {
            return back.vr() == VR.UN && back.kind() == DicomElement.ValueKind.BYTES && implicit
                    && sequenceInUnEquals(orig, back.bytes().orElseThrow(), ts);
        }
        if (orig.kind() == DicomElement.ValueKind.EMPTY || back.kind() == DicomElement.ValueKind.EMPTY) {
            return orig.kind() == back.kind();
        }
        if (orig.kind() != DicomElement.ValueKind.BYTES || back.kind() != DicomElement.ValueKind.BYTES) {
            return false;
        }
        return Arrays.equals(padded(orig), toArray(back.bytes().orElseThrow()));
    }

    /** What the writer does with a value too long for a 16-bit length in explicit VR. */
    private static boolean writtenAsUn(DicomElement e, TransferSyntax ts) {
        return ts.isExplicitVr() && !e.vr().hasLongExplicitHeader() && e.kind() == DicomElement.ValueKind.BYTES
                && padded(e).length > 0xFFFF;
    }

    /** Rule 4: reads the UN bytes again as an implicit VR LE sequence of undefined length. */
    private static boolean sequenceInUnEquals(DicomElement orig, ByteBuffer un, TransferSyntax ts) throws IOException {
        byte[] sequence = StreamBuilder.dataset(false, false).tag(orig.tagValue()).u32(Parser.UNDEFINED)
                .raw(toArray(un)).tag(Parser.SEQUENCE_DELIMITATION).u32(0).bytes();
        DicomObject reread = DicomReader.readDataset(new ByteArrayInputStream(sequence), "UN value",
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, IN_MEMORY).dataset();
        DicomElement seq = element(reread, orig.tagValue()).orElseThrow();
        if (seq.items().size() != orig.items().size()) {
            return false;
        }
        List<DicomObject> expected = expectedItems(orig.items(), seq.items(), ts, new ArrayList<>());
        return expected.equals(seq.items());
    }

    private static byte[] padded(DicomElement e) {
        byte[] v = toArray(e.bytes().orElseThrow());
        if ((v.length & 1) == 0) {
            return v;
        }
        byte[] p = Arrays.copyOf(v, v.length + 1);
        p[v.length] = (byte) e.vr().paddingByte();
        return p;
    }

    private static byte[] toArray(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    private static Optional<DicomElement> element(DicomObject ds, int tag) {
        for (DicomElement e : ds) {
            if (e.tagValue() == tag) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Tags and VRs that differ, never values (they may be patient data). */
    private static String differences(DicomObject expected, DicomObject actual) {
        List<String> out = new ArrayList<>();
        for (DicomElement e : expected) {
            Optional<DicomElement> a = element(actual, e.tagValue());
            if (a.isEmpty()) {
                out.add(e + " missing");
            } else if (a.get().vr() != e.vr()) {
                out.add(e + " came back as " + a.get().vr());
            } else if (!single(e).equals(single(a.get()))) {
                if (e.kind() == DicomElement.ValueKind.ITEMS && a.get().items().size() == e.items().size()) {
                    for (int i = 0; i < e.items().size(); i++) {
                        if (!e.items().get(i).equals(a.get().items().get(i))) {
                            out.add(e + " item " + (i + 1) + ": "
                                    + differences(e.items().get(i), a.get().items().get(i)));
                        }
                    }
                } else {
                    out.add(e + " value " + e.kind() + " vs " + a.get().kind());
                }
            }
        }
        for (DicomElement a : actual) {
            if (element(expected, a.tagValue()).isEmpty()) {
                out.add(a + " added");
            }
        }
        return out.stream().collect(Collectors.joining(", ", "[", "]"));
    }

    private static DicomObject single(DicomElement e) {
        return DicomObject.builder().inheritCharacterSet(e.characterSet()).set(e).build();
    }

    /** Rule 3 at work where the corpus has no example: a US value over 64 KiB, in each native syntax. */
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
