/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.web;

import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.api.PacsAddress;
import org.i4dw.api.Retrieve;
import org.i4dw.dicom.net.DimseTransportProvider;
import org.i4dw.spi.Transport;
import org.i4dw.spi.TransportProvider;
import org.i4dw.spi.TransportSettings;

/**
 * The {@code dicomweb} transport: DICOMweb (PS3.18) over the JDK's HTTP client. Queries are
 * QIDO-RS searches (the C-FIND keys the engine passes become matching parameters and
 * {@code includefield}s), paged with {@code limit} and {@code offset} until the server has sent
 * everything; a header-only retrieval takes WADO-RS metadata (DICOM JSON read by the project's
 * {@link org.i4dw.dicom.json.DicomJsonReader}; pixel data and other bulk data never travel); other
 * retrievals take WADO-RS instances ({@code multipart/related; type="application/dicom"}).
 *
 * <p>Serves every address with a DICOMweb base. For an address with a DIMSE part as well
 * ({@code AET@host:port+https://host/dicom-web}) it opens both sides, the DIMSE one through the
 * {@code dimse} provider, and follows the PACS's retrieval paths in order (the header-only chain:
 * e.g. WADO-RS metadata, else C-GET of one instance, else C-MOVE of one instance); such a PACS is
 * queried through QIDO-RS when WADO-RS comes first, else through C-FIND. Its priority (200) is
 * above the {@code dimse} provider's so that it is the one chosen for such addresses.
 *
 * <p>Per PACS, from {@link TransportSettings}: HTTP Basic or Bearer authentication, the connect
 * timeout, the response timeout (for the response headers, and again for each wait on the body),
 * the most requests at once ({@code maxAssociations}). For every PACS of this provider, from its
 * {@link #builder()}: the QIDO-RS page size, the retries of 429 (Too Many Requests) and 503
 * (Service Unavailable) answers, which wait as the server's Retry-After asks (seconds or an HTTP
 * date; without one, 250 ms doubling), but never longer than a bound, the TLS context ({@code
 * https}: the JDK's default trust store and protocols unless given), and how the metadata of one
 * instance of a series is found. Found by {@link java.util.ServiceLoader} with the defaults.
 *
 * <p>Failures are typed: {@link org.i4dw.api.HttpStatusException} for an HTTP error status, with
 * the status in words, {@link org.i4dw.api.DicomTimeoutException}, {@link
 * org.i4dw.api.DicomNetworkException} for the rest, {@link org.i4dw.api.DicomParseException} for
 * JSON or DICOM the server sent that cannot be read. Messages name the server by its label and
 * base URI and never quote a request path, which would hold study and series UIDs.
 */
public final class DicomWebTransportProvider implements TransportProvider {

    /** The provider id. */
    public static final String ID = "dicomweb";

    private final WebOptions options;

    /** For {@link java.util.ServiceLoader}: the defaults of {@link #builder()}. */
    public DicomWebTransportProvider() {
        this(new Builder().options());
    }

    private DicomWebTransportProvider(WebOptions options) {
        this.options = options;
    }

    /**
     * A builder for a provider with other settings than the defaults, to register by hand
     * ({@code ProviderRegistry.builder(..).discovery(false).register(provider)}).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String version() {
        String v = DicomWebTransportProvider.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }

    @Override
    public int priority() {
        return 200;
    }

    /** Addresses with a DICOMweb base, alone or paired with a DIMSE part. */
    @Override
    public boolean supports(PacsAddress address) {
        return address != null && address.isDicomWeb();
    }

    /**
     * {@inheritDoc}
     *
     * @throws I4dwConfigurationException if the address has no DICOMweb base
     */
    @Override
    public Transport open(TransportSettings settings) {
        Objects.requireNonNull(settings, "settings");
        PacsAddress pacs = settings.pacs();
        if (!pacs.isDicomWeb()) {
            throw new I4dwConfigurationException("the dicomweb transport cannot reach " + pacs
                    + ": it has no DICOMweb base (write it https://host/dicom-web or AET@host:port+https://...)");
        }
        WebTransport web = new WebTransport(settings, options);
        if (!pacs.hasDimse()) {
            return web;
        }
        boolean needsDimse = settings.retrievals().get(0) != Retrieve.WADO_RS || !settings.dimseRetrievals().isEmpty();
        Transport dimse = needsDimse ? new DimseTransportProvider().open(settings.withPacs(pacs.dimse().orElseThrow()))
                : null;
        return new ChainTransport(settings, web, dimse);
    }

