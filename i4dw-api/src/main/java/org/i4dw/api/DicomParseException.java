/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

import java.util.Locale;
import java.util.OptionalInt;

/**
 * Bad input: a DICOM stream that cannot be read. Says where: the source (a file name or a
 * de-identified series label, never patient data), the byte offset, the tag being read if known,
 * and the reason.
 */
public class DicomParseException extends I4dwException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final long offset;
    private final int tag;
    private final boolean hasTag;
    private final String reason;

    /**
     * @param source the file or stream being read (a path or a safe label)
     * @param offset the byte offset where the problem was found, -1 if unknown
     * @param tag the tag being read, or {@code null}
     * @param reason what is wrong, in words
     */
    public DicomParseException(String source, long offset, Integer tag, String reason) {
        this(source, offset, tag, reason, null);
    }

    /** The same, with a cause. */
    public DicomParseException(String source, long offset, Integer tag, String reason, Throwable cause) {
        super(format(source, offset, tag, reason), cause);
        this.source = source;
        this.offset = offset;
        this.tag = tag == null ? 0 : tag;
        this.hasTag = tag != null;
        this.reason = reason;
    }

    private static String format(String source, long offset, Integer tag, String reason) {
        StringBuilder b = new StringBuilder();
        b.append(source == null ? "<stream>" : source);
        if (offset >= 0) {
            b.append(" at byte ").append(offset);
        }
        if (tag != null) {
            b.append(String.format(Locale.ROOT, " in (%04X,%04X)", tag >>> 16, tag & 0xFFFF));
        }
        return b.append(": ").append(reason).toString();
    }

    /** The file or stream that was read. */
    public String source() {
        return source;
    }

    /** The byte offset of the problem, -1 if unknown. */
    public long offset() {
        return offset;
    }

    /** The tag being read, if known. */
    public OptionalInt tag() {
        return hasTag ? OptionalInt.of(tag) : OptionalInt.empty();
    }

    /** What is wrong, without the location. */
    public String reason() {
        return reason;
    }
}
