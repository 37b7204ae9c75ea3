/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.i4dw.api.DicomParseException;
import org.i4dw.data.TransferSyntax;

/**
 * Proves that no byte sequence makes {@link DicomReader} fail with anything but a
 * {@link DicomParseException}: not a runtime exception of the JDK (index out of bounds, negative
 * array size, a {@code ZipException} from the inflater...), not a {@link StackOverflowError}, not an
 * {@link OutOfMemoryError}, and no hang. Every input is read six ways: as a Part 10 stream whole and
 * header-only, and as a bare data set in each native transfer syntax.
 *
 * <p>In a plain {@code mvn test} Jazzer runs only the inputs of
 * {@code src/test/resources/org/i4dw/dicom/io/DicomReaderFuzzTestInputs/readerThrowsOnlyDicomParseException}
 * (real sample files, and any crash found earlier). With the environment variable
 * {@code JAZZER_FUZZ=1} it fuzzes for {@link FuzzTest#maxDuration()}; the {@code fuzz} execution of
 * surefire in {@code i4dw-dicom/pom.xml} does that in every {@code mvn verify}. Jazzer fuzzes one
 * fuzz test per JVM, so this class has exactly one.
 */
class DicomReaderFuzzTest {

    private static final ReadOptions WHOLE = ReadOptions.defaults();
    private static final ReadOptions HEADER_ONLY = ReadOptions.builder().headerOnly(true).build();
    private static final List<TransferSyntax> NATIVE = List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
            TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN,
            TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);

    @FuzzTest(maxDuration = "60s")
    void readerThrowsOnlyDicomParseException(byte[] data) throws IOException {
        readPart10(data, WHOLE);
        readPart10(data, HEADER_ONLY);
        for (TransferSyntax ts : NATIVE) {
            try {
                DicomReader.readDataset(new ByteArrayInputStream(data), "fuzz", ts, WHOLE);
            } catch (DicomParseException expected) {
                // bad input, reported as such: what the reader promises
            }
        }
    }

    private static void readPart10(byte[] data, ReadOptions options) throws IOException {
        try {
            DicomReader.read(new ByteArrayInputStream(data), "fuzz", options);
        } catch (DicomParseException expected) {
            // bad input, reported as such: what the reader promises
        }
    }
}
