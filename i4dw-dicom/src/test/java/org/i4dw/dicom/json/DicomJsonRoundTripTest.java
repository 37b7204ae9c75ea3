/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.i4dw.data.BulkData;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Fragments;
import org.i4dw.data.SpecificCharacterSet;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DicomJsonRoundTripTest {

    private static final DicomJsonWriter COMPACT = DicomJsonWriter.builder().build();
    private static final DicomJsonWriter PRETTY = DicomJsonWriter.builder().pretty(true).build();

    private static void assertRoundTrip(DicomObject ds, DicomJsonWriter writer) {
        String json = writer.toJson(ds);
        DicomObject back = DicomJsonReader.read(json, "round-trip");
        assertEquals(ds, back, () -> "differs in " + differences(ds, back) + "; wrote\n" + json);
        assertEquals(json, writer.toJson(back));
    }

    /** The tags of the top-level elements that differ, with their VRs and kinds, never values. */
    private static List<String> differences(DicomObject a, DicomObject b) {
        List<String> out = new ArrayList<>();
        for (DicomElement e : a) {
            DicomObject x = DicomObject.builder().inheritCharacterSet(a.characterSet()).set(e).build();
            DicomObject y = b.element(e.tag()).map(f -> DicomObject.builder().inheritCharacterSet(b.characterSet())
                    .set(f).build()).orElse(DicomObject.EMPTY);
            if (!x.equals(y)) {
                out.add(e + " " + e.kind() + " vs " + b.element(e.tag()).map(f -> f + " " + f.kind()).orElse("absent"));
            }
        }
        return out;
    }

    /** Random data sets of every VR, nested sequences and four character sets round-trip exactly. */
    @Property(tries = 400)
    void randomDataSetsRoundTrip(@ForAll long seed, @ForAll boolean pretty) {
        DicomObject ds = RandomDataSets.dataSet(new Random(seed));
        assertRoundTrip(ds, pretty ? PRETTY : COMPACT);
    }

    /** Regression: the property once drew a group length inside an item (seed -51456). */
    @Test
    void groupLengthsAreLeftOutAtEveryDepth() {
        DicomObject item = DicomObject.builder().setInts(Tag.of(0x45770000), VR.UL, 12)
                .set(Tag.of(0x45770010), VR.LO, "CREATOR").build();
        DicomObject ds = DicomObject.builder().setInts(Tag.of(0x00080000), VR.UL, 40)
                .setSequence(Tag.ReferencedSeriesSequence, List.of(item)).build();
        DicomObject back = DicomJsonReader.read(COMPACT.toJson(ds), "group lengths");
        assertEquals(DicomObject.builder().setSequence(Tag.ReferencedSeriesSequence, List.of(
                DicomObject.builder().set(Tag.of(0x45770010), VR.LO, "CREATOR").build())).build(), back);
    }

    @Test
    void iso2022JapaneseHeldAsBytesRoundTripsAsText() {
        SpecificCharacterSet jis = SpecificCharacterSet.of("", "ISO 2022 IR 87");
        String name = "Yamada^Tarou=山田^太郎=やまだ^たろう";
        DicomObject item = DicomObject.builder().inheritCharacterSet(jis)
                .setBytes(Tag.CodeMeaning, VR.LO, jis.encode("脳", VR.LO)).build();
        DicomObject ds = DicomObject.builder()
                .set(Tag.SpecificCharacterSet, VR.CS, "", "ISO 2022 IR 87")
                .setBytes(Tag.PatientName, VR.PN, jis.encode(name, VR.PN))
                .set(Tag.OtherPatientNames, VR.PN, name, "=山田")
                .setSequence(Tag.ConceptNameCodeSequence, List.of(item)).build();
        assertRoundTrip(ds, COMPACT);
        DicomObject back = DicomJsonReader.read(COMPACT.toJson(ds), "jis");
        assertEquals(name, back.string(Tag.PatientName).orElseThrow());
        assertEquals(jis, back.sequence(Tag.ConceptNameCodeSequence).get(0).characterSet());
    }

    @Test
    void latin1AndUtf8BytesRoundTripAsText() {
        for (String term : List.of("ISO_IR 100", "ISO_IR 192")) {
            SpecificCharacterSet cs = SpecificCharacterSet.of(term);
            DicomObject ds = DicomObject.builder()
                    .set(Tag.SpecificCharacterSet, VR.CS, term)
                    .setBytes(Tag.PatientName, VR.PN, cs.encode("Müller^Jörg", VR.PN))
                    .setBytes(Tag.StudyDescription, VR.LO, cs.encode("Thorax ñ", VR.LO)).build();
            assertRoundTrip(ds, COMPACT);
        }
    }

    @Test
    void encapsulatedPixelDataRoundTrips() {
        Fragments f = new Fragments(List.of(BulkData.of(new byte[] {0, 0, 0, 0}), BulkData.of(new byte[] {1, 2, 3, 4}),
                BulkData.of(new byte[] {5, 6})));
        DicomObject ds = DicomObject.builder().setInts(Tag.Rows, VR.US, 2).setFragments(Tag.PixelData.value(), VR.OB, f)
                .build();
        assertRoundTrip(ds, COMPACT);
    }

    @Test
    void fileReferencesRoundTripThroughFileUrisWhenAsked(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("with space ü.dcm");
        Files.write(file, new byte[] {9, 9, 1, 2, 3, 4, 5, 6, 9});
        DicomObject ds = DicomObject.builder()
                .setBulkData(Tag.PixelData, VR.OW, BulkData.ofFile(file, 2, 6, false, 2)).build();
        String json = DicomJsonWriter.builder().bulkData(BulkDataMode.URI).build().toJson(ds);
        DicomObject back = DicomJsonReader.read(new StringReader(json), "uri", BulkDataUriPolicy.RESTORE_FILE_REFERENCES);
        assertEquals(ds, back);
        assertEquals(file, back.bulkData(Tag.PixelData).orElseThrow().file().orElseThrow());
        assertNotEquals(ds, DicomJsonReader.read(json, "uri"), "kept empty by default");
    }

    @Test
    void decimalStringsKeepTheirValueWhenTheirTextIsNotAJsonNumber() {
        DicomObject ds = DicomObject.builder().set(Tag.PixelSpacing, VR.DS, "+1", " .5", "007.250", "1e3").build();
        DicomObject back = DicomJsonReader.read(COMPACT.toJson(ds), "ds");
        assertEquals(List.of("1", "0.5", "7.250", "1e3"), back.strings(Tag.PixelSpacing));
        assertEquals(List.of(1.0, 0.5, 7.25, 1000.0), boxed(back.doubles(Tag.PixelSpacing)));
    }

    private static List<Double> boxed(double[] d) {
        List<Double> out = new ArrayList<>();
        for (double v : d) {
            out.add(v);
        }
        return out;
    }

    /** Random data sets for the round-trip property, from a seed so that a failure can be replayed. */
    static final class RandomDataSets {

        private static final List<List<String>> CHARSETS = List.of(List.of(), List.of("ISO_IR 100"),
                List.of("ISO_IR 192"), List.of("", "ISO 2022 IR 87"));
        private static final String ASCII = "ABCxyz019 ^.-_:/'\"!\t\n\u0000\u001f";
        private static final String WIDE = "éüñßÆ山田太郎やまだ脳😀\u2028";
        private static final VR[] VRS = VR.values();

        private RandomDataSets() {
        }

        static DicomObject dataSet(Random r) {
            List<String> terms = CHARSETS.get(r.nextInt(CHARSETS.size()));
            SpecificCharacterSet cs = SpecificCharacterSet.of(terms);
            DicomObject.Builder b = DicomObject.builder();
            if (!terms.isEmpty()) {
                b.set(Tag.SpecificCharacterSet, VR.CS, terms.toArray(new String[0]));
            }
            fill(b, r, 0, cs);
            return b.build();
        }

        private static DicomObject item(Random r, int depth, SpecificCharacterSet cs) {
            DicomObject.Builder b = DicomObject.builder().inheritCharacterSet(cs);
            fill(b, r, depth, cs);
            return b.build();
        }

        private static void fill(DicomObject.Builder b, Random r, int depth, SpecificCharacterSet cs) {
            int n = r.nextInt(depth == 0 ? 16 : 6);
            for (int k = 0; k < n; k++) {
                int tag = r.nextInt();
                if (tag == Tag.SpecificCharacterSet.value() || (tag & 0xFFFF) == 0) {
                    continue; // group lengths are left out of DICOM JSON (PS3.18 F.2.2): see the test below
                }
                VR vr = r.nextInt(6) == 0 ? VR.SQ : VRS[r.nextInt(VRS.length)];
                if (vr == VR.SQ && depth >= 4) {
                    vr = VR.UT;
                }
                if (r.nextInt(10) == 0) {
                    b.setEmpty(tag, vr);
                    continue;
                }
                switch (vr.kind()) {
                    case TEXT:
                        text(b, r, Tag.of(tag), vr, cs);
                        break;
                    case BINARY:
                        b.adoptBytes(tag, vr, binary(r, vr, 1 + r.nextInt(4)));
                        break;
                    case BULK:
                        b.adoptBytes(tag, vr, binary(r, vr, r.nextInt(24)));
                        break;
                    default:
                        List<DicomObject> items = new ArrayList<>();
                        for (int i = r.nextInt(4); i > 0; i--) {
                            items.add(item(r, depth + 1, cs));
                        }
                        b.setSequence(tag, items);
                        break;
                }
            }
        }

        private static byte[] binary(Random r, VR vr, int count) {
            byte[] bytes = new byte[count * vr.unitSize()];
            r.nextBytes(bytes);
            ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            for (int p = 0; p < bytes.length; p += vr.unitSize()) {
                // only the canonical NaN survives as the JSON string "NaN"
                if (vr == VR.FL && Float.isNaN(buf.getFloat(p))) {
                    buf.putFloat(p, Float.NaN);
                } else if (vr == VR.FD && Double.isNaN(buf.getDouble(p))) {
                    buf.putDouble(p, Double.NaN);
                }
            }
            return bytes;
        }

        private static void text(DicomObject.Builder b, Random r, Tag tag, VR vr, SpecificCharacterSet cs) {
            int count = vr.isMultiValuedText() ? 1 + r.nextInt(3) : 1;
            String[] values = new String[count];
            for (int k = 0; k < count; k++) {
                values[k] = value(r, vr);
            }
            if (count == 1 && values[0].chars().allMatch(c -> c == ' ' || c == 0)) {
                // DicomObject.equals holds a blank value unequal to an empty one, though strings() of both
                // is empty and JSON writes both without "Value" (PS3.18 F.2.5)
                values[0] = "";
            }
            if (vr.usesSpecificCharacterSet() && r.nextBoolean()) {
                try {
                    b.setBytes(tag, vr, cs.encode(String.join("\\", values), vr));
                    return;
                } catch (IllegalArgumentException notEncodable) {
                    // a character the set cannot encode: keep the value as a Java string
                }
            }
            b.set(tag, vr, values);
        }

        private static String value(Random r, VR vr) {
            switch (vr) {
                case DS:
                    return r.nextInt(8) == 0 ? "NaN" : decimal(r);
                case IS:
                    return r.nextInt(8) == 0 ? "x1" : Long.toString(r.nextInt() / (1 + r.nextInt(1000)));
                case PN:
                    return personName(r);
                default:
                    return chars(r, r.nextInt(10), !vr.isMultiValuedText());
            }
        }

        private static String decimal(Random r) {
            switch (r.nextInt(4)) {
                case 0: return Integer.toString(r.nextInt(2000) - 1000);
                case 1: return (r.nextBoolean() ? "-" : "") + r.nextInt(100) + "." + r.nextInt(1000) + "0";
                case 2: return r.nextInt(10) + "." + r.nextInt(100) + "E" + (r.nextBoolean() ? "-" : "+") + r.nextInt(300);
                default: return Double.toString(r.nextGaussian() * 1e6);
            }
        }

        private static String personName(Random r) {
            if (r.nextInt(6) == 0) {
                return "";
            }
            int groups = 1 + r.nextInt(3);
            StringBuilder sb = new StringBuilder();
            for (int g = 0; g < groups; g++) {
                if (g > 0) {
                    sb.append('=');
                }
                boolean last = g == groups - 1;
                if (last || r.nextInt(3) > 0) {
                    sb.append(chars(r, 1 + r.nextInt(6), false).replace('=', '^'));
                }
                if (last) {
                    sb.append('X'); // an empty or blank last group would not survive, see the writer
                }
            }
            return sb.toString();
        }

        private static String chars(Random r, int n, boolean backslashAllowed) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < n; k++) {
                int kind = r.nextInt(10);
                if (kind < 6) {
                    sb.append(ASCII.charAt(r.nextInt(ASCII.length())));
                } else if (kind < 9) {
                    sb.appendCodePoint(WIDE.codePointAt(WIDE.offsetByCodePoints(0, r.nextInt(WIDE.codePointCount(0,
                            WIDE.length())))));
                } else if (backslashAllowed) {
                    sb.append('\\');
                } else {
                    sb.append('=');
                }
            }
            return sb.toString();
        }
    }

    private static int depth(DicomObject ds) {
        int max = 0;
        for (DicomElement e : ds) {
            for (DicomObject item : e.items()) {
                max = Math.max(max, 1 + depth(item));
            }
        }
        return max;
    }

    @Test
    void randomDataSetsAreVaried() {
        int sequences = 0;
        int deep = 0;
        int bytes = 0;
        for (long seed = 0; seed < 50; seed++) {
            DicomObject ds = RandomDataSets.dataSet(new Random(seed));
            String json = COMPACT.toJson(ds);
            sequences += json.contains("\"SQ\",\"Value\":[{\"") ? 1 : 0;
            deep += depth(ds) >= 3 ? 1 : 0;
            bytes += json.contains("InlineBinary") ? 1 : 0;
        }
        assertTrue(sequences > 10 && deep > 3 && bytes > 10,
                sequences + " with items, " + deep + " three levels deep, " + bytes + " with inline binary");
    }
}
