/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.i4dw.api.AeTitle;
import org.i4dw.data.DicomObject;
import org.i4dw.data.TransferSyntax;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.ReadOptions;

/**
 * One instance received by C-STORE (from a Storage SCU, or as a C-GET sub-operation), handed to an
 * {@link InstanceHandler}. Valid only during the handler's call: the data set is a stream over the
 * PDVs of the association, read as the handler reads it; whatever the handler leaves unread is
 * skipped afterwards without being buffered.
 */
public final class ReceivedInstance {

    private static final ReadOptions HEADER_ONLY = ReadOptions.builder().headerOnly(true).build();

    private final String sopClassUid;
    private final String sopInstanceUid;
    private final TransferSyntax transferSyntax;
    private final AeTitle callingAe;
    private final String moveOriginatorAe;
    private final int moveOriginatorMessageId;
    private final InputStream data;
    private final DicomObject header;
    private volatile boolean abortRequested;

    ReceivedInstance(String sopClassUid, String sopInstanceUid, TransferSyntax transferSyntax, AeTitle callingAe,
            String moveOriginatorAe, int moveOriginatorMessageId, InputStream data, DicomObject header) {
        this.sopClassUid = Objects.requireNonNull(sopClassUid, "sopClassUid");
        this.sopInstanceUid = Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        this.transferSyntax = Objects.requireNonNull(transferSyntax, "transferSyntax");
        this.callingAe = Objects.requireNonNull(callingAe, "callingAe");
        this.moveOriginatorAe = moveOriginatorAe == null || moveOriginatorAe.isBlank() ? null : moveOriginatorAe.strip();
        this.moveOriginatorMessageId = moveOriginatorMessageId;
        this.data = data;
        this.header = header;
    }

    /**
     * The Affected SOP Class UID of the C-STORE-RQ.
     *
     * @return the SOP class UID
     */
    public String sopClassUid() {
        return sopClassUid;
    }

    /**
     * The Affected SOP Instance UID of the C-STORE-RQ.
     *
     * @return the SOP instance UID
     */
    public String sopInstanceUid() {
        return sopInstanceUid;
    }

    /**
     * The transfer syntax the data set is encoded in (that of the presentation context).
     *
     * @return the transfer syntax
     */
    public TransferSyntax transferSyntax() {
        return transferSyntax;
    }

    /**
     * The calling AE title of the association that carried the instance (the PACS).
     *
     * @return the AE title
     */
    public AeTitle callingAe() {
        return callingAe;
    }

    /**
     * The Move Originator Application Entity Title (0000,1030), when the sender set it (C-MOVE
     * sub-operations).
     *
     * @return the AE title, or empty
     */
    public Optional<String> moveOriginatorAe() {
        return Optional.ofNullable(moveOriginatorAe);
    }

    /**
     * The Move Originator Message ID (0000,1031), when the sender set it: the message ID of the
     * C-MOVE-RQ this store is a sub-operation of.
     *
     * @return the message ID, or empty
     */
    public OptionalInt moveOriginatorMessageId() {
        return moveOriginatorMessageId < 0 ? OptionalInt.empty() : OptionalInt.of(moveOriginatorMessageId);
    }

    /**
     * The data set, as received: bare (no preamble, no file meta information), in
     * {@link #transferSyntax()}. Do not close it early to stop reading; just stop reading.
     *
     * @return the stream
     * @throws IllegalStateException in header-only mode, where the receiver already read the
     *     header (see {@link #header()})
     */
    public InputStream data() {
        if (data == null) {
            throw new IllegalStateException("header-only mode: the data set was read up to Pixel Data and the "
                    + "rest discarded; use header()");
        }
        return data;
    }

    /**
     * The header read by the receiver in header-only mode (everything before Pixel Data).
     *
     * @return the header, or empty when the handler reads {@link #data()} itself
     */
    public Optional<DicomObject> header() {
        return Optional.ofNullable(header);
    }

    /**
     * Reads the data set up to Pixel Data (header-only read); the rest is discarded unread after
     * the handler returns. In header-only mode returns the header already read.
     *
     * @return the header
     * @throws IOException if the association fails while reading
     * @throws org.i4dw.api.DicomParseException if the data set cannot be parsed
     */
    public DicomObject readHeader() throws IOException {
        if (header != null) {
            return header;
        }
        return readHeader(data(), transferSyntax);
    }

    static DicomObject readHeader(InputStream in, TransferSyntax ts) throws IOException {
        return DicomReader.readDataset(in, "C-STORE data set", ts, HEADER_ONLY).dataset();
    }

    /**
     * Asks the receiver to abort the association (A-ABORT) instead of answering this C-STORE, once
     * the handler returns: for a handler that cannot go on (disk full, shutdown).
     */
    public void abortAssociation() {
        abortRequested = true;
    }

    boolean abortRequested() {
        return abortRequested;
    }

    /** The summary kept after the handler ran. */
    RetrieveResult.Instance summary() {
        return new RetrieveResult.Instance(sopClassUid, sopInstanceUid, transferSyntax.uid());
    }

    /** SOP class, calling AE and transfer syntax only: the instance UID is not yet de-identified. */
    @Override
    public String toString() {
        return "ReceivedInstance[" + sopClassUid + " from " + callingAe + ", " + transferSyntax.name() + "]";
    }
}
