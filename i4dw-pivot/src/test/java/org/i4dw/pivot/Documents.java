/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.pivot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.i4dw.api.pivot.CodedValue;
import org.i4dw.api.pivot.DocumentType;
import org.i4dw.api.pivot.PivotDocument;
import org.i4dw.api.pivot.PivotElement;
import org.i4dw.api.pivot.SeriesContext;
import org.i4dw.api.pivot.StudyContext;
import org.i4dw.api.terminology.NodeType;
import org.xml.sax.SAXException;

/** Documents for the tests: a realistic one, seeded random ones, jqwik arbitraries, and XSD validation. */
final class Documents {

    static final PivotXmlSerializerProvider PROVIDER = new PivotXmlSerializerProvider();
    static final Schema SCHEMA = PivotXmlSerializerProvider.compiledSchema();

    private Documents() {
    }

    static byte[] write(PivotDocument d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PROVIDER.write(d, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static PivotDocument read(byte[] xml) {
        try {
            return PROVIDER.read(new ByteArrayInputStream(xml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validates with the JDK's validator (streaming, independent of the JAXB reader). */
    static void validate(InputStream xml) throws IOException, SAXException {
        SCHEMA.newValidator().validate(new StreamSource(xml));
    }

    static void validate(byte[] xml) throws IOException, SAXException {
        validate(new ByteArrayInputStream(xml));
    }

    /** A CT series as routine mode would describe it, with codes, numbers, dates, units and repeats. */
    static PivotDocument ct() {
        return PivotDocument.builder().documentId("2.25.118833491862104393436315412312375637141")
                .accessionNumber("A2024-000123").patientKey("PK-6F2C9A")
                .study(new StudyContext("2.25.2243", LocalDate.of(2024, 3, 1), LocalTime.of(14, 5, 9, 250_000_000),
                        "CT THORAX ABDOMEN"))
                .series(new SeriesContext("2.25.118833491862104393436315412312375637141", 3, "CT", "Thorax 1.25 mm",
                        LocalDate.of(2024, 3, 1), "CHEST", "1.2.840.10008.5.1.4.1.1.2", 312, 1))
                .title("CT Thorax 1.25 mm").text("CT THORAX ABDOMEN\nThorax 1.25 mm\nCHEST")
                .addElement(PivotElement.of("DCMEHOP:TAG:00080060", NodeType.CODE, "CT"))
                .addElement(new PivotElement("DCMEHOP:TAG:00080008", NodeType.CODE, "ORIGINAL", null, null, 1, 1))
                .addElement(new PivotElement("DCMEHOP:TAG:00080008", NodeType.CODE, "PRIMARY", null, null, 1, 2))
                .addElement(new PivotElement("DCMEHOP:TAG:00180050", NodeType.NUMBER, "1.25", "mm", null, 1, 1))
                .addElement(new PivotElement("DCMEHOP:TAG:00180060", NodeType.NUMBER, "120", "kV", null, 1, 1))
                .addElement(PivotElement.of("DCMEHOP:TAG:00080020", NodeType.DATE, "2024-03-01"))
                .addElement(PivotElement.of("DCMEHOP:TAG:00080030", NodeType.TIME, "14:05:09.25"))
                .addElement(PivotElement.of("DCMEHOP:TAG:0008002A", NodeType.DATETIME, "2024-03-01T14:05:09+01:00"))
                .addElement(PivotElement.of("DCMEHOP:TAG:00081030", NodeType.TEXT, "CT THORAX ABDOMEN"))
                .addElement(PivotElement.of("DCMEHOP:TAG:00080016", NodeType.UIDREF, "1.2.840.10008.5.1.4.1.1.2"))
                .addElement(PivotElement.of("DCMEHOP:TAG:00081070", NodeType.PNAME, "Opérateur^Anonyme"))
                .addElement(new PivotElement("DCMEHOP:TAG:00082218/00080100", NodeType.CODE, "51185008", null,
                        new CodedValue("SCT", "51185008", "Thorax"), 1, 1))
                .addElement(new PivotElement("DCMEHOP:TAG:00082218/00080100", NodeType.CODE, "818981001", null,
                        new CodedValue("SCT", "818981001", "Abdomen"), 2, 1))
                .build();
    }

    // ------------------------------------------------------------------ seeded documents

    private static final String[] WORDS = {"THORAX", "Abdomen", "Crâne", "AXIAL", "1.25 mm", "LUNG", "Séquence T2",
        "脳", "DLP", "ÉPAULE", "hélicoïdal", "contrast <none> & \"plain\"", "  lead/trail  "};

    /** A reproducible document of {@code n} elements of every type, for streams. */
    static PivotDocument seeded(long seed, int n) {
        Random r = new Random(seed);
        PivotDocument.Builder b = PivotDocument.builder().documentId("2.25." + Math.abs(seed) + 1)
                .type(r.nextInt(4) == 0 ? DocumentType.STRUCTURED_REPORT : DocumentType.IMAGE_SERIES)
                .accessionNumber("A" + r.nextInt(1_000_000)).patientKey("PK" + r.nextInt(10_000))
                .study(new StudyContext("2.25." + r.nextInt(1 << 30), r.nextBoolean() ? LocalDate.of(2000 + r.nextInt(25),
                        1 + r.nextInt(12), 1 + r.nextInt(28)) : null, r.nextBoolean() ? LocalTime.ofSecondOfDay(
                        r.nextInt(86_400)) : null, r.nextBoolean() ? word(r) : null))
                .series(new SeriesContext("2.25." + r.nextInt(1 << 30), r.nextBoolean() ? r.nextInt(1000) : null,
                        r.nextBoolean() ? "CT" : "MR", r.nextBoolean() ? word(r) : null, null, null,
                        r.nextBoolean() ? "1.2.840.10008.5.1.4.1.1.4" : null, r.nextBoolean() ? r.nextInt(600) : null,
                        r.nextInt(2)))
                .title(word(r)).text(word(r) + "\n" + word(r));
        for (int i = 0; i < n; i++) {
            b.addElement(seededElement(r, i));
        }
        return b.build();
    }

    private static String word(Random r) {
        return WORDS[r.nextInt(WORDS.length)];
    }

    static PivotElement seededElement(Random r, int i) {
        String code = "DCMEHOP:TAG:0018" + String.format("%04X", i);
        int occurrence = 1 + (r.nextInt(8) == 0 ? r.nextInt(5) : 0);
        int valueIndex = 1 + (r.nextInt(8) == 0 ? r.nextInt(3) : 0);
        switch (i % 9) {
            case 0:
                return new PivotElement(code, NodeType.NUMBER, Double.toString(r.nextGaussian() * 100),
                        r.nextBoolean() ? "mm" : null, null, occurrence, valueIndex);
            case 1:
                return new PivotElement(code, NodeType.CODE, "C" + r.nextInt(100), null, r.nextBoolean()
                        ? new CodedValue("DCM", "1138" + r.nextInt(100), word(r)) : null, occurrence, valueIndex);
            case 2:
                return new PivotElement(code, NodeType.DATE, LocalDate.ofEpochDay(r.nextInt(20_000)).toString(), null,
                        null, occurrence, valueIndex);
            case 3:
                return new PivotElement(code, NodeType.TIME, LocalTime.ofNanoOfDay(
                        (long) (r.nextDouble() * 86_399e9)).toString(), null, null, occurrence, valueIndex);
            case 4:
                return new PivotElement(code, NodeType.DATETIME, LocalDateTime.of(2024, 1 + r.nextInt(12), 1, r.nextInt(24),
                        r.nextInt(60)).toString(), null, null, occurrence, valueIndex);
            case 5:
                return new PivotElement(code, NodeType.UIDREF, "1.2.840.10008." + r.nextInt(100_000), null, null,
                        occurrence, valueIndex);
            case 6:
                return new PivotElement(code, NodeType.PNAME, "Doe^" + word(r), null, null, occurrence, valueIndex);
            case 7:
                return new PivotElement(code, NodeType.REFERENCE, "1.2.3." + r.nextInt(1000), null, null, occurrence,
                        valueIndex);
            default:
                return new PivotElement(code, NodeType.TEXT, word(r), null, null, occurrence, valueIndex);
        }
    }

    // ------------------------------------------------------------------ jqwik arbitraries

    /** Code points XML 1.0 carries, weighted towards the ones that need care. */
    static Arbitrary<String> xmlStrings() {
        Arbitrary<Integer> cp = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(0x20, 0x7E)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of((int) '\t', (int) '\n', (int) '\r', (int) '&', (int) '<',
                        (int) '>', (int) '"', (int) '\'', (int) ']', (int) ' ')),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0xA0, 0x2FF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x3000, 0xD7FF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xE000, 0xFFFD)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10FFFF)));
        return cp.list().ofMaxSize(24).map(Documents::fromCodePoints);
    }

    static String fromCodePoints(List<Integer> cps) {
        StringBuilder sb = new StringBuilder();
        for (int c : cps) {
            sb.appendCodePoint(c);
        }
        return sb.toString();
    }

    static Arbitrary<String> nonBlank() {
        return xmlStrings().filter(s -> !s.isBlank());
    }

    static Arbitrary<LocalDate> dates() {
        return Arbitraries.longs().between(LocalDate.of(1, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay())
                .map(LocalDate::ofEpochDay);
    }

    static Arbitrary<LocalTime> times() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 86_399_999_999_999L).map(LocalTime::ofNanoOfDay),
                Arbitraries.integers().between(0, 86_399).map(LocalTime::ofSecondOfDay),
                Arbitraries.integers().between(0, 1439).map(m -> LocalTime.of(m / 60, m % 60)));
    }

    /** Values in the lexical forms the model's javadoc allows, as java.time and the JDK print them. */
    static Arbitrary<String> typedValue(NodeType t) {
        switch (t) {
            case NUMBER:
                return Arbitraries.oneOf(Arbitraries.doubles().map(d -> Double.toString(d)),
                        Arbitraries.of(Double.MIN_VALUE, Double.MAX_VALUE, -0.0, 1e-300, 1e300)
                                .map(d -> Double.toString(d)),
                        Arbitraries.integers().map(i -> Integer.toString(i)),
                        Arbitraries.bigDecimals().ofScale(4).map(BigDecimal::toString),
                        Arbitraries.bigDecimals().ofScale(4).map(x -> x.scaleByPowerOfTen(-12).toString()),
                        Arbitraries.of("12.5", "-3", "1.0E-4", "+1.5e3", ".5", "5.", "INF", "-INF", "NaN", " 42 "));
            case DATE:
                return dates().map(LocalDate::toString);
            case TIME:
                return times().map(LocalTime::toString);
            case DATETIME:
                Arbitrary<LocalDateTime> ldt = Combinators.combine(dates(), times()).as(LocalDateTime::of);
                Arbitrary<ZoneOffset> offsets = Arbitraries.integers().between(-14 * 60, 14 * 60)
                        .map(m -> ZoneOffset.ofTotalSeconds(m * 60));
                return Arbitraries.oneOf(ldt.map(LocalDateTime::toString),
                        Combinators.combine(ldt, offsets).as(OffsetDateTime::of).map(OffsetDateTime::toString));
            default:
                return xmlStrings();
        }
    }

    static Arbitrary<PivotElement> elements() {
        Arbitrary<NodeType> types = Arbitraries.of(NodeType.class).filter(t -> t != NodeType.CONTAINER);
        return types.flatMap(t -> Combinators.combine(xmlStrings(), typedValue(t),
                t == NodeType.NUMBER ? xmlStrings().injectNull(0.5) : Arbitraries.just((String) null),
                t == NodeType.CODE ? Combinators.combine(xmlStrings(), xmlStrings(), xmlStrings())
                        .as(CodedValue::new).injectNull(0.5) : Arbitraries.just((CodedValue) null),
                Arbitraries.integers().between(1, Integer.MAX_VALUE),
                Arbitraries.integers().between(1, 40))
                .as((code, value, unit, coded, occurrence, index) -> new PivotElement(code, t, value, unit, coded,
                        occurrence, index)));
    }

    static Arbitrary<StudyContext> studies() {
        return Combinators.combine(xmlStrings(), dates().injectNull(0.3), times().injectNull(0.3),
                xmlStrings().injectNull(0.3)).as(StudyContext::new);
    }

    static Arbitrary<SeriesContext> series() {
        Arbitrary<String> optional = xmlStrings().injectNull(0.3);
        return Combinators.combine(xmlStrings(), Arbitraries.integers().injectNull(0.3), optional, optional,
                dates().injectNull(0.3), optional, optional,
                Arbitraries.integers().between(0, Integer.MAX_VALUE).injectNull(0.3))
                .flatAs((uid, number, modality, description, date, bodyPart, sopClass, expected) ->
                        Arbitraries.integers().between(0, Integer.MAX_VALUE).map(retrieved -> new SeriesContext(uid,
                                number, modality, description, date, bodyPart, sopClass, expected, retrieved)));
    }

    static Arbitrary<PivotDocument> documents() {
        return Combinators.combine(nonBlank(), Arbitraries.of(DocumentType.class), nonBlank(), xmlStrings(), studies(),
                series(), xmlStrings().injectNull(0.2), xmlStrings().injectNull(0.2))
                .flatAs((id, type, accession, patient, study, series, title, text) -> elements().list().ofMaxSize(30)
                        .map(es -> PivotDocument.builder().documentId(id).type(type).accessionNumber(accession)
                                .patientKey(patient).study(study).series(series).title(title).text(text)
                                .addElements(es).build()));
    }

    /** Many small documents for a stream. */
    static List<PivotDocument> seededBatch(long seed, int count, int elements) {
        List<PivotDocument> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(seeded(seed + i, elements));
        }
        return list;
    }
}
