/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cli;

import org.i4dw.api.AeTitle;
import org.i4dw.api.PacsAddress;
import org.i4dw.dicom.net.InstanceHandler;
import org.i4dw.dicom.net.RetrieveRequest;
import org.i4dw.dicom.net.DimseClient;
import org.i4dw.dicom.net.StorageScp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code i4dw move}: C-MOVE a study or series to our own Storage SCP, started on --port. */
@Command(name = "move", mixinStandardHelpOptions = true,
        description = {"Retrieve a study or series with C-MOVE to a Storage SCP started here on --port",
            "(AE title = --aet, which the PACS must know), into DIR/<SOPInstanceUID>.dcm.",
            "Exit codes: 2 usage, 3 PACS unreachable, 4 association rejected, 5 timeout, 6 failure status, 1 other."})
final class MoveCommand extends RetrieveOptions {

    @Option(names = "--port", required = true, paramLabel = "N", description = "Port of our Storage SCP.")
    int port;

    @Override
    String retrieve(DimseClient scu, RetrieveRequest request) {
        PacsAddress address = scu.pacs();
        try (StorageScp scp = StorageScp.builder().aeTitle(AeTitle.of(aet)).port(port)
                .acceptCallingAe(address.aeTitle()).handler(InstanceHandler.toDirectory(out)).start()) {
            return summary(scu.move(request, scp));
        }
    }
}
