/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.pivot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.i4dw.api.pivot.PivotDocument;
import org.i4dw.api.pivot.PivotElement;
import org.i4dw.api.terminology.NodeType;
import org.i4dw.spi.PivotSerializerProvider.PivotStreamWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One stream per batch: documents reach the output as they are written, and the whole stream validates and reads back. */
class StreamWriterTest {

    /** Counts what reaches it and how often it is flushed; remembers whether it was closed. */
    static final class CountingOutputStream extends FilterOutputStream {
        long bytes;
        int flushes;
        boolean closed;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            bytes += len;
        }

        @Override
        public void flush() throws IOException {
            flushes++;
            out.flush();
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }

    @Test
    void tenThousandDocumentsStreamedOneByOneValidateAndReadBack(@TempDir Path dir) throws Exception {
        int count = 10_000;
        Path file = dir.resolve("batch.xml");
        try (OutputStream fileOut = new BufferedOutputStream(Files.newOutputStream(file))) {
            CountingOutputStream sink = new CountingOutputStream(fileOut);
            try (PivotStreamWriter w = Documents.PROVIDER.openStream(sink)) {
                assertTrue(sink.bytes > 0, "the envelope start is written at once");
                assertEquals(1, sink.flushes);
                long before = sink.bytes;
                for (int i = 0; i < count; i++) {
                    // generated on the fly and dropped: the test holds no batch either
                    w.write(Documents.seeded(i, 12));
                    assertEquals(i + 2, sink.flushes, "each document is flushed as it is written");
                    assertTrue(sink.bytes > before, "document " + i + " reached the output when written");
                    before = sink.bytes;
                }
            }
            assertFalse(sink.closed, "closing the stream writer does not close the output");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            Documents.validate(in);
        }
        int[] seen = {0};
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            Documents.PROVIDER.readStream(in, d -> {
                assertEquals(Documents.seeded(seen[0], 12), d, "document " + seen[0]);
                seen[0]++;
            });
        }
        assertEquals(count, seen[0]);
        String tail = tail(file, 40);
        assertTrue(tail.endsWith("  </pivotDocument>\n</pivotDocuments>\n"), tail);
    }

    private static String tail(Path file, int n) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return new String(all, all.length - n, n, StandardCharsets.UTF_8);
    }

    @Test
    void eachDocumentInTheStreamIsTheSameAsWrittenAlone() throws Exception {
        PivotDocument d = Documents.ct();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PivotStreamWriter w = Documents.PROVIDER.openStream(out)) {
            w.write(d);
        }
        String stream = out.toString(StandardCharsets.UTF_8);
        String alone = new String(Documents.write(d), StandardCharsets.UTF_8);
        String body = alone.substring(alone.indexOf("<documentId>"), alone.indexOf("</pivotDocument>"));
        assertTrue(stream.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<pivotDocuments xmlns=\"urn:i4dw:pivot:1\" version=\"1\">\n  <pivotDocument version=\"1\">\n"), stream);
        // the same content, indented one level deeper
        assertEquals(body.replaceAll("\n +", "\n"), stream.substring(stream.indexOf("<documentId>"),
                stream.indexOf("</pivotDocument>")).replaceAll("\n +", "\n"));
        assertTrue(stream.contains("\n    <study>\n      <studyInstanceUid>"), stream);
    }

    @Test
    void anEmptyStreamIsValid() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Documents.PROVIDER.openStream(out).close();
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<pivotDocuments xmlns=\"urn:i4dw:pivot:1\" version=\"1\">\n"
                + "</pivotDocuments>\n", out.toString(StandardCharsets.UTF_8));
        Documents.validate(out.toByteArray());
        List<PivotDocument> back = new ArrayList<>();
        Documents.PROVIDER.readStream(new ByteArrayInputStream(out.toByteArray()), back::add);
        assertEquals(List.of(), back);
    }

    @Test
    void aRefusedDocumentLeavesTheStreamValidAndUsable() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PivotDocument bad = Documents.ct().toBuilder()
                .addElement(PivotElement.of("DCMEHOP:TAG:00180050", NodeType.NUMBER, "not a number")).build();
        try (PivotStreamWriter w = Documents.PROVIDER.openStream(out)) {
            w.write(Documents.seeded(1, 5));
            int size = out.size();
            assertThrows(IllegalArgumentException.class, () -> w.write(bad));
            assertEquals(size, out.size());
            w.write(Documents.seeded(2, 5));
        }
        Documents.validate(out.toByteArray());
        List<PivotDocument> back = new ArrayList<>();
        Documents.PROVIDER.readStream(new ByteArrayInputStream(out.toByteArray()), back::add);
        assertEquals(List.of(Documents.seeded(1, 5), Documents.seeded(2, 5)), back);
    }

    @Test
    void closeIsIdempotentAndWritingAfterItFails() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PivotStreamWriter w = Documents.PROVIDER.openStream(out);
        w.close();
        int size = out.size();
        w.close();
        assertEquals(size, out.size());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.write(Documents.ct()));
        assertEquals("this pivot stream is closed", e.getMessage());
    }
}
