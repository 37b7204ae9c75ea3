/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.i4dw.pivot.PivotXmlSerializerProvider;
import org.i4dw.spi.PivotSerializerProvider;
import org.i4dw.spi.ProviderRegistry;
import org.i4dw.terminology.DcmehopTerminologyProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code i4dw schema pivot|terminology}: prints a published XML Schema (W3C XSD 1.0) as shipped in
 * its jar, for CDW teams who validate or bind what I4DW writes.
 */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Print a published XML Schema (XSD) on standard output.",
            "pivot: pivot XML documents (namespace " + PivotXmlSerializerProvider.XML_NAMESPACE + ", pivot-1.xsd);",
            "terminology: the DCMEHOP XML export (namespace " + DcmehopTerminologyProvider.XML_NAMESPACE
                    + ", dcmehop-1.xsd)."})
final class SchemaCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FORMAT", description = "pivot or terminology.")
    private String format;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String xsd;
        switch (format.toLowerCase(Locale.ROOT)) {
            case "pivot":
                xsd = ProviderRegistry.builder(PivotSerializerProvider.class, "org.i4dw:i4dw-pivot").build()
                        .get(PivotXmlSerializerProvider.ID).schema();
                break;
            case "terminology":
                try (InputStream in = DcmehopTerminologyProvider.class
                        .getResourceAsStream(DcmehopTerminologyProvider.XML_SCHEMA_RESOURCE)) {
                    if (in == null) {
                        err.println("i4dw schema: " + DcmehopTerminologyProvider.XML_SCHEMA_RESOURCE
                                + " is missing from the class path (an incomplete i4dw-terminology jar)");
                        err.flush();
                        return 1;
                    }
                    xsd = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                break;
            default:
                err.println("i4dw schema: FORMAT must be pivot or terminology, not '" + format + "'");
                err.flush();
                return 2;
        }
        out.print(xsd);
        out.flush();
        return 0;
    }
}
