/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.TransferSyntax;
import org.i4dw.data.VR;

/**
 * How a data set written by {@link DicomWriter} and read back by {@link DicomReader} may differ from
 * the original, for {@link RoundTripTest} and {@link CodecPropertiesTest}.
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
 *     its bytes are read again as a sequence and compared item by item with these same rules
 *     (an empty sequence comes back as an empty UN).</li>
 * </ol>
 */
final class RoundTripRules {

    private static final ReadOptions IN_MEMORY = ReadOptions.builder().bulkDataThreshold(Integer.MAX_VALUE).build();

    private RoundTripRules() {
    }

    /**
     * The original as the read-back data set must equal it: rules 1 and 2 applied, and each element
     * whose VR changed taken from {@code back} where rule 3 or 4 allows it; everything else as it
     * was, so that any other difference fails {@link DicomObject#equals}.
     */
    static DicomObject expected(DicomObject orig, DicomObject back, TransferSyntax ts, List<String> changes)
            throws IOException {
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
            items.add(expected(orig.get(i), back.get(i), ts, changes));
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
            if (back.vr() != VR.UN || !implicit) {
                return false;
            }
            return orig.items().isEmpty() ? back.kind() == DicomElement.ValueKind.EMPTY
                    : back.kind() == DicomElement.ValueKind.BYTES && sequenceInUnEquals(orig, back.bytes().orElseThrow(), ts);
        }
        if (orig.kind() == DicomElement.ValueKind.EMPTY || back.kind() == DicomElement.ValueKind.EMPTY) {
            return orig.kind() == back.kind();
        }
        if (orig.kind() != DicomElement.ValueKind.BYTES && orig.kind() != DicomElement.ValueKind.TEXT
                || back.kind() != DicomElement.ValueKind.BYTES) {
            return false;
        }
        return Arrays.equals(padded(orig), toArray(back.bytes().orElseThrow()));
    }

    /** What the writer does with a value too long for a 16-bit length in explicit VR. */
    private static boolean writtenAsUn(DicomElement e, TransferSyntax ts) {
        return ts.isExplicitVr() && !e.vr().hasLongExplicitHeader() && (e.kind() == DicomElement.ValueKind.BYTES
                || e.kind() == DicomElement.ValueKind.TEXT) && padded(e).length > 0xFFFF;
    }

    /** Rule 4: reads the UN bytes again as an implicit VR LE sequence of undefined length. */
    private static boolean sequenceInUnEquals(DicomElement orig, ByteBuffer un, TransferSyntax ts) throws IOException {
        StreamBuilder stream = StreamBuilder.dataset(false, false);
        List<String> terms = orig.characterSet().terms();
        if (!terms.isEmpty() && Integer.compareUnsigned(orig.tagValue(), 0x00080005) > 0) {
            // the items inherit the character set of the object that holds the sequence
            stream.text(0x00080005, "CS", String.join("\\", terms));
        }
        byte[] sequence = stream.tag(orig.tagValue()).u32(Parser.UNDEFINED)
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

    /**
     * The value as the writer puts it on the wire, padded: bytes as held, or text encoded with the
     * character set of the object that holds it (items are built with their parent's).
     */
    private static byte[] padded(DicomElement e) {
        byte[] v = e.kind() == DicomElement.ValueKind.TEXT ? e.characterSet().encode(e.text().orElseThrow(), e.vr())
                : toArray(e.bytes().orElseThrow());
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
    static String differences(DicomObject expected, DicomObject actual) {
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
}
