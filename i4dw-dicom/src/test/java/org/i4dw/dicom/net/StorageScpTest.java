/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.i4dw.api.AeTitle;
import org.i4dw.api.AssociationRejectedException;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.api.PacsAddress;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.ReadOptions;
import org.i4dw.testkit.SampleCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our Storage SCP against dcmtk's storescu and echoscu. */
class StorageScpTest {

    private static final AeTitle SCP = AeTitle.of("I4DW-SCP");
    private static final AeTitle SENDER = AeTitle.of("STORESCU");
    private final SampleCorpus corpus = SampleCorpus.locate();

    private Path ts(String uid) {
        return corpus.folder("08-transfer-syntaxes").resolve("orthanc-ts__" + uid + ".dcm");
    }

    private NetFixtures.Run storescu(StorageScp scp, String proposal, List<Path> files) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("-d", "-R", proposal, "-aet", SENDER.value(), "-aec",
                SCP.value(), "127.0.0.1", Integer.toString(scp.port())));
        files.forEach(f -> args.add(f.toString()));
        return NetFixtures.dcmtk("storescu", args.toArray(String[]::new));
    }

    @Test
    void storesWhatStorescuSendsByteForByteInItsOwnTransferSyntax(@TempDir Path out) throws Exception {
        Path study = corpus.folder("04-ct-series/siemens-head-ct-study-adit-1001");
        List<Path> explicit = SampleCorpus.dicomFiles(study.resolve("Kopf_nativ_5.0_H42s"));
        // storescu re-encodes this SR's explicit-length items as undefined-length ones: same content
        Path reencoded = SampleCorpus.dicomFiles(study.resolve("FUJI_Basic_Text_SR_for_HL7_Radiological_Report")).get(0);
        List<Path> compressed = List.of(ts("1.2.840.10008.1.2.4.70"), ts("1.2.840.10008.1.2.4.50"),
                ts("1.2.840.10008.1.2.4.90"), ts("1.2.840.10008.1.2.5"));
        Path bigEndian = ts("1.2.840.10008.1.2.2");
        Path implicit = SampleCorpus.dicomFiles(corpus.folder("02-mr-series/ge-genesis-signa-dcm4che")).get(0);
        try (StorageScp scp = StorageScp.builder().aeTitle(SCP).acceptCallingAe(SENDER)
                .handler(InstanceHandler.toDirectory(out)).start()) {
            assertEquals(0, storescu(scp, "-xe", explicit).exitCode());
            assertEquals(0, storescu(scp, "-xe", List.of(reencoded)).exitCode());
            Path sr = out.resolve(NetFixtures.tag(reencoded, "0008,0018") + ".dcm");
            assertEquals(NetFixtures.content(reencoded), NetFixtures.content(sr));
            // storescu proposes a compressed syntax only when told which: one run per file
            String[] proposals = {"-xs", "-xy", "-xv", "-xr"};
            for (int i = 0; i < compressed.size(); i++) {
                assertEquals(0, storescu(scp, proposals[i], List.of(compressed.get(i))).exitCode());
            }
            List<Path> little = new java.util.ArrayList<>(explicit);
            little.addAll(compressed);
            assertEquals(0, storescu(scp, "-xb", List.of(bigEndian)).exitCode());
            assertEquals(0, storescu(scp, "-xi", List.of(implicit)).exitCode());
            List<Path> all = new java.util.ArrayList<>(little);
            all.add(bigEndian);
            all.add(implicit);
            List<Path> reencodedBySender = new java.util.ArrayList<>();
            for (Path source : all) {
                String uid = NetFixtures.tag(source, "0008,0018");
                Path stored = out.resolve(uid + ".dcm");
                assertTrue(Files.exists(stored), () -> source.getFileName() + " not stored");
                if (!Arrays.equals(NetFixtures.datasetBytes(source), NetFixtures.datasetBytes(stored))) {
                    // dcmtk re-encodes some data sets on sending (explicit-length items and
                    // sequences become undefined-length, group lengths are left out): then the
                    // content must be equal
                    assertEquals(NetFixtures.content(source), NetFixtures.content(stored),
                            () -> source.getFileName() + ": content differs");
                    reencodedBySender.add(source);
                }
                assertEquals(NetFixtures.tag(source, "0002,0010"), NetFixtures.tag(stored, "0002,0010"));
                // and the stored file is a valid Part 10 file for our reader and dcmtk
                DicomObject read = DicomReader.read(stored, ReadOptions.defaults()).dataset();
                assertEquals(uid, read.string(Tag.SOPInstanceUID).orElseThrow());
                assertEquals(0, NetFixtures.dcmtk("dcmdump", "-q", stored.toString()).exitCode());
            }
            // the big endian file goes through storescu untouched
            assertFalse(reencodedBySender.contains(bigEndian));
            try (var files = Files.list(out)) {
                assertTrue(files.noneMatch(p -> p.toString().endsWith(".part")), "temporary files left");
            }
        }
    }

    @Test
    void headerOnlyModeReadsUpToPixelDataAndDiscardsTheRest() throws Exception {
        Map<String, DicomObject> headers = new ConcurrentHashMap<>();
        try (StorageScp scp = StorageScp.builder().aeTitle(SCP).acceptCallingAe(SENDER).headerOnly(true)
                .handler(i -> headers.put(i.sopInstanceUid(), i.header().orElseThrow())).start()) {
            List<Path> files = List.of(ts("1.2.840.10008.1.2.4.70"), ts("1.2.840.10008.1.2.1"));
            NetFixtures.Run r = storescu(scp, "-xs", files);
            assertEquals(0, r.exitCode(), r.output().replaceAll("(?s).*(I: Sending file)", "$1"));
            assertEquals(2, headers.size());
            for (DicomObject h : headers.values()) {
                assertFalse(h.contains(Tag.PixelData));
                assertTrue(h.contains(Tag.Rows));
            }
        }
    }

    @Test
    void rejectsACallingAeTitleItDoesNotExpect() throws Exception {
        try (StorageScp scp = StorageScp.builder().aeTitle(SCP).acceptCallingAe(SENDER).start()) {
            NetFixtures.Run echo = NetFixtures.dcmtk("echoscu", "-aet", "STRANGER", "-aec", SCP.value(), "127.0.0.1",
                    Integer.toString(scp.port()));
            assertTrue(echo.exitCode() != 0);
            assertTrue(echo.output().contains("Calling AE Title Not Recognized"), echo.output());
            AssociationRejectedException e = assertThrows(AssociationRejectedException.class,
                    () -> Association.open(new PacsAddress(SCP, "127.0.0.1", scp.port()), AeTitle.of("STRANGER"),
                            List.of(PresentationContext.propose(1, StorageScp.VERIFICATION, List.of(Retrieve.ILE))),
                            List.of(), NetworkOptions.defaults()));
            assertEquals(3, e.reason());
            assertEquals(0, NetFixtures.dcmtk("echoscu", "-aet", SENDER.value(), "-aec", SCP.value(), "127.0.0.1",
                    Integer.toString(scp.port())).exitCode());
        }
    }

    @Test
    void aHandlerFailureIsAnsweredWithOutOfResourcesAndNoPatientData() throws Exception {
        try (StorageScp scp = StorageScp.builder().aeTitle(SCP).acceptCallingAe(SENDER)
                .handler(i -> {
                    throw new IOException("disk full while writing PATIENT^NAME");
                }).start()) {
            NetFixtures.Run r = storescu(scp, "-xe", List.of(ts("1.2.840.10008.1.2.1")));
            assertTrue(r.output().contains("0xa700"), r.output());
            assertTrue(r.output().contains("storage failed: IOException"), r.output());
            assertFalse(r.output().contains("PATIENT^NAME"));
        }
    }

    @Test
    void builderChecksItsSettings() {
        assertThrows(I4dwConfigurationException.class, () -> StorageScp.builder().port(70000));
        assertThrows(I4dwConfigurationException.class, () -> StorageScp.builder().aeTitle(SCP).start());
        assertThrows(I4dwConfigurationException.class, () -> StorageScp.builder().acceptCallingAe(SENDER).start());
    }
}
