/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.arbitraries.StringArbitrary;
import org.i4dw.api.DicomParseException;
import org.i4dw.data.DicomObject;
import org.i4dw.data.SpecificCharacterSet;
import org.i4dw.data.Tag;
import org.i4dw.data.TransferSyntax;
import org.i4dw.data.VR;

/**
 * Proves with generated data sets that the codec is lossless and the reader robust: any data set
 * (standard elements of every kind of VR, private elements under a private creator, text from the
 * repertoire of the default character set, ISO_IR 100 or ISO_IR 192 within each VR's length
 * limit, binary numbers of whole words, OB and OW bytes of any length, empty values, sequences
 * nested up to depth 4 with 0 to 3 items), written in any native transfer syntax with defined or
 * undefined lengths, reads back equal, under the rules of {@link RoundTripRules} (so a private
 * element comes back UN in Implicit VR, with the same bytes); and the same bytes, truncated or
 * overwritten anywhere, make the reader throw nothing but {@link DicomParseException}.
 */
class CodecPropertiesTest {

    private static final List<TransferSyntax> NATIVE = List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
            TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN,
            TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
    private static final ReadOptions IN_MEMORY = ReadOptions.builder().bulkDataThreshold(Integer.MAX_VALUE).build();
    private static final int MAX_DEPTH = 4;
    private static final int PRIVATE_CREATOR = 0x00090010;
    private static final String CREATOR = "I4DW PROPERTY TEST";

    /** The character repertoires the text is drawn from, with their (0008,0005) term. */
    enum Repertoire {
        DEFAULT(null), LATIN_1("ISO_IR 100"), UTF_8("ISO_IR 192");

        final String term;

        Repertoire(String term) {
            this.term = term;
        }
    }

    /** A standard element: tag, its only dictionary VR, and the maximum length of one value. */
    private record Standard(int tag, VR vr, int maxLength) {
    }

    private static final List<Standard> STANDARD = List.of(
            new Standard(0x00080008, VR.CS, 16), // Image Type
            new Standard(0x00080020, VR.DA, 8), // Study Date
            new Standard(0x00080030, VR.TM, 14), // Study Time
            new Standard(0x00080050, VR.SH, 16), // Accession Number
            new Standard(0x00080054, VR.AE, 16), // Retrieve AE Title
            new Standard(0x00080060, VR.CS, 16), // Modality
            new Standard(0x00080080, VR.LO, 64), // Institution Name
            new Standard(0x00080081, VR.ST, 1024), // Institution Address
            new Standard(0x00080090, VR.PN, 64), // Referring Physician's Name
            new Standard(0x00080119, VR.UC, 200), // Long Code Value
            new Standard(0x0008010E, VR.UR, 200), // Coding Scheme URL
            new Standard(0x0008030E, VR.UT, 2000), // Private Data Element Description
            new Standard(0x0008040C, VR.UV, 8), // File Offset in Container
            new Standard(0x00081030, VR.LO, 64), // Study Description
            new Standard(0x0008103E, VR.LO, 64), // Series Description
            new Standard(0x00100010, VR.PN, 64), // Patient's Name
            new Standard(0x00100020, VR.LO, 64), // Patient ID
            new Standard(0x00101010, VR.AS, 4), // Patient's Age
            new Standard(0x001021B0, VR.LT, 2000), // Additional Patient History
            new Standard(0x00100040, VR.CS, 16), // Patient's Sex
            new Standard(0x00180050, VR.DS, 16), // Slice Thickness
            new Standard(0x00186020, VR.SL, 4), // Reference Pixel X0
            new Standard(0x00189219, VR.SS, 2), // Tag Angle Second Axis
            new Standard(0x00082134, VR.FD, 8), // Event Time Offset
            new Standard(0x00109431, VR.FL, 4), // Examined Body Thickness
            new Standard(0x00080309, VR.UL, 4), // Private Data Element Value Multiplicity
            new Standard(0x00209165, VR.AT, 4), // Dimension Index Pointer
            new Standard(0x0020000D, VR.UI, 64), // Study Instance UID
            new Standard(0x00200011, VR.IS, 12), // Series Number
            new Standard(0x0008002A, VR.DT, 26), // Acquisition DateTime
            new Standard(0x00280010, VR.US, 2), // Rows
            new Standard(0x00143080, VR.OB, 301), // Bad Pixel Image
            new Standard(0x00281408, VR.OW, 300)); // Blending Lookup Table Data

    /** Sequences: Referenced Series, Referenced Image, Content, Concept Name Code. */
    private static final List<Integer> SEQUENCES = List.of(0x00081115, 0x00081140, 0x0040A730, 0x0040A043);

    private static final List<VR> PRIVATE_VRS = List.of(VR.LO, VR.SH, VR.UT, VR.DS, VR.US, VR.UL, VR.FD, VR.OB,
            VR.SQ);

