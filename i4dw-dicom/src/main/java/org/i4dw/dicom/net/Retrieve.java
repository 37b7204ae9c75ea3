/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.i4dw.api.AeTitle;
import org.i4dw.api.AssociationAbortedException;
import org.i4dw.api.DicomNetworkException;
import org.i4dw.api.DicomParseException;
import org.i4dw.api.DicomStatusException;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.TransferSyntax;
import org.i4dw.data.VR;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.DicomWriter;
import org.i4dw.dicom.io.ReadOptions;
import org.i4dw.dicom.io.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * C-GET and C-MOVE (PS3.4 C.4.2, C.4.3; PS3.7 9.1.3, 9.1.4) on an open association, and the
 * minimal C-FIND at IMAGE level that "first instance per series" needs. Works on an
 * {@link Association} it is given; opening and pooling associations is the caller's business.
 */
final class Retrieve {

    private static final Logger LOG = LoggerFactory.getLogger(Retrieve.class);

    /** PS3.8: presentation context ids are odd numbers from 1 to 255. */
    static final int MAX_CONTEXTS = 128;

    static final String ELE = "1.2.840.10008.1.2.1";
    static final String ILE = "1.2.840.10008.1.2";

    /**
     * Transfer syntaxes proposed for C-GET storage sub-operations, one presentation context each
     * (a context accepts one syntax, and a PACS that finds no context in the stored syntax
     * transcodes), most common first.
     */
    static final List<String> GET_TRANSFER_SYNTAXES = List.of(
            ELE, ILE,
            "1.2.840.10008.1.2.4.70", // JPEG Lossless SV1
            "1.2.840.10008.1.2.4.50", // JPEG Baseline
            "1.2.840.10008.1.2.4.90", // JPEG 2000 lossless
            "1.2.840.10008.1.2.4.80", // JPEG-LS lossless
            "1.2.840.10008.1.2.5", // RLE
            "1.2.840.10008.1.2.4.91", // JPEG 2000
            "1.2.840.10008.1.2.4.51", // JPEG Extended
            "1.2.840.10008.1.2.4.57", // JPEG Lossless
            "1.2.840.10008.1.2.4.81", // JPEG-LS near-lossless
            "1.2.840.10008.1.2.1.99", // Deflated
            "1.2.840.10008.1.2.2", // Explicit Big Endian (retired)
            "1.2.840.10008.1.2.4.201", // HTJ2K lossless
            "1.2.840.10008.1.2.4.202", // HTJ2K lossless RPCL
            "1.2.840.10008.1.2.4.203", // HTJ2K
            "1.2.840.10008.1.2.4.110", // JPEG XL lossless
            "1.2.840.10008.1.2.4.111", // JPEG XL JPEG recompression
            "1.2.840.10008.1.2.4.112"); // JPEG XL

