/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api.pivot;

import org.i4dw.api.I4dwException;

/**
 * Bad input: serialized pivot content that is not a valid document (not well-formed, not valid
 * against the format's schema, or not a document the model can hold). Says where, by line and
 * column, and what is wrong, without quoting the content (which may be patient data).
 */
public class PivotFormatException extends I4dwException {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String reason;

    /**
     * @param line the line of the problem, from 1; -1 if unknown
     * @param column the column of the problem, from 1; -1 if unknown
     * @param reason what is wrong, in words, without quoting content
     */
    public PivotFormatException(int line, int column, String reason) {
        this(line, column, reason, null);
    }

    /**
     * The same, with a cause.
     *
     * @param line the line of the problem, from 1; -1 if unknown
     * @param column the column of the problem, from 1; -1 if unknown
     * @param reason what is wrong, in words, without quoting content
     * @param cause the cause, or null
     */
    public PivotFormatException(int line, int column, String reason, Throwable cause) {
        super(format(line, column, reason), cause);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    private static String format(int line, int column, String reason) {
        StringBuilder b = new StringBuilder("not a valid pivot document");
        if (line > 0) {
            b.append(": line ").append(line);
            if (column > 0) {
                b.append(", column ").append(column);
            }
        }
        return b.append(": ").append(reason).toString();
    }

    /**
     * The line of the problem.
     *
     * @return the line, from 1; -1 if unknown
     */
    public int line() {
        return line;
    }

    /**
     * The column of the problem.
     *
     * @return the column, from 1; -1 if unknown
     */
    public int column() {
        return column;
    }

    /**
     * What is wrong, without the location.
     *
     * @return the reason
     */
    public String reason() {
        return reason;
    }
}
