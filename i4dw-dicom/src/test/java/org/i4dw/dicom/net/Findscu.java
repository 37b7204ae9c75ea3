/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.i4dw.api.QueryLevel;
import org.i4dw.data.DicomObject;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.ReadOptions;

/** dcmtk's findscu as the independent oracle: runs a query and reads the extracted responses. */
final class Findscu {

    private Findscu() {
    }

    static List<DicomObject> find(String calledAe, int port, QueryModel model, QueryLevel level, Path dir,
            String... keys) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(List.of("findscu", model == QueryModel.STUDY_ROOT ? "-S" : "-P",
                "-aet", "FINDSCU", "-aec", calledAe, "-X", "-od", dir.toString(),
                "-k", "QueryRetrieveLevel=" + level.value()));
        for (String k : keys) {
            cmd.add("-k");
            cmd.add(k);
        }
        cmd.add("127.0.0.1");
        cmd.add(Integer.toString(port));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("findscu.log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("findscu did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("findscu exit " + p.exitValue() + ": "
                    + Files.readString(dir.resolve("findscu.log")));
        }
        List<DicomObject> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("rsp")).sorted().toList()) {
                out.add(DicomReader.read(f, ReadOptions.defaults()).dataset());
            }
        }
        return out;
    }
}
