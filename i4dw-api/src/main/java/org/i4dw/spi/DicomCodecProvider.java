/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.i4dw.data.DicomObject;

/**
 * Reads and writes DICOM data sets and Part 10 files: what the bridge needs to de-identify whole
 * instances in caching mode and to read cached ones back (provider {@code part10}, in
 * i4dw-dicom). Implementations are thread-safe.
 */
public interface DicomCodecProvider extends Provider {

    /**
     * Reads a data set as a PACS sent it (no file meta information).
     *
     * @param in the data set bytes
     * @param transferSyntaxUid its transfer syntax
     * @param headerOnly true to stop at Pixel Data
     * @return the data set
     * @throws IOException if {@code in} fails
     * @throws org.i4dw.api.DicomParseException if the bytes are not a data set in that syntax
     */
    DicomObject readDataSet(InputStream in, String transferSyntaxUid, boolean headerOnly) throws IOException;

    /**
     * Reads a Part 10 file.
     *
     * @param in the file's bytes
     * @param headerOnly true to stop at Pixel Data
     * @return its data set
     * @throws IOException if {@code in} fails
     * @throws org.i4dw.api.DicomParseException if the bytes are not a DICOM file
     */
    DicomObject readFile(InputStream in, boolean headerOnly) throws IOException;

    /**
     * Writes a data set as a Part 10 file (file meta information made from the data set).
     *
     * @param dataSet the data set (with SOP Class and SOP Instance UIDs)
     * @param transferSyntaxUid the transfer syntax to write
     * @param out where to write (not closed)
     * @throws IOException if {@code out} fails
     */
    void writeFile(DicomObject dataSet, String transferSyntaxUid, OutputStream out) throws IOException;
}
