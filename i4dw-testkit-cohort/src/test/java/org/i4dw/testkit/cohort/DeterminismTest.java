/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit.cohort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.i4dw.testkit.cohort.CohortManifest.Study;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same settings give the same cohort byte for byte; another seed gives other identities. */
class DeterminismTest {

    @TempDir
    Path tmp;

    private static SyntheticCohort.Builder settings() {
        return SyntheticCohort.builder().patients(5).seed(-3L).mrStudiesPerPatient(2).ctStudiesPerPatient(1)
                .instancesPerSeries(2).doseReports(CohortFiles.doseReportTemplate());
    }

    @Test
    void twoWritesAreByteIdentical() throws IOException {
        SyntheticCohort cohort = settings().build();
        CohortManifest a = cohort.write(tmp.resolve("a"));
        CohortManifest b = settings().build().write(tmp.resolve("b"));
        assertEquals(a, b);
        List<Path> filesA = relative(tmp.resolve("a"));
        assertEquals(filesA, relative(tmp.resolve("b")));
        assertEquals(a.instanceCount() + 1, filesA.size(), "the files and the ground truth");
        for (Path f : filesA) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)),
                    Files.readAllBytes(tmp.resolve("b").resolve(f)), () -> f + " differs between two writes");
        }
    }

    @Test
    void anotherSeedSharesNoIdentifier() throws IOException {
        CohortManifest a = settings().build().write(tmp.resolve("a"));
        CohortManifest b = settings().seed(4L).build().write(tmp.resolve("b"));
        Set<String> first = identifiers(a);
        Set<String> second = identifiers(b);
        assertEquals(first.size() + second.size(), union(first, second).size(),
                "two seeds share no patient ID, name, accession number or UID");
    }

    @Test
    void aLargerCohortStartsWithTheSmallerOne() throws IOException {
        CohortManifest small = settings().patients(2).build().write(tmp.resolve("small"));
        CohortManifest large = settings().build().write(tmp.resolve("large"));
        assertEquals(small.patients(), large.patients().subList(0, 2));
        assertEquals(small.studies(), large.studies().subList(0, small.studies().size()));
    }

    private static Set<String> identifiers(CohortManifest m) {
        Set<String> ids = new HashSet<>();
        m.patients().forEach(p -> {
            ids.add(p.patientId());
            ids.add(p.patientName());
        });
        for (Study s : m.studies()) {
            ids.add(s.accessionNumber());
            ids.add(s.studyInstanceUid());
            s.series().forEach(r -> {
                ids.add(r.seriesInstanceUid());
                ids.addAll(r.sopInstanceUids());
            });
        }
        assertTrue(ids.size() > 50);
        return ids;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }

    private static List<Path> relative(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }
}
