/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.i4dw.api.I4dwConfigurationException;

/**
 * What a {@link DeidentifierProvider} needs: the profile as configuration writes it (for the
 * {@code annex-e} provider: {@code basic} followed by option ids, comma-separated, e.g.
 * {@code basic,retain-dates-full,retain-device}; {@code default} for I4DW's default), the secret
 * key, and an optional file of per-attribute overrides.
 *
 * <p>Immutable. The key is copied in and out and never shown: {@link #toString()} says only
 * whether there is one.
 */
public final class DeidentifierSpec {

    private final String profile;
    private final byte[] key;
    private final Path overridesFile;

    private DeidentifierSpec(String profile, byte[] key, Path overridesFile) {
        this.profile = profile;
        this.key = key;
        this.overridesFile = overridesFile;
    }

    /**
     * A spec.
     *
     * @param profile the profile text, e.g. {@code default} or {@code basic,retain-uids}
     * @param key the secret key, copied; null when there is none (profiles that need one then
     *     refuse to build)
     * @param overridesFile a file of overrides, or null
     * @return the spec
     * @throws I4dwConfigurationException if the profile is blank or the key is empty
     */
    public static DeidentifierSpec of(String profile, byte[] key, Path overridesFile) {
        Objects.requireNonNull(profile, "profile");
        if (profile.isBlank()) {
            throw new I4dwConfigurationException("the de-identification profile is blank");
        }
        if (key != null && key.length == 0) {
            throw new I4dwConfigurationException("the de-identification key is empty (0 bytes)");
        }
        return new DeidentifierSpec(profile.strip(), key == null ? null : key.clone(), overridesFile);
    }

    /**
     * The profile text.
     *
     * @return the profile
     */
    public String profile() {
        return profile;
    }

    /**
     * A copy of the key.
     *
     * @return the key, if any
     */
    public Optional<byte[]> key() {
        return key == null ? Optional.empty() : Optional.of(key.clone());
    }

    /**
     * The overrides file.
     *
     * @return the file, if any
     */
    public Optional<Path> overridesFile() {
        return Optional.ofNullable(overridesFile);
    }

    /** The profile and whether there is a key; never the key. */
    @Override
    public String toString() {
        return "DeidentifierSpec[" + profile + ", key " + (key == null ? "absent" : "present")
                + (overridesFile == null ? "" : ", overrides " + overridesFile) + "]";
    }

    /** Equal profile, key and overrides file. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DeidentifierSpec && profile.equals(((DeidentifierSpec) o).profile)
                && Arrays.equals(key, ((DeidentifierSpec) o).key)
                && Objects.equals(overridesFile, ((DeidentifierSpec) o).overridesFile);
    }

    @Override
    public int hashCode() {
        return profile.hashCode();
    }
}
