/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.i4dw.api.I4dwConfigurationException;

/**
 * Socket and protocol settings of DICOM associations: timeouts, the largest PDU we accept, quick
 * ACKs, TLS. Immutable; built with {@link #builder()}, each setting checked when it is set.
 */
public final class NetworkOptions {

    private static final NetworkOptions DEFAULTS = builder().build();

    private final Duration connectTimeout;
    private final Duration artimTimeout;
    private final Duration dimseTimeout;
    private final Duration idleTimeout;
    private final int maxPduLength;
    private final boolean quickAck;
    private final Tls tls;

    private NetworkOptions(Builder b) {
        this.connectTimeout = b.connectTimeout;
        this.artimTimeout = b.artimTimeout;
        this.dimseTimeout = b.dimseTimeout;
        this.idleTimeout = b.idleTimeout;
        this.maxPduLength = b.maxPduLength;
        this.quickAck = b.quickAck;
        this.tls = b.tls;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: connect 5 s, ARTIM 10 s, DIMSE 60 s, idle 60 s, PDUs up to 256 KiB, quick ACK on, no TLS. */
    public static NetworkOptions defaults() {
        return DEFAULTS;
    }

    /** How long to wait for the TCP connection. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** PS3.8 ARTIM: how long to wait for the peer during association establishment and release. */
    public Duration artimTimeout() {
        return artimTimeout;
    }

    /** How long to wait for each DIMSE response (or the next C-FIND result, C-MOVE/C-GET progress...). */
    public Duration dimseTimeout() {
        return dimseTimeout;
    }

    /** How long a pooled association may stay unused before it is released. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** The largest P-DATA-TF PDU we accept, in bytes (announced to the peer). */
    public int maxPduLength() {
        return maxPduLength;
    }

    /**
     * Whether quick ACKs are re-armed before each blocking read (Linux TCP_QUICKACK), so that a peer
     * that waits for our ACK before sending (Nagle) is not stalled by our delayed ACK.
     */
    public boolean quickAck() {
        return quickAck;
    }

    /** The TLS context, when associations run over TLS (PS3.15 B.1). */
    public Optional<SSLContext> tls() {
        return tlsSettings().map(Tls::sslContext);
    }

    /**
     * The TLS settings (context, protocol versions, host name check, client certificates), when
     * associations run over TLS.
     *
     * @return the settings, or empty for plain TCP
     */
    public Optional<Tls> tlsSettings() {
        return Optional.ofNullable(tls);
    }

    /** A builder with these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.connectTimeout = connectTimeout;
        b.artimTimeout = artimTimeout;
        b.dimseTimeout = dimseTimeout;
        b.idleTimeout = idleTimeout;
        b.maxPduLength = maxPduLength;
        b.quickAck = quickAck;
        b.tls = tls;
        return b;
    }

    @Override
    public String toString() {
        return "NetworkOptions[connect=" + connectTimeout + ", artim=" + artimTimeout + ", dimse=" + dimseTimeout
                + ", idle=" + idleTimeout + ", maxPdu=" + maxPduLength + ", quickAck=" + quickAck
                + ", tls=" + (tls == null ? "off" : tls) + "]";
    }

    /** Builds {@link NetworkOptions}. */
    public static final class Builder {

        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration artimTimeout = Duration.ofSeconds(10);
        private Duration dimseTimeout = Duration.ofSeconds(60);
        private Duration idleTimeout = Duration.ofSeconds(60);
        private int maxPduLength = 256 * 1024;
        private boolean quickAck = true;
        private Tls tls;

        private Builder() {
        }

        /** @throws I4dwConfigurationException if not positive */
        public Builder connectTimeout(Duration d) {
            connectTimeout = positive("connectTimeout", d);
            return this;
        }

        /** @throws I4dwConfigurationException if not positive */
        public Builder artimTimeout(Duration d) {
            artimTimeout = positive("artimTimeout", d);
            return this;
        }

        /** @throws I4dwConfigurationException if not positive */
        public Builder dimseTimeout(Duration d) {
            dimseTimeout = positive("dimseTimeout", d);
            return this;
        }

        /** @throws I4dwConfigurationException if not positive */
        public Builder idleTimeout(Duration d) {
            idleTimeout = positive("idleTimeout", d);
            return this;
        }

        /**
         * The largest PDU we accept: 4 KiB to 16 MiB.
         *
         * @throws I4dwConfigurationException if out of range
         */
        public Builder maxPduLength(int bytes) {
            if (bytes < 4096 || bytes > 16 * 1024 * 1024) {
                throw new I4dwConfigurationException("maxPduLength must be 4096 to 16777216 bytes, got " + bytes);
            }
            maxPduLength = bytes;
            return this;
        }

        /** Quick ACKs on (default) or off (for measurements). */
        public Builder quickAck(boolean on) {
            quickAck = on;
            return this;
        }

        /**
         * Runs associations over TLS with this context (its key and trust managers) and the
         * defaults of {@link Tls#builder()}: TLS 1.2 and 1.3, host name verification, client
         * certificates required by a server.
         */
        public Builder tls(SSLContext context) {
            tls = Tls.of(Objects.requireNonNull(context, "context"));
            return this;
        }

        /**
         * Runs associations over TLS with these settings.
         *
         * @param settings built with {@link Tls#builder()}
         * @return this builder
         */
        public Builder tls(Tls settings) {
            tls = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The options. */
        public NetworkOptions build() {
            return new NetworkOptions(this);
        }

        private static Duration positive(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new I4dwConfigurationException(name + " must be positive, got " + d);
            }
            if (d.toMillis() > Integer.MAX_VALUE) {
                throw new I4dwConfigurationException(name + " is too long: " + d);
            }
            return d;
        }
    }
}
