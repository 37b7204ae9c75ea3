/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.terminology;

import java.io.IOException;
import java.util.Objects;
import org.i4dw.api.terminology.DocumentIndexer;
import org.i4dw.api.terminology.Terminology;
import org.i4dw.api.terminology.TerminologyBuilder;
import org.i4dw.api.terminology.TerminologyFormat;
import org.i4dw.api.terminology.TerminologySettings;
import org.i4dw.spi.TerminologyProvider;

/**
 * The {@code dcmehop} terminology: attribute nodes by tag path through sequences ("Attribute Tags",
 * for objects that are not Structured Reports), SR nodes by concept-name path under their
 * document title, node codes as described in {@link org.i4dw.api.terminology}.
 */
public final class DcmehopTerminologyProvider implements TerminologyProvider {

    /** The provider id. */
    public static final String ID = "dcmehop";

    /** The namespace of the {@link TerminologyFormat#XML XML} export. */
    public static final String XML_NAMESPACE = "urn:i4dw:dcmehop:1";

    /**
     * The class-path resource of the XML Schema (W3C XSD 1.0) that describes the
     * {@link TerminologyFormat#XML XML} export, shipped in this jar.
     */
    public static final String XML_SCHEMA_RESOURCE = "/org/i4dw/terminology/dcmehop-1.xsd";

    /**
     * This provider's code memos, one per thread, shared by the builders and indexers it makes: the
     * code items of a header that a builder and an indexer both walk on one thread are decoded once.
     */
    private final ThreadLocal<CodeMemo> memos = CodeMemo.perThread();

    /** For {@link java.util.ServiceLoader}. */
    public DcmehopTerminologyProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String version() {
        Package p = DcmehopTerminologyProvider.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    /** 100: the built-in terminology. */
    @Override
    public int priority() {
        return 100;
    }

    @Override
    public TerminologyBuilder newBuilder(TerminologySettings settings) {
        return new DcmehopBuilder(Objects.requireNonNull(settings, "settings"), memos);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The {@code dcmehop} indexer gives one element per value of every attribute (image
     * objects) or per SR content item with a value, in canonical lexical form; sequences that
     * are containers and bulk values (OB, OW, UN, pixel data...) give none. See the package
     * documentation.
     */
    @Override
    public DocumentIndexer newIndexer(TerminologySettings settings) {
        return new DcmehopIndexer(Objects.requireNonNull(settings, "settings"), memos);
    }

    @Override
    public void write(Terminology terminology, TerminologyFormat format, Appendable out) throws IOException {
        Objects.requireNonNull(terminology, "terminology");
        Objects.requireNonNull(out, "out");
        switch (Objects.requireNonNull(format, "format")) {
            case TREE:
                TreeWriter.write(terminology, out);
                break;
            case JSON:
                JsonWriter.write(terminology, out);
                break;
            case XML:
                XmlWriter.write(terminology, out);
                break;
            default:
                throw new IllegalArgumentException("unknown format " + format);
        }
    }
}
