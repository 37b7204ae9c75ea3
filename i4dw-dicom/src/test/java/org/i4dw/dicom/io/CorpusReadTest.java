/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.i4dw.api.DicomParseException;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.testkit.SampleCorpus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every file of the sample corpus: read whole and header-only, or refused with a clean error. */
class CorpusReadTest {

    /** Files that are broken beyond a lenient read, and why; every other file must be read. */
    private static final Map<String, String> REFUSED = Map.of(
            "09-malformed/pydicom__MR_truncated.dcm", "exceeds",
            "09-malformed/pydicom__rtplan_truncated.dcm", "exceeds",
            "09-malformed/pydicom__no_meta.dcm", "exceeds");

    private static final ReadOptions FULL = ReadOptions.builder().bulkDataThreshold(Integer.MAX_VALUE).build();
    private static final ReadOptions HEADER = ReadOptions.builder().headerOnly(true).build();

    @TestFactory
    Stream<DynamicTest> everyFileIsReadOrRefusedCleanly() {
        SampleCorpus corpus = SampleCorpus.locate();
        List<Path> files = SampleCorpus.candidates(corpus.root()).stream()
                .filter(p -> !p.getFileName().toString().endsWith(".md")).collect(Collectors.toList());
        return files.stream().map(f -> {
            String rel = corpus.root().relativize(f).toString();
            return DynamicTest.dynamicTest(rel, () -> check(f, rel));
        });
    }

    private static void check(Path f, String rel) throws IOException {
        String refusal = REFUSED.get(rel);
        DicomFile full;
        try {
            full = DicomReader.read(f, FULL);
        } catch (DicomParseException e) {
            if (refusal == null) {
                throw e;
            }
            assertTrue(e.reason().contains(refusal), e.getMessage());
            assertTrue(e.offset() >= 0, "the error says where: " + e.getMessage());
            assertTrue(e.source().equals(f.toString()), e.getMessage());
            return;
        }
        if (refusal != null) {
            fail(rel + " should be refused (" + refusal + ") but was read");
        }
        DicomFile header = DicomReader.read(f, HEADER);
        assertEquals(withoutPixelDataAndAfter(full.dataset()), header.dataset(),
                "header-only read = full read up to Pixel Data");
        assertEquals(full.dataset().contains(Tag.PixelData), header.pixelDataSkipped());
        DicomFile referenced = DicomReader.read(f, ReadOptions.defaults());
        assertEquals(full.dataset(), referenced.dataset(), "bulk data by reference = bulk data in memory");
        try (var in = Files.newInputStream(f)) {
            assertEquals(full.dataset(), DicomReader.read(in, rel, FULL).dataset(), "stream = file");
        }
    }

    private static DicomObject withoutPixelDataAndAfter(DicomObject ds) {
        DicomObject.Builder b = DicomObject.builder();
        for (DicomElement e : ds) {
            int t = e.tagValue();
            if (Integer.compareUnsigned(t, 0x7FE00008) >= 0) {
                break;
            }
            b.set(e);
        }
        return b.build();
    }

    @Test
    void truncatedPixelDataStillGivesItsHeader() throws IOException {
        Path f = SampleCorpus.locate().file("09-malformed/pydicom__MR_truncated.dcm");
        DicomFile header = DicomReader.read(f, HEADER);
        assertTrue(header.pixelDataSkipped());
        assertFalse(header.dataset().string(Tag.SOPInstanceUID).orElse("").isEmpty());
    }

    @Test
    void theDeeplyNestedFileThatCrashesOrthancAndDcmtkIsRefusedQuickly() {
        Path root = SampleCorpus.locate().root().resolve(SampleCorpus.HAZARDOUS_FOLDER);
        List<Path> files;
        try (Stream<Path> s = Files.list(root)) {
            files = s.collect(Collectors.toList());
        } catch (IOException e) {
            throw new AssertionError("the corpus has no " + SampleCorpus.HAZARDOUS_FOLDER + " folder", e);
        }
        assertFalse(files.isEmpty());
        for (Path f : files) {
            DicomParseException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(DicomParseException.class, () -> DicomReader.read(f, FULL)));
            assertTrue(e.reason().contains("nested deeper than 64"), e.getMessage());
        }
    }
}
