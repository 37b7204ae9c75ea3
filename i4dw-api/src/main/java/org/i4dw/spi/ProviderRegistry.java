/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.i4dw.api.I4dwConfigurationException;

/**
 * The providers of one role, found with {@link ServiceLoader} and/or registered by hand. Immutable
 * once built; each bridge owns its registries (no global state).
 *
 * <p>Rules: two providers with the same id are an error naming both classes; asking for a role
 * that has no provider fails with a message naming the artifact to add; a caller can pick a
 * provider by id, or take the one of highest priority.
 *
 * @param <P> the role
 */
public final class ProviderRegistry<P extends Provider> {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final Class<P> role;
    private final String artifact;
    private final Map<String, P> byId;

    private ProviderRegistry(Class<P> role, String artifact, Map<String, P> byId) {
        this.role = role;
        this.artifact = artifact;
        this.byId = byId;
    }

    /**
     * A builder for the providers of {@code role}.
     *
     * @param role the SPI interface
     * @param artifact the artifact that ships the default provider, named in the error when none is found
     * @param <P> the role
     * @return the builder
     */
    public static <P extends Provider> Builder<P> builder(Class<P> role, String artifact) {
        return new Builder<>(role, artifact);
    }

    /**
     * Every provider, highest priority first, then by id.
     *
     * @return an immutable list
     */
    public List<P> all() {
        return byId.values().stream()
                .sorted(Comparator.comparingInt((P p) -> -p.priority()).thenComparing(Provider::id))
                .collect(Collectors.toUnmodifiableList());
    }

    /**
     * The provider with this id.
     *
     * @param id the id
     * @return the provider
     * @throws I4dwConfigurationException if there is none; the message lists the ids there are
     */
    public P get(String id) {
        P p = byId.get(id);
        if (p == null) {
            throw new I4dwConfigurationException("no " + role.getSimpleName() + " with id '" + id + "'; available: "
                    + (byId.isEmpty() ? "none (add " + artifact + " to the class path)" : byId.keySet()));
        }
        return p;
    }

    /**
     * The provider of highest priority.
     *
     * @return the provider
     * @throws I4dwConfigurationException if there is none, naming the artifact to add
     */
    public P best() {
        List<P> all = all();
        if (all.isEmpty()) {
            throw new I4dwConfigurationException("no " + role.getSimpleName() + " found: add " + artifact
                    + " to the class path, or register a provider by hand");
        }
        return all.get(0);
    }

    /**
     * Whether there is no provider at all.
     *
     * @return true if empty
     */
    public boolean isEmpty() {
        return byId.isEmpty();
    }

    @Override
    public String toString() {
        return role.getSimpleName() + " providers " + byId.keySet();
    }

    /**
     * Builds a {@link ProviderRegistry}.
     *
     * @param <P> the role
     */
    public static final class Builder<P extends Provider> {

        private final Class<P> role;
        private final String artifact;
        private boolean discovery = true;
        private ClassLoader classLoader;
        private final List<P> registered = new ArrayList<>();

        private Builder(Class<P> role, String artifact) {
            this.role = Objects.requireNonNull(role, "role");
            this.artifact = Objects.requireNonNull(artifact, "artifact");
        }

        /**
         * Whether to find providers with {@link ServiceLoader} (default true).
         *
         * @param on false to use only the providers registered by hand
         * @return this builder
         */
        public Builder<P> discovery(boolean on) {
            this.discovery = on;
            return this;
        }

        /**
         * The class loader for discovery (default: the thread's context class loader).
         *
         * @param loader the loader
         * @return this builder
         */
        public Builder<P> classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /**
         * Adds a provider by hand.
         *
         * @param provider the provider
         * @return this builder
         */
        public Builder<P> register(P provider) {
            registered.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /**
         * The registry.
         *
         * @return the registry
         * @throws I4dwConfigurationException if two providers share an id, an id is malformed, or
         *     a discovered provider cannot be loaded
         */
        public ProviderRegistry<P> build() {
            List<P> found = new ArrayList<>();
            if (discovery) {
                ClassLoader cl = classLoader != null ? classLoader : Thread.currentThread().getContextClassLoader();
                try {
                    for (P p : ServiceLoader.load(role, cl)) {
                        found.add(p);
                    }
                } catch (ServiceConfigurationError e) {
                    throw new I4dwConfigurationException("a " + role.getSimpleName() + " on the class path cannot be "
                            + "loaded: " + e.getMessage(), e);
                }
            }
            found.addAll(registered);
            Map<String, P> byId = new LinkedHashMap<>();
            for (P p : found) {
                String id = p.id();
                if (id == null || !ID.matcher(id).matches()) {
                    throw new I4dwConfigurationException(role.getSimpleName() + " " + p.getClass().getName()
                            + " has a malformed id '" + id + "' (lower case letters, digits and '-')");
                }
                P other = byId.putIfAbsent(id, p);
                if (other != null) {
                    throw new I4dwConfigurationException("two " + role.getSimpleName() + "s have the id '" + id + "': "
                            + other.getClass().getName() + " and " + p.getClass().getName());
                }
            }
            return new ProviderRegistry<>(role, artifact, Map.copyOf(byId));
        }
    }
}
