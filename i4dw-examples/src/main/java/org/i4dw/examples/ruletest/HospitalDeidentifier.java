/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.examples.ruletest;

import java.nio.file.Path;
import org.i4dw.deid.DeidProfile;
import org.i4dw.deid.Deidentifier;

/**
 * A hospital's de-identifier: I4DW's default profile plus the hospital's own overrides, read from
 * a rule file ({@code rules/hospital-overrides.txt} in this module: descriptions kept but
 * cleaned, station name and requesting physician removed). Private attributes are removed, as the
 * profile has no Retain Safe Private option. {@code HospitalDeidentifierTest} shows how to test
 * such a rule set with the testkit's assertions and leak scanner.
 */
public final class HospitalDeidentifier {

    private HospitalDeidentifier() {
    }

    /**
     * Builds the de-identifier.
     *
     * @param rules the rule file
     * @param key the secret key, at least {@value Deidentifier#MIN_KEY_BYTES} bytes (in production, from
     *     {@link Deidentifier.Builder#keyFile(Path)})
     * @return the de-identifier, thread-safe
     * @throws org.i4dw.api.I4dwConfigurationException naming the file and line of a bad rule
     */
    public static Deidentifier build(Path rules, byte[] key) {
        return Deidentifier.builder(DeidProfile.i4dwDefault()).overrides(rules).key(key).build();
    }
}
