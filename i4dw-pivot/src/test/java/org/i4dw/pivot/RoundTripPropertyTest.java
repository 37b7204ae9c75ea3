/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.pivot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.i4dw.api.pivot.PivotDocument;
import org.i4dw.spi.PivotSerializerProvider.PivotStreamWriter;

/**
 * The round-trip law over arbitrary documents: every document written validates against
 * {@code pivot-1.xsd} (checked by the JDK's validator, apart from the reader), and reading it gives
 * back an equal document. Strings cover the whole of Unicode that XML 1.0 carries (supplementary
 * planes, markup characters, tab, line feed, carriage return, leading and trailing spaces, empty),
 * every node type with values as java.time and the JDK print them, and every optional part null,
 * empty or set.
 */
class RoundTripPropertyTest {

    @Provide
    Arbitrary<PivotDocument> documents() {
        return Documents.documents();
    }

    @Provide
    Arbitrary<List<PivotDocument>> batches() {
        return Documents.documents().list().ofMaxSize(6);
    }

    @Property(tries = 400)
    boolean writtenDocumentsValidateAndReadBackEqual(@ForAll("documents") PivotDocument d) throws Exception {
        byte[] xml = Documents.write(d);
        Documents.validate(xml);
        assertEquals(d, Documents.read(xml));
        return true;
    }

    @Property(tries = 100)
    boolean streamsValidateAndReadBackEqual(@ForAll("batches") List<PivotDocument> batch) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PivotStreamWriter w = Documents.PROVIDER.openStream(out)) {
            for (PivotDocument d : batch) {
                w.write(d);
            }
        }
        Documents.validate(out.toByteArray());
        List<PivotDocument> back = new ArrayList<>();
        Documents.PROVIDER.readStream(new ByteArrayInputStream(out.toByteArray()), back::add);
        assertEquals(batch, back);
        return true;
    }
}
