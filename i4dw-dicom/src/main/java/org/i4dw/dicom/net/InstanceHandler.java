/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.TransferSyntax;
import org.i4dw.data.VR;
import org.i4dw.dicom.io.DicomWriter;
import org.i4dw.dicom.io.WriteOptions;

/**
 * What to do with each instance received by C-STORE. Called on the thread of the association
 * that received it; several associations may call the same handler at once, so it must be
 * thread-safe.
 *
 * <p>The outcome sets the C-STORE-RSP status: a normal return is Success (0000H); an
 * {@link IOException} is "Refused: Out of Resources" (A700H); any other runtime exception is
 * "Error: Cannot understand" (C000H). The Error Comment sent names only the exception class,
 * never its message (which may carry patient data).
 */
@FunctionalInterface
public interface InstanceHandler {

    /**
     * Handles one instance. Read {@link ReceivedInstance#data()} as far as needed; the rest is
     * discarded.
     *
     * @param instance the instance, valid only during this call
     * @throws IOException if it cannot be stored (answered A700H)
     */
    void handle(ReceivedInstance instance) throws IOException;

    /**
     * A handler that reads nothing: every instance is acknowledged and its data set discarded.
     *
     * @return the handler
     */
    static InstanceHandler discard() {
        return instance -> { };
    }

    /**
     * A handler that reads each instance header-only (up to Pixel Data, the rest discarded unread)
     * and passes the header on.
     *
     * @param consumer receives each header
     * @return the handler
     */
    static InstanceHandler headers(Consumer<DicomObject> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        return instance -> consumer.accept(instance.readHeader());
    }

    /**
     * A handler that stores each instance as a Part 10 file {@code <SOPInstanceUID>.dcm} in a
     * folder: file meta information generated for the instance (its SOP class and instance UIDs,
     * the transfer syntax received, I4DW's implementation UID), then the data set bytes exactly as
     * received. Each file is written under a temporary name and renamed when complete, so a
     * reader never sees half a file; an existing file of the same name is replaced.
     *
     * @param directory the folder; created if missing
     * @return the handler
     * @throws I4dwConfigurationException if the folder cannot be created
     */
    static InstanceHandler toDirectory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new I4dwConfigurationException("cannot create the folder " + directory + ": " + e.getMessage(), e);
        }
        return instance -> writePart10(directory, instance);
    }

    private static void writePart10(Path directory, ReceivedInstance instance) throws IOException {
        String uid = instance.sopInstanceUid();
        if (uid.length() > 64 || !Pattern.matches("[0-9]+(\\.[0-9]+)*", uid)) {
            throw new IllegalArgumentException("the SOP Instance UID is not a valid UID; no file name can be made");
        }
        Path target = directory.resolve(uid + ".dcm");
        Path temp = directory.resolve(uid + ".dcm.part");
        boolean done = false;
        try (OutputStream out = Files.newOutputStream(temp)) {
            out.write(part10Header(instance.sopClassUid(), uid, instance.transferSyntax()));
            instance.data().transferTo(out);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The preamble, "DICM" and the file meta information of a Part 10 file, without data set.
     *
     * @param sopClassUid the Media Storage SOP Class UID
     * @param sopInstanceUid the Media Storage SOP Instance UID
     * @param ts the transfer syntax of the data set that will follow
     * @return the bytes
     */
    private static byte[] part10Header(String sopClassUid, String sopInstanceUid, TransferSyntax ts) {
        DicomObject ids = DicomObject.builder().set(Tag.SOPClassUID, VR.UI, sopClassUid)
                .set(Tag.SOPInstanceUID, VR.UI, sopInstanceUid).build();
        ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
        try {
            // an empty data set: whatever the writer puts after the meta information (a deflate
            // trailer for the deflated syntax) is cut off below
            DicomWriter.writeFile(buf, DicomWriter.createFileMetaInformation(ids, ts), DicomObject.EMPTY, ts,
                    WriteOptions.defaults());
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        byte[] all = buf.toByteArray();
        int groupLength = (all[140] & 0xFF) | (all[141] & 0xFF) << 8 | (all[142] & 0xFF) << 16 | (all[143] & 0xFF) << 24;
        byte[] head = Arrays.copyOf(all, 144 + groupLength);
        return head;
    }
}
