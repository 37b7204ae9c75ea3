/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.i4dw.api.PacsAddress;
import org.i4dw.dicom.net.DimseClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code i4dw echo AET@HOST:PORT [--aet CALLING] [--count N]}: C-ECHOs on one association, each
 * round-trip time and the median (a DICOM ping).
 */
@Command(name = "echo", mixinStandardHelpOptions = true,
        description = {"Send C-ECHOs to a PACS on one association: each round-trip time and the median.",
            "Exit codes: 0 ok, 2 usage, 3 unreachable, 4 association rejected, 5 timeout, 6 failure status."})
final class EchoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "AET@HOST:PORT", description = "The PACS.")
    private String address;

    @Option(names = "--aet", paramLabel = "CALLING", defaultValue = "I4DW",
            description = "Our (calling) AE title. Default: ${DEFAULT-VALUE}.")
    private String callingAe;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "How many C-ECHOs. Default: 1.")
    private int count;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (count < 1 || count > 100_000) {
            err.println("i4dw echo: --count must be 1 to 100000, got " + count);
            err.flush();
            return NetworkCommands.USAGE;
        }
        try (DimseClient client = DimseClient.builder().pacs(PacsAddress.parse(address)).callingAeTitle(callingAe)
                .maxAssociations(1).build()) {
            List<Duration> times = client.echo(count);
            for (int i = 0; i < times.size(); i++) {
                out.printf(Locale.ROOT, "C-ECHO %d to %s: %.3f ms%n", i + 1, client.pacs(), millis(times.get(i)));
            }
            List<Duration> sorted = new ArrayList<>(times);
            sorted.sort(null);
            int n = sorted.size();
            double median = n % 2 == 1 ? millis(sorted.get(n / 2))
                    : (millis(sorted.get(n / 2 - 1)) + millis(sorted.get(n / 2))) / 2;
            out.printf(Locale.ROOT, "median of %d: %.3f ms%n", n, median);
            out.flush();
            return 0;
        } catch (RuntimeException e) {
            out.flush();
            return NetworkCommands.fail("echo", e, err);
        }
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }
}
