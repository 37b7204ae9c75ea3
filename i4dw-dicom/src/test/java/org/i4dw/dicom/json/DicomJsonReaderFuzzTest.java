/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.json;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.i4dw.api.DicomParseException;
import org.i4dw.data.DicomObject;

/**
 * Fuzzes {@link DicomJsonReader}: whatever the input, it returns a data set or throws
 * {@link DicomParseException}, never another exception, a stack overflow or a hang. Runs the seeds
 * in {@code DicomJsonReaderFuzzTestInputs} as a regression test; set {@code JAZZER_FUZZ=1} to fuzz.
 */
class DicomJsonReaderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void readerFailsOnlyWithParseExceptions(FuzzedDataProvider data) {
        String json = data.consumeRemainingAsString();
        try {
            DicomObject ds = DicomJsonReader.read(json, "fuzz");
            DicomJsonWriter.builder().build().toJson(ds);
        } catch (DicomParseException expected) {
            // bad input, reported as such
        }
    }
}
