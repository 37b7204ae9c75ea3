/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.pivot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import org.i4dw.api.pivot.CodedValue;
import org.i4dw.api.pivot.DocumentType;
import org.i4dw.api.pivot.PivotDocument;
import org.i4dw.api.pivot.PivotElement;
import org.i4dw.api.pivot.SeriesContext;
import org.i4dw.api.pivot.StudyContext;
import org.i4dw.api.terminology.NodeType;
import org.junit.jupiter.api.Test;

/** What the writer writes, byte for byte, and what it refuses. */
class WriterTest {

    private static PivotDocument.Builder minimal() {
        return PivotDocument.builder().documentId("2.25.1").accessionNumber("A1").patientKey("")
                .study(new StudyContext("2.25.2", null, null, null))
                .series(new SeriesContext("2.25.1", null, null, null, null, null, null, null, 0));
    }

    private static String xml(PivotDocument d) {
        return new String(Documents.write(d), StandardCharsets.UTF_8);
    }

    @Test
    void aMinimalDocumentHasEveryRequiredPartAndNoOptionalOne() throws Exception {
        String xml = xml(minimal().build());
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<pivotDocument xmlns=\"urn:i4dw:pivot:1\" version=\"1\">\n"
                + "  <documentId>2.25.1</documentId>\n"
                + "  <type>image-series</type>\n"
                + "  <accessionNumber>A1</accessionNumber>\n"
                + "  <patientKey></patientKey>\n"
                + "  <study>\n"
                + "    <studyInstanceUid>2.25.2</studyInstanceUid>\n"
                + "  </study>\n"
                + "  <series>\n"
                + "    <seriesInstanceUid>2.25.1</seriesInstanceUid>\n"
                + "    <instancesRetrieved>0</instancesRetrieved>\n"
                + "  </series>\n"
                + "  <title></title>\n"
                + "  <text></text>\n"
                + "  <elements/>\n"
                + "</pivotDocument>\n", xml);
        Documents.validate(xml.getBytes(StandardCharsets.UTF_8));
        assertEquals(minimal().build(), Documents.read(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void markupCharactersAndLineEndsAreEscapedSoTheySurvive() throws Exception {
        PivotDocument d = minimal().type(DocumentType.STRUCTURED_REPORT).accessionNumber(" A&B<1> ")
                .title("\"quoted\" ]]> 'single'").text("line 1\r\nline 2\tend\n")
                .addElement(new PivotElement("n\"\t\n<&>", NodeType.CODE, "a\rb", null,
                        new CodedValue("S&\"", "c\r\n", "two\nlines\t"), 3, 2))
                .build();
        String xml = xml(d);
        assertTrue(xml.contains("<type>structured-report</type>"), xml);
        assertTrue(xml.contains("<accessionNumber> A&amp;B&lt;1&gt; </accessionNumber>"), xml);
        assertTrue(xml.contains("<title>\"quoted\" ]]&gt; 'single'</title>"), xml);
        assertTrue(xml.contains("<text>line 1&#13;\nline 2\tend\n</text>"), xml);
        assertTrue(xml.contains("<code node=\"n&quot;&#9;&#10;&lt;&amp;&gt;\" occurrence=\"3\" valueIndex=\"2\""
                + " scheme=\"S&amp;&quot;\" codeValue=\"c&#13;&#10;\" meaning=\"two&#10;lines&#9;\">a&#13;b</code>"), xml);
        Documents.validate(xml.getBytes(StandardCharsets.UTF_8));
        assertEquals(d, Documents.read(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void nonAsciiIsWrittenAsUtf8IncludingSupplementaryCharacters() {
        String s = "é脳\uD83D\uDE00";
        PivotDocument d = minimal().title(s).build();
        byte[] bytes = Documents.write(d);
        assertTrue(xml(d).contains("<title>" + s + "</title>"));
        assertEquals(d, Documents.read(bytes));
    }

    @Test
    void contextDatesAndTimesAreIso() {
        PivotDocument d = minimal().study(new StudyContext("2.25.2", LocalDate.of(1, 1, 1), LocalTime.of(0, 0),
                "")).series(new SeriesContext("2.25.1", -7, "", "", LocalDate.of(9999, 12, 31), "", "", 0, 1))
                .build();
        String xml = xml(d);
        assertTrue(xml.contains("<studyDate>0001-01-01</studyDate>\n    <studyTime>00:00:00</studyTime>\n"
                + "    <studyDescription></studyDescription>"), xml);
        assertTrue(xml.contains("<seriesNumber>-7</seriesNumber>\n    <modality></modality>"), xml);
        assertTrue(xml.contains("<seriesDate>9999-12-31</seriesDate>"), xml);
        assertTrue(xml.contains("<instancesExpected>0</instancesExpected>"), xml);
        assertEquals(d, Documents.read(xml.getBytes(StandardCharsets.UTF_8)));
        PivotDocument nanos = minimal().study(new StudyContext("2.25.2", null, LocalTime.of(23, 59, 59, 1), null))
                .build();
        assertTrue(xml(nanos).contains("<studyTime>23:59:59.000000001</studyTime>"));
        assertEquals(nanos, Documents.read(Documents.write(nanos)));
    }

    @Test
    void charactersXmlCannotCarryBecomeTheReplacementCharacter() throws Exception {
        String bad = "a\u0000b\u0001c\u001Fd\uFFFEe\uFFFFf\uD800g\uDC00h\uDC00\uD800i\u000B\u000C";
        String replaced = "a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg\uFFFDh\uFFFD\uFFFDi\uFFFD\uFFFD";
        PivotDocument d = minimal().title(bad).text(bad).patientKey(bad)
                .addElement(new PivotElement(bad, NodeType.TEXT, bad, null, null, 1, 1))
                .addElement(new PivotElement("c", NodeType.CODE, "", null, new CodedValue(bad, bad, bad), 1, 1))
                .build();
        byte[] xml = Documents.write(d);
        Documents.validate(xml);
        PivotDocument back = Documents.read(xml);
        PivotDocument expected = minimal().title(replaced).text(replaced).patientKey(replaced)
                .addElement(new PivotElement(replaced, NodeType.TEXT, replaced, null, null, 1, 1))
                .addElement(new PivotElement("c", NodeType.CODE, "", null,
                        new CodedValue(replaced, replaced, replaced), 1, 1))
                .build();
        assertEquals(expected, back);
        // written again, the cleaned document is a fixed point
        assertEquals(expected, Documents.read(Documents.write(back)));
    }

    @Test
    void emptyAndAbsentStayApart() {
        PivotDocument empty = minimal().addElement(new PivotElement("n", NodeType.NUMBER, "1", "", null, 1, 1))
                .addElement(new PivotElement("c", NodeType.CODE, "", null, new CodedValue("", "", ""), 1, 1)).build();
        PivotDocument absent = minimal().addElement(new PivotElement("n", NodeType.NUMBER, "1", null, null, 1, 1))
                .addElement(new PivotElement("c", NodeType.CODE, "", null, null, 1, 1)).build();
        assertTrue(xml(empty).contains("<number node=\"n\" unit=\"\">1</number>"), xml(empty));
        assertTrue(xml(empty).contains("<code node=\"c\" scheme=\"\" codeValue=\"\" meaning=\"\"></code>"));
        assertTrue(xml(absent).contains("<number node=\"n\">1</number>"));
        assertTrue(xml(absent).contains("<code node=\"c\"></code>"));
        assertEquals(empty, Documents.read(Documents.write(empty)));
        assertEquals(absent, Documents.read(Documents.write(absent)));
    }

    @Test
    void whatTheSchemaCannotCarryIsRefusedBeforeAnyByteIsWritten() {
        String[] messages = {
            refused(minimal().addElement(PivotElement.of("DCMEHOP:TAG:00180050", NodeType.NUMBER, "DOE^JOHN")).build()),
            refused(minimal().addElement(PivotElement.of("d", NodeType.DATE, "20240301")).build()),
            refused(minimal().addElement(PivotElement.of("t", NodeType.TIME, "140509")).build()),
            refused(minimal().addElement(PivotElement.of("dt", NodeType.DATETIME, "2024")).build()),
            refused(minimal().addElement(new PivotElement("u", NodeType.TEXT, "x", "mm", null, 1, 1)).build()),
            refused(minimal().addElement(new PivotElement("c", NodeType.NUMBER, "1", null,
                    new CodedValue("DCM", "1", "one"), 1, 1)).build()),
            refused(minimal().study(new StudyContext("1", LocalDate.of(10_000, 1, 1), null, null)).build()),
            refused(minimal().series(new SeriesContext("1", null, null, null, LocalDate.of(0, 1, 1), null, null, null, 0))
                    .build()),
        };
        assertEquals("pivot element DCMEHOP:TAG:00180050 (NUMBER, occurrence 1, value 1) cannot be written: its value"
                + " is not a decimal number (xs:double: 12.5, -3, 1.0E-4, INF, -INF, NaN)", messages[0]);
        assertFalse(messages[0].contains("DOE"));
        assertTrue(messages[4].endsWith("only a NUMBER has a unit"), messages[4]);
        assertTrue(messages[5].endsWith("only a CODE has a coded value"), messages[5]);
        assertTrue(messages[6].startsWith("the study date cannot be written"), messages[6]);
        assertTrue(messages[7].startsWith("the series date cannot be written"), messages[7]);
    }

    private static String refused(PivotDocument d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Documents.PROVIDER.write(d, out));
        assertEquals(0, out.size(), "bytes were written for a refused document");
        return e.getMessage();
    }

    @Test
    void longStringsCrossTheBufferWithoutSplittingACharacter() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < PivotXmlWriter.BUFFER_SIZE; i++) {
            sb.append(i % 3 == 0 ? "\uD83D\uDE00" : i % 3 == 1 ? "&" : "é");
        }
        PivotDocument d = minimal().text(sb.toString()).title(sb.substring(2))
                .addElement(new PivotElement(sb.toString(), NodeType.TEXT, sb.toString(), null, null, 1, 1)).build();
        assertEquals(d, Documents.read(Documents.write(d)));
        String plain = "x".repeat(2 * PivotXmlWriter.BUFFER_SIZE + 7);
        PivotDocument runs = minimal().text(plain + "&" + plain + "\uD83D\uDE00" + plain).title(plain).build();
        assertEquals(runs, Documents.read(Documents.write(runs)));
    }

    @Test
    void aNodeCodeEscapedOnceIsWrittenTheSameWhenItsStringComesAgainOrAnEqualOneDoes() {
        String code = "DCMEHOP:SR:DCM-113701/99\u00C9&\"<X>-1\t/SCT-\uD83D\uDE00";
        PivotDocument first = minimal().addElement(PivotElement.of(code, NodeType.TEXT, "v")).build();
        PivotDocument again = minimal().addElement(PivotElement.of(code, NodeType.TEXT, "v")).build();
        PivotDocument equal = minimal().addElement(PivotElement.of(new String(code.toCharArray()), NodeType.TEXT, "v"))
                .build();
        byte[] expected = Documents.write(first);
        assertTrue(new String(expected, StandardCharsets.UTF_8).contains(
                "node=\"DCMEHOP:SR:DCM-113701/99\u00C9&amp;&quot;&lt;X&gt;-1&#9;/SCT-\uD83D\uDE00\">"));
        assertArrayEquals(expected, Documents.write(again), "the code found by its string");
        assertArrayEquals(expected, Documents.write(equal), "an equal code in another string");
    }
    @Test
    void moreNodeCodesThanAreRememberedAreStillEscapedRight() {
        EncodedCodes codes = new EncodedCodes();
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < 3 * EncodedCodes.MAX_ENTRIES; i++) {
                String code = "DCMEHOP:TAG:" + i + (i % 7 == 0 ? "&<\"" : "");
                String expected = code.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
                assertEquals(expected, new String(codes.attribute(code), StandardCharsets.UTF_8));
            }
        }
    }
}
