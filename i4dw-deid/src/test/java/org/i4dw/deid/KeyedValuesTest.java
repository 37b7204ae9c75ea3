/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.deid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.i4dw.data.DicomDates;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.junit.jupiter.api.Test;

/** UID remap, pseudonyms and date shift: properties over generated UIDs and patients. */
class KeyedValuesTest {

    private static final Deidentifier DEID = Deidentifier.builder(DeidProfile.i4dwDefault()).key(Samples.KEY).build();
    private static final Deidentifier SAME_KEY = Deidentifier.builder(DeidProfile.i4dwDefault()).key(Samples.KEY).build();
    private static final Deidentifier OTHER_KEY = Deidentifier.builder(DeidProfile.i4dwDefault())
            .key(Samples.OTHER_KEY).build();
    private static final Deidentifier SHIFTING = Deidentifier.builder(
            DeidProfile.basicWith(DeidProfile.Option.RETAIN_LONGITUDINAL_MODIFIED_DATES)).key(Samples.KEY).build();

    static String uid(List<Integer> arcs) {
        StringBuilder b = new StringBuilder("1.2.840");
        for (int a : arcs) {
            b.append('.').append(a);
        }
        return b.toString();
    }

    private static DicomObject instance(String sop, String referenced) {
        return DicomObject.builder().set(Tag.SOPInstanceUID, VR.UI, sop).set(Tag.PatientID, VR.LO, "PID-1")
                .setSequence(Tag.ReferencedImageSequence, List.of(DicomObject.builder()
                        .set(Tag.ReferencedSOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.4")
                        .set(Tag.ReferencedSOPInstanceUID, VR.UI, referenced).build()))
                .build();
    }

    @Property(tries = 200)
    void aUidMapsTheSameWayEverywhereWithTheSameKeyAndDifferentlyWithAnother(
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 99999) Integer> arcs) {
        String original = uid(arcs);
        DicomObject a = DEID.deidentify(instance(original, "1.2.3"));
        DicomObject b = SAME_KEY.deidentify(instance("1.2.4", original));
        String remapped = a.string(Tag.SOPInstanceUID).orElseThrow();
        String referenced = b.item(Tag.ReferencedImageSequence).orElseThrow().string(Tag.ReferencedSOPInstanceUID)
                .orElseThrow();
        assertEquals(remapped, referenced, "a reference must follow the instance it names");
        assertTrue(remapped.matches("2\\.25\\.[1-9][0-9]*") && remapped.length() <= 64, "not a valid 2.25 UID");
        assertNotEquals(original, remapped);
        assertNotEquals(remapped, OTHER_KEY.deidentify(instance(original, "1.2.3")).string(Tag.SOPInstanceUID)
                .orElseThrow(), "another key must give another UID");
        assertEquals("1.2.840.10008.5.1.4.1.1.4", b.item(Tag.ReferencedImageSequence).orElseThrow()
                .string(Tag.ReferencedSOPClassUID).orElseThrow(), "SOP Class UIDs are kept");
    }

    @Property(tries = 100)
    void aRemappedUidIsLeftAsItIsTheSecondTime(@ForAll @Size(min = 1, max = 12)
            List<@IntRange(min = 0, max = 99999) Integer> arcs) {
        DicomObject once = DEID.deidentify(instance(uid(arcs), "1.2.3"));
        assertEquals(once, DEID.deidentify(once));
        assertNotEquals(once.string(Tag.SOPInstanceUID), OTHER_KEY.deidentify(once).string(Tag.SOPInstanceUID),
                "another key does not recognize this key's UIDs");
    }