    /** Storage classes proposed when the caller does not know which ones the retrieve will bring. */
    static final List<String> DEFAULT_STORAGE_CLASSES = List.of(
            "1.2.840.10008.5.1.4.1.1.2", // CT
            "1.2.840.10008.5.1.4.1.1.4", // MR
            "1.2.840.10008.5.1.4.1.1.2.1", // Enhanced CT
            "1.2.840.10008.5.1.4.1.1.4.1", // Enhanced MR
            "1.2.840.10008.5.1.4.1.1.1", // CR
            "1.2.840.10008.5.1.4.1.1.1.1", // DX for presentation
            "1.2.840.10008.5.1.4.1.1.1.1.1", // DX for processing
            "1.2.840.10008.5.1.4.1.1.1.2", // MG for presentation
            "1.2.840.10008.5.1.4.1.1.6.1", // US
            "1.2.840.10008.5.1.4.1.1.3.1", // US multi-frame
            "1.2.840.10008.5.1.4.1.1.7", // Secondary Capture
            "1.2.840.10008.5.1.4.1.1.7.2", // MF grayscale byte SC
            "1.2.840.10008.5.1.4.1.1.7.3", // MF grayscale word SC
            "1.2.840.10008.5.1.4.1.1.7.4", // MF true color SC
            "1.2.840.10008.5.1.4.1.1.20", // NM
            "1.2.840.10008.5.1.4.1.1.128", // PET
            "1.2.840.10008.5.1.4.1.1.12.1", // XA
            "1.2.840.10008.5.1.4.1.1.12.2", // XRF
            "1.2.840.10008.5.1.4.1.1.481.1", // RT Image
            "1.2.840.10008.5.1.4.1.1.481.2", // RT Dose
            "1.2.840.10008.5.1.4.1.1.66.4", // Segmentation
            "1.2.840.10008.5.1.4.1.1.481.3", // RT Structure Set
            "1.2.840.10008.5.1.4.1.1.88.11", // Basic Text SR
            "1.2.840.10008.5.1.4.1.1.88.22", // Enhanced SR
            "1.2.840.10008.5.1.4.1.1.88.33", // Comprehensive SR
            "1.2.840.10008.5.1.4.1.1.88.67", // X-Ray Radiation Dose SR
            "1.2.840.10008.5.1.4.1.1.88.59", // Key Object Selection
            "1.2.840.10008.5.1.4.1.1.11.1", // Grayscale Softcopy Presentation State
            "1.2.840.10008.5.1.4.1.1.104.1"); // Encapsulated PDF

    /** Classes without pixel data: compressed syntaxes are not proposed for them. */
    private static final Set<String> NON_IMAGE = Set.of("1.2.840.10008.5.1.4.1.1.481.3",
            "1.2.840.10008.5.1.4.1.1.88.11", "1.2.840.10008.5.1.4.1.1.88.22", "1.2.840.10008.5.1.4.1.1.88.33",
            "1.2.840.10008.5.1.4.1.1.88.34", "1.2.840.10008.5.1.4.1.1.88.67", "1.2.840.10008.5.1.4.1.1.88.59",
            "1.2.840.10008.5.1.4.1.1.11.1", "1.2.840.10008.5.1.4.1.1.104.1", "1.2.840.10008.5.1.4.1.1.481.5",
            "1.2.840.10008.5.1.4.1.1.481.8", "1.2.840.10008.5.1.4.1.1.66", "1.2.840.10008.5.1.4.1.1.88.35",
            "1.2.840.10008.5.1.4.1.1.88.68", "1.2.840.10008.5.1.4.1.1.88.73", "1.2.840.10008.5.1.4.1.1.88.76",
            "1.2.840.10008.5.1.4.1.1.11.2", "1.2.840.10008.5.1.4.1.1.11.3", "1.2.840.10008.5.1.4.1.1.11.4");

    private static final ReadOptions IDENTIFIER_READ = ReadOptions.builder().maxDepth(8).build();

    private Retrieve() {
    }

    /** An association proposal: presentation contexts and the role selections they need. */
    record Proposal(List<PresentationContext> contexts, List<RoleSelection> roles) {
        Proposal {
            contexts = List.copyOf(contexts);
            roles = List.copyOf(roles);
        }
    }

