/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.i4dw.api.pivot.PivotDocument;

/**
 * A format for pivot documents: pivot XML (provider {@code pivot-xml}, in i4dw-pivot), later
 * others. Implementations are thread-safe.
 */
public interface PivotSerializerProvider extends Provider {

    /**
     * The media type of what {@link #write} produces, e.g. {@code application/xml}.
     *
     * @return the media type
     */
    String mediaType();

    /**
     * The file name extension for one document, without the dot, e.g. {@code xml}.
     *
     * @return the extension
     */
    String fileExtension();

    /**
     * Writes one document as a complete file content.
     *
     * @param document the document
     * @param out where to write (not closed)
     * @throws IOException if {@code out} fails
     */
    void write(PivotDocument document, OutputStream out) throws IOException;

    /**
     * Opens a stream of documents (one batch in one stream), written one by one as they are
     * handed over, never held. The writer closes the stream's envelope, not {@code out}.
     *
     * @param out where to write
     * @return the writer
     * @throws IOException if {@code out} fails
     */
    PivotStreamWriter openStream(OutputStream out) throws IOException;

    /**
     * Reads one document written by {@link #write}, validating it against the schema.
     *
     * @param in the content
     * @return the document
     * @throws IOException if {@code in} fails
     * @throws org.i4dw.api.pivot.PivotFormatException (an {@link org.i4dw.api.I4dwException}) if the
     *     content is not a valid document, with the line and column
     */
    PivotDocument read(InputStream in) throws IOException;

    /**
     * The published schema of the format (an XSD for pivot XML), as text.
     *
     * @return the schema
     */
    String schema();

    /** Writes documents into one stream as they come. Not thread-safe. */
    interface PivotStreamWriter extends AutoCloseable {

        /**
         * Writes one document and flushes it.
         *
         * @param document the document
         * @throws IOException if the stream fails
         */
        void write(PivotDocument document) throws IOException;

        /**
         * Ends the stream (closes its envelope); does not close the underlying output.
         *
         * @throws IOException if the stream fails
         */
        @Override
        void close() throws IOException;
    }
}
