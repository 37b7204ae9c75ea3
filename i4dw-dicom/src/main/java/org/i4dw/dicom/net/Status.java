/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import java.util.Locale;

/**
 * A DIMSE status code (PS3.7 annex C) with its category and its meaning in words, as PS3.7 names
 * them: the general statuses of annex C and the service-specific ones of the Verification, Storage
 * and Query/Retrieve services (PS3.4 annexes A, B and C).
 *
 * @param code the status code, 0000H to FFFFH
 */
public record Status(int code) {

    /** The category of a status (PS3.7 C.1). */
    public enum Category {
        /** The operation completed. */
        SUCCESS,
        /** More responses follow (C-FIND, C-MOVE, C-GET). */
        PENDING,
        /** Completed, with a warning. */
        WARNING,
        /** Ended because a C-CANCEL-RQ was received. */
        CANCEL,
        /** The operation failed. */
        FAILURE
    }

    /** 0000H: success. */
    public static final int SUCCESS = 0x0000;
    /** FF00H: pending, matches are continuing. */
    public static final int PENDING = 0xFF00;
    /** FF01H: pending, one or more optional keys were not supported. */
    public static final int PENDING_WARNING = 0xFF01;
    /** FE00H: cancel. */
    public static final int CANCEL = 0xFE00;

    /**
     * Checks the range.
     *
     * @throws IllegalArgumentException if the code is not 0 to FFFFH
     */
    public Status {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("a DIMSE status is 0000H to FFFFH, got " + code);
        }
    }

    /**
     * The status with this code.
     *
     * @param code 0000H to FFFFH
     * @return the status
     */
    public static Status of(int code) {
        return new Status(code);
    }

    /**
     * The category (PS3.7 C.1): 0000H success; FF00H and FF01H pending; FE00H cancel; 0001H,
     * 0107H, 0116H and Bxxx warning; everything else failure.
     *
     * @return the category
     */
    public Category category() {
        if (code == SUCCESS) {
            return Category.SUCCESS;
        }
        if (code == PENDING || code == PENDING_WARNING) {
            return Category.PENDING;
        }
        if (code == CANCEL) {
            return Category.CANCEL;
        }
        if (code == 0x0001 || code == 0x0107 || code == 0x0116 || (code & 0xF000) == 0xB000) {
            return Category.WARNING;
        }
        return Category.FAILURE;
    }

    /**
     * Whether this is a failure status.
     *
     * @return true for {@link Category#FAILURE}
     */
    public boolean isFailure() {
        return category() == Category.FAILURE;
    }

    /**
     * Whether more responses follow.
     *
     * @return true for {@link Category#PENDING}
     */
    public boolean isPending() {
        return category() == Category.PENDING;
    }

    /**
     * The meaning in words, as PS3.7 annex C and the PS3.4 service annexes name it. Where a code
     * means different things in different services, each meaning is given with its service.
     *
     * @return a short description
     */
    public String meaning() {
        switch (code) {
            case 0x0000: return "success";
            case 0xFF00: return "pending: matches are continuing";
            case 0xFF01: return "pending: matches are continuing, one or more optional keys were not supported";
            case 0xFE00: return "cancel: the operation was terminated by a C-CANCEL request";
            case 0x0001: return "warning: requested optional attributes are not supported";
            case 0x0107: return "warning: attribute list error";
            case 0x0116: return "warning: attribute value out of range";
            case 0x0105: return "no such attribute";
            case 0x0106: return "invalid attribute value";
            case 0x0110: return "processing failure";
            case 0x0111: return "duplicate SOP instance";
            case 0x0112: return "no such SOP instance";
            case 0x0113: return "no such event type";
            case 0x0114: return "no such argument";
            case 0x0115: return "invalid argument value";
            case 0x0117: return "invalid object instance";
            case 0x0118: return "no such SOP class";
            case 0x0119: return "class-instance conflict";
            case 0x0120: return "missing attribute";
            case 0x0121: return "missing attribute value";
            case 0x0122: return "refused: SOP class not supported";
            case 0x0123: return "no such action";
            case 0x0124: return "refused: not authorized";
            case 0x0210: return "duplicate invocation";
            case 0x0211: return "unrecognized operation";
            case 0x0212: return "mistyped argument";
            case 0x0213: return "resource limitation";
            case 0xA700: return "refused: out of resources";
            case 0xA701: return "refused: out of resources, unable to calculate number of matches (C-MOVE, C-GET)";
            case 0xA702: return "refused: out of resources, unable to perform sub-operations (C-MOVE, C-GET)";
            case 0xA801: return "refused: move destination unknown";
            case 0xA900: return "identifier (or data set) does not match SOP class";
            case 0xB000: return "warning: sub-operations complete, one or more failures or warnings (C-MOVE, C-GET);"
                    + " coercion of data elements (C-STORE)";
            case 0xB006: return "warning: elements discarded (C-STORE)";
            case 0xB007: return "warning: data set does not match SOP class (C-STORE)";
            default:
                break;
        }
        switch (code & 0xF000) {
            case 0xA000: return String.format(Locale.ROOT, "refused: out of resources (%04XH)", code);
            case 0xB000: return String.format(Locale.ROOT, "warning (%04XH)", code);
            case 0xC000: return String.format(Locale.ROOT, "failed: unable to process (%04XH)", code);
            default: break;
        }
        return String.format(Locale.ROOT, "%s status %04XH", category().name().toLowerCase(Locale.ROOT), code);
    }

    /** {@code XXXXH (meaning)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%04XH (%s)", code, meaning());
    }
}
