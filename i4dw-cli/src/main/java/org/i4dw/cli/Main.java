/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code i4dw} command. Each feature is a subcommand; {@code ./i4dw --help} lists them.
 */
@Command(name = "i4dw", mixinStandardHelpOptions = true, version = "I4DW 0.1.0-SNAPSHOT",
        description = "Images for Data Warehouse: PACS to clinical data warehouse.",
        subcommands = {DumpCommand.class, DeidCommand.class, DemoCommand.class, EchoCommand.class, FindCommand.class, GetCommand.class,
            ExtractCommand.class, MoveCommand.class, SchemaCommand.class, ServeCommand.class,
            TerminologyCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line and returns its exit status (for tests and embedding).
     *
     * @param args the arguments
     * @return 0 on success, 1 when some input failed, 2 on a usage error
     */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    /**
     * Runs the command line with the given output and error streams (for tests and embedding).
     *
     * @param out where results go
     * @param err where errors and warnings go
     * @param args the arguments
     * @return 0 on success, 1 when some input failed, 2 on a usage error
     */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /** Without a subcommand: usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
