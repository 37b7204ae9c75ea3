/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.pivot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.api.pivot.PivotDocument;
import org.i4dw.spi.PivotSerializerProvider;
import org.xml.sax.SAXException;

/**
 * Pivot XML (provider {@code pivot-xml}): one XML document per series, in namespace
 * {@value #XML_NAMESPACE}, described by the XML Schema {@code pivot-1.xsd} shipped in this jar
 * ({@link #schema()}, resource {@value #XML_SCHEMA_RESOURCE}).
 *
 * <pre>{@code
 * <?xml version="1.0" encoding="UTF-8"?>
 * <pivotDocument xmlns="urn:i4dw:pivot:1" version="1">
 *   <documentId>2.25.1234</documentId>
 *   <type>image-series</type>
 *   <accessionNumber>A2024-0001</accessionNumber>
 *   <patientKey>PK-6F2C</patientKey>
 *   <study>
 *     <studyInstanceUid>2.25.5678</studyInstanceUid>
 *     <studyDate>2024-03-01</studyDate>
 *   </study>
 *   <series>
 *     <seriesInstanceUid>2.25.1234</seriesInstanceUid>
 *     <modality>CT</modality>
 *     <instancesRetrieved>1</instancesRetrieved>
 *   </series>
 *   <title>CT THORAX</title>
 *   <text>THORAX</text>
 *   <elements>
 *     <code node="DCMEHOP:TAG:00080060">CT</code>
 *     <number node="DCMEHOP:TAG:00180050" unit="mm">1.25</number>
 *     <code node="DCMEHOP:TAG:00082218/00080100" scheme="SCT" codeValue="51185008" meaning="Thorax">51185008</code>
 *   </elements>
 * </pivotDocument>
 * }</pre>
 *
 * <p><b>Writing</b> ({@link #write}, {@link #openStream}) is done by hand, straight to UTF-8, a
 * document at a time, and every document written validates against the schema. A document that
 * the schema cannot carry is refused with an {@link IllegalArgumentException} before anything is
 * written: a NUMBER, DATE, TIME or DATETIME value outside its lexical form (see
 * {@link org.i4dw.api.pivot.PivotElement}; the schema's annotations give the exact forms), a unit
 * on anything but a NUMBER, a coded value on anything but a CODE, or a study or series date
 * outside the years 1 to 9999.
 *
 * <p><b>Characters.</b> Every string is carried exactly, white space included, with one
 * exception: the characters XML 1.0 cannot carry (the C0 controls other than tab, line feed and
 * carriage return; U+FFFE; U+FFFF; unpaired surrogates) are written as U+FFFD REPLACEMENT
 * CHARACTER, and so read back as U+FFFD. Reading what was written therefore gives back an equal
 * document whenever its strings have none of those characters.
 *
 * <p><b>Absent and empty.</b> An optional part that is null is left out; an empty string is
 * written as an empty element or attribute and read back as the empty string.
 *
 * <p><b>Reading</b> ({@link #read}) uses JAXB, validates against the schema while reading,
 * refuses a DOCTYPE, and reports every problem as a
 * {@link org.i4dw.api.pivot.PivotFormatException} with the line and column. It needs the JAXB
 * runtime ({@code org.glassfish.jaxb:jaxb-runtime}, a dependency of this artifact); the JAXB
 * context is created on the first read.
 *
 * <p>Thread-safe: one instance serves any number of threads; each stream writer belongs to one.
 */
public final class PivotXmlSerializerProvider implements PivotSerializerProvider {

    /** The provider id. */
    public static final String ID = "pivot-xml";

    /** The namespace of pivot XML, version 1. */
    public static final String XML_NAMESPACE = "urn:i4dw:pivot:1";

    /** The class-path resource of the XML Schema (W3C XSD 1.0) of pivot XML, shipped in this jar. */
    public static final String XML_SCHEMA_RESOURCE = "/org/i4dw/pivot/pivot-1.xsd";

