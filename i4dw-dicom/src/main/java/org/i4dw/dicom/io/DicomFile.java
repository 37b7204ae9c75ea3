/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.io;

import java.util.List;
import java.util.Objects;
import org.i4dw.data.DicomObject;
import org.i4dw.data.TransferSyntax;

/**
 * What {@link DicomReader} read: the file meta information (group 0002, empty for a bare data
 * set), the data set, the transfer syntax it was encoded in, and the warnings of a lenient read.
 *
 * @param source the file name or label the data came from (never patient data)
 * @param fileMetaInformation group 0002, {@link DicomObject#EMPTY} when the input had none
 * @param dataset the data set (without group 0002)
 * @param transferSyntax the transfer syntax of the data set
 * @param warnings what was accepted although not conformant, in stream order
 * @param pixelDataSkipped true when a header-only read stopped at (7FE0,0010)
 */
public record DicomFile(String source, DicomObject fileMetaInformation, DicomObject dataset,
        TransferSyntax transferSyntax, List<ParseWarning> warnings, boolean pixelDataSkipped) {

    /** Checks nulls and copies the warnings. */
    public DicomFile {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(fileMetaInformation, "fileMetaInformation");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(transferSyntax, "transferSyntax");
        warnings = List.copyOf(warnings);
    }

    /** Counts only, never values. */
    @Override
    public String toString() {
        return "DicomFile[" + source + ", " + transferSyntax.uid() + ", " + dataset.size() + " elements, "
                + warnings.size() + " warnings" + (pixelDataSkipped ? ", pixel data skipped" : "") + "]";
    }
}