    /**
     * The proposal for an association that retrieves with C-GET: first the Query/Retrieve SOP
     * classes given (C-GET, and C-FIND when a query runs on the same association) with explicit
     * and implicit VR little endian; then, for the storage classes expected, one context per
     * (class, transfer syntax) of {@link #GET_TRANSFER_SYNTAXES}, filled syntax by syntax (every
     * class gets explicit VR little endian before any gets implicit, and so on; compressed
     * syntaxes only for image classes) until the 128-context limit; and an SCP role selection
     * (SCU false, SCP true) per storage class.
     *
     * @param queryRetrieveClasses C-GET / C-FIND SOP class UIDs
     * @param storageClasses the storage SOP classes expected, or empty for
     *     {@link #DEFAULT_STORAGE_CLASSES}
     */
    static Proposal getProposal(List<String> queryRetrieveClasses, Collection<String> storageClasses) {
        List<PresentationContext> pcs = new ArrayList<>();
        int id = 1;
        for (String qr : queryRetrieveClasses) {
            pcs.add(PresentationContext.propose(id, qr, List.of(ELE, ILE)));
            id += 2;
        }
        Set<String> classes = new LinkedHashSet<>(storageClasses.isEmpty() ? DEFAULT_STORAGE_CLASSES : storageClasses);
        Set<String> proposedClasses = new LinkedHashSet<>();
        outer:
        for (String ts : GET_TRANSFER_SYNTAXES) {
            boolean nativeTs = !TransferSyntax.of(ts).isEncapsulated();
            for (String c : classes) {
                if (!nativeTs && NON_IMAGE.contains(c)) {
                    continue;
                }
                if (pcs.size() == MAX_CONTEXTS) {
                    break outer;
                }
                pcs.add(PresentationContext.propose(id, c, List.of(ts)));
                proposedClasses.add(c);
                id += 2;
            }
        }
        List<RoleSelection> roles = new ArrayList<>();
        for (String c : proposedClasses) {
            roles.add(new RoleSelection(c, false, true));
        }
        return new Proposal(pcs, roles);
    }

    /** The proposal for C-MOVE (and C-FIND) on a model: no storage contexts, the PACS stores elsewhere. */
    static Proposal moveProposal(List<String> queryRetrieveClasses) {
        List<PresentationContext> pcs = new ArrayList<>();
        int id = 1;
        for (String qr : queryRetrieveClasses) {
            pcs.add(PresentationContext.propose(id, qr, List.of(ELE, ILE)));
            id += 2;
        }
        return new Proposal(pcs, List.of());
    }

    /** A request to cancel a running retrieve, from any thread: C-CANCEL-RQ is sent at the next message. */
    static final class Cancel {
        private volatile boolean requested;

        void cancel() {
            requested = true;
        }

        boolean requested() {
            return requested;
        }
    }

    // ------------------------------------------------------------------ C-GET

    /**
     * C-GET: sends the request, serves the C-STORE sub-operations that arrive on the same
     * association with {@code handler} (each answered after the handler ran), follows the pending
     * responses and returns on the final one.
     *
     * @param headerOnly whether sub-operations are read up to Pixel Data only (the handler then
     *     gets {@link ReceivedInstance#header()})
     * @throws RetrieveFailedException on a failure status
     * @throws DicomNetworkException if the association breaks, times out, or the PACS did not
     *     accept C-GET for the model
     */
    static RetrieveResult get(Association a, RetrieveRequest rq, int messageId, InstanceHandler handler,
            boolean headerOnly, Cancel cancel) {
        String sopClass = rq.model().getSopClass();
        PresentationContext pc = a.contextFor(sopClass, null);
        if (pc == null) {
            throw new DicomNetworkException(a.peer() + " did not accept C-GET for " + rq.model()
                    + " on this association");
        }
        return run("C-GET", a, pc, Command.request(Command.C_GET_RQ, sopClass, messageId, true), rq, messageId,
                handler, headerOnly, cancel, null);
    }

    // ------------------------------------------------------------------ C-MOVE

    /**
     * C-MOVE to {@code destination}. When {@code scp} is the destination, the instances it
     * receives for this move (by Move Originator Message ID, or from the PACS's AE title when the
     * PACS does not set it) are collected, and the call returns once all the sub-operations the
     * final response counts have been handled there (or the DIMSE timeout passes).
     *
     * @param scp our Storage SCP when it is the destination, else null
     * @throws RetrieveFailedException on a failure status, e.g. A801H for an unknown destination
     */
    static RetrieveResult move(Association a, RetrieveRequest rq, int messageId, AeTitle destination,
            StorageScp scp, Cancel cancel) {
        String sopClass = rq.model().moveSopClass();
        PresentationContext pc = a.contextFor(sopClass, null);
        if (pc == null) {
            throw new DicomNetworkException(a.peer() + " did not accept C-MOVE for " + rq.model()
                    + " on this association");
        }
        StorageScp.MoveWatch watch = scp != null && scp.aeTitle().equals(destination)
                ? scp.watch(a.calledAe().strip(), a.callingAe().strip(), messageId) : null;
        try {
            return run("C-MOVE", a, pc, Command.moveRequest(sopClass, messageId, destination.value()), rq, messageId,
                    null, false, cancel, watch);
        } finally {
            if (watch != null) {
                watch.close();
            }
        }
    }