    @Property(tries = 100)
    void patientIdAndNameBecomeTheSameStablePseudonymPerPatient(@ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 20) String patientId) {
        DicomObject a = DicomObject.builder().set(Tag.PatientID, VR.LO, patientId.replace('\\', '/'))
                .set(Tag.PatientName, VR.PN, "Doe^John").build();
        DicomObject b = a.toBuilder().set(Tag.PatientName, VR.PN, "Other^Name").build();
        DicomObject outA = DEID.deidentify(a);
        String pseudonym = outA.string(Tag.PatientID).orElseThrow();
        assertTrue(pseudonym.matches("[0-9A-F]{24}"));
        assertEquals(pseudonym, outA.string(Tag.PatientName).orElseThrow());
        assertEquals(pseudonym, SAME_KEY.deidentify(b).string(Tag.PatientID).orElseThrow());
        assertEquals(pseudonym, SAME_KEY.deidentify(b).string(Tag.PatientName).orElseThrow());
        assertNotEquals(pseudonym, OTHER_KEY.deidentify(a).string(Tag.PatientID).orElseThrow());
    }

    @Property(tries = 100)
    void everyDateOfAPatientMovesByTheSameOffsetInTheDocumentedRange(@ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 16) String pid,
            @ForAll @IntRange(min = 0, max = 20000) int day1, @ForAll @IntRange(min = 0, max = 20000) int day2) {
        String patientId = pid.replace('\\', '/');
        LocalDate d1 = LocalDate.of(1970, 1, 1).plusDays(day1);
        LocalDate d2 = LocalDate.of(1970, 1, 1).plusDays(day2);
        DicomObject x = DicomObject.builder().set(Tag.PatientID, VR.LO, patientId).set(Tag.StudyDate, VR.DA, da(d1))
                .set(Tag.AcquisitionDateTime, VR.DT, da(d1) + "101500.5+0100").set(Tag.StudyTime, VR.TM, "101500")
                .build();
        DicomObject y = DicomObject.builder().set(Tag.PatientID, VR.LO, patientId).set(Tag.SeriesDate, VR.DA, da(d2))
                .build();
        DicomObject ox = SHIFTING.deidentify(x);
        DicomObject oy = SHIFTING.deidentify(y);
        long s1 = ChronoUnit.DAYS.between(d1, ox.date(Tag.StudyDate).orElseThrow());
        long s2 = ChronoUnit.DAYS.between(d2, oy.date(Tag.SeriesDate).orElseThrow());
        assertEquals(s1, s2, "one offset per patient");
        assertTrue(s1 >= -Keyed.MAX_SHIFT_DAYS && s1 <= -1, "offset out of range: " + s1);
        String dt = ox.string(Tag.AcquisitionDateTime).orElseThrow();
        assertEquals(da(d1.plusDays(s1)) + "101500.5+0100", dt, "DT keeps its time and offset");
        assertEquals("101500", ox.string(Tag.StudyTime).orElseThrow(), "TM is kept");
        assertEquals(ox, SHIFTING.deidentify(ox), "the second pass shifts nothing more");
    }

    private static String da(LocalDate d) {
        return String.format(java.util.Locale.ROOT, "%04d%02d%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }

    @Property(tries = 50)
    void aValueThatIsNotAFullDateIsEmptiedNotKept(@ForAll("notDates") String value) {
        DicomObject x = DicomObject.builder().set(Tag.PatientID, VR.LO, "P").set(Tag.StudyDate, VR.DA, value).build();
        if (DicomDates.parseDate(value).isEmpty()) {
            assertTrue(SHIFTING.deidentify(x).string(Tag.StudyDate).isEmpty());
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> notDates() {
        return net.jqwik.api.Arbitraries.of("2020", "202001", "2020-13-45", "garbage", "20200230");
    }

    @Property(tries = 1000)
    void aRemappedUidIsWrittenInDecimalAsBigIntegerWritesIt(@ForAll @Size(16) byte[] v) {
        assertEquals("2.25." + new BigInteger(1, v), Keyed.uidOf(v));
    }

    @Test
    void aRemappedUidIsWrittenInDecimalAtTheEdgesOfItsNineDigitGroups() {
        BigInteger[] edges = {BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(999_999_999L),
            BigInteger.valueOf(1_000_000_000L), BigInteger.TEN.pow(18), BigInteger.TEN.pow(18).subtract(BigInteger.ONE),
            BigInteger.TEN.pow(27), BigInteger.TEN.pow(36).add(BigInteger.ONE), BigInteger.ONE.shiftLeft(64),
            BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE)};
        for (BigInteger n : edges) {
            byte[] raw = n.toByteArray();
            byte[] v = new byte[16];
            int len = Math.min(raw.length, 16);
            System.arraycopy(raw, raw.length - len, v, 16 - len, len);
            assertEquals("2.25." + n, Keyed.uidOf(v), "for " + n);
        }
    }
}
