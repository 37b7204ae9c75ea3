/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.i4dw.api.I4dwConfigurationException;

/**
 * How a {@link SeriesStore} is opened: where, how large it may grow, how old its series may get.
 * Immutable; made by {@link #builder(Path)}, which checks each setting as it is set.
 *
 * <pre>{@code
 * SeriesStoreSettings settings = SeriesStoreSettings.builder(Path.of("/var/cache/i4dw"))
 *         .maxBytes(500L << 30)             // 500 GiB
 *         .maxAge(Duration.ofDays(90))
 *         .build();
 * }</pre>
 */
public final class SeriesStoreSettings {

    /** Default number of manifests kept in memory. */
    public static final int DEFAULT_HOT_MANIFESTS = 10_000;
    /** Default time a writer waits for the lock of a series another writer holds. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMinutes(10);

    private final Path location;
    private final long maxBytes;
    private final Duration maxAge;
    private final int hotManifests;
    private final Duration lockTimeout;
    private final Clock clock;

    private SeriesStoreSettings(Builder b) {
        this.location = b.location;
        this.maxBytes = b.maxBytes;
        this.maxAge = b.maxAge;
        this.hotManifests = b.hotManifests;
        this.lockTimeout = b.lockTimeout;
        this.clock = b.clock;
    }

    /**
     * A builder for a store at {@code location} (created when the store is opened if missing).
     *
     * @param location the store's folder; made absolute
     * @return the builder
     * @throws I4dwConfigurationException if {@code location} exists and is not a directory
     */
    public static Builder builder(Path location) {
        return new Builder(location);
    }

    /**
     * The store's folder, absolute and normalized.
     *
     * @return the location
     */
    public Path location() {
        return location;
    }

    /**
     * The most bytes of series the store keeps before it evicts the least recently used unpinned
     * ones (down to 90 % of this); empty means no limit. Pinned series count and may hold the store
     * over the limit.
     *
     * @return the limit
     */
    public OptionalLong maxBytes() {
        return maxBytes == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(maxBytes);
    }

    /**
     * The age (since its commit) past which an unpinned series is evicted and no longer found;
     * empty means no limit.
     *
     * @return the limit
     */
    public Optional<Duration> maxAge() {
        return Optional.ofNullable(maxAge);
    }

    /**
     * How many series manifests are kept in memory (0: none).
     *
     * @return the bound
     */
    public int hotManifests() {
        return hotManifests;
    }

    /**
     * How long {@link SeriesStore#begin} and cohort changes wait for a lock held by another writer.
     *
     * @return the timeout
     */
    public Duration lockTimeout() {
        return lockTimeout;
    }

    /**
     * The clock that dates commits and measures ages.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "SeriesStoreSettings[location=" + location + ", maxBytes="
                + (maxBytes == Long.MAX_VALUE ? "unlimited" : String.valueOf(maxBytes)) + ", maxAge="
                + (maxAge == null ? "unlimited" : maxAge.toString()) + ", hotManifests=" + hotManifests
                + ", lockTimeout=" + lockTimeout + "]";
    }

    /** Builds {@link SeriesStoreSettings}; each setting is checked as it is set. Not thread-safe. */
    public static final class Builder {

        private final Path location;
        private long maxBytes = Long.MAX_VALUE;
        private Duration maxAge;
        private int hotManifests = DEFAULT_HOT_MANIFESTS;
        private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
        private Clock clock = Clock.systemUTC();

        private Builder(Path location) {
            Objects.requireNonNull(location, "location");
            Path abs = location.toAbsolutePath().normalize();
            if (Files.exists(abs) && !Files.isDirectory(abs)) {
                throw new I4dwConfigurationException("series store location " + abs
                        + " exists and is not a directory");
            }
            this.location = abs;
        }

        /**
         * The most bytes of series to keep (default: no limit).
         *
         * @param maxBytes a positive number of bytes
         * @return this builder
         * @throws I4dwConfigurationException if {@code maxBytes} is not positive
         */
        public Builder maxBytes(long maxBytes) {
            if (maxBytes <= 0) {
                throw new I4dwConfigurationException("series store maxBytes must be > 0, got " + maxBytes);
            }
            this.maxBytes = maxBytes;
            return this;
        }

        /**
         * The age past which an unpinned series is evicted (default: no limit).
         *
         * @param maxAge a positive duration
         * @return this builder
         * @throws I4dwConfigurationException if {@code maxAge} is zero or negative
         */
        public Builder maxAge(Duration maxAge) {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxAge.isNegative() || maxAge.isZero()) {
                throw new I4dwConfigurationException("series store maxAge must be positive, got " + maxAge);
            }
            this.maxAge = maxAge;
            return this;
        }

        /**
         * How many manifests to keep in memory (default {@value #DEFAULT_HOT_MANIFESTS}).
         *
         * @param hotManifests 0 or more
         * @return this builder
         * @throws I4dwConfigurationException if negative
         */
        public Builder hotManifests(int hotManifests) {
            if (hotManifests < 0) {
                throw new I4dwConfigurationException("series store hotManifests must be >= 0, got " + hotManifests);
            }
            this.hotManifests = hotManifests;
            return this;
        }

        /**
         * How long to wait for a lock another writer holds (default 10 minutes).
         *
         * @param lockTimeout a positive duration
         * @return this builder
         * @throws I4dwConfigurationException if zero or negative
         */
        public Builder lockTimeout(Duration lockTimeout) {
            Objects.requireNonNull(lockTimeout, "lockTimeout");
            if (lockTimeout.isNegative() || lockTimeout.isZero()) {
                throw new I4dwConfigurationException("series store lockTimeout must be positive, got "
                        + lockTimeout);
            }
            this.lockTimeout = lockTimeout;
            return this;
        }

        /**
         * The clock that dates commits and measures ages (default: the system clock in UTC).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The settings.
         *
         * @return immutable settings
         */
        public SeriesStoreSettings build() {
            return new SeriesStoreSettings(this);
        }
    }
}
