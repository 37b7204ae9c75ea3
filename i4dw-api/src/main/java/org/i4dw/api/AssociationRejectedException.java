/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

/**
 * The PACS rejected the association (PS3.8 A-ASSOCIATE-RJ, table 9-21): result, source and reason
 * as numbers and in words.
 */
public class AssociationRejectedException extends DicomNetworkException {

    private static final long serialVersionUID = 1L;

    private final int result;
    private final int source;
    private final int reason;

    /**
     * @param peer the PACS, as {@code AET@host:port}
     * @param result 1 rejected-permanent, 2 rejected-transient
     * @param source 1 service-user, 2 service-provider (ACSE), 3 service-provider (presentation)
     * @param reason the reason code of that source
     */
    public AssociationRejectedException(String peer, int result, int source, int reason) {
        super(peer + " rejected the association: " + describe(result, source, reason));
        this.result = result;
        this.source = source;
        this.reason = reason;
    }

    /** The result, source and reason in words, as PS3.8 table 9-21 names them. */
    public static String describe(int result, int source, int reason) {
        String r = result == 1 ? "rejected-permanent" : result == 2 ? "rejected-transient" : "result " + result;
        String s;
        String why;
        switch (source) {
            case 1:
                s = "service-user";
                switch (reason) {
                    case 1: why = "no reason given"; break;
                    case 2: why = "application context name not supported"; break;
                    case 3: why = "calling AE title not recognized"; break;
                    case 7: why = "called AE title not recognized"; break;
                    default: why = "reason " + reason;
                }
                break;
            case 2:
                s = "service-provider (ACSE)";
                why = reason == 1 ? "no reason given" : reason == 2 ? "protocol version not supported" : "reason " + reason;
                break;
            case 3:
                s = "service-provider (presentation)";
                why = reason == 1 ? "temporary congestion" : reason == 2 ? "local limit exceeded" : "reason " + reason;
                break;
            default:
                s = "source " + source;
                why = "reason " + reason;
        }
        return r + ", " + s + ": " + why;
    }

    /** 1 rejected-permanent, 2 rejected-transient. */
    public int result() {
        return result;
    }

    /** True when the PACS said the rejection is transient (worth retrying later). */
    public boolean isTransient() {
        return result == 2;
    }

    /** 1 service-user, 2 service-provider (ACSE), 3 service-provider (presentation). */
    public int source() {
        return source;
    }

    /** The reason code. */
    public int reason() {
        return reason;
    }
}