    /**
     * The provider's settings (see {@link #builder()}); for tests and tuning.
     *
     * @return e.g. {@code DicomWebTransportProvider[page 100, retries 3 up to PT30S, ...]}
     */
    @Override
    public String toString() {
        return "DicomWebTransportProvider[page " + options.pageSize() + ", retries " + options.maxRetries() + " up to "
                + options.maxRetryWait() + ", TLS " + (options.sslContext() == null ? "JDK default" : "given")
                + ", first instance by " + options.firstInstance() + "]";
    }

    /** How the metadata of one instance of a series (routine mode) is found. */
    public enum FirstInstance {
        /**
         * A QIDO-RS search lists the instances of the series with their Instance Numbers, then the
         * metadata of the lowest is asked for: the server reads one file, but lists every
         * instance (slower on Orthanc 1.10.1, whose instance listing is the expensive part; see
         * docs/BENCHMARKS.md).
         */
        LIST_THEN_INSTANCE_METADATA,
        /**
         * The metadata of the whole series in one request, the lowest Instance Number kept (the
         * default, the cheaper on Orthanc at 20 and at 200 instances per series): the server
         * reads and sends every instance's header, and all of them are parsed, so memory grows
         * with the series.
         */
        SERIES_METADATA
    }

    /** Builds a provider; each setting is checked when set. */
    public static final class Builder {

        private int pageSize = 100;
        private int maxRetries = 3;
        private Duration maxRetryWait = Duration.ofSeconds(30);
        private SSLContext sslContext;
        private FirstInstance firstInstance = FirstInstance.SERIES_METADATA;

        private Builder() {
        }

        /**
         * The {@code limit} of each QIDO-RS request (default 100). Paging goes on while a page is
         * full or the server warns (HTTP Warning 299) that there are more; it should not exceed a
         * cap the server applies silently.
         *
         * @param n 1 to 100,000
         * @return this builder
         * @throws I4dwConfigurationException if out of range
         */
        public Builder pageSize(int n) {
            if (n < 1 || n > 100_000) {
                throw new I4dwConfigurationException("pageSize must be 1 to 100000, got " + n);
            }
            this.pageSize = n;
            return this;
        }

        /**
         * How many times a 429 or 503 answer is retried (default 3).
         *
         * @param n 0 to 10
         * @return this builder
         * @throws I4dwConfigurationException if out of range
         */
        public Builder maxRetries(int n) {
            if (n < 0 || n > 10) {
                throw new I4dwConfigurationException("maxRetries must be 0 to 10, got " + n);
            }
            this.maxRetries = n;
            return this;
        }

        /**
         * The longest Retry-After honoured (default 30 s); a server asking for more fails the request at once.
         *
         * @param max positive
         * @return this builder
         * @throws I4dwConfigurationException if not positive
         */
        public Builder maxRetryWait(Duration max) {
            Objects.requireNonNull(max, "max");
            if (max.isNegative() || max.isZero()) {
                throw new I4dwConfigurationException("maxRetryWait must be positive, got " + max);
            }
            this.maxRetryWait = max;
            return this;
        }

        /**
         * The TLS context of {@code https} addresses (default: the JDK's, which reads
         * {@code javax.net.ssl.trustStore} and friends).
         *
         * @param context the context
         * @return this builder
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * How the metadata of one instance of a series is found (default
         * {@link FirstInstance#SERIES_METADATA}).
         *
         * @param how the way
         * @return this builder
         */
        public Builder firstInstance(FirstInstance how) {
            this.firstInstance = Objects.requireNonNull(how, "how");
            return this;
        }

        private WebOptions options() {
            return new WebOptions(pageSize, maxRetries, maxRetryWait, sslContext,
                    firstInstance == FirstInstance.SERIES_METADATA ? WebOptions.FirstInstance.SERIES_METADATA
                            : WebOptions.FirstInstance.LIST_THEN_INSTANCE_METADATA);
        }

        /**
         * The provider.
         *
         * @return a provider with these settings
         */
        public DicomWebTransportProvider build() {
            return new DicomWebTransportProvider(options());
        }
    }
}
