/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.api.Mode;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.PacsBridge;
import org.i4dw.api.Retrieve;
import org.i4dw.spi.DeidentifierSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options of {@code extract} and {@code serve} that configure a {@link PacsBridge}. */
final class BridgeOptions {

    @Parameters(arity = "1..*", paramLabel = "AET@HOST:PORT", description = "The PACS, queried in this order.")
    List<String> pacs;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "routine",
            description = "routine (one header per series, pixels never read), light (C-FIND only) or caching "
                    + "(whole series kept de-identified in --cache DIR). Default: ${DEFAULT-VALUE}.")
    String mode;

    @Option(names = "--retrieve", paramLabel = "HOW", defaultValue = "get",
            description = "get (C-GET) or move (C-MOVE to our Storage SCP on --port). Default: ${DEFAULT-VALUE}.")
    String retrieve;

    @Option(names = "--port", paramLabel = "N", description = "Our Storage SCP's port for --retrieve move.")
    Integer port;

    @Option(names = "--aet", paramLabel = "AET", defaultValue = "I4DW", description = "Our AE title (default: ${DEFAULT-VALUE}).")
    String aet;

    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = "default",
            description = "De-identification profile, as for 'i4dw deid'. Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "The secret key (at least 16 bytes) for UIDs, pseudonyms and date shifts.")
    Path secretFile;

    @Option(names = "--overrides", paramLabel = "FILE", description = "Per-attribute de-identification overrides.")
    Path overrides;

    @Option(names = "--features", paramLabel = "ID", split = ",", defaultValue = "pivot,terminology",
            description = "Extraction features by plugin id, comma-separated. Default: ${DEFAULT-VALUE}.")
    List<String> features;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "The series store of caching mode (whole de-identified series; a later run takes them "
                    + "from here without asking the PACS).")
    Path cache;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4",
            description = "Accession numbers in flight, and associations per PACS. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--keep-associations-after-cancel",
            description = "Keep a DIMSE association after a routine C-GET that was cancelled after its first instance, "
                    + "instead of opening a new one per series. Only for a PACS known to recover from C-CANCEL "
                    + "(Orthanc; dcmtk's dcmqrscp does not). Experimental: see docs/OPERATIONS.md.")
    boolean keepAssociationsAfterCancel;

    /**
     * The bridge these options describe.
     *
     * @return the bridge
     * @throws I4dwConfigurationException if an option is wrong
     */
    PacsBridge build() {
        PacsBridge.Builder b = PacsBridge.builder().callingAeTitle(aet).mode(parseMode(mode))
                .features(features.toArray(String[]::new)).maxAssociations(concurrency).concurrency(concurrency)
                .deidentification(DeidentifierSpec.of(profile, secretFile == null ? null : readKey(secretFile),
                        overrides));
        if (cache != null) {
            b.seriesStore(cache);
        }
        for (String p : pacs) {
            PacsAddress address;
            try {
                address = PacsAddress.parse(p);
            } catch (IllegalArgumentException e) {
                throw new I4dwConfigurationException(e.getMessage(), e);
            }
            b.pacs(address);
            if (keepAssociationsAfterCancel && address.hasDimse()) {
                b.keepAssociationsAfterCancel(address);
            }
        }
        switch (retrieve.toLowerCase(Locale.ROOT)) {
            case "get":
                b.retrieveWith(Retrieve.C_GET);
                break;
            case "move":
                b.retrieveWith(Retrieve.C_MOVE);
                if (port != null) {
                    b.storageScpPort(port);
                }
                break;
            default:
                throw new I4dwConfigurationException("--retrieve must be get or move, got '" + retrieve + "'");
        }
        return b.build();
    }

    static Mode parseMode(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "routine":
                return Mode.ROUTINE;
            case "light":
                return Mode.LIGHT;
            case "caching":
                return Mode.CACHING;
            default:
                throw new I4dwConfigurationException("--mode must be routine, light or caching, got '" + text + "'");
        }
    }

    static byte[] readKey(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new I4dwConfigurationException("the secret file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new I4dwConfigurationException("cannot read the secret file " + file + ": " + e.getMessage(), e);
        }
    }
}