    private final Object lock = new Object();
    private volatile PivotXmlReader reader;
    /**
     * The buffer of {@link #write(PivotDocument, OutputStream)} and its escaped node codes, one per
     * thread, so that writing a document does not allocate {@value PivotXmlWriter#BUFFER_SIZE} bytes
     * each time, nor escape again the node codes of the documents written before. Taken out while
     * in use: a write reentered from the output stream gets a workspace of its own.
     */
    private final ThreadLocal<Workspace> workspaces = new ThreadLocal<>();

    /** What one thread's writes reuse. */
    private static final class Workspace {
        final byte[] buffer = new byte[PivotXmlWriter.BUFFER_SIZE];
        final EncodedCodes codes = new EncodedCodes();
    }

    /** For {@link java.util.ServiceLoader}. */
    public PivotXmlSerializerProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String version() {
        Package p = PivotXmlSerializerProvider.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    /** 100: the built-in format. */
    @Override
    public int priority() {
        return 100;
    }

    /** {@code application/xml}. */
    @Override
    public String mediaType() {
        return "application/xml";
    }

    /** {@code xml}. */
    @Override
    public String fileExtension() {
        return "xml";
    }

    /**
     * Writes one document as a complete XML file (root {@code pivotDocument}), UTF-8.
     *
     * @throws IllegalArgumentException if the schema cannot carry the document (see the class
     *     description); nothing is written then
     */
    @Override
    public void write(PivotDocument document, OutputStream out) throws IOException {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(out, "out");
        Workspace w = workspaces.get();
        if (w == null) {
            w = new Workspace();
        } else {
            workspaces.set(null);
        }
        try {
            PivotXmlWriter.write(document, out, w.buffer, w.codes);
        } finally {
            workspaces.set(w);
        }
    }

    /**
     * Opens a {@code pivotDocuments} envelope and writes its start tag at once. Each document is
     * checked, written and flushed to {@code out} as it is handed over; the writer keeps no
     * document, only a 16 KiB byte buffer. A refused document ({@link IllegalArgumentException})
     * writes nothing and leaves the stream usable.
     */
    @Override
    public PivotStreamWriter openStream(OutputStream out) throws IOException {
        return new PivotXmlWriter.Stream(Objects.requireNonNull(out, "out"));
    }

    /**
     * Reads one document (root {@code pivotDocument}), validating it against the schema.
     *
     * @throws org.i4dw.api.pivot.PivotFormatException if the content is not a valid document,
     *     with its line and column
     */
    @Override
    public PivotDocument read(InputStream in) throws IOException {
        return reader().read(Objects.requireNonNull(in, "in"));
    }

    /** The text of {@code pivot-1.xsd}. */
    @Override
    public String schema() {
        return schemaText();
    }

    /** Reads documents of a stream, for tests in this package. */
    void readStream(InputStream in, java.util.function.Consumer<PivotDocument> each) throws IOException {
        reader().readStream(Objects.requireNonNull(in, "in"), Objects.requireNonNull(each, "each"));
    }

    private PivotXmlReader reader() {
        PivotXmlReader r = reader;
        if (r == null) {
            synchronized (lock) {
                r = reader;
                if (r == null) {
                    r = new PivotXmlReader(compiledSchema());
                    reader = r;
                }
            }
        }
        return r;
    }

    static String schemaText() {
        try (InputStream in = PivotXmlSerializerProvider.class.getResourceAsStream(XML_SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new I4dwConfigurationException(XML_SCHEMA_RESOURCE + " is missing from the class path: the "
                        + "i4dw-pivot jar is incomplete");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + XML_SCHEMA_RESOURCE, e);
        }
    }

    static Schema compiledSchema() {
        URL xsd = PivotXmlSerializerProvider.class.getResource(XML_SCHEMA_RESOURCE);
        if (xsd == null) {
            throw new I4dwConfigurationException(XML_SCHEMA_RESOURCE + " is missing from the class path: the "
                    + "i4dw-pivot jar is incomplete");
        }
        try {
            SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return f.newSchema(xsd);
        } catch (SAXException e) {
            throw new I4dwConfigurationException("the shipped " + XML_SCHEMA_RESOURCE + " does not compile: "
                    + e.getMessage(), e);
        }
    }
}
