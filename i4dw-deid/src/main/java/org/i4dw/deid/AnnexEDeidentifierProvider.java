/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.deid;

import org.i4dw.spi.DeidentifierProvider;
import org.i4dw.spi.DeidentifierSpec;
import org.i4dw.spi.ObjectDeidentifier;

/**
 * The {@code annex-e} de-identifier: the PS3.15 Annex E profile engine of i4dw-deid. The spec's
 * profile is read by {@link DeidProfile#parse(String)}, its overrides file by
 * {@link Deidentifier.Builder#overrides(java.nio.file.Path)}.
 */
public final class AnnexEDeidentifierProvider implements DeidentifierProvider {

    /** The provider id. */
    public static final String ID = "annex-e";

    /** For {@link java.util.ServiceLoader}. */
    public AnnexEDeidentifierProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String version() {
        Package p = AnnexEDeidentifierProvider.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    /** 100: the built-in de-identifier. */
    @Override
    public int priority() {
        return 100;
    }

    @Override
    public ObjectDeidentifier create(DeidentifierSpec spec) {
        Deidentifier.Builder b = Deidentifier.builder(DeidProfile.parse(spec.profile()));
        spec.key().ifPresent(b::key);
        spec.overridesFile().ifPresent(b::overrides);
        return b.build();
    }
}
