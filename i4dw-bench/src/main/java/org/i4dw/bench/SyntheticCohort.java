/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.bench;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.i4dw.data.BulkData;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.TransferSyntax;
import org.i4dw.data.VR;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.DicomWriter;
import org.i4dw.dicom.io.ReadOptions;

/**
 * A synthetic cohort for benchmarks: patients, studies, series and instances made from the header
 * of one real sample file, with new identifiers (synthetic names and IDs, {@code 2.25} UIDs derived
 * from a seed, so the same parameters give the same cohort) and pixel data of a chosen size.
 *
 * @param patients number of patients
 * @param studiesPerPatient studies per patient
 * @param seriesPerStudy series per study
 * @param instancesPerSeries instances per series
 * @param matrix rows and columns of the 16-bit pixel data
 */
public record SyntheticCohort(int patients, int studiesPerPatient, int seriesPerStudy, int instancesPerSeries,
        int matrix) {

    /** One generated series. */
    public record Series(String accessionNumber, String studyUid, String seriesUid, List<String> instanceUids) {
    }

    /** Checks the sizes. */
    public SyntheticCohort {
        if (patients < 1 || studiesPerPatient < 1 || seriesPerStudy < 1 || instancesPerSeries < 1 || matrix < 1) {
            throw new IllegalArgumentException("every count and the matrix must be >= 1");
        }
    }

    /**
     * Writes the cohort as Part 10 files (Explicit VR Little Endian) under {@code dir}.
     *
     * @param template a real image file whose header is the model (its identifiers are replaced)
     * @param dir the folder to write to
     * @return the series written, in order
     * @throws IOException if the template cannot be read or a file written
     */
    public List<Series> write(Path template, Path dir) throws IOException {
        DicomObject model = DicomReader.read(template, ReadOptions.builder().headerOnly(true).build()).dataset();
        byte[] pixels = new byte[matrix * matrix * 2];
        for (int i = 0; i < pixels.length; i += 2) {
            pixels[i] = (byte) (i * 31);
            pixels[i + 1] = (byte) ((i >> 9) & 0x0F);
        }
        Files.createDirectories(dir);
        List<Series> out = new ArrayList<>();
        int n = 0;
        for (int p = 1; p <= patients; p++) {
            for (int s = 1; s <= studiesPerPatient; s++) {
                String accession = String.format(Locale.ROOT, "SYN%04d%02d", p, s);
                String studyUid = uid("study", p, s, 0, 0);
                for (int r = 1; r <= seriesPerStudy; r++) {
                    String seriesUid = uid("series", p, s, r, 0);
                    List<String> instances = new ArrayList<>();
                    for (int i = 1; i <= instancesPerSeries; i++) {
                        String sop = uid("instance", p, s, r, i);
                        instances.add(sop);
                        DicomObject ds = model.toBuilder()
                                .set(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100")
                                .set(Tag.PatientName, VR.PN, String.format(Locale.ROOT, "SYNTHETIC^P%04d", p))
                                .set(Tag.PatientID, VR.LO, String.format(Locale.ROOT, "SYN%04d", p))
                                .set(Tag.AccessionNumber, VR.SH, accession)
                                .set(Tag.StudyInstanceUID, VR.UI, studyUid)
                                .set(Tag.SeriesInstanceUID, VR.UI, seriesUid)
                                .set(Tag.SOPInstanceUID, VR.UI, sop)
                                .setInts(Tag.SeriesNumber, VR.IS, r)
                                .setInts(Tag.InstanceNumber, VR.IS, i)
                                .setInts(Tag.Rows, VR.US, matrix)
                                .setInts(Tag.Columns, VR.US, matrix)
                                .setInts(Tag.BitsAllocated, VR.US, 16)
                                .setInts(Tag.BitsStored, VR.US, 12)
                                .setInts(Tag.HighBit, VR.US, 11)
                                .setInts(Tag.SamplesPerPixel, VR.US, 1)
                                .set(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2")
                                .setBulkData(Tag.PixelData, VR.OW, BulkData.adopt(pixels))
                                .build();
                        DicomWriter.writeFile(dir.resolve(String.format(Locale.ROOT, "%06d.dcm", ++n)), ds,
                                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
                    }
                    out.add(new Series(accession, studyUid, seriesUid, List.copyOf(instances)));
                }
            }
        }
        return out;
    }

    /** A {@code 2.25} UID derived from the cohort's shape and the position, stable across runs. */
    private String uid(String kind, int p, int s, int r, int i) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] h = md.digest(String.format(Locale.ROOT, "i4dw-synthetic/%s/%d/%d/%d/%d/%d/%d/%d/%d/%d", kind,
                    patients, studiesPerPatient, seriesPerStudy, instancesPerSeries, matrix, p, s, r, i)
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] b = new byte[16];
            System.arraycopy(h, 0, b, 0, 16);
            return "2.25." + new BigInteger(1, b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
