/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api.terminology;

/** The export formats of a terminology. */
public enum TerminologyFormat {
    /**
     * An indented text tree, one node per line:
     * {@code DLP [mGy.cm] (20 patients, 23 docs)}, value sets after {@code  values: }.
     */
    TREE,
    /** JSON, every node with its code, type, counts, units, range, values and external code. */
    JSON,
    /**
     * XML in the namespace {@code urn:i4dw:dcmehop:1}, the same information as {@link #JSON}; the
     * implementation ships the XML Schema that describes it.
     */
    XML
}
