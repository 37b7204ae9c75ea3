/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit.cohort;

import java.util.List;

/**
 * What the scanners of a synthetic cohort acquire: the series of an MR prostate examination as GE
 * and Philips name them (the usual multiparametric protocol: T2 in two planes, diffusion, the ADC
 * map, dynamic contrast-enhanced), and those of a CT of the abdomen and pelvis. Acquisition
 * parameters are typical values, set so that the headers are plausible, not a reference.
 */
final class Protocols {

    private Protocols() {
    }

    /** Image plane of a series. */
    enum Plane {
        AXIAL, SAGITTAL
    }

    /** One series of a protocol. */
    record SeriesPlan(
            String role,
            int seriesNumber,
            String description,
            String protocolName,
            List<String> imageType,
            Plane plane,
            double sliceThickness,
            int maxInstances,
            List<String> scanningSequence,
            List<String> sequenceVariant,
            String acquisitionType,
            double repetitionTime,
            double echoTime,
            double flipAngle,
            List<Double> bValues,
            String scanOptions,
            String kernel,
            boolean contrast) {
    }

    /** An MR scanner: a template (whose Manufacturer and Model Name it keeps) and a field strength. */
    enum MrScanner {
        GE_SIGNA_HDXT_3T(Template.MR_GE, 3.0, "MR3T"),
        PHILIPS_ACHIEVA_1_5T(Template.MR_PHILIPS, 1.5, "MR15"),
        PHILIPS_ACHIEVA_3T(Template.MR_PHILIPS, 3.0, "MR3T"),
        GE_SIGNA_HDXT_1_5T(Template.MR_GE, 1.5, "MR15");

        /** Proton Larmor frequency in MHz per tesla. */
        private static final double GAMMA_1H = 42.577478;

        final String template;
        final double tesla;
        final String station;

        MrScanner(String template, double tesla, String station) {
            this.template = template;
            this.tesla = tesla;
            this.station = station;
        }

        double imagingFrequency() {
            return tesla * GAMMA_1H;
        }

        boolean isGe() {
            return template.equals(Template.MR_GE);
        }

        List<SeriesPlan> series() {
            return isGe() ? MR_GE : MR_PHILIPS;
        }

        String protocolName() {
            return isGe() ? "PROSTATE MPMRI" : null;
        }
    }

    static final String MR_STUDY_DESCRIPTION = "MR PROSTATE MULTIPARAMETRIC";
    static final String MR_PROCEDURE_CODE = "MRPROS";
    static final String CT_STUDY_DESCRIPTION = "CT ABDOMEN PELVIS WITH CONTRAST";
    static final String CT_PROCEDURE_CODE = "CTABPEL";
    static final String CT_PROTOCOL = "5.3 ABD PEL PORTAL";
    static final String CT_STATION = "CT1";
    static final String DOSE_REPORT_DESCRIPTION = "Dose Report";
    static final int DOSE_REPORT_SERIES_NUMBER = 999;
    static final String PROCEDURE_CODING_SCHEME = "99I4DWSYN";
    static final String MR_CONTRAST_AGENT = "DOTAREM";
    static final String CT_CONTRAST_AGENT = "OMNIPAQUE 350";

    private static final List<String> SE = List.of("SE");
    private static final List<String> EPI = List.of("EP", "SE");
    private static final List<String> GR = List.of("GR");