    private static RetrieveResult run(String op, Association a, PresentationContext pc, DicomObject command,
            RetrieveRequest rq, int messageId, InstanceHandler handler, boolean headerOnly, Cancel cancel,
            StorageScp.MoveWatch watch) {
        TransferSyntax ts = TransferSyntax.of(pc.transferSyntax());
        Duration timeout = a.options().dimseTimeout();
        long started = System.nanoTime();
        a.send(pc.id(), command, out -> DicomWriter.writeDataset(out, rq.identifier(), ts, WriteOptions.defaults()));
        List<RetrieveResult.Instance> received = new ArrayList<>();
        int failedHere = 0;
        boolean cancelSent = false;
        while (true) {
            if (cancel != null && cancel.requested() && !cancelSent) {
                a.send(pc.id(), Command.cancel(messageId), null);
                cancelSent = true;
                LOG.debug("{} on {}: C-CANCEL-RQ sent", op, a.peer());
            }
            Association.Message m = a.receive(timeout);
            int field = m.commandField();
            if (field == Command.C_STORE_RQ && handler != null) {
                StorageScp.Stored st = StorageScp.serveStore(a, m, handler, headerOnly);
                if (st.aborted) {
                    throw new AssociationAbortedException("the instance handler aborted the association with "
                            + a.peer() + " during " + op + " after " + received.size() + " instance(s)");
                }
                if (st.ok) {
                    received.add(st.instance.summary());
                } else {
                    failedHere++;
                }
                continue;
            }
            if (field != (command.integer(Tag.of(Command.COMMAND_FIELD)).orElse(0) | Command.RSP)
                    || Command.integer(m.command(), Command.MESSAGE_ID_BEING_RESPONDED_TO) != messageId) {
                a.abort();
                throw new AssociationAbortedException(a.peer() + " sent " + Command.describe(m.command())
                        + " during " + op + "; the association was aborted");
            }
            int status = m.status();
            if (status == 0xFF00 || status == 0xFF01) {
                continue;
            }
            List<String> failedUids = List.of();
            if (m.hasData()) {
                try {
                    DicomObject id = DicomReader.readDataset(m.data(), op + " response identifier", ts, IDENTIFIER_READ)
                            .dataset();
                    failedUids = id.strings(Tag.FailedSOPInstanceUIDList);
                } catch (IOException | DicomParseException e) {
                    LOG.warn("{} on {}: the identifier of the final response cannot be read: {}", op, a.peer(),
                            e.getMessage());
                }
            }
            int completed = count(m.command(), Command.COMPLETED);
            int failed = count(m.command(), Command.FAILED);
            int warning = count(m.command(), Command.WARNING);
            if (watch != null) {
                int expected = Math.max(completed, 0) + Math.max(warning, 0);
                try {
                    received.addAll(watch.await(expected, System.nanoTime() + timeout.toNanos()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    received.addAll(watch.received());
                }
            }
            RetrieveResult result = new RetrieveResult(status, statusWords(status), completed, failed, warning,
                    failedUids, received);
            LOG.debug("{} on {} done in {} ms: {} ({} refused here)", op, a.peer(),
                    (System.nanoTime() - started) / 1_000_000, result, failedHere);
            if (status == 0 || status == 0xFE00 || (status & 0xF000) == 0xB000) {
                return result;
            }
            throw new RetrieveFailedException(op, a.peer(), result);
        }
    }

    private static int count(DicomObject cmd, int tag) {
        return cmd.contains(Tag.of(tag)) ? Command.integer(cmd, tag) : -1;
    }

    // ------------------------------------------------------------------ minimal C-FIND

    /**
     * A Study Root C-FIND at IMAGE level for the instances of a study or series, returning
     * Series Instance UID, SOP Instance UID and Instance Number of each. This is the minimal query
     * "first instance per series" needs; the general C-FIND lives with the query client. SOP Class
     * UID is deliberately not asked for: Orthanc does not index it at IMAGE level and reads every
     * instance of the series to answer it, which cost ~25 ms per 50-instance series (issue #3
     * benchmark, docs/BENCHMARKS.md).
     *
     * @throws DicomStatusException on a failure status
     */
    static List<DicomObject> findInstances(Association a, String studyUid, String seriesUid, int messageId) {
        return findInstances(a, studyUid, seriesUid, null, false, messageId);
    }

    /**
     * Study Root C-FIND at IMAGE level. SOP Class UID is asked for only when {@code withSopClass}:
     * some PACS (Orthanc) do not index it for instances and read every file of the series to
     * answer, which makes the query several times slower.
     *
     * @param sopInstanceUid one instance, or null for all of the study or series
     */
    static List<DicomObject> findInstances(Association a, String studyUid, String seriesUid, String sopInstanceUid,
            boolean withSopClass, int messageId) {
        String sopClass = QueryModel.STUDY_ROOT.findSopClass();
        PresentationContext pc = a.contextFor(sopClass, null);
        if (pc == null) {
            throw new DicomNetworkException(a.peer() + " did not accept Study Root C-FIND on this association");
        }
        TransferSyntax ts = TransferSyntax.of(pc.transferSyntax());
        DicomObject.Builder keys = DicomObject.builder().set(Tag.QueryRetrieveLevel, VR.CS, "IMAGE")
                .set(Tag.StudyInstanceUID, VR.UI, studyUid)
                .setEmpty(Tag.InstanceNumber, VR.IS);
        if (sopInstanceUid != null) {
            keys.set(Tag.SOPInstanceUID, VR.UI, sopInstanceUid);
        } else {
            keys.setEmpty(Tag.SOPInstanceUID, VR.UI);
        }
        if (withSopClass) {
            keys.setEmpty(Tag.SOPClassUID, VR.UI);
        }
        if (seriesUid != null) {
            keys.set(Tag.SeriesInstanceUID, VR.UI, seriesUid);
        } else {
            keys.setEmpty(Tag.SeriesInstanceUID, VR.UI);
        }
        DicomObject identifier = keys.build();
        a.send(pc.id(), Command.request(Command.C_FIND_RQ, sopClass, messageId, true),
                out -> DicomWriter.writeDataset(out, identifier, ts, WriteOptions.defaults()));
        List<DicomObject> found = new ArrayList<>();
        while (true) {
            Association.Message m = a.receive(a.options().dimseTimeout());
            if (m.commandField() != (Command.C_FIND_RQ | Command.RSP)
                    || Command.integer(m.command(), Command.MESSAGE_ID_BEING_RESPONDED_TO) != messageId) {
                a.abort();
                throw new AssociationAbortedException(a.peer() + " sent " + Command.describe(m.command())
                        + " during C-FIND; the association was aborted");
            }
            int status = m.status();
            if (status == 0xFF00 || status == 0xFF01) {
                if (m.hasData()) {
                    try {
                        found.add(DicomReader.readDataset(m.data(), "C-FIND match", ts, IDENTIFIER_READ).dataset());
                    } catch (IOException e) {
                        throw new DicomNetworkException("reading a C-FIND match from " + a.peer() + " failed: "
                                + e.getMessage(), e);
                    }
                }
                continue;
            }
            if (status == 0) {
                return found;
            }
            throw new DicomStatusException("C-FIND", a.peer(), status, statusWords(status));
        }
    }

    // ------------------------------------------------------------------ status words

    /**
     * A DIMSE status in words (PS3.7 annex C; PS3.4 C.4.1.1.4, C.4.2.1.5, C.4.3.1.5, B.2.3).
     * Package-private until the status vocabulary of the query client and this one are unified.
     */
    static String statusWords(int status) {
        return Status.of(status & 0xFFFF).meaning();
    }
}
