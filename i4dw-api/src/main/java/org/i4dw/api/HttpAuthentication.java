/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How I4DW proves who it is to a DICOMweb server: nothing, HTTP Basic (RFC 7617) or a Bearer
 * token (RFC 6750), sent in the {@code Authorization} header of every request. Immutable and
 * thread-safe; {@link #toString()} never shows a secret.
 */
public final class HttpAuthentication {

    private static final HttpAuthentication NONE = new HttpAuthentication("none", null);

    private final String kind;
    private final Supplier<String> header;

    private HttpAuthentication(String kind, Supplier<String> header) {
        this.kind = kind;
        this.header = header;
    }

    /**
     * No {@code Authorization} header.
     *
     * @return the shared instance
     */
    public static HttpAuthentication none() {
        return NONE;
    }

    /**
     * HTTP Basic: user and password, UTF-8 encoded. The password is copied; the caller may clear its array.
     *
     * @param user the user name, without ':'
     * @param password the password
     * @return the authentication
     * @throws I4dwConfigurationException if the user is blank or holds ':' or a control character
     */
    public static HttpAuthentication basic(String user, char[] password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.isBlank() || user.indexOf(':') >= 0 || user.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new I4dwConfigurationException("a Basic authentication user must be non-blank, without ':' or "
                    + "control characters (" + user.length() + " characters given)");
        }
        CharBuffer chars = CharBuffer.allocate(user.length() + 1 + password.length);
        chars.put(user).put(':').put(password).flip();
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(chars);
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        String value = "Basic " + Base64.getEncoder().encodeToString(raw);
        Arrays.fill(raw, (byte) 0);
        Arrays.fill(chars.array(), '\0');
        return new HttpAuthentication("basic", () -> value);
    }

    /**
     * A fixed Bearer token (RFC 6750 token68 characters).
     *
     * @param token the token
     * @return the authentication
     * @throws I4dwConfigurationException if the token is blank or holds characters a token may not hold
     */
    public static HttpAuthentication bearer(String token) {
        String value = "Bearer " + checkToken(token);
        return new HttpAuthentication("bearer", () -> value);
    }

    /**
     * A Bearer token asked for before every request, for tokens that expire: the supplier should
     * cache its token and renew it before it expires. A token it gives that is blank or malformed
     * fails the request with an {@link I4dwConfigurationException}.
     *
     * @param tokens gives the current token; called concurrently
     * @return the authentication
     */
    public static HttpAuthentication bearer(Supplier<String> tokens) {
        Objects.requireNonNull(tokens, "tokens");
        return new HttpAuthentication("bearer (renewed)", () -> "Bearer " + checkToken(tokens.get()));
    }

    private static String checkToken(String token) {
        if (token == null || token.isBlank()) {
            throw new I4dwConfigurationException("a Bearer token is blank");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=';
            if (!ok) {
                throw new I4dwConfigurationException("a Bearer token holds a character a token may not hold at "
                        + "position " + i + " (RFC 6750 token68)");
            }
        }
        return token;
    }

    /**
     * The value of the {@code Authorization} header.
     *
     * @return the value, or empty for {@link #none()}
     * @throws I4dwConfigurationException if a token supplier gives a malformed token
     */
    public Optional<String> authorization() {
        return header == null ? Optional.empty() : Optional.of(header.get());
    }

    /**
     * The scheme only, never the secret.
     *
     * @return e.g. {@code HttpAuthentication[basic]}
     */
    @Override
    public String toString() {
        return "HttpAuthentication[" + kind + "]";
    }
}