    /** One generated element, applied to a builder; shows tag and VR only. */
    private record Element(int tag, VR vr, Object value) {

        void addTo(DicomObject.Builder b) {
            Tag t = Tag.of(tag);
            if (value == null) {
                b.setEmpty(tag, vr);
            } else if (value instanceof String[]) {
                b.set(t, vr, (String[]) value);
            } else if (value instanceof byte[]) {
                b.setBytes(t, vr, (byte[]) value);
            } else {
                @SuppressWarnings("unchecked")
                List<DicomObject> items = (List<DicomObject>) value;
                b.setSequence(tag, items);
            }
        }

        @Override
        public String toString() {
            return Tag.toString(tag) + " " + vr + (value instanceof String[] ? Arrays.toString((String[]) value) : "");
        }
    }

    @Property(tries = 200)
    void writeThenReadGivesAnEqualDataSet(@ForAll("dataSets") DicomObject ds, @ForAll("nativeSyntaxes") TransferSyntax ts,
            @ForAll boolean undefinedLengths) throws IOException {
        byte[] written = write(ds, ts, undefinedLengths);
        DicomObject back = DicomReader.readDataset(new ByteArrayInputStream(written), "property", ts, IN_MEMORY)
                .dataset();
        List<String> changes = new ArrayList<>();
        DicomObject expected = RoundTripRules.expected(ds, back, ts, changes);
        assertEquals(expected, back, () -> ts.name() + " differs: " + RoundTripRules.differences(expected, back)
                + "; VR changes allowed by the rules: " + changes);
    }

    @Property(tries = 200)
    void damagedBytesGiveNothingButDicomParseException(@ForAll("dataSets") DicomObject ds,
            @ForAll("nativeSyntaxes") TransferSyntax ts, @ForAll boolean undefinedLengths,
            @ForAll("damage") Damage damage) throws IOException {
        byte[] damaged = damage.apply(write(ds, ts, undefinedLengths));
        try {
            DicomReader.readDataset(new ByteArrayInputStream(damaged), "property", ts, IN_MEMORY);
        } catch (DicomParseException expected) {
            // bad input, said so
        }
        try {
            DicomReader.read(new ByteArrayInputStream(damaged), "property", IN_MEMORY);
        } catch (DicomParseException expected) {
            // bad input, said so
        }
    }

    private static byte[] write(DicomObject ds, TransferSyntax ts, boolean undefinedLengths) throws IOException {
        WriteOptions options = WriteOptions.builder().undefinedLengthSequences(undefinedLengths)
                .undefinedLengthItems(undefinedLengths).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeDataset(out, ds, ts, options);
        return out.toByteArray();
    }

    /** Truncation at a fraction of the length, or a byte overwritten there. */
    record Damage(double at, boolean truncate, byte value) {

        byte[] apply(byte[] b) {
            if (b.length == 0) {
                return b;
            }
            int i = (int) Math.min(b.length - 1, Math.floor(at * b.length));
            if (truncate) {
                return Arrays.copyOf(b, i);
            }
            byte[] c = b.clone();
            c[i] = value;
            return c;
        }
    }

    @Provide
    Arbitrary<Damage> damage() {
        return Combinators.combine(Arbitraries.doubles().between(0, 1), Arbitraries.of(true, false),
                Arbitraries.bytes()).as(Damage::new);
    }

    @Provide
    Arbitrary<TransferSyntax> nativeSyntaxes() {
        return Arbitraries.of(NATIVE);
    }

    @Provide
    Arbitrary<DicomObject> dataSets() {
        return Arbitraries.of(Repertoire.class).flatMap(r -> dataSet(r, 0));
    }

    private static Arbitrary<DicomObject> dataSet(Repertoire r, int depth) {
        return element(r, depth).list().ofMaxSize(depth == 0 ? 12 : 4).map(elements -> {
            DicomObject.Builder b = DicomObject.builder();
            if (depth == 0 && r.term != null) {
                b.set(Tag.SpecificCharacterSet, VR.CS, r.term);
            }
            b.inheritCharacterSet(SpecificCharacterSet.of(r.term == null ? List.of() : List.of(r.term)));
            boolean anyPrivate = false;
            for (Element e : elements) {
                e.addTo(b);
                anyPrivate |= e.tag() >>> 16 == 0x0009;
            }
            if (anyPrivate) {
                b.set(Tag.of(PRIVATE_CREATOR), VR.LO, CREATOR);
            }
            return b.build();
        });
    }

