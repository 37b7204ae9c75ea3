/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.bench;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Random;
import org.i4dw.api.pivot.CodedValue;
import org.i4dw.api.pivot.DocumentType;
import org.i4dw.api.pivot.PivotDocument;
import org.i4dw.api.pivot.PivotElement;
import org.i4dw.api.pivot.SeriesContext;
import org.i4dw.api.pivot.StudyContext;
import org.i4dw.api.terminology.NodeType;

/**
 * Realistic pivot documents for the benchmarks, reproducible from a seed.
 *
 * <p>{@code ct-150}: a CT image series as routine mode describes it, 150 elements named by
 * attribute codes ({@code DCMEHOP:TAG:00180050}, some through sequences): about a third text
 * (descriptions, French words with accents), a quarter numbers (a third of them with a UCUM
 * unit), a sixth codes (CS values, and code-sequence items with their triplet), UIDs of 40 to 60
 * characters, dates, times, date-times and person names; some multi-valued, some repeated.
 *
 * <p>{@code rdsr-600}: a CT dose report, 600 elements named by SR concept paths
 * ({@code DCMEHOP:SR:DCM-113701/DCM-113819/...}, 40 to 90 characters): mostly numbers with units
 * and coded values with their triplets, repeated per irradiation event.
 */
final class PivotDocuments {

    private static final String[] TEXTS = {"Thorax sans injection", "CT THORAX ABDOMEN PELVIS", "Crâne",
        "Abdomen-pelvis portal", "AXIAL 1.25 mm", "SOFT TISSUE", "Poumon fenêtre parenchymateuse", "SIEMENS",
        "SOMATOM Definition Edge", "HEAD FIRST SUPINE", "Ã©chographie", "Service de radiologie", "1.25mm B30f"};
    private static final String[] UNITS = {"mm", "kV", "mA", "s", "mGy", "mGy.cm", "mm2", "{ratio}", "%"};
    private static final String[] CS = {"CT", "ORIGINAL", "PRIMARY", "AXIAL", "HFS", "YES", "NO", "MONOCHROME2"};
    private static final String[][] CODES = {{"SCT", "51185008", "Thorax"}, {"SCT", "818981001", "Abdomen"},
        {"DCM", "113723", "CT Acquisition"}, {"DCM", "113830", "Mean CTDIvol"}, {"DCM", "113838", "DLP"},
        {"UCUM", "mGy.cm", "mGy.cm"}, {"DCM", "113691", "IEC Body Dosimetry Phantom"},
        {"LN", "24627-2", "Chest CT"}};

    private PivotDocuments() {
    }

    /**
     * One document.
     *
     * @param name {@code ct-150} or {@code rdsr-600}
     * @param seed the seed
     * @return the document
     */
    static PivotDocument of(String name, long seed) {
        switch (name) {
            case "ct-150":
                return build(seed, 150, false);
            case "rdsr-600":
                return build(seed, 600, true);
            default:
                throw new IllegalArgumentException("unknown document '" + name + "', expected ct-150 or rdsr-600");
        }
    }

    private static PivotDocument build(long seed, int n, boolean sr) {
        Random r = new Random(seed);
        String series = uid(r);
        PivotDocument.Builder b = PivotDocument.builder().documentId(series)
                .type(sr ? DocumentType.STRUCTURED_REPORT : DocumentType.IMAGE_SERIES)
                .accessionNumber("A2024" + (100_000 + r.nextInt(900_000))).patientKey("PK-" + Long.toHexString(r.nextLong()))
                .study(new StudyContext(uid(r), LocalDate.of(2024, 3, 1), LocalTime.of(14, 5, 9), "CT THORAX ABDOMEN PELVIS"))
                .series(new SeriesContext(series, 3, sr ? "SR" : "CT", sr ? "Dose Report" : "Thorax 1.25 mm B30f",
                        LocalDate.of(2024, 3, 1), "CHEST", sr ? "1.2.840.10008.5.1.4.1.1.88.67" : "1.2.840.10008.5.1.4.1.1.2",
                        sr ? 1 : 312, 1))
                .title(sr ? "X-Ray Radiation Dose Report" : "CT Thorax 1.25 mm B30f")
                .text("CT THORAX ABDOMEN PELVIS\nThorax 1.25 mm B30f\nCHEST");
        for (int i = 0; i < n; i++) {
            b.addElement(sr ? srElement(r, i) : tagElement(r, i));
        }
        return b.build();
    }

