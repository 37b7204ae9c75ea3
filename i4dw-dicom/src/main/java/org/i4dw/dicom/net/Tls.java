/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.i4dw.api.I4dwConfigurationException;

/**
 * DICOM over TLS (PS3.15 annex B.1, the BCP 195 profiles): the {@link SSLContext} with our key
 * and certificate and the certificates we trust, the protocol versions allowed, whether the
 * server's host name is checked (client side) and whether a client certificate is required
 * (server side, mutual TLS). Immutable; built with {@link #builder()} and given to
 * {@link NetworkOptions.Builder#tls(Tls)}.
 *
 * <p>Key and trust stores are PKCS12 or JKS files (the type is detected from the content); a
 * failure to read one is an {@link I4dwConfigurationException} that names the file, never the
 * password.
 */
public final class Tls {

    /** A TLS protocol version allowed by BCP 195 (TLS 1.0 and 1.1 are not). */
    public enum Protocol {
        /** TLS 1.2 (RFC 5246). */
        TLS_1_2("TLSv1.2"),
        /** TLS 1.3 (RFC 8446). */
        TLS_1_3("TLSv1.3");

        private final String jsseName;

        Protocol(String jsseName) {
            this.jsseName = jsseName;
        }

        /**
         * The name the JDK uses for it ({@code TLSv1.2}, {@code TLSv1.3}).
         *
         * @return the JSSE protocol name
         */
        public String jsseName() {
            return jsseName;
        }
    }

    private final SSLContext context;
    private final Set<Protocol> protocols;
    private final boolean verifyHostname;
    private final boolean requireClientCertificate;

    private Tls(SSLContext context, Set<Protocol> protocols, boolean verifyHostname, boolean requireClientCertificate) {
        this.context = context;
        this.protocols = Collections.unmodifiableSet(EnumSet.copyOf(protocols));
        this.verifyHostname = verifyHostname;
        this.requireClientCertificate = requireClientCertificate;
    }

    /**
     * A builder: no key store, the JDK's default trust store, TLS 1.2 and 1.3, host name
     * verification on, client certificates required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The settings of an existing context, with the defaults of {@link #builder()}.
     *
     * @param context the context, with its key and trust managers
     * @return the settings
     */
    public static Tls of(SSLContext context) {
        return builder().sslContext(context).build();
    }

    /**
     * A context from a key store (our private key and certificate chain) and a trust store (the
     * certificates of the peers, or of the authorities that sign them), both PKCS12 or JKS files.
     * The private key's password must be the key store's, as in every PKCS12 file.
     *
     * @param keyStore the key store file
     * @param keyStorePassword its password
     * @param trustStore the trust store file
     * @param trustStorePassword its password
     * @return the context, for TLS 1.2 and 1.3
     * @throws I4dwConfigurationException if a file cannot be read, a password is wrong, the key
     *     store holds no private key or the trust store no certificate
     */
    public static SSLContext context(Path keyStore, char[] keyStorePassword, Path trustStore,
            char[] trustStorePassword) {
        return builder().keyStore(keyStore, keyStorePassword).trustStore(trustStore, trustStorePassword).build()
                .sslContext();
    }

    /**
     * The context that creates the sockets.
     *
     * @return the context
     */
    public SSLContext sslContext() {
        return context;
    }

    /**
     * The protocol versions enabled on every socket.
     *
     * @return the versions, not empty
     */
    public Set<Protocol> protocols() {
        return protocols;
    }

    /**
     * Whether a client checks that the server's certificate names the host it connected to
     * (HTTPS-style endpoint identification: a subject alternative name matching the host name or
     * IP address of the {@link org.i4dw.api.PacsAddress}).
     *
     * @return true to check
     */
    public boolean verifyHostname() {
        return verifyHostname;
    }

    /**
     * Whether a server ({@link StorageScp}) requires a certificate from each client (mutual TLS).
     *
     * @return true to require one
     */
    public boolean requireClientCertificate() {
        return requireClientCertificate;
    }

