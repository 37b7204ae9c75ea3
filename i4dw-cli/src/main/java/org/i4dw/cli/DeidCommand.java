/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.i4dw.api.DicomParseException;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.TransferSyntax;
import org.i4dw.deid.DeidProfile;
import org.i4dw.deid.Deidentifier;
import org.i4dw.dicom.io.DicomFile;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.DicomWriter;
import org.i4dw.dicom.io.ReadOptions;
import org.i4dw.testkit.SampleCorpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code i4dw deid}: de-identifies a DICOM file into a file, or every DICOM file of a folder into
 * a folder (same relative names), with a PS3.15 Annex E profile. Messages name files and counts,
 * never values. A file that fails does not stop the others; the exit status is 1 if any failed, 2
 * for a usage or configuration error.
 */
@Command(name = "deid", mixinStandardHelpOptions = true,
        description = {"De-identify DICOM files (PS3.15 Annex E profile, keyed UIDs and pseudonyms).",
            "IN and OUT are both files, or both folders (OUT gets the same relative names)."})
final class DeidCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = "default",
            description = "'default' (basic,retain-dates-full,retain-device,clean-structured-content) or "
                    + "basic[,OPTION...] with OPTION among retain-safe-private, retain-uids, retain-device, "
                    + "retain-institution, retain-patient-chars, retain-dates-full, retain-dates-modified, "
                    + "clean-descriptors, clean-structured-content, clean-graphics. Default: ${DEFAULT-VALUE}.")
    private String profile;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "The secret key (at least 16 bytes) for UIDs, pseudonyms and date shifts.")
    private Path secretFile;

    @Option(names = "--overrides", paramLabel = "FILE",
            description = "Per-attribute overrides, one 'path action' per line (action D, Z, X, K, C or U).")
    private Path overrides;

    @Parameters(index = "0", paramLabel = "IN", description = "A DICOM file or a folder.")
    private Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The output file or folder.")
    private Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Deidentifier deid;
        try {
            Deidentifier.Builder b = Deidentifier.builder(DeidProfile.parse(profile));
            if (secretFile != null) {
                b.keyFile(secretFile);
            }
            if (overrides != null) {
                b.overrides(overrides);
            }
            deid = b.build();
        } catch (I4dwConfigurationException e) {
            err.println("i4dw deid: " + e.getMessage());
            err.flush();
            return 2;
        }
        boolean folder = Files.isDirectory(in);
        if (!folder && !Files.isRegularFile(in)) {
            err.println("i4dw deid: " + in + ": no such file or folder");
            err.flush();
            return 2;
        }
        List<Path> files = folder ? SampleCorpus.dicomFiles(in) : List.of(in);
        int failed = 0;
        for (Path f : files) {
            Path target = folder ? out.resolve(in.relativize(f).toString()) : out;
            String error = null;
            try {
                DicomFile df = DicomReader.read(f, ReadOptions.defaults());
                DicomObject result = deid.deidentify(df.dataset());
                String ts = df.fileMetaInformation().string(Tag.TransferSyntaxUID)
                        .orElse(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
                if (target.getParent() != null) {
                    Files.createDirectories(target.getParent());
                }
                DicomWriter.writeFile(target, result, TransferSyntax.of(ts));
            } catch (DicomParseException e) {
                error = e.getMessage();
            } catch (NoSuchFileException e) {
                error = f + ": no such file";
            } catch (IOException | IllegalArgumentException e) {
                error = f + ": cannot be written: " + e.getClass().getSimpleName();
            }
            if (error != null) {
                failed++;
                err.println("i4dw deid: " + error);
            }
        }
        spec.commandLine().getOut().println("i4dw deid: " + (files.size() - failed) + " of " + files.size()
                + " files de-identified with " + deid.description());
        spec.commandLine().getOut().flush();
        err.flush();
        return failed == 0 ? 0 : 1;
    }
}
