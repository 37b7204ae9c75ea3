/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.i4dw.api.DicomParseException;
import org.i4dw.api.terminology.TerminologyBuilder;
import org.i4dw.api.terminology.TerminologyFormat;
import org.i4dw.api.terminology.TerminologySettings;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.ReadOptions;
import org.i4dw.spi.ProviderRegistry;
import org.i4dw.spi.TerminologyProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code i4dw terminology}: the DCMEHOP terminology of files and folders, built offline. One
 * document per series (Series Instance UID), one patient per Patient ID; headers only are read.
 * A file that cannot be read is named on standard error and does not stop the others; the exit
 * status is then 1.
 */
@Command(name = "terminology", mixinStandardHelpOptions = true,
        description = {"Build the DCMEHOP terminology of DICOM files and folders (headers only).",
            "One document per series (Series Instance UID), one patient per Patient ID."})
final class TerminologyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders (walked recursively).")
    private List<Path> inputs;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "tree",
            description = "tree (indented text), json, or xml (namespace urn:i4dw:dcmehop:1, schema dcmehop-1.xsd in"
                    + " the i4dw-terminology jar). Default: ${DEFAULT-VALUE}.")
    private String format;

    @Option(names = "--max-values", paramLabel = "N", defaultValue = "" + TerminologySettings.DEFAULT_MAX_VALUES,
            description = "Most distinct values a node keeps. Default: ${DEFAULT-VALUE}.")
    private int maxValues;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TerminologyFormat f;
        switch (format.toLowerCase(Locale.ROOT)) {
            case "tree": f = TerminologyFormat.TREE; break;
            case "json": f = TerminologyFormat.JSON; break;
            case "xml": f = TerminologyFormat.XML; break;
            default:
                err.println("i4dw terminology: --format must be tree, json or xml, not '" + format + "'");
                err.flush();
                return 2;
        }
        if (maxValues < 0) {
            err.println("i4dw terminology: --max-values must be zero or more, not " + maxValues);
            err.flush();
            return 2;
        }
        TerminologyProvider provider = ProviderRegistry
                .builder(TerminologyProvider.class, "org.i4dw:i4dw-terminology").build().best();
        TerminologyBuilder builder = provider.newBuilder(TerminologySettings.builder().maxValues(maxValues).build());
        ReadOptions options = ReadOptions.builder().headerOnly(true).build();
        int failed = 0;
        for (Path file : files()) {
            String error;
            try {
                DicomObject o = DicomReader.read(file, options).dataset();
                builder.add(o.string(Tag.PatientID).orElse("(no Patient ID)"),
                        o.string(Tag.SeriesInstanceUID).orElse("(no Series Instance UID) " + file), o);
                continue;
            } catch (DicomParseException e) {
                error = e.getMessage();
            } catch (NoSuchFileException e) {
                error = file + ": no such file";
            } catch (IOException e) {
                error = file + ": cannot read: " + e.getClass().getSimpleName();
            }
            failed++;
            err.println("i4dw terminology: skipped " + error);
        }
        provider.write(builder.build(), f, out);
        out.flush();
        err.flush();
        return failed == 0 ? 0 : 1;
    }

    private List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                try (Stream<Path> walk = Files.walk(in)) {
                    files.addAll(walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList()));
                }
            } else {
                files.add(in);
            }
        }
        return files;
    }
}
