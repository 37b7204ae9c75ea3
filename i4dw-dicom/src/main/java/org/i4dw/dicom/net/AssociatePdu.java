/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The content of an A-ASSOCIATE-RQ or -AC PDU (PS3.8 9.3.2, 9.3.3, and the user information
 * sub-items of PS3.7 annex D.3.3), with its encoder and decoder. Decoding checks every item
 * length against what is left of the PDU.
 *
 * @param calledAe the called AE title
 * @param callingAe the calling AE title
 * @param applicationContext the application context name (the DICOM one)
 * @param contexts presentation contexts: proposed (RQ) or answered (AC)
 * @param maxPduLength the maximum P-DATA-TF PDU length the sender can receive (0 = unlimited)
 * @param implementationClassUid the sender's implementation class UID
 * @param implementationVersionName the sender's implementation version name, or empty
 * @param maxOpsInvoked asynchronous operations window, invoked (0 = not negotiated)
 * @param maxOpsPerformed asynchronous operations window, performed
 * @param roles SCP/SCU role selections
 */
record AssociatePdu(String calledAe, String callingAe, String applicationContext, List<PresentationContext> contexts,
        long maxPduLength, String implementationClassUid, String implementationVersionName, int maxOpsInvoked,
        int maxOpsPerformed, List<RoleSelection> roles) {

    static final String DICOM_APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";
    static final int TYPE_RQ = 0x01;
    static final int TYPE_AC = 0x02;

    AssociatePdu {
        contexts = List.copyOf(contexts);
        roles = List.copyOf(roles);
    }

    /** The whole PDU, header included, as one array (written in one call). */
    byte[] encode(int type) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(512);
        b.write(type);
        b.write(0);
        b.write(new byte[4], 0, 4); // length, patched below
        b.write(0);
        b.write(1); // protocol version
        b.write(0);
        b.write(0);
        ae(b, calledAe);
        ae(b, callingAe);
        b.write(new byte[32], 0, 32);
        item(b, 0x10, ascii(applicationContext));
        for (PresentationContext pc : contexts) {
            ByteArrayOutputStream p = new ByteArrayOutputStream();
            p.write(pc.id());
            p.write(0);
            p.write(type == TYPE_RQ ? 0 : pc.result());
            p.write(0);
            if (type == TYPE_RQ) {
                item(p, 0x30, ascii(pc.abstractSyntax()));
            }
            for (String ts : pc.transferSyntaxes()) {
                item(p, 0x40, ascii(ts));
            }
            item(b, type == TYPE_RQ ? 0x20 : 0x21, p.toByteArray());
        }
        ByteArrayOutputStream u = new ByteArrayOutputStream();
        item(u, 0x51, u32(maxPduLength));
        item(u, 0x52, ascii(implementationClassUid));
        if (maxOpsInvoked > 0 || maxOpsPerformed > 0) {
            item(u, 0x53, new byte[] {(byte) (maxOpsInvoked >> 8), (byte) maxOpsInvoked, (byte) (maxOpsPerformed >> 8),
                (byte) maxOpsPerformed});
        }
        for (RoleSelection r : roles) {
            byte[] uid = ascii(r.sopClass());
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            s.write(uid.length >> 8);
            s.write(uid.length);
            s.write(uid, 0, uid.length);
            s.write(r.scu() ? 1 : 0);
            s.write(r.scp() ? 1 : 0);
            item(u, 0x54, s.toByteArray());
        }
        if (!implementationVersionName.isEmpty()) {
            item(u, 0x55, ascii(implementationVersionName));
        }
        item(b, 0x50, u.toByteArray());
        byte[] pdu = b.toByteArray();
        int len = pdu.length - 6;
        pdu[2] = (byte) (len >>> 24);
        pdu[3] = (byte) (len >>> 16);
        pdu[4] = (byte) (len >>> 8);
        pdu[5] = (byte) len;
        return pdu;
    }

    private static void ae(ByteArrayOutputStream b, String ae) {
        byte[] a = new byte[16];
        java.util.Arrays.fill(a, (byte) ' ');
        byte[] v = ascii(ae);
        System.arraycopy(v, 0, a, 0, Math.min(16, v.length));
        b.write(a, 0, 16);
    }

    private static void item(ByteArrayOutputStream b, int type, byte[] value) {
        b.write(type);
        b.write(0);
        b.write(value.length >> 8);
        b.write(value.length);
        b.write(value, 0, value.length);
    }

    private static byte[] u32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Decodes the body of an A-ASSOCIATE-RQ or -AC PDU (after the 6-byte header).
     *
     * @throws ProtocolException if an item is malformed or overruns the PDU
     */
    static AssociatePdu decode(int type, byte[] body, int length) throws ProtocolException {
        if (length < 68) {
            throw new ProtocolException("A-ASSOCIATE PDU of " + length + " bytes is shorter than its 68-byte header");
        }
        String called = text(body, 4, 16).strip();
        String calling = text(body, 20, 16).strip();
        String appContext = "";
        List<PresentationContext> contexts = new ArrayList<>();
        long maxPdu = 0;
        String implClass = "";
        String implVersion = "";
        int opsInvoked = 0;
        int opsPerformed = 0;
        List<RoleSelection> roles = new ArrayList<>();
        int p = 68;
        while (p < length) {
            int itemType = u8(body, p, length);
            int itemLen = u16(body, p + 2, length);
            int v = p + 4;
            if (v + itemLen > length) {
                throw new ProtocolException(String.format("item %02XH of %d bytes at byte %d overruns the PDU",
                        itemType, itemLen, p));
            }
            switch (itemType) {
                case 0x10:
                    appContext = text(body, v, itemLen);
                    break;
                case 0x20:
                case 0x21:
                    contexts.add(presentationContext(itemType, body, v, itemLen));
                    break;
                case 0x50:
                    int q = v;
                    int end = v + itemLen;
                    while (q < end) {
                        int subType = u8(body, q, end);
                        int subLen = u16(body, q + 2, end);
                        int s = q + 4;
                        if (s + subLen > end) {
                            throw new ProtocolException(String.format(
                                    "user information sub-item %02XH of %d bytes overruns its item", subType, subLen));
                        }
                        switch (subType) {
                            case 0x51:
                                if (subLen != 4) {
                                    throw new ProtocolException("maximum length sub-item of " + subLen + " bytes, not 4");
                                }
                                maxPdu = (body[s] & 0xFFL) << 24 | (body[s + 1] & 0xFF) << 16
                                        | (body[s + 2] & 0xFF) << 8 | body[s + 3] & 0xFF;
                                break;
                            case 0x52:
                                implClass = text(body, s, subLen);
                                break;
                            case 0x53:
                                if (subLen == 4) {
                                    opsInvoked = u16(body, s, end);
                                    opsPerformed = u16(body, s + 2, end);
                                }
                                break;
                            case 0x54:
                                int uidLen = u16(body, s, s + subLen);
                                if (2 + uidLen + 2 > subLen) {
                                    throw new ProtocolException("role selection sub-item overruns itself");
                                }
                                roles.add(new RoleSelection(text(body, s + 2, uidLen), body[s + 2 + uidLen] != 0,
                                        body[s + 3 + uidLen] != 0));
                                break;
                            case 0x55:
                                implVersion = text(body, s, subLen);
                                break;
                            default:
                                // extended negotiation, user identity...: not used by I4DW, skipped
                        }
                        q = s + subLen;
                    }
                    break;
                default:
                    // unknown items are ignored (PS3.8 9.3.1)
            }
            p = v + itemLen;
        }
        return new AssociatePdu(called, calling, appContext, contexts, maxPdu, implClass, implVersion, opsInvoked,
                opsPerformed, roles);
    }

    private static PresentationContext presentationContext(int itemType, byte[] b, int v, int len)
            throws ProtocolException {
        if (len < 4) {
            throw new ProtocolException("presentation context item of " + len + " bytes");
        }
        int id = b[v] & 0xFF;
        int result = itemType == 0x21 ? b[v + 2] & 0xFF : 0;
        String abstractSyntax = "";
        List<String> ts = new ArrayList<>();
        int q = v + 4;
        int end = v + len;
        while (q < end) {
            int t = u8(b, q, end);
            int l = u16(b, q + 2, end);
            if (q + 4 + l > end) {
                throw new ProtocolException("presentation context sub-item overruns its item");
            }
            if (t == 0x30) {
                abstractSyntax = text(b, q + 4, l);
            } else if (t == 0x40) {
                ts.add(text(b, q + 4, l));
            }
            q += 4 + l;
        }
        if (id < 1 || (id & 1) == 0) {
            throw new ProtocolException("presentation context id " + id + " is not odd");
        }
        return new PresentationContext(id, abstractSyntax, ts, result);
    }

    private static int u8(byte[] b, int at, int end) throws ProtocolException {
        if (at >= end) {
            throw new ProtocolException("item header overruns the PDU at byte " + at);
        }
        return b[at] & 0xFF;
    }

    private static int u16(byte[] b, int at, int end) throws ProtocolException {
        if (at + 2 > end) {
            throw new ProtocolException("item header overruns the PDU at byte " + at);
        }
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }

    /** ASCII text with trailing NULs and spaces removed (UIDs are often NUL-padded). */
    private static String text(byte[] b, int at, int len) {
        int end = at + len;
        while (end > at && (b[end - 1] == 0 || b[end - 1] == ' ')) {
            end--;
        }
        return new String(b, at, end - at, StandardCharsets.US_ASCII);
    }

    /** A broken PDU: the association is aborted with this reason. */
    static final class ProtocolException extends Exception {
        private static final long serialVersionUID = 1L;

        ProtocolException(String message) {
            super(message);
        }
    }
}
