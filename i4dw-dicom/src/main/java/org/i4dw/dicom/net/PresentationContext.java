/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import java.util.List;
import java.util.Objects;

/**
 * A presentation context (PS3.8 9.3.2.2 and 9.3.3.2): an odd id from 1 to 255, an abstract syntax
 * (a SOP class UID), the transfer syntaxes proposed or the one accepted, and the result of the
 * negotiation.
 *
 * @param id the presentation context id (odd, 1 to 255)
 * @param abstractSyntax the SOP class UID
 * @param transferSyntaxes proposed (requests) or accepted (one, in accepted answers)
 * @param result 0 acceptance, 1 user-rejection, 2 no-reason, 3 abstract syntax not supported,
 *     4 transfer syntaxes not supported; 0 in requests
 */
public record PresentationContext(int id, String abstractSyntax, List<String> transferSyntaxes, int result) {

    /** Acceptance. */
    public static final int ACCEPTANCE = 0;
    /** Abstract syntax not supported (provider rejection). */
    public static final int ABSTRACT_SYNTAX_NOT_SUPPORTED = 3;
    /** Transfer syntaxes not supported (provider rejection). */
    public static final int TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

    /** Checks the id and copies the list. */
    public PresentationContext {
        if (id < 1 || id > 255 || (id & 1) == 0) {
            throw new IllegalArgumentException("presentation context id must be odd, 1 to 255, got " + id);
        }
        Objects.requireNonNull(abstractSyntax, "abstractSyntax");
        transferSyntaxes = List.copyOf(transferSyntaxes);
    }

    /** A proposal. */
    public static PresentationContext propose(int id, String abstractSyntax, List<String> transferSyntaxes) {
        return new PresentationContext(id, abstractSyntax, transferSyntaxes, ACCEPTANCE);
    }

    /** True when accepted. */
    public boolean isAccepted() {
        return result == ACCEPTANCE && !transferSyntaxes.isEmpty();
    }

    /** The accepted transfer syntax (the first). */
    public String transferSyntax() {
        return transferSyntaxes.isEmpty() ? "" : transferSyntaxes.get(0);
    }

    /** The result in words (PS3.8 table 9-18). */
    public String resultInWords() {
        switch (result) {
            case 0: return "acceptance";
            case 1: return "user-rejection";
            case 2: return "no-reason (provider rejection)";
            case 3: return "abstract-syntax-not-supported (provider rejection)";
            case 4: return "transfer-syntaxes-not-supported (provider rejection)";
            default: return "result " + result;
        }
    }
}