    private static Arbitrary<Element> element(Repertoire r, int depth) {
        Arbitrary<Element> standard = Arbitraries.of(STANDARD).flatMap(s -> value(s.vr(), s.maxLength(), r)
                .map(v -> new Element(s.tag(), s.vr(), v)));
        List<VR> privateVrs = depth < MAX_DEPTH ? PRIVATE_VRS : PRIVATE_VRS.subList(0, PRIVATE_VRS.size() - 1);
        Arbitrary<Element> privateElement = Combinators.combine(Arbitraries.integers().between(0x00, 0xFF),
                Arbitraries.of(privateVrs)).flatAs((e, vr) -> (vr == VR.SQ ? items(r, depth) : value(vr, 64, r))
                        .map(v -> new Element(0x00091000 | e, vr, v)));
        if (depth >= MAX_DEPTH) {
            return Arbitraries.frequencyOf(Tuple.of(4, standard), Tuple.of(1, privateElement));
        }
        Arbitrary<Element> sequence = Arbitraries.of(SEQUENCES).flatMap(tag -> items(r, depth)
                .map(v -> new Element(tag, VR.SQ, v)));
        return Arbitraries.frequencyOf(Tuple.of(6, standard), Tuple.of(2, privateElement),
                Tuple.of(2, sequence));
    }

    private static Arbitrary<Object> items(Repertoire r, int depth) {
        return Arbitraries.lazy(() -> dataSet(r, depth + 1)).list().ofMaxSize(3).map(l -> (Object) l);
    }

    /** A value of {@code vr}, or null (an empty value) one time in ten. */
    private static Arbitrary<Object> value(VR vr, int maxLength, Repertoire r) {
        Arbitrary<Object> value;
        switch (vr.kind()) {
            case TEXT:
                value = text(vr, maxLength, r).map(v -> (Object) v);
                break;
            case BINARY:
                value = Arbitraries.integers().between(1, 4).flatMap(n -> Arbitraries.bytes().array(byte[].class)
                        .ofSize(n * vr.unitSize())).map(v -> (Object) v);
                break;
            default:
                value = Arbitraries.bytes().array(byte[].class).ofMaxSize(maxLength)
                        .map(v -> vr == VR.OW && (v.length & 1) != 0 ? Arrays.copyOf(v, v.length - 1) : v)
                        .map(v -> (Object) v);
                break;
        }
        return Arbitraries.frequencyOf(Tuple.of(9, value),
                Tuple.of(1, Arbitraries.just(null)));
    }

    /** Text values from the VR's character repertoire, one value for single-valued VRs, 1-3 otherwise. */
    private static Arbitrary<String[]> text(VR vr, int maxLength, Repertoire r) {
        Arbitrary<String> one = oneValue(vr, maxLength, r);
        if (!vr.isMultiValuedText()) {
            return one.map(v -> new String[] {v});
        }
        return one.array(String[].class).ofMinSize(1).ofMaxSize(3);
    }

    private static Arbitrary<String> oneValue(VR vr, int maxLength, Repertoire r) {
        switch (vr) {
            case DA:
                return Arbitraries.strings().numeric().ofLength(8);
            case TM:
                return Arbitraries.strings().numeric().ofMinLength(2).ofMaxLength(6);
            case DT:
                return Arbitraries.strings().numeric().ofMinLength(4).ofMaxLength(14);
            case AS:
                return Combinators.combine(Arbitraries.strings().numeric().ofLength(3), Arbitraries.of("D", "W", "M", "Y"))
                        .as(String::concat);
            case IS:
                return Arbitraries.integers().between(-99_999_999, 999_999_999).map(String::valueOf);
            case DS:
                return Arbitraries.doubles().between(-1e6, 1e6).ofScale(4)
                        .map(d -> String.format(Locale.ROOT, "%.4f", d));
            case UI:
                return Arbitraries.integers().between(0, 999_999).list().ofMinSize(1).ofMaxSize(8)
                        .map(parts -> "1.2." + String.join(".", parts.stream().map(String::valueOf).toList()));
            case CS:
                return Arbitraries.strings().withCharRange('A', 'Z').numeric().withChars('_', ' ').ofMaxLength(maxLength);
            case AE:
                return Arbitraries.strings().withCharRange('!', '~').excludeChars('\\').ofMinLength(1)
                        .ofMaxLength(maxLength);
            case UR:
                return Arbitraries.strings().withCharRange('!', '~').ofMaxLength(maxLength);
            default:
                return repertoire(r, vr.isMultiValuedText()).ofMaxLength(maxLength);
        }
    }

    /** Printable characters of the repertoire; no backslash where it separates values. */
    private static StringArbitrary repertoire(Repertoire r, boolean multiValued) {
        StringArbitrary s = Arbitraries.strings().withCharRange(' ', '~');
        if (r == Repertoire.LATIN_1) {
            s = s.withCharRange('\u00A0', '\u00FF');
        } else if (r == Repertoire.UTF_8) {
            s = s.withCharRange('\u00A0', '\uD7FF').withCharRange('\uE000', '\uFFFD');
        }
        return multiValued ? s.excludeChars('\\') : s;
    }
}
