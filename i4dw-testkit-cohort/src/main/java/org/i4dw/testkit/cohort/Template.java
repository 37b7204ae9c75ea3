/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit.cohort;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.data.BulkData;
import org.i4dw.data.DicomDates;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.ReadOptions;

/**
 * A real DICOM file whose header is the model of generated instances: a shipped resource (see
 * {@code PROVENANCE.md} beside them) or a caller's dose report file. Read whole once; its pixel
 * data, if any, resampled to the cohort's matrix.
 *
 * @param name the file name, recorded in the ground truth
 * @param dataset the data set, pixel data in memory at the cohort's matrix
 * @param studyUid the template's own Study Instance UID
 * @param seriesUid the template's own Series Instance UID
 * @param sopUid the template's own SOP Instance UID
 * @param dates every date the template holds (DA values and dates of DT values), at any depth:
 *     generated dates avoid them, so that a template date found in a generated file is a leak
 * @param times every time the template holds (TM values, to the second, as {@code HHMMSS}), at
 *     any depth: generated times avoid them
 */
record Template(String name, DicomObject dataset, String studyUid, String seriesUid, String sopUid,
        Set<LocalDate> dates, Set<String> times) {

    /**
     * The name a caller's dose report template has in the ground truth: not its file name, which
     * the generator does not control and which could name a patient.
     */
    static final String DOSE_REPORT_LABEL = "dose report template";

    /** The resource folder of the shipped templates. */
    static final String RESOURCE_FOLDER = "/org/i4dw/testkit/cohort/";

    /** GE Signa HDxt prostate ADC map (TCIA QIN-PROSTATE-Repeatability via dcmqi). */
    static final String MR_GE = "mr-ge-signa-hdxt-prostate.dcm";

    /** Philips Achieva dStream EPI image (dcm_qa_philips). */
    static final String MR_PHILIPS = "mr-philips-achieva-dstream.dcm";

    /** GE LightSpeed Ultra abdominal CT slice (dcmqi). */
    static final String CT_GE = "ct-ge-lightspeed-ultra-abdomen.dcm";

    static Template resource(String name, int matrix) {
        try (InputStream in = Template.class.getResourceAsStream(RESOURCE_FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("template resource " + name + " is missing from the i4dw-testkit-cohort jar");
            }
            return of(name, DicomReader.read(in, name, ReadOptions.defaults()).dataset(), matrix);
        } catch (IOException e) {
            throw new IllegalStateException("template resource " + name + " cannot be read", e);
        }
    }

    static Template file(Path file, int matrix) throws IOException {
        DicomObject ds = DicomReader.read(file, ReadOptions.builder().bulkDataThreshold(Integer.MAX_VALUE).build())
                .dataset();
        return of(DOSE_REPORT_LABEL, ds, matrix);
    }

    private static Template of(String name, DicomObject ds, int matrix) throws IOException {
        String study = required(ds, Tag.StudyInstanceUID, name);
        String series = required(ds, Tag.SeriesInstanceUID, name);
        String sop = required(ds, Tag.SOPInstanceUID, name);
        required(ds, Tag.SOPClassUID, name);
        Set<LocalDate> dates = new HashSet<>();
        Set<String> times = new HashSet<>();
        collectDatesAndTimes(ds, dates, times);
        DicomObject model = ds.contains(Tag.PixelData) ? resample(ds, matrix, name) : ds;
        return new Template(name, model, study, series, sop, Set.copyOf(dates), Set.copyOf(times));
    }

    private static String required(DicomObject ds, Tag tag, String name) {
        return ds.string(tag).orElseThrow(() -> new I4dwConfigurationException("Template " + name + " has no "
                + Tag.toString(tag.value()) + "; a template must be a complete DICOM instance"));
    }

    private static void collectDatesAndTimes(DicomObject ds, Set<LocalDate> dates, Set<String> times) {
        for (DicomElement e : ds) {
            if (e.vr() == VR.SQ) {
                for (DicomObject item : e.items()) {
                    collectDatesAndTimes(item, dates, times);
                }
            } else if (e.vr() == VR.DA || e.vr() == VR.DT) {
                for (String v : e.strings()) {
                    if (v.length() >= 8) {
                        DicomDates.parseDate(v.substring(0, 8)).ifPresent(dates::add);
                    }
                }
            } else if (e.vr() == VR.TM) {
                for (String v : e.strings()) {
                    if (v.length() >= 6) {
                        times.add(v.substring(0, 6));
                    }
                }
            }
        }
    }

    /**
     * Nearest-neighbour resampling of single-sample 16-bit native pixel data to {@code matrix}
     * rows and columns, Pixel Spacing scaled so that the field of view stays the same.
     */
    static DicomObject resample(DicomObject ds, int matrix, String name) throws IOException {
        int rows = ds.integer(Tag.Rows).orElse(0);
        int cols = ds.integer(Tag.Columns).orElse(0);
        if (rows == matrix && cols == matrix) {
            return ds;
        }
        if (ds.integer(Tag.BitsAllocated).orElse(0) != 16 || ds.integer(Tag.SamplesPerPixel).orElse(1) != 1
                || ds.fragments(Tag.PixelData).isPresent() || rows < 1 || cols < 1
                || ds.integer(Tag.NumberOfFrames).orElse(1) != 1) {
            throw new I4dwConfigurationException("Template " + name + " does not hold one frame of native 16-bit "
                    + "grey pixels; its pixel data cannot be resampled to the cohort's matrix");
        }
        byte[] in = pixels(ds);
        if (in.length < rows * cols * 2) {
            throw new I4dwConfigurationException("Template " + name + ": Pixel Data holds " + in.length
                    + " bytes, fewer than its " + rows + " x " + cols + " 16-bit pixels");
        }
        byte[] out = new byte[matrix * matrix * 2];
        for (int r = 0; r < matrix; r++) {
            int sr = (int) ((long) r * rows / matrix);
            for (int c = 0; c < matrix; c++) {
                int sc = (int) ((long) c * cols / matrix);
                int from = (sr * cols + sc) * 2;
                int to = (r * matrix + c) * 2;
                out[to] = in[from];
                out[to + 1] = in[from + 1];
            }
        }
        DicomObject.Builder b = ds.toBuilder()
                .setInts(Tag.Rows, VR.US, matrix)
                .setInts(Tag.Columns, VR.US, matrix)
                .setBulkData(Tag.PixelData, VR.OW, BulkData.adopt(out));
        List<String> spacing = ds.strings(Tag.PixelSpacing);
        if (spacing.size() == 2) {
            b.set(Tag.PixelSpacing, VR.DS, scale(spacing.get(0), rows, matrix), scale(spacing.get(1), cols, matrix));
        }
        return b.build();
    }

    private static String scale(String spacing, int from, int to) {
        try {
            BigDecimal v = new BigDecimal(spacing.strip()).multiply(BigDecimal.valueOf(from))
                    .divide(BigDecimal.valueOf(to), 6, RoundingMode.HALF_EVEN);
            return v.stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return spacing;
        }
    }

    private static byte[] pixels(DicomObject ds) throws IOException {
        if (ds.bulkData(Tag.PixelData).isPresent()) {
            return ds.bulkData(Tag.PixelData).get().bytes();
        }
        return ds.element(Tag.PixelData).flatMap(DicomElement::bytes).map(bb -> {
            byte[] a = new byte[bb.remaining()];
            bb.get(a);
            return a;
        }).orElse(new byte[0]);
    }
}
