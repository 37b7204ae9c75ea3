/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import java.io.InputStream;
import java.util.Objects;
import org.i4dw.data.DicomObject;

/**
 * One instance as it arrives from the PACS.
 *
 * @param sopClassUid the SOP class
 * @param sopInstanceUid the SOP instance
 * @param transferSyntaxUid the transfer syntax of the data set
 * @param header the data set, read up to Pixel Data (the whole data set when the request was not
 *     header-only and the transport parsed it; see {@link #dataSet()})
 * @param dataSet when the request was not header-only: the data set bytes exactly as received
 *     (to be stored), valid only during {@link InstanceConsumer#accept}; null for header-only
 */
public record RetrievedInstance(String sopClassUid, String sopInstanceUid, String transferSyntaxUid,
        DicomObject header, InputStream dataSet) {

    /** Checks the identifiers. */
    public RetrievedInstance {
        Objects.requireNonNull(sopClassUid, "sopClassUid");
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        Objects.requireNonNull(transferSyntaxUid, "transferSyntaxUid");
    }

    /** SOP class and transfer syntax only: the instance UID is an identifier not yet de-identified. */
    @Override
    public String toString() {
        return "RetrievedInstance[" + sopClassUid + ", " + transferSyntaxUid + "]";
    }
}
