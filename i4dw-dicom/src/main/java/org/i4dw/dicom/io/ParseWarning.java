/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.io;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * Something the reader accepted although the standard forbids it (a missing meta header, a wrong
 * group length, an odd length, a sequence encoded as UN...), recorded so callers can report it.
 * Says where and what, never a value.
 *
 * @param offset the byte offset in the source where it was found, -1 if unknown
 * @param tag the tag concerned, or -1 if none (a tag is a 32-bit value; -1 is (FFFF,FFFF), never a data element)
 * @param message what was wrong and what the reader did about it
 */
public record ParseWarning(long offset, int tag, String message) {

    /** The tag, if the warning concerns one. */
    public OptionalInt tagValue() {
        return tag == -1 ? OptionalInt.empty() : OptionalInt.of(tag);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (offset >= 0) {
            b.append("at byte ").append(offset).append(' ');
        }
        if (tag != -1) {
            b.append(String.format(Locale.ROOT, "in (%04X,%04X) ", tag >>> 16, tag & 0xFFFF));
        }
        return b.append(message).toString();
    }
}