    private static String uid(Random r) {
        return "2.25." + Long.toUnsignedString(r.nextLong()) + Long.toUnsignedString(r.nextLong());
    }

    private static String number(Random r) {
        switch (r.nextInt(3)) {
            case 0:
                return Integer.toString(r.nextInt(1000));
            case 1:
                return String.format(Locale.ROOT, "%.3f", r.nextDouble() * 500);
            default:
                return Double.toString(r.nextGaussian() * 1e3);
        }
    }

    private static PivotElement tagElement(Random r, int i) {
        String code = "DCMEHOP:TAG:" + (i % 10 == 9 ? "00082218/" : "") + String.format(Locale.ROOT, "%04X%04X",
                0x0008 + 2 * (i / 40), 0x0010 + 4 * i);
        int occurrence = i % 10 == 9 ? 1 + r.nextInt(2) : 1;
        int valueIndex = i % 13 == 12 ? 2 : 1;
        int kind = r.nextInt(100);
        if (kind < 35) {
            return new PivotElement(code, NodeType.TEXT, TEXTS[r.nextInt(TEXTS.length)], null, null, occurrence, valueIndex);
        } else if (kind < 60) {
            return new PivotElement(code, NodeType.NUMBER, number(r), r.nextInt(3) == 0 ? UNITS[r.nextInt(UNITS.length)]
                    : null, null, occurrence, valueIndex);
        } else if (kind < 70) {
            return new PivotElement(code, NodeType.CODE, CS[r.nextInt(CS.length)], null, null, occurrence, valueIndex);
        } else if (kind < 77) {
            String[] c = CODES[r.nextInt(CODES.length)];
            return new PivotElement(code, NodeType.CODE, c[1], null, new CodedValue(c[0], c[1], c[2]), occurrence,
                    valueIndex);
        } else if (kind < 87) {
            return new PivotElement(code, NodeType.UIDREF, uid(r), null, null, occurrence, valueIndex);
        } else if (kind < 90) {
            return new PivotElement(code, NodeType.DATE, "2024-03-01", null, null, occurrence, valueIndex);
        } else if (kind < 93) {
            return new PivotElement(code, NodeType.TIME, "14:05:09.250", null, null, occurrence, valueIndex);
        } else if (kind < 95) {
            return new PivotElement(code, NodeType.DATETIME, "2024-03-01T14:05:09.25+01:00", null, null, occurrence,
                    valueIndex);
        } else {
            return new PivotElement(code, NodeType.PNAME, "Opérateur^Anonyme", null, null, occurrence, valueIndex);
        }
    }

    private static PivotElement srElement(Random r, int i) {
        int event = i / 25;
        String code = "DCMEHOP:SR:DCM-113701/DCM-113819/" + (i % 5 == 0 ? "DCM-113829/" : "DCM-113876/")
                + (i % 3 == 0 ? "DCM-113838" : "DCM-" + (113800 + i % 25));
        int occurrence = 1 + event;
        int kind = r.nextInt(100);
        if (kind < 55) {
            return new PivotElement(code, NodeType.NUMBER, number(r), UNITS[r.nextInt(UNITS.length)], null, occurrence, 1);
        } else if (kind < 85) {
            String[] c = CODES[r.nextInt(CODES.length)];
            return new PivotElement(code, NodeType.CODE, c[1], null, new CodedValue(c[0], c[1], c[2]), occurrence, 1);
        } else if (kind < 92) {
            return new PivotElement(code, NodeType.UIDREF, uid(r), null, null, occurrence, 1);
        } else if (kind < 96) {
            return new PivotElement(code, NodeType.DATETIME, "2024-03-01T14:05:09", null, null, occurrence, 1);
        } else {
            return new PivotElement(code, NodeType.TEXT, TEXTS[r.nextInt(TEXTS.length)], null, null, occurrence, 1);
        }
    }
}
