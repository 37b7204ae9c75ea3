/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cli;

import java.io.PrintWriter;
import org.i4dw.api.AssociationRejectedException;
import org.i4dw.api.DicomNetworkException;
import org.i4dw.api.DicomStatusException;
import org.i4dw.api.DicomTimeoutException;
import org.i4dw.api.I4dwConfigurationException;

/**
 * Exit codes and one-line errors shared by the network commands: 2 usage, 3 PACS unreachable or
 * connection broken, 4 association rejected, 5 timeout, 6 failure status, 1 anything else.
 */
final class NetworkCommands {

    static final int USAGE = 2;
    static final int UNREACHABLE = 3;
    static final int REJECTED = 4;
    static final int TIMEOUT = 5;
    static final int FAILURE_STATUS = 6;
    static final int OTHER = 1;

    private NetworkCommands() {
    }

    /** Prints {@code i4dw COMMAND: MESSAGE} on one line and returns the exit code for {@code e}. */
    static int fail(String command, RuntimeException e, PrintWriter err) {
        int code;
        if (e instanceof I4dwConfigurationException || e instanceof IllegalArgumentException) {
            code = USAGE;
        } else if (e instanceof AssociationRejectedException) {
            code = REJECTED;
        } else if (e instanceof DicomTimeoutException) {
            code = TIMEOUT;
        } else if (e instanceof DicomStatusException) {
            code = FAILURE_STATUS;
        } else if (e instanceof DicomNetworkException) {
            code = UNREACHABLE;
        } else {
            code = OTHER;
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        err.println("i4dw " + command + ": " + message.replaceAll("\\R", " "));
        err.flush();
        return code;
    }
}
