/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.i4dw.data.DicomObject;
import org.i4dw.dicom.io.DicomWriter;
import org.i4dw.dicom.net.InstanceHandler;
import org.i4dw.dicom.net.RetrieveRequest;
import org.i4dw.dicom.net.RetrieveResult;
import org.i4dw.dicom.net.DimseClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code i4dw get}: C-GET a study or series into Part 10 files named by SOP Instance UID. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = {"Retrieve a study or series with C-GET into DIR/<SOPInstanceUID>.dcm.",
            "Exit codes: 2 usage, 3 PACS unreachable, 4 association rejected, 5 timeout, 6 failure status, 1 other."})
final class GetCommand extends RetrieveOptions {

    @Option(names = "--first", description = "Only the first instance (lowest Instance Number) of each series.")
    boolean first;

    @Option(names = "--header-only", description = "Read each instance up to Pixel Data; write the header only.")
    boolean headerOnly;

    @Override
    String retrieve(DimseClient scu, RetrieveRequest request) {
        InstanceHandler handler = headerOnly ? instance -> {
            DicomObject header = instance.readHeader();
            try {
                Files.createDirectories(out);
                DicomWriter.writeFile(out.resolve(instance.sopInstanceUid() + ".dcm"), header,
                        instance.transferSyntax());
            } catch (IllegalArgumentException e) {
                throw new IOException("header cannot be written: " + e.getMessage(), e);
            }
        } : InstanceHandler.toDirectory(out);
        if (!first) {
            return summary(scu.get(request, handler));
        }
        List<RetrieveResult> results = scu.getFirstInstancePerSeries(study, series, handler);
        int received = results.stream().mapToInt(r -> r.received().size()).sum();
        return results.size() + " series: " + received + " instance(s) received";
    }
}
