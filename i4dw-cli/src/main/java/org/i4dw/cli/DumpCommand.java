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
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.i4dw.api.DicomParseException;
import org.i4dw.data.DicomObject;
import org.i4dw.data.DicomElement;
import org.i4dw.dicom.io.DicomFile;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.ParseWarning;
import org.i4dw.dicom.io.ReadOptions;
import org.i4dw.dicom.json.BulkDataMode;
import org.i4dw.dicom.json.DicomJsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code i4dw dump}: DICOM files as DICOM JSON (PS3.18 Annex F). One file prints its JSON object;
 * several files, or folders (walked recursively), print one JSON line per file, with the data set
 * or the error. A file that fails does not stop the others; the exit status is 1 if any failed.
 */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = {"Print DICOM files as DICOM JSON (PS3.18 Annex F).",
            "One file: its JSON object. Several files or folders: one line per file,",
            "{\"file\": PATH, \"dataset\": {...}} or {\"file\": PATH, \"error\": REASON}."})
final class DumpCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Files or folders to dump.")
    private List<Path> inputs;

    @Option(names = "--no-pixels", description = "Stop reading before Pixel Data (header only; pixel bytes never read).")
    private boolean noPixels;

    @Option(names = "--meta", description = "Include the file meta information (group 0002).")
    private boolean meta;

    @Option(names = "--bulk", paramLabel = "MODE", defaultValue = "inline",
            description = "Bulk data (OB, OW, UN, pixel data...): inline (base64 InlineBinary), omit, or uri "
                    + "(BulkDataURI to the file). Default: ${DEFAULT-VALUE}.")
    private String bulk;

    @Option(names = "--pretty", description = "Indent the JSON of a single file.")
    private boolean pretty;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BulkDataMode mode;
        switch (bulk) {
            case "inline": mode = BulkDataMode.INLINE_BINARY; break;
            case "omit": mode = BulkDataMode.OMIT; break;
            case "uri": mode = BulkDataMode.URI; break;
            default:
                err.println("i4dw dump: --bulk must be inline, omit or uri, not '" + bulk + "'");
                return 2;
        }
        ReadOptions options = ReadOptions.builder().headerOnly(noPixels)
                .bulkDataThreshold(mode == BulkDataMode.URI ? ReadOptions.DEFAULT_BULK_DATA_THRESHOLD
                        : Integer.MAX_VALUE)
                .build();
        List<Path> files = new ArrayList<>();
        boolean single = inputs.size() == 1 && !Files.isDirectory(inputs.get(0));
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                try (Stream<Path> walk = Files.walk(in)) {
                    files.addAll(walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList()));
                }
            } else {
                files.add(in);
            }
        }
        DicomJsonWriter json = DicomJsonWriter.builder().bulkData(mode).pretty(single && pretty).build();
        int failed = 0;
        for (Path f : files) {
            String error;
            try {
                DicomFile df = DicomReader.read(f, options);
                DicomObject ds = meta ? withMeta(df) : df.dataset();
                if (single) {
                    json.write(ds, out);
                    out.println();
                    for (ParseWarning w : df.warnings()) {
                        err.println("i4dw dump: warning: " + f + " " + w);
                    }
                } else {
                    StringBuilder line = new StringBuilder(4096);
                    line.append("{\"file\":");
                    quote(f.toString(), line);
                    line.append(",\"dataset\":");
                    json.write(ds, line);
                    if (!df.warnings().isEmpty()) {
                        line.append(",\"warnings\":[");
                        for (int i = 0; i < df.warnings().size(); i++) {
                            if (i > 0) {
                                line.append(',');
                            }
                            quote(df.warnings().get(i).toString(), line);
                        }
                        line.append(']');
                    }
                    out.append(line).append("}\n");
                }
                continue;
            } catch (DicomParseException e) {
                error = e.getMessage();
            } catch (NoSuchFileException e) {
                error = f + ": no such file";
            } catch (IOException e) {
                error = f + ": cannot read: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage());
            }
            failed++;
            err.println("i4dw dump: " + error);
            if (!single) {
                StringBuilder line = new StringBuilder();
                line.append("{\"file\":");
                quote(f.toString(), line);
                line.append(",\"error\":");
                quote(error, line);
                out.append(line).append("}\n");
            }
        }
        out.flush();
        err.flush();
        return failed == 0 ? 0 : 1;
    }

    private static DicomObject withMeta(DicomFile df) {
        DicomObject.Builder b = df.dataset().toBuilder();
        for (DicomElement e : df.fileMetaInformation()) {
            b.set(e);
        }
        return b.build();
    }

    /** Appends {@code s} as a JSON string literal. */
    static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
