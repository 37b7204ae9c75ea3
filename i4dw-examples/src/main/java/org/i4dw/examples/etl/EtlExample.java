/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.examples.etl;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.i4dw.api.AccessionOutcome;
import org.i4dw.api.BatchReport;
import org.i4dw.api.Mode;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.PacsBridge;
import org.i4dw.api.Retrieve;
import org.i4dw.api.terminology.Terminology;
import org.i4dw.spi.DeidentifierSpec;
import org.i4dw.spi.PivotSerializerProvider;
import org.i4dw.spi.ProviderRegistry;

/**
 * What an ETL step does with I4DW: the accession numbers of the day's radiology reports go in;
 * one pivot XML document per series comes out in a folder the warehouse loader watches, and the
 * report says what became of each accession number. The MR field strength plugin of this module
 * runs next to the built-in features.
 */
public final class EtlExample {

    private EtlExample() {
    }

    /**
     * Runs one batch.
     *
     * @param pacs the PACS, e.g. {@code ORTHANC@pacs.example:104}
     * @param key the de-identification key (keep it secret and keep it: the same key gives the
     *     same pseudonyms and UIDs on every run, so the warehouse can link batches)
     * @param accessionNumbers today's accession numbers
     * @param outDir where the pivot documents go
     * @return the batch report
     * @throws IOException if the folder cannot be made
     */
    public static BatchReport run(PacsAddress pacs, byte[] key, List<String> accessionNumbers, Path outDir)
            throws IOException {
        PivotSerializerProvider xml = ProviderRegistry.builder(PivotSerializerProvider.class, "i4dw-pivot").build()
                .get("pivot-xml");
        Files.createDirectories(outDir);
        try (PacsBridge bridge = PacsBridge.builder()
                .pacs(pacs)
                .callingAeTitle("I4DW-ETL")
                .retrieveWith(Retrieve.C_GET)
                .mode(Mode.ROUTINE)
                .deidentification(DeidentifierSpec.of("default", key, null))
                .features("pivot", "terminology", "mr-field-strength")
                .maxAssociations(2)
                .build()) {
            BatchReport report = bridge.extract(accessionNumbers, document -> {
                try (OutputStream out = Files.newOutputStream(outDir.resolve(document.documentId() + ".xml"))) {
                    xml.write(document, out);
                }
            });
            Terminology terminology = bridge.terminology();
            System.out.printf("%d accession numbers, %d OK; the terminology has %d nodes%n",
                    report.accessions().size(), report.accessionCounts().get(AccessionOutcome.Status.OK),
                    terminology.size());
            return report;
        }
    }

    /**
     * {@code EtlExample AET@HOST:PORT KEYFILE OUTDIR ACCESSION...}.
     *
     * @param args the PACS, the key file, the output folder and the accession numbers
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: EtlExample AET@HOST:PORT KEYFILE OUTDIR ACCESSION...");
            System.exit(2);
        }
        BatchReport report = run(PacsAddress.parse(args[0]), Files.readAllBytes(Path.of(args[1])),
                List.of(args).subList(3, args.length), Path.of(args[2]));
        System.exit(report.allSucceeded() ? 0 : 1);
    }
}
