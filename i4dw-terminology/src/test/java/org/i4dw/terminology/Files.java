/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.terminology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.i4dw.api.terminology.TerminologyBuilder;
import org.i4dw.api.terminology.TerminologySettings;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.ReadOptions;

/** Reading real files and feeding them, as the CLI does: patient by Patient ID, document by series. */
final class Files {

    private Files() {
    }

    static DicomObject header(Path file) {
        try {
            return DicomReader.read(file, ReadOptions.builder().headerOnly(true).build()).dataset();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TerminologyBuilder builder() {
        return new DcmehopTerminologyProvider().newBuilder(TerminologySettings.defaults());
    }

    static TerminologyBuilder add(TerminologyBuilder b, DicomObject o) {
        return b.add(o.string(Tag.PatientID).orElse("(no patient id)"),
                o.string(Tag.SeriesInstanceUID).orElse("(no series)"), o);
    }
}
