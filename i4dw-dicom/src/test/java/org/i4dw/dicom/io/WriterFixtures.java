/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.io;

import java.util.List;
import org.i4dw.data.BulkData;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Fragments;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;

/** Data sets built in code for the writer tests; all values are made up. */
final class WriterFixtures {

    static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.7";
    static final String SOP_INSTANCE = "1.2.826.0.1.3680043.2.1143.123456789";
    static final String PATIENT_NAME = "Ærøskøbing^Zoë";
    static final String PHYSICIAN = "Müller^Jürgen";
    static final String CODE_MEANING = "Übersichtsaufnahme";
    static final String PRIVATE_CREATOR = "I4DW TEST";
    static final String PRIVATE_VALUE = "private value";
    static final Tag PRIVATE_CREATOR_TAG = Tag.of(0x0009, 0x0010);
    static final Tag PRIVATE_TAG = Tag.of(0x0009, 0x1001);
    static final byte[] OB_VALUE = {1, 2, 3, (byte) 0xFE, (byte) 0xFF};
    static final int[] OW_VALUE = {0x0102, 0xFFEE, 0x8001};
    /** 4 rows x 3 columns of 16-bit pixels whose two bytes differ, so a missed swap shows. */
    static final int[] PIXELS = {0x0102, 0x0304, 0x0506, 0x0708, 0x090A, 0x0B0C, 0x0D0E, 0x0F10, 0x1112, 0x1314,
        0x1516, 0xFFFE};
    static final Tag SIMPLE_FRAME_LIST = Tag.of(0x00081161);
    static final Tag TAG_ANGLE_SECOND_AXIS = Tag.of(0x00189219);
    static final Tag FILE_LENGTH_IN_CONTAINER = Tag.of(0x0008040D);
    static final Tag DIFFUSION_GRADIENT_ORIENTATION = Tag.of(0x00189089);
    static final Tag RED_LUT_DATA = Tag.of(0x00281201);

    private WriterFixtures() {
    }

    /** Little endian bytes of 16-bit words. */
    static byte[] le16(int... words) {
        byte[] b = new byte[words.length * 2];
        for (int k = 0; k < words.length; k++) {
            b[2 * k] = (byte) words[k];
            b[2 * k + 1] = (byte) (words[k] >>> 8);
        }
        return b;
    }