    static final List<SeriesPlan> MR_GE = List.of(
            new SeriesPlan("T2_SAG", 2, "Sag T2 FRFSE", null, List.of("ORIGINAL", "PRIMARY", "OTHER"), Plane.SAGITTAL,
                    3.5, Integer.MAX_VALUE, SE, List.of("SK", "OSP"), "2D", 4500, 102, 90, List.of(), null, null,
                    false),
            new SeriesPlan("T2_AX", 3, "Ax T2 FRFSE", null, List.of("ORIGINAL", "PRIMARY", "OTHER"), Plane.AXIAL,
                    3.0, Integer.MAX_VALUE, SE, List.of("SK", "OSP"), "2D", 5200, 110, 90, List.of(), null, null,
                    false),
            new SeriesPlan("DWI", 4, "Ax DWI b50-400-1000", null, List.of("ORIGINAL", "PRIMARY", "OTHER"),
                    Plane.AXIAL, 3.0, Integer.MAX_VALUE, EPI, List.of("NONE"), "2D", 4000, 68.4, 90,
                    List.of(50.0, 400.0, 1000.0), null, null, false),
            new SeriesPlan("ADC", 400, "ADC (10^-6 mm2/s)", null, List.of("DERIVED", "SECONDARY", "PROCESSED"),
                    Plane.AXIAL, 3.0, Integer.MAX_VALUE, EPI, List.of("NONE"), "2D", 4000, 68.4, 90, List.of(), null,
                    null, false),
            new SeriesPlan("DCE", 5, "Ax LAVA DCE", null, List.of("ORIGINAL", "PRIMARY", "OTHER"), Plane.AXIAL, 3.0,
                    Integer.MAX_VALUE, GR, List.of("SS", "SK"), "3D", 3.9, 1.8, 12, List.of(), null, null, true));

    static final List<SeriesPlan> MR_PHILIPS = List.of(
            new SeriesPlan("T2_SAG", 301, "T2W_TSE_SAG", "T2W_TSE_SAG SENSE",
                    List.of("ORIGINAL", "PRIMARY", "M_SE", "M", "SE"), Plane.SAGITTAL, 3.5, Integer.MAX_VALUE, SE,
                    List.of("SK"), "2D", 4300, 100, 90, List.of(), null, null, false),
            new SeriesPlan("T2_AX", 401, "T2W_TSE_TRA", "T2W_TSE_TRA SENSE",
                    List.of("ORIGINAL", "PRIMARY", "M_SE", "M", "SE"), Plane.AXIAL, 3.0, Integer.MAX_VALUE, SE,
                    List.of("SK"), "2D", 5000, 100, 90, List.of(), null, null, false),
            new SeriesPlan("DWI", 501, "DWI_b0_500_1000", "DWI_b0_500_1000 SENSE",
                    List.of("ORIGINAL", "PRIMARY", "M_SE", "M", "SE"), Plane.AXIAL, 3.0, Integer.MAX_VALUE, EPI,
                    List.of("SK"), "2D", 3800, 72, 90, List.of(0.0, 500.0, 1000.0), null, null, false),
            new SeriesPlan("ADC", 502, "dADC", "DWI_b0_500_1000 SENSE",
                    List.of("DERIVED", "PRIMARY", "DIFFUSION", "ADC"), Plane.AXIAL, 3.0, Integer.MAX_VALUE, EPI,
                    List.of("SK"), "2D", 3800, 72, 90, List.of(), null, null, false),
            new SeriesPlan("DCE", 601, "DCE_THRIVE", "DCE_THRIVE SENSE",
                    List.of("ORIGINAL", "PRIMARY", "M_FFE", "M", "FFE"), Plane.AXIAL, 3.0, Integer.MAX_VALUE, GR,
                    List.of("SS", "SP"), "3D", 4.1, 2.0, 10, List.of(), null, null, true));

    static final List<SeriesPlan> CT = List.of(
            new SeriesPlan("LOCALIZER", 1, "Scout", CT_PROTOCOL, List.of("ORIGINAL", "PRIMARY", "LOCALIZER"),
                    Plane.AXIAL, 1.0, 2, List.of(), List.of(), null, 0, 0, 0, List.of(), "SCOUT MODE", "STANDARD",
                    false),
            new SeriesPlan("AXIAL_5", 2, "Abd/Pel 5.0 PV", CT_PROTOCOL, List.of("ORIGINAL", "PRIMARY", "AXIAL"),
                    Plane.AXIAL, 5.0, Integer.MAX_VALUE, List.of(), List.of(), null, 0, 0, 0, List.of(),
                    "HELICAL MODE", "STANDARD", true),
            new SeriesPlan("AXIAL_1_25", 3, "Abd/Pel 1.25 PV", CT_PROTOCOL, List.of("ORIGINAL", "PRIMARY", "AXIAL"),
                    Plane.AXIAL, 1.25, Integer.MAX_VALUE, List.of(), List.of(), null, 0, 0, 0, List.of(),
                    "HELICAL MODE", "SOFT", true));
}
