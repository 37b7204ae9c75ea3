/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.i4dw.data.TransferSyntax;

/**
 * What an association is negotiated for: the presentation contexts proposed and the role
 * selections. The pool keeps associations per profile; two profiles are the same when their
 * contexts and roles are equal. Built with {@link #builder(String)}, which numbers the contexts.
 *
 * <p>{@link #QUERY} serves C-ECHO and C-FIND in both models. A C-GET profile adds the storage SOP
 * classes it will receive and an SCP role selection for each.
 *
 * @param name a short name for logs
 * @param contexts the proposed contexts (odd ids, unique)
 * @param roles the proposed role selections
 */
record AssociationProfile(String name, List<PresentationContext> contexts, List<RoleSelection> roles) {

    /** Verification SOP class. */
    static final String VERIFICATION = "1.2.840.10008.1.1";

    /** Transfer syntaxes proposed for commands-and-keys services: explicit, then implicit VR little endian. */
    static final List<String> UNCOMPRESSED_LE = List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(),
            TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());

    /** C-ECHO and C-FIND, Patient Root and Study Root. */
    static final AssociationProfile QUERY = builder("query")
            .propose(VERIFICATION, UNCOMPRESSED_LE)
            .propose(QueryModel.STUDY_ROOT.findSopClass(), UNCOMPRESSED_LE)
            .propose(QueryModel.PATIENT_ROOT.findSopClass(), UNCOMPRESSED_LE)
            .build();

    /** Checks ids and copies the lists. */
    AssociationProfile {
        Objects.requireNonNull(name, "name");
        contexts = List.copyOf(contexts);
        roles = List.copyOf(roles);
        if (contexts.isEmpty()) {
            throw new IllegalArgumentException("profile " + name + " proposes no presentation context");
        }
        Set<Integer> ids = new HashSet<>();
        for (PresentationContext pc : contexts) {
            if (!ids.add(pc.id())) {
                throw new IllegalArgumentException("profile " + name + " uses presentation context id " + pc.id()
                        + " twice");
            }
        }
    }

    /** Whether a profile proposes {@code abstractSyntax}. */
    boolean proposes(String abstractSyntax) {
        return contexts.stream().anyMatch(pc -> pc.abstractSyntax().equals(abstractSyntax));
    }

    @Override
    public String toString() {
        return name + "[" + contexts.size() + " contexts, " + roles.size() + " roles]";
    }

    static Builder builder(String name) {
        return new Builder(name);
    }

    /** Numbers proposed contexts 1, 3, 5... in the order given (at most 128). */
    static final class Builder {
        private final String name;
        private final List<PresentationContext> contexts = new ArrayList<>();
        private final List<RoleSelection> roles = new ArrayList<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Proposes one context for the SOP class with these transfer syntaxes. */
        Builder propose(String abstractSyntax, List<String> transferSyntaxes) {
            if (contexts.size() == 128) {
                throw new IllegalArgumentException("profile " + name + ": at most 128 presentation contexts");
            }
            if (transferSyntaxes.isEmpty()) {
                throw new IllegalArgumentException("profile " + name + ": no transfer syntax for " + abstractSyntax);
            }
            contexts.add(PresentationContext.propose(2 * contexts.size() + 1, abstractSyntax, transferSyntaxes));
            return this;
        }

        /** Proposes a role selection. */
        Builder role(RoleSelection role) {
            roles.add(Objects.requireNonNull(role, "role"));
            return this;
        }

        AssociationProfile build() {
            return new AssociationProfile(name, contexts, roles);
        }
    }
}
