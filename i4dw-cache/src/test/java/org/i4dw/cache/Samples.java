/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.i4dw.testkit.SampleCorpus;

/** Real Part 10 files of the sample corpus, used as the instances written into stores. */
final class Samples {

    private static List<Path> files;

    private Samples() {
    }

    /** The MR and CT series files of the corpus, sorted (at least 20). */
    static synchronized List<Path> files() {
        if (files == null) {
            SampleCorpus corpus = SampleCorpus.locate();
            List<Path> all = new ArrayList<>(SampleCorpus.dicomFiles(corpus.folder("02-mr-series")));
            all.addAll(SampleCorpus.dicomFiles(corpus.folder("04-ct-series")));
            if (all.size() < 20) {
                throw new IllegalStateException("expected at least 20 MR and CT files in " + corpus.root() + ", found "
                        + all.size());
            }
            files = List.copyOf(all);
        }
        return files;
    }

    /** The bytes of the {@code i}-th file (cycling). */
    static byte[] bytes(int i) {
        try {
            return Files.readAllBytes(path(i));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code i}-th file (cycling). */
    static Path path(int i) {
        List<Path> f = files();
        return f.get(Math.floorMod(i, f.size()));
    }

    /** A de-identified-looking instance UID: {@code 2.25.<series>.<i + 1>}, shorter than 64 characters. */
    static String sopUid(long series, int i) {
        return "2.25." + series + "." + (i + 1);
    }
}
