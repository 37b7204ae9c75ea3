/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.testkit.SampleCorpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A header read header-only stays lean: the heap it retains, measured over many copies after a
 * full GC, is close to the bytes of its values plus a few dozen bytes per element, and a few tens
 * of KB in all for a header of a few hundred elements.
 */
class HeaderFootprintTest {

    private static final int COPIES = 400;

    /**
     * The Siemens header carries two CSA private blobs of about 100 KB: those are data, not
     * overhead, so its absolute bound is higher; the overhead bound is the same for all.
     */
    @ParameterizedTest
    @CsvSource({"04-ct-series/ge-liver-ct-3slice-dcmqi/01.dcm, 48",
        "12-bulk-benchmark/philips-achieva-dti-vanderbilt-680/0016.dcm, 48",
        "02-mr-series/siemens-t2-tse-adit-1002/00010.dcm, 160"})
    void aHeaderCostsItsValueBytesPlusLittle(String sample, int maxKb) throws IOException {
        Path file = SampleCorpus.locate().file(sample);
        byte[] bytes = Files.readAllBytes(file);
        ReadOptions headerOnly = ReadOptions.builder().headerOnly(true).build();
        DicomObject one = DicomReader.read(file, headerOnly).dataset();
        long elements = count(one);
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        List<DicomObject> keep = new ArrayList<>(COPIES);
        long before = used(mem);
        for (int i = 0; i < COPIES; i++) {
            keep.add(DicomReader.read(new java.io.ByteArrayInputStream(bytes), "copy", headerOnly).dataset());
        }
        long after = used(mem);
        long perHeader = (after - before) / COPIES;
        System.out.printf("%s: %d elements, about %d bytes per header (file %d bytes)%n", sample, elements,
                perHeader, bytes.length);
        assertTrue(keep.size() == COPIES);
        assertTrue(perHeader < maxKb * 1024L, "a header of " + elements + " elements retains " + perHeader + " bytes");
        long overhead = perHeader - valueBytes(one);
        assertTrue(overhead < 64 * elements, "overhead of " + overhead + " bytes for " + elements + " elements");
    }

    private static long used(MemoryMXBean mem) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return mem.getHeapMemoryUsage().getUsed();
    }

    private static long count(DicomObject o) {
        long n = 0;
        for (DicomElement e : o) {
            n++;
            for (DicomObject item : e.items()) {
                n += count(item);
            }
        }
        return n;
    }

    private static long valueBytes(DicomObject o) {
        long n = 0;
        for (DicomElement e : o) {
            n += e.bytes().map(b -> (long) b.remaining()).orElse(0L);
            n += e.bulkData().map(b -> b.length()).orElse(0L);
            for (DicomObject item : e.items()) {
                n += valueBytes(item);
            }
        }
        return n;
    }
}
