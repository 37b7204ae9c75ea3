/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.web;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.i4dw.api.DicomNetworkException;
import org.i4dw.api.DicomTimeoutException;
import org.i4dw.api.HttpAuthentication;
import org.i4dw.api.HttpStatusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of one DICOMweb server: GET requests with the authentication, the timeouts and
 * the PACS-protection limit (requests open at once, each held until its body is closed), retrying
 * 429 and 503 answers as the server's Retry-After asks (bounded). Errors are typed and name the
 * server by its label and base URI, never a request's path, which carries UIDs.
 */
final class WebClient {

    private static final Logger LOG = LoggerFactory.getLogger(WebClient.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

    private final String server;
    private final HttpClient http;
    private final HttpAuthentication authentication;
    private final Duration responseTimeout;
    private final Duration connectTimeout;
    private final Semaphore permits;
    private final int maxRetries;
    private final Duration maxRetryWait;
    private final AtomicLong requests = new AtomicLong();

    WebClient(String server, URI base, HttpAuthentication authentication, Duration connectTimeout,
            Duration responseTimeout, int maxConcurrent, int maxRetries, Duration maxRetryWait, SSLContext ssl) {
        this.server = server;
        this.authentication = authentication;
        this.responseTimeout = responseTimeout;
        this.connectTimeout = connectTimeout;
        this.permits = new Semaphore(maxConcurrent, true);
        this.maxRetries = maxRetries;
        this.maxRetryWait = maxRetryWait;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version("https".equals(base.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1);
        if (ssl != null) {
            b.sslContext(ssl);
        }
        this.http = b.build();
    }

    /** The server as messages name it. */
    String server() {
        return server;
    }

    /** HTTP requests sent so far, retries included. */
    long requests() {
        return requests.get();
    }

    /** A successful response: its status, content type and body (closed by the caller). */
    record Response(int status, String contentType, Optional<String> warning, BodyStream body) implements AutoCloseable {
        @Override
        public void close() {
            body.close();
        }
    }

    /**
     * GET with the given Accept header; 2xx answers are returned with their body open, anything
     * else is an exception.
     *
     * @param operation what is asked, for messages (e.g. {@code QIDO-RS series})
     * @param uri the request
     * @param accept the Accept header
     * @throws HttpStatusException for an error status (429 and 503 after the retries)
     * @throws DicomTimeoutException if the connection or the response does not come in time
     * @throws DicomNetworkException if the server cannot be reached or the exchange breaks
     */
    Response get(String operation, URI uri, String accept) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DicomNetworkException("interrupted while waiting to send " + operation + " to " + server, e);
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                permits.release();
            }
        };
        try {
            for (int attempt = 0;; attempt++) {
                HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(responseTimeout).header("Accept", accept)
                        .GET();
                authentication.authorization().ifPresent(v -> rb.header("Authorization", v));
                BodyStream body = new BodyStream(responseTimeout);
                HttpResponse<java.io.InputStream> response;
                requests.incrementAndGet();
                try {
                    response = http.send(rb.build(), info -> body);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DicomNetworkException("interrupted during " + operation + " on " + server, e);
                } catch (IOException e) {
                    throw failure(operation, e);
                }
                int status = response.statusCode();
                String type = response.headers().firstValue("Content-Type").orElse("");
                if (status >= 200 && status < 300) {
                    body.whenClosed(release);
                    return new Response(status, type, response.headers().firstValue("Warning"), body);
                }
                Optional<String> retryAfter = response.headers().firstValue("Retry-After");
                body.close();
                if ((status == 429 || status == 503) && attempt < maxRetries) {
                    Duration wait = retryAfter.flatMap(WebClient::parseRetryAfter)
                            .orElse(FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt, 6)));
                    if (wait.compareTo(maxRetryWait) > 0) {
                        throw new HttpStatusException(operation, server, status, "the server asks to retry after "
                                + wait.toSeconds() + " s, longer than the " + maxRetryWait.toSeconds()
                                + " s this transport waits");
                    }
                    LOG.info("{}: {} answered HTTP {} {}, retrying in {} ms ({} of {})", server, operation, status,
                            HttpStatusException.reasonPhrase(status), wait.toMillis(), attempt + 1, maxRetries);
                    sleep(wait, operation);
                    continue;
                }
                throw new HttpStatusException(operation, server, status, detail(status, attempt));
            }
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
    }

    private String detail(int status, int retries) {
        switch (status) {
            case 401:
                return authentication.authorization().isPresent() ? "the server refused the credentials"
                        : "the server asks for credentials and none are configured";
            case 403:
                return "the credentials are not allowed this request";
            case 404:
                return "the server does not hold it, or does not offer this service";
            case 406:
                return "the server cannot give the media type asked for";
            case 429:
            case 503:
                return retries > 0 ? "still refused after " + retries + " retries" : "";
            default:
                return "";
        }
    }

    private void sleep(Duration wait, String operation) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DicomNetworkException("interrupted while waiting to retry " + operation + " on " + server, e);
        }
    }

    /** An I/O failure in words: whose fault, which timeout. */
    DicomNetworkException failure(String operation, IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return new DicomTimeoutException("could not connect to " + server + " within " + connectTimeout
                    + " (connect timeout) for " + operation, e);
        }
        if (e instanceof HttpTimeoutException) {
            return new DicomTimeoutException(server + " did not answer " + operation + " within " + responseTimeout
                    + " (response timeout)", e);
        }
        if (e instanceof BodyStream.BodyTimeoutException) {
            return new DicomTimeoutException(server + " stopped sending the response to " + operation + ": no byte "
                    + "within " + responseTimeout + " (response timeout)", e);
        }
        if (e instanceof InterruptedIOException) {
            return new DicomNetworkException("interrupted during " + operation + " on " + server, e);
        }
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return new DicomNetworkException("cannot connect to " + server + " for " + operation
                    + ": connection refused", e);
        }
        if (e instanceof SSLException || e.getCause() instanceof SSLException) {
            return new DicomNetworkException("the TLS handshake with " + server + " failed for " + operation + " ("
                    + e.getClass().getSimpleName() + "); check the trust store and the host name", e);
        }
        return new DicomNetworkException(operation + " on " + server + " failed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
    }

    /** Retry-After as delay-seconds or an HTTP-date (RFC 9110 10.2.3); empty if unreadable. */
    static Optional<Duration> parseRetryAfter(String value) {
        String v = value.strip();
        if (v.matches("[0-9]{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT));
            Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
