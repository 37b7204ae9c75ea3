/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;

/**
 * DIMSE command sets (PS3.7 section 9 and annex E): the command group (0000,eeee) elements, which
 * the PS3.6 data dictionary does not list, their VRs, and builders of the request and response
 * commands I4DW sends.
 */
final class Command {

    static final int AFFECTED_SOP_CLASS_UID = 0x00000002;
    static final int COMMAND_FIELD = 0x00000100;
    static final int MESSAGE_ID = 0x00000110;
    static final int MESSAGE_ID_BEING_RESPONDED_TO = 0x00000120;
    static final int MOVE_DESTINATION = 0x00000600;
    static final int PRIORITY = 0x00000700;
    static final int COMMAND_DATA_SET_TYPE = 0x00000800;
    static final int STATUS = 0x00000900;
    static final int OFFENDING_ELEMENT = 0x00000901;
    static final int ERROR_COMMENT = 0x00000902;
    static final int AFFECTED_SOP_INSTANCE_UID = 0x00001000;
    static final int REMAINING = 0x00001020;
    static final int COMPLETED = 0x00001021;
    static final int FAILED = 0x00001022;
    static final int WARNING = 0x00001023;
    static final int MOVE_ORIGINATOR_AE = 0x00001030;
    static final int MOVE_ORIGINATOR_MESSAGE_ID = 0x00001031;

    static final int C_STORE_RQ = 0x0001;
    static final int C_GET_RQ = 0x0010;
    static final int C_FIND_RQ = 0x0020;
    static final int C_MOVE_RQ = 0x0021;
    static final int C_ECHO_RQ = 0x0030;
    static final int C_CANCEL_RQ = 0x0FFF;
    static final int RSP = 0x8000;

    static final int NO_DATA_SET = 0x0101;
    static final int DATA_SET = 0x0000;

    /** VRs of the command group elements (PS3.7 table E.1-1). */
    private static final Map<Integer, VR> VRS = Map.ofEntries(
            Map.entry(0x00000000, VR.UL), Map.entry(AFFECTED_SOP_CLASS_UID, VR.UI), Map.entry(0x00000003, VR.UI),
            Map.entry(COMMAND_FIELD, VR.US), Map.entry(MESSAGE_ID, VR.US), Map.entry(MESSAGE_ID_BEING_RESPONDED_TO, VR.US),
            Map.entry(MOVE_DESTINATION, VR.AE), Map.entry(PRIORITY, VR.US), Map.entry(COMMAND_DATA_SET_TYPE, VR.US),
            Map.entry(STATUS, VR.US), Map.entry(OFFENDING_ELEMENT, VR.AT), Map.entry(ERROR_COMMENT, VR.LO),
            Map.entry(0x00000903, VR.US), Map.entry(AFFECTED_SOP_INSTANCE_UID, VR.UI), Map.entry(0x00001001, VR.UI),
            Map.entry(0x00001002, VR.US), Map.entry(0x00001005, VR.AT), Map.entry(0x00001008, VR.US),
            Map.entry(REMAINING, VR.US), Map.entry(COMPLETED, VR.US), Map.entry(FAILED, VR.US), Map.entry(WARNING, VR.US),
            Map.entry(MOVE_ORIGINATOR_AE, VR.AE), Map.entry(MOVE_ORIGINATOR_MESSAGE_ID, VR.US));

    private Command() {
    }

    /** Gives the command group elements of a command read in implicit VR (hence UN) their VRs. */
    static DicomObject typed(DicomObject raw) {
        DicomObject.Builder b = DicomObject.builder();
        for (DicomElement e : raw) {
            VR vr = VRS.get(e.tagValue());
            byte[] v = e.bytes().map(bb -> {
                byte[] a = new byte[bb.remaining()];
                bb.get(a);
                return a;
            }).orElse(new byte[0]);
            if (vr == null || e.vr() != VR.UN) {
                b.set(e);
            } else if (v.length == 0) {
                b.setEmpty(e.tagValue(), vr);
            } else {
                b.adoptBytes(e.tagValue(), vr, v);
            }
        }
        return b.build();
    }

    static int field(DicomObject cmd) {
        return cmd.integer(Tag.of(COMMAND_FIELD)).orElse(-1);
    }

    static int status(DicomObject cmd) {
        return cmd.integer(Tag.of(STATUS)).orElse(-1);
    }

    static int integer(DicomObject cmd, int tag) {
        return cmd.integer(Tag.of(tag)).orElse(-1);
    }

    static String string(DicomObject cmd, int tag) {
        return cmd.string(Tag.of(tag)).orElse("");
    }

    static boolean hasDataSet(DicomObject cmd) {
        return cmd.integer(Tag.of(COMMAND_DATA_SET_TYPE)).orElse(NO_DATA_SET) != NO_DATA_SET;
    }

    private static DicomObject.Builder base(int field, String sopClass, boolean dataSet) {
        DicomObject.Builder b = DicomObject.builder();
        if (sopClass != null) {
            b.set(Tag.of(AFFECTED_SOP_CLASS_UID), VR.UI, sopClass);
        }
        b.setInts(Tag.of(COMMAND_FIELD), VR.US, field);
        b.setInts(Tag.of(COMMAND_DATA_SET_TYPE), VR.US, dataSet ? DATA_SET : NO_DATA_SET);
        return b;
    }

    static DicomObject request(int field, String sopClass, int messageId, boolean dataSet) {
        DicomObject.Builder b = base(field, sopClass, dataSet).setInts(Tag.of(MESSAGE_ID), VR.US, messageId);
        if (field == C_FIND_RQ || field == C_MOVE_RQ || field == C_GET_RQ || field == C_STORE_RQ) {
            b.setInts(Tag.of(PRIORITY), VR.US, 0); // MEDIUM
        }
        return b.build();
    }

    static DicomObject moveRequest(String sopClass, int messageId, String destination) {
        return request(C_MOVE_RQ, sopClass, messageId, true).toBuilder()
                .set(Tag.of(MOVE_DESTINATION), VR.AE, destination).build();
    }

    static DicomObject cancel(int messageIdBeingRespondedTo) {
        return base(C_CANCEL_RQ, null, false)
                .setInts(Tag.of(MESSAGE_ID_BEING_RESPONDED_TO), VR.US, messageIdBeingRespondedTo).build();
    }

    static DicomObject storeRequest(String sopClass, String sopInstance, int messageId) {
        return request(C_STORE_RQ, sopClass, messageId, true).toBuilder()
                .set(Tag.of(AFFECTED_SOP_INSTANCE_UID), VR.UI, sopInstance).build();
    }

    /** A response to {@code rq} with {@code status} and no data set. */
    static DicomObject response(DicomObject rq, int status) {
        DicomObject.Builder b = base(field(rq) | RSP, string(rq, AFFECTED_SOP_CLASS_UID), false)
                .setInts(Tag.of(MESSAGE_ID_BEING_RESPONDED_TO), VR.US, integer(rq, MESSAGE_ID))
                .setInts(Tag.of(STATUS), VR.US, status);
        String instance = string(rq, AFFECTED_SOP_INSTANCE_UID);
        if (!instance.isEmpty()) {
            b.set(Tag.of(AFFECTED_SOP_INSTANCE_UID), VR.UI, instance);
        }
        return b.build();
    }

    /** A short, safe description of a command for logs: field and status only. */
    static String describe(DicomObject cmd) {
        return String.format("command %04XH status %04XH", field(cmd), status(cmd) & 0xFFFF);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
