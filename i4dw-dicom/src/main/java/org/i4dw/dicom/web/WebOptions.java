/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.web;

import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * How the {@code dicomweb} transports of one provider behave, the same for every PACS.
 *
 * @param pageSize the {@code limit} of each QIDO-RS request
 * @param maxRetries how many times a 429 or 503 answer is retried
 * @param maxRetryWait the longest Retry-After honoured
 * @param sslContext the TLS context, or null for the JDK's default
 * @param firstInstance how the metadata of one instance of a series is found
 */
record WebOptions(int pageSize, int maxRetries, Duration maxRetryWait, SSLContext sslContext,
        FirstInstance firstInstance) {

    /** How the metadata of one instance of a series is found. */
    enum FirstInstance {
        /** QIDO-RS lists the instances, then the metadata of the lowest Instance Number (two small requests). */
        LIST_THEN_INSTANCE_METADATA,
        /** The metadata of the whole series in one request; the lowest Instance Number is kept. */
        SERIES_METADATA
    }
}