    /** The main data set: ISO_IR 100 text, numbers of every kind, a 3-level sequence, private and bulk values. */
    static DicomObject dataset() {
        DicomObject code = DicomObject.builder()
                .set(Tag.CodeValue, "121311")
                .set(Tag.CodingSchemeDesignator, "DCM")
                .set(Tag.CodeMeaning, CODE_MEANING) // built without inheritCharacterSet: the writer uses the parent's
                .build();
        DicomObject instance = DicomObject.builder()
                .set(Tag.ReferencedSOPClassUID, SOP_CLASS)
                .set(Tag.ReferencedSOPInstanceUID, "1.2.3.4.5")
                .setSequence(Tag.PurposeOfReferenceCodeSequence, List.of(code, DicomObject.EMPTY))
                .build();
        DicomObject series = DicomObject.builder()
                .setSequence(Tag.ReferencedImageSequence, List.of())
                .setSequence(Tag.ReferencedInstanceSequence, List.of(instance))
                .set(Tag.SeriesInstanceUID, "1.2.3.4")
                .build();
        return DicomObject.builder()
                .set(Tag.SpecificCharacterSet, "ISO_IR 100")
                .set(Tag.SOPClassUID, SOP_CLASS)
                .set(Tag.SOPInstanceUID, SOP_INSTANCE)
                .set(Tag.StudyDate, "20240131")
                .set(Tag.StudyTime, "101530.123")
                .set(Tag.ReferringPhysicianName, PHYSICIAN)
                .setInts(SIMPLE_FRAME_LIST, VR.UL, 1, 70000, 4294967295L)
                .setInts(FILE_LENGTH_IN_CONTAINER, VR.UV, 1099511627781L)
                .setSequence(Tag.ReferencedSeriesSequence, List.of(series, DicomObject.EMPTY))
                .set(PRIVATE_CREATOR_TAG, VR.LO, PRIVATE_CREATOR)
                .set(PRIVATE_TAG, VR.LO, PRIVATE_VALUE)
                .set(Tag.PatientName, PATIENT_NAME)
                .set(Tag.PatientID, "ID123")
                .set(Tag.PatientBirthDate, "19700101")
                .setDoubles(Tag.PatientSize, VR.DS, 1.75)
                .setDoubles(Tag.PatientWeight, VR.DS, 72.5)
                .setInts(TAG_ANGLE_SECOND_AXIS, VR.SS, -45)
                .setDoubles(DIFFUSION_GRADIENT_ORIENTATION, VR.FD, 0.5, -0.25, 1e-300)
                .setInts(Tag.InstanceNumber, VR.IS, 7)
                .setInts(Tag.SamplesPerPixel, VR.US, 1)
                .set(Tag.PhotometricInterpretation, "MONOCHROME2")
                .setTags(Tag.FrameIncrementPointer, Tag.FrameTime, Tag.FrameTimeVector)
                .setInts(Tag.Rows, VR.US, 4)
                .setInts(Tag.Columns, VR.US, 3)
                .setInts(Tag.BitsAllocated, VR.US, 16)
                .setInts(Tag.BitsStored, VR.US, 12)
                .setInts(Tag.HighBit, VR.US, 11)
                .setInts(Tag.PixelRepresentation, VR.US, 0)
                .setDoubles(Tag.WindowCenter, VR.DS, 40, 400)
                .setBytes(RED_LUT_DATA, VR.OW, le16(OW_VALUE))
                .setBytes(Tag.EncapsulatedDocument, VR.OB, OB_VALUE)
                .setBulkData(Tag.PixelData, VR.OW, BulkData.of(le16(PIXELS)))
                .build();
    }

    /** A Japanese data set: ISO 2022 IR 87 person name with its three component groups. */
    static DicomObject japanese() {
        return DicomObject.builder()
                .set(Tag.SpecificCharacterSet, "", "ISO 2022 IR 87")
                .set(Tag.SOPClassUID, SOP_CLASS)
                .set(Tag.SOPInstanceUID, SOP_INSTANCE)
                .set(Tag.PatientName, "Yamada^Tarou=山田^太郎=やまだ^たろう")
                .build();
    }

    static final byte[] FRAGMENT_1 = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4, 5, (byte) 0xFF, (byte) 0xD9};
    static final byte[] FRAGMENT_2 = {(byte) 0xFF, (byte) 0xD8, 9, 8, 7, 6, (byte) 0xFF, (byte) 0xD9};

    /** Two frames of (fake) JPEG baseline, one fragment each, with a Basic Offset Table. */
    static DicomObject jpeg() {
        int second = 8 + FRAGMENT_1.length + 1; // item header + padded first fragment
        byte[] bot = {0, 0, 0, 0, (byte) second, 0, 0, 0};
        return DicomObject.builder()
                .set(Tag.SOPClassUID, SOP_CLASS)
                .set(Tag.SOPInstanceUID, SOP_INSTANCE)
                .setInts(Tag.SamplesPerPixel, VR.US, 1)
                .set(Tag.PhotometricInterpretation, "MONOCHROME2")
                .setInts(Tag.NumberOfFrames, VR.IS, 2)
                .setInts(Tag.Rows, VR.US, 4)
                .setInts(Tag.Columns, VR.US, 3)
                .setInts(Tag.BitsAllocated, VR.US, 8)
                .setInts(Tag.BitsStored, VR.US, 8)
                .setInts(Tag.HighBit, VR.US, 7)
                .setInts(Tag.PixelRepresentation, VR.US, 0)
                .setFragments(Tag.PixelData.value(), VR.OB,
                        new Fragments(List.of(BulkData.of(bot), BulkData.of(FRAGMENT_1), BulkData.of(FRAGMENT_2))))
                .build();
    }
}
