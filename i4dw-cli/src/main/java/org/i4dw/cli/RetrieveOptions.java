/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.i4dw.api.AeTitle;
import org.i4dw.api.AssociationRejectedException;
import org.i4dw.api.DicomNetworkException;
import org.i4dw.api.DicomStatusException;
import org.i4dw.api.DicomTimeoutException;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.api.PacsAddress;
import org.i4dw.dicom.net.RetrieveRequest;
import org.i4dw.dicom.net.RetrieveResult;
import org.i4dw.dicom.net.DimseClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What {@code get} and {@code move} share: the PACS, the keys, the output folder, and the exit
 * codes (2 usage, 3 PACS unreachable, 4 association rejected, 5 timeout, 6 failure status, 1 other).
 */
abstract class RetrieveOptions implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "AET@HOST:PORT", description = "The PACS.")
    String pacs;

    @Option(names = "--study", required = true, paramLabel = "UID", description = "Study Instance UID.")
    String study;

    @Option(names = "--series", paramLabel = "UID", description = "Series Instance UID (default: the whole study).")
    String series;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for <SOPInstanceUID>.dcm files.")
    Path out;

    @Option(names = "--aet", paramLabel = "AET", defaultValue = "I4DW", description = "Our AE title (default: ${DEFAULT-VALUE}).")
    String aet;

    /** Runs the retrieve with the parsed settings. */
    abstract String retrieve(DimseClient scu, RetrieveRequest request);

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = "i4dw " + spec.name();
        DimseClient scu;
        RetrieveRequest request;
        try {
            scu = DimseClient.builder().pacs(PacsAddress.parse(pacs)).callingAeTitle(AeTitle.of(aet)).maxAssociations(1)
                    .build();
            request = RetrieveRequest.studyOrSeries(study, series);
        } catch (I4dwConfigurationException | IllegalArgumentException e) {
            err.println(name + ": " + e.getMessage());
            return 2;
        }
        try (DimseClient client = scu) {
            out.println(retrieve(client, request));
            return 0;
        } catch (I4dwConfigurationException e) {
            err.println(name + ": " + e.getMessage());
            return 2;
        } catch (AssociationRejectedException e) {
            err.println(name + ": " + e.getMessage());
            return 4;
        } catch (DicomTimeoutException e) {
            err.println(name + ": " + e.getMessage());
            return 5;
        } catch (DicomStatusException e) {
            err.println(name + ": " + e.getMessage());
            return 6;
        } catch (DicomNetworkException e) {
            err.println(name + ": " + e.getMessage());
            return e.getMessage().contains("cannot be reached") ? 3 : 1;
        } catch (RuntimeException e) {
            err.println(name + ": " + e);
            return 1;
        }
    }

    /** One summary line: counts and status, no UIDs. */
    static String summary(RetrieveResult r) {
        return String.format(java.util.Locale.ROOT, "%s: %d received, %d completed, %d failed, %d warning",
                r.statusMeaning(), r.received().size(), r.completed(), r.failed(), r.warning());
    }
}
