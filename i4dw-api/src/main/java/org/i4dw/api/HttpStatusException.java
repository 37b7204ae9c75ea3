/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

import java.util.Locale;

/**
 * A DICOMweb server answered with an HTTP error status (RFC 9110 section 15): the status code and
 * its meaning in words, the operation and the server (its label and base URI, never a request
 * path, which would carry study and series UIDs). {@link #status()} is the HTTP status code; 4xx
 * statuses are our request's or our credentials' fault, 5xx the server's.
 */
public class HttpStatusException extends DicomStatusException {

    private static final long serialVersionUID = 1L;

    /**
     * @param operation what was asked, e.g. {@code QIDO-RS series} or {@code WADO-RS metadata}
     * @param server the server, e.g. {@code LABEL@https://pacs/dicom-web}
     * @param httpStatus the HTTP status code
     * @param detail what it means here, or empty; without patient data
     */
    public HttpStatusException(String operation, String server, int httpStatus, String detail) {
        super(httpStatus, String.format(Locale.ROOT, "%s on %s failed with HTTP %d %s%s", operation, server,
                httpStatus, reasonPhrase(httpStatus), detail == null || detail.isEmpty() ? "" : ": " + detail));
    }

    /**
     * The HTTP status code.
     *
     * @return e.g. 404
     */
    public int httpStatus() {
        return status();
    }

    /**
     * The standard reason phrase of an HTTP status code (RFC 9110, RFC 6585).
     *
     * @param status the code
     * @return e.g. {@code Not Found}; {@code (client error)} or {@code (server error)} for codes without one
     */
    public static String reasonPhrase(int status) {
        switch (status) {
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 406: return "Not Acceptable";
            case 408: return "Request Timeout";
            case 409: return "Conflict";
            case 410: return "Gone";
            case 413: return "Content Too Large";
            case 414: return "URI Too Long";
            case 415: return "Unsupported Media Type";
            case 429: return "Too Many Requests";
            case 500: return "Internal Server Error";
            case 501: return "Not Implemented";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Timeout";
            default:
                if (status >= 400 && status < 500) {
                    return "(client error)";
                }
                if (status >= 500 && status < 600) {
                    return "(server error)";
                }
                return "(unexpected status)";
        }
    }
}
