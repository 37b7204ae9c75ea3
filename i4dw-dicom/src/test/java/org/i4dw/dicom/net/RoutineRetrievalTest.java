/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.i4dw.api.AeTitle;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.QueryLevel;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.ReadOptions;
import org.i4dw.testkit.OrthancPacs;
import org.i4dw.testkit.OrthancTest;
import org.i4dw.testkit.SampleCorpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Routine extraction (one header per series) of objects outside the common storage classes or in
 * a transfer syntax the first proposal left out, against Orthanc, which finds no presentation
 * context for them and cannot transcode lossy JPEG 2000 (it answers C000H): the series is fetched
 * again on an association made for its SOP class, and its header arrives.
 */
@OrthancTest(aeTitle = "ORTHANC", dicomWeb = false)
class RoutineRetrievalTest {

    private static DimseClient client(OrthancPacs pacs) {
        return DimseClient.builder().pacs(new PacsAddress(AeTitle.of(pacs.aeTitle()), pacs.host(), pacs.dicomPort()))
                .callingAeTitle("I4DW-ROUTINE").maxAssociations(1).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "01-rdsr/openrem__NM-RRDSR-Siemens.dcm", // Radiopharmaceutical Radiation Dose SR
        "03-mr-enhanced/dcmqi__legacy-converted-enhanced-ct-mf.dcm", // Legacy Converted Enhanced CT
        "05-sr/highdicom__sr_document.dcm", // Comprehensive 3D SR
        "11-other-objects/pydicom__waveform_ecg.dcm", // 12-lead ECG
        "08-transfer-syntaxes/orthanc-ts__1.2.840.10008.1.2.4.91.dcm" // CT in lossy JPEG 2000
    })
    void aSeriesOutsideTheFirstProposalStillGivesItsHeader(String sample, OrthancPacs pacs) throws Exception {
        Path file = SampleCorpus.locate().file(sample);
        pacs.upload(file);
        DicomObject original = DicomReader.read(file, ReadOptions.builder().headerOnly(true).build()).dataset();
        List<DicomObject> headers = new ArrayList<>();
        try (DimseClient c = client(pacs)) {
            List<RetrieveResult> results = c.getFirstInstancePerSeries(
                    original.string(Tag.StudyInstanceUID).orElseThrow(), null, InstanceHandler.headers(headers::add));
            assertEquals(1, results.size());
            assertTrue(results.get(0).isSuccess(), results.get(0)::toString);
        }
        assertEquals(1, headers.size());
        assertEquals(original.string(Tag.SOPInstanceUID), headers.get(0).string(Tag.SOPInstanceUID));
        assertEquals(original.string(Tag.SOPClassUID), headers.get(0).string(Tag.SOPClassUID));
        assertFalse(headers.get(0).contains(Tag.PixelData));
    }

    @ParameterizedTest
    @ValueSource(strings = {"11-other-objects/pydicom__waveform_ecg.dcm",
        "08-transfer-syntaxes/orthanc-ts__1.2.840.10008.1.2.4.91.dcm"})
    void aWholeSeriesOutsideTheFirstProposalIsRetrievedOnceEach(String sample, OrthancPacs pacs,
            @org.junit.jupiter.api.io.TempDir Path out) throws Exception {
        Path file = SampleCorpus.locate().file(sample);
        pacs.upload(file);
        DicomObject original = DicomReader.read(file, ReadOptions.defaults()).dataset();
        try (DimseClient c = client(pacs)) {
            RetrieveResult r = c.get(RetrieveRequest.studyOrSeries(original.string(Tag.StudyInstanceUID).orElseThrow(),
                    original.string(Tag.SeriesInstanceUID).orElseThrow()), InstanceHandler.toDirectory(out));
            assertTrue(r.isSuccess(), r::toString);
            assertEquals(1, r.received().size());
        }
        Path stored = out.resolve(original.string(Tag.SOPInstanceUID).orElseThrow() + ".dcm");
        assertEquals(original, DicomReader.read(stored, ReadOptions.defaults()).dataset());
    }

    /** The default routine path: a C-GET of the series, cancelled as soon as the first instance is in. */
    @org.junit.jupiter.api.Test
    void getOneInstanceHandsOverExactlyOneInstanceOfEachSeries(OrthancPacs pacs) throws Exception {
        SampleCorpus corpus = SampleCorpus.locate();
        pacs.deleteAll(); // other tests of this class load objects this PACS cannot send (JPEG XL)
        pacs.uploadAll(corpus.folder("12-bulk-benchmark"));
        pacs.uploadAll(corpus.folder("04-ct-series/siemens-head-ct-study-adit-1001"));
        try (DimseClient c = client(pacs)) {
            for (String study : pacs.studyInstanceUids()) {
                List<DicomObject> headers = new ArrayList<>();
                List<RetrieveResult> results = c.getOneInstancePerSeries(study, InstanceHandler.headers(headers::add));
                assertEquals(results.size(), headers.size(), "one header per series");
                for (RetrieveResult r : results) {
                    assertEquals(1, r.received().size(), r::toString);
                    assertTrue(r.status() == 0 || r.status() == 0xFE00, r::toString);
                }
                assertEquals(headers.size(), headers.stream().map(h -> h.string(Tag.SeriesInstanceUID).orElseThrow())
                        .distinct().count());
                headers.forEach(h -> assertFalse(h.contains(Tag.PixelData)));
            }
            // the association is still usable after the cancels
            assertTrue(c.echo().toNanos() > 0);
        }
    }

    /**
     * With the series' Modality as a hint the C-GET proposes only that modality's storage classes
     * (a fraction of the 128 contexts, which Orthanc accepts several times faster); every series
     * still gives exactly its own header, and a wrong hint (an instance whose class was not
     * proposed) falls back to the exact class instead of losing the series.
     */
    @org.junit.jupiter.api.Test
    void aModalityHintNarrowsTheProposalAndAWrongHintStillGivesTheHeader(OrthancPacs pacs) throws Exception {
        SampleCorpus corpus = SampleCorpus.locate();
        pacs.deleteAll();
        pacs.uploadAll(corpus.folder("04-ct-series/siemens-head-ct-study-adit-1001"));
        pacs.uploadAll(corpus.folder("02-mr-series/ge-genesis-signa-dcm4che"));
        pacs.upload(corpus.file("01-rdsr/openrem__CT-RDSR-Siemens_Flash-TAP-SS.dcm"));
        pacs.upload(corpus.file("05-sr/highdicom__sr_document.dcm"));
        Map<String, String> studyOf = new java.util.LinkedHashMap<>();
        Map<String, String> modalityOf = new java.util.LinkedHashMap<>();
        try (DimseClient c = client(pacs)) {
            for (String study : pacs.studyInstanceUids()) {
                c.find(QueryModel.STUDY_ROOT, QueryLevel.SERIES, DicomObject.builder()
                        .set(Tag.StudyInstanceUID, VR.UI, study).setEmpty(Tag.SeriesInstanceUID, VR.UI)
                        .setEmpty(Tag.Modality, VR.CS).build(), s -> {
                            String series = s.string(Tag.SeriesInstanceUID).orElseThrow();
                            studyOf.put(series, study);
                            modalityOf.put(series, s.string(Tag.Modality).orElse(""));
                            return true;
                        });
            }
            assertTrue(modalityOf.values().containsAll(List.of("CT", "MR", "SR")), modalityOf.toString());
            for (Map.Entry<String, String> e : modalityOf.entrySet()) {
                String series = e.getKey();
                String right = e.getValue();
                String wrong = right.equals("MR") ? "CT" : "MR";
                for (String hint : new String[] {right, wrong, "XYZ", null}) {
                    List<DicomObject> headers = new ArrayList<>();
                    RetrieveResult r = c.getOneInstance(studyOf.get(series), series, hint,
                            InstanceHandler.headers(headers::add));
                    assertEquals(1, r.received().size(), hint + " for a " + right + " series: " + r);
                    assertEquals(1, headers.size(), hint + " for a " + right + " series");
                    assertEquals(series, headers.get(0).string(Tag.SeriesInstanceUID).orElseThrow());
                    assertEquals(r.received().get(0).sopClassUid(), headers.get(0).string(Tag.SOPClassUID)
                            .orElseThrow());
                    if (right.equals(hint)) {
                        assertTrue(ModalityStorageClasses.of(hint).contains(r.received().get(0).sopClassUid()),
                                "the class of a " + hint + " series is among those the hint proposes");
                    }
                }
            }
            assertTrue(c.echo().toNanos() > 0);
        }
    }

    /**
     * Orthanc recovers from C-CANCEL on the same association: told so, the client keeps the
     * association of each cancelled C-GET, so one C-GET association (and one C-FIND association)
     * serve every series, and every series still gives its own header.
     */
    @org.junit.jupiter.api.Test
    void keptAfterCancelsOneAssociationServesEverySeries(OrthancPacs pacs) throws Exception {
        SampleCorpus corpus = SampleCorpus.locate();
        pacs.deleteAll();
        pacs.uploadAll(corpus.folder("04-ct-series/siemens-head-ct-study-adit-1001"));
        pacs.uploadAll(corpus.folder("12-bulk-benchmark"));
        try (DimseClient c = DimseClient.builder()
                .pacs(new PacsAddress(AeTitle.of(pacs.aeTitle()), pacs.host(), pacs.dicomPort()))
                .callingAeTitle("I4DW-ROUTINE").maxAssociations(2).keepAssociationsAfterCancel(true).build()) {
            List<DicomObject> headers = new ArrayList<>();
            List<RetrieveResult> results = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (String study : pacs.studyInstanceUids()) {
                    results.addAll(c.getOneInstancePerSeries(study, InstanceHandler.headers(headers::add)));
                }
            }
            long cancelled = results.stream().filter(RetrieveResult::isCancelled).count();
            assertTrue(cancelled >= 6, "series of several instances, cancelled after the first: " + cancelled);
            // one C-GET association and one C-FIND association (room for both: with one, they would
            // take turns), whatever the number of series and cancels
            assertEquals(2, c.pool().openedCount(), "associations opened for " + results.size() + " series");
            assertEquals(results.size(), headers.size());
            for (int i = 0; i < results.size(); i++) {
                assertEquals(1, results.get(i).received().size(), results.get(i)::toString);
                assertEquals(results.get(i).received().get(0).sopInstanceUid(),
                        headers.get(i).string(Tag.SOPInstanceUID).orElseThrow());
            }
            // each round, every series once: a late instance of a cancelled C-GET never stands in
            // for the next series
            assertEquals(results.size() / 3, headers.stream().map(h -> h.string(Tag.SeriesInstanceUID).orElseThrow())
                    .distinct().count());
            for (int round = 0; round < 3; round++) {
                List<DicomObject> one = headers.subList(round * results.size() / 3, (round + 1) * results.size() / 3);
                assertEquals(one.size(), one.stream().map(h -> h.string(Tag.SeriesInstanceUID).orElseThrow())
                        .distinct().count());
            }
            assertTrue(c.echo().toNanos() > 0);
        }
    }

    /** Orthanc 1.10.1's dcmtk 3.6.7 cannot send JPEG XL at all: a clear failure status, no hang. */
    @ParameterizedTest
    @ValueSource(strings = "08-transfer-syntaxes/dcm4che__will-jxl.dcm")
    void aTransferSyntaxThePacsCannotSendIsAClearFailure(String sample, OrthancPacs pacs) throws Exception {
        Path file = SampleCorpus.locate().file(sample);
        pacs.upload(file);
        String study = DicomReader.read(file, ReadOptions.builder().headerOnly(true).build()).dataset()
                .string(Tag.StudyInstanceUID).orElseThrow();
        try (DimseClient c = client(pacs)) {
            RetrieveFailedException e = assertThrows(RetrieveFailedException.class,
                    () -> c.getFirstInstancePerSeries(study, null, InstanceHandler.discard()));
            assertTrue(e.getMessage().contains("A702H"), e.getMessage());
            assertEquals(0, e.result().received().size());
        }
    }
}