    /** Sets these settings on the parameters of a client (requestor) or server (acceptor) socket. */
    SSLParameters configure(SSLParameters p, boolean client) {
        List<String> names = new ArrayList<>();
        for (Protocol pr : protocols) {
            names.add(pr.jsseName());
        }
        p.setProtocols(names.toArray(String[]::new));
        if (client && verifyHostname) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!client) {
            p.setNeedClientAuth(requireClientCertificate);
        }
        return p;
    }

    @Override
    public String toString() {
        return "Tls[protocols=" + protocols + ", verifyHostname=" + verifyHostname + ", requireClientCertificate="
                + requireClientCertificate + "]";
    }

    /** Builds {@link Tls}; each setting is checked when it is set, the stores are read by {@link #build()}. */
    public static final class Builder {
        private SSLContext context;
        private Path keyStore;
        private char[] keyStorePassword;
        private Path trustStore;
        private char[] trustStorePassword;
        private Set<Protocol> protocols = EnumSet.allOf(Protocol.class);
        private boolean verifyHostname = true;
        private boolean requireClientCertificate = true;

        private Builder() {
        }

        /**
         * Our private key and certificate chain (needed by a server, and by a client when the
         * server asks for a certificate).
         *
         * @param file a PKCS12 or JKS file
         * @param password its password (copied)
         * @return this builder
         */
        public Builder keyStore(Path file, char[] password) {
            keyStore = Objects.requireNonNull(file, "file");
            keyStorePassword = Objects.requireNonNull(password, "password").clone();
            return this;
        }

        /**
         * The certificates we trust: the peers' own, or those of the authorities that sign them
         * (default: the JDK's cacerts).
         *
         * @param file a PKCS12 or JKS file
         * @param password its password (copied)
         * @return this builder
         */
        public Builder trustStore(Path file, char[] password) {
            trustStore = Objects.requireNonNull(file, "file");
            trustStorePassword = Objects.requireNonNull(password, "password").clone();
            return this;
        }

        /**
         * A ready context instead of key and trust stores.
         *
         * @param sslContext the context
         * @return this builder
         */
        public Builder sslContext(SSLContext sslContext) {
            context = Objects.requireNonNull(sslContext, "sslContext");
            return this;
        }

        /**
         * The protocol versions to allow (default TLS 1.2 and 1.3).
         *
         * @param first one version
         * @param more others
         * @return this builder
         */
        public Builder protocols(Protocol first, Protocol... more) {
            protocols = EnumSet.of(Objects.requireNonNull(first, "first"), more);
            return this;
        }

        /**
         * Whether a client checks the server's certificate against the host name (default true).
         *
         * @param on false only for peers whose certificates name no host
         * @return this builder
         */
        public Builder verifyHostname(boolean on) {
            verifyHostname = on;
            return this;
        }

        /**
         * Whether a server requires client certificates (default true, mutual TLS).
         *
         * @param on false to accept clients without a certificate
         * @return this builder
         */
        public Builder requireClientCertificate(boolean on) {
            requireClientCertificate = on;
            return this;
        }

        /**
         * Reads the stores and builds the context.
         *
         * @return the settings
         * @throws I4dwConfigurationException if both a context and stores were given, or a store
         *     cannot be read (the message names the file)
         */
        public Tls build() {
            try {
                if (context != null) {
                    if (keyStore != null || trustStore != null) {
                        throw new I4dwConfigurationException(
                                "give Tls either an SSLContext or key and trust stores, not both");
                    }
                    return new Tls(context, protocols, verifyHostname, requireClientCertificate);
                }
                KeyManagerFactory kmf = null;
                if (keyStore != null) {
                    KeyStore ks = load(keyStore, keyStorePassword, "key store");
                    if (!hasKey(ks)) {
                        throw new I4dwConfigurationException("the key store " + keyStore + " holds no private key");
                    }
                    kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                    try {
                        kmf.init(ks, keyStorePassword);
                    } catch (GeneralSecurityException e) {
                        throw new I4dwConfigurationException("cannot read the private key of the key store " + keyStore
                                + " (its password must be the store's): " + e.getMessage(), e);
                    }
                }
                TrustManagerFactory tmf = null;
                if (trustStore != null) {
                    KeyStore ts = load(trustStore, trustStorePassword, "trust store");
                    if (!hasCertificate(ts)) {
                        throw new I4dwConfigurationException("the trust store " + trustStore
                                + " holds no trusted certificate");
                    }
                    tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                    tmf.init(ts);
                }
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
                return new Tls(ctx, protocols, verifyHostname, requireClientCertificate);
            } catch (GeneralSecurityException e) {
                throw new I4dwConfigurationException("cannot set up TLS: " + e.getMessage(), e);
            }
        }

        private static KeyStore load(Path file, char[] password, String what) {
            if (!Files.isRegularFile(file)) {
                throw new I4dwConfigurationException("the " + what + " " + file + " is not a readable file");
            }
            try {
                return KeyStore.getInstance(file.toFile(), password);
            } catch (IOException | GeneralSecurityException e) {
                String why = e.getCause() != null && e.getMessage() == null ? e.getCause().toString() : e.getMessage();
                throw new I4dwConfigurationException("cannot read the " + what + " " + file
                        + " (PKCS12 or JKS, wrong password?): " + why, e);
            }
        }

        private static boolean hasKey(KeyStore ks) throws GeneralSecurityException {
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean hasCertificate(KeyStore ks) throws GeneralSecurityException {
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.getCertificate(alias) != null) {
                    return true;
                }
            }
            return false;
        }
    }
}
