/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.QueryLevel;
import org.i4dw.data.DicomObject;
import org.i4dw.data.ElementDictionary;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.dicom.json.DicomJsonWriter;
import org.i4dw.dicom.net.DimseClient;
import org.i4dw.dicom.net.FindResult;
import org.i4dw.dicom.net.QueryModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code i4dw find AET@HOST:PORT --level STUDY|SERIES|IMAGE [--model study|patient]
 * [-k KEYWORD[=VALUE]]... [--aet CALLING]}: one C-FIND, one DICOM JSON object per match and line,
 * printed as each match arrives.
 */
@Command(name = "find", mixinStandardHelpOptions = true,
        description = {"Query a PACS with C-FIND; print one DICOM JSON object per match, one per line.",
            "-k Keyword=Value is a matching key, -k Keyword a return key (PS3.6 keywords).",
            "Exit codes: 0 ok, 2 usage, 3 unreachable, 4 association rejected, 5 timeout, 6 failure status."})
final class FindCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "AET@HOST:PORT", description = "The PACS.")
    private String address;

    @Option(names = "--level", required = true, paramLabel = "LEVEL",
            description = "PATIENT (patient model only), STUDY, SERIES or IMAGE.")
    private String level;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "study",
            description = "study (Study Root, default) or patient (Patient Root).")
    private String model;

    @Option(names = {"-k", "--key"}, paramLabel = "KEYWORD[=VALUE]", description = "A key; repeatable.")
    private List<String> keys = new ArrayList<>();

    @Option(names = "--aet", paramLabel = "CALLING", defaultValue = "I4DW",
            description = "Our (calling) AE title. Default: ${DEFAULT-VALUE}.")
    private String callingAe;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        QueryLevel queryLevel;
        QueryModel queryModel;
        DicomObject identifier;
        try {
            queryLevel = QueryLevel.valueOf(level.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return usage(err, "--level must be PATIENT, STUDY, SERIES or IMAGE, not '" + level + "'");
        }
        switch (model.toLowerCase(Locale.ROOT)) {
            case "study": queryModel = QueryModel.STUDY_ROOT; break;
            case "patient": queryModel = QueryModel.PATIENT_ROOT; break;
            default: return usage(err, "--model must be study or patient, not '" + model + "'");
        }
        if (!queryModel.supports(queryLevel)) {
            return usage(err, "the study model has no PATIENT level; use --model patient");
        }
        DicomObject.Builder b = DicomObject.builder();
        ElementDictionary dictionary = ElementDictionary.standard();
        for (String k : keys) {
            int eq = k.indexOf('=');
            String keyword = (eq < 0 ? k : k.substring(0, eq)).strip();
            Optional<Tag> tag = dictionary.tagForKeyword(keyword);
            if (tag.isEmpty()) {
                return usage(err, "unknown keyword '" + keyword + "' in -k " + keyword + (eq < 0 ? "" : "=..."));
            }
            VR vr = dictionary.vrOf(tag.get().value());
            try {
                if (eq < 0 || eq == k.length() - 1) {
                    b.setEmpty(tag.get(), vr);
                } else if (!vr.isText()) {
                    return usage(err, keyword + " (" + vr + ") cannot take a value here: only text keys can");
                } else {
                    b.set(tag.get(), vr, k.substring(eq + 1));
                }
            } catch (IllegalArgumentException e) {
                return usage(err, "-k " + keyword + ": " + e.getMessage());
            }
        }
        identifier = b.build();
        DicomJsonWriter json = DicomJsonWriter.builder().build();
        try (DimseClient client = DimseClient.builder().pacs(PacsAddress.parse(address)).callingAeTitle(callingAe)
                .maxAssociations(1).build()) {
            FindResult r = client.find(queryModel, queryLevel, identifier, match -> {
                try {
                    json.write(match, out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                out.println();
                out.flush();
                return true;
            });
            if (r.status().category() != org.i4dw.dicom.net.Status.Category.SUCCESS) {
                err.println("i4dw find: " + r.results() + " matches, final status " + r.status());
                err.flush();
            }
            return 0;
        } catch (RuntimeException e) {
            out.flush();
            return NetworkCommands.fail("find", e, err);
        }
    }

    private static int usage(PrintWriter err, String message) {
        err.println("i4dw find: " + message);
        err.flush();
        return NetworkCommands.USAGE;
    }
}
