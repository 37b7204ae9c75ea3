/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.i4dw.data.DicomObject;
import org.i4dw.data.TransferSyntax;
import org.i4dw.spi.DicomCodecProvider;

/** The {@code part10} codec provider: {@link DicomReader} and {@link DicomWriter} behind the SPI. */
public final class Part10CodecProvider implements DicomCodecProvider {

    private static final ReadOptions WHOLE = ReadOptions.defaults();
    private static final ReadOptions HEADER = ReadOptions.builder().headerOnly(true).build();

    /** For the service loader. */
    public Part10CodecProvider() {
    }

    @Override
    public String id() {
        return "part10";
    }

    @Override
    public String version() {
        String v = Part10CodecProvider.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public DicomObject readDataSet(InputStream in, String transferSyntaxUid, boolean headerOnly) throws IOException {
        return DicomReader.readDataset(in, "a retrieved data set", TransferSyntax.of(transferSyntaxUid),
                headerOnly ? HEADER : WHOLE).dataset();
    }

    @Override
    public DicomObject readFile(InputStream in, boolean headerOnly) throws IOException {
        return DicomReader.read(in, "a cached instance", headerOnly ? HEADER : WHOLE).dataset();
    }

    @Override
    public void writeFile(DicomObject dataSet, String transferSyntaxUid, OutputStream out) throws IOException {
        DicomWriter.writeFile(out, null, dataSet, TransferSyntax.of(transferSyntaxUid), WriteOptions.defaults());
    }
}
