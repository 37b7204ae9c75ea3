/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.json;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.i4dw.api.DicomParseException;

/**
 * A strict RFC 8259 JSON parser that builds a small tree, each node with the character offset
 * where it starts. Recursion is bounded by {@link #MAX_DEPTH}; number literals are kept as written.
 */
final class JsonParser {

    /** Arrays and objects nested deeper than this are refused. */
    static final int MAX_DEPTH = 256;

    /** Number literals longer than this are refused (no DICOM number needs more). */
    static final int MAX_NUMBER_LENGTH = 1024;

    /** A parsed JSON value and the character offset where it starts. */
    sealed interface Node permits JObject, JArray, JString, JNumber, JLiteral {
        /** @return the character offset of the first character of the value */
        long offset();
    }

    /** An object member. */
    record Member(String name, long offset, Node value) {
    }

    /** An object, members in input order (duplicates kept). */
    record JObject(long offset, List<Member> members) implements Node {
    }

    /** An array. */
    record JArray(long offset, List<Node> items) implements Node {
    }

    /** A string. */
    record JString(long offset, String value) implements Node {
    }

    /** A number, with its literal text as written. */
    record JNumber(long offset, String literal) implements Node {
    }

    /** {@code true}, {@code false} or {@code null} (value null). */
    record JLiteral(long offset, Boolean value) implements Node {
    }

    private final Reader reader;
    private final String source;
    private final char[] buf;
    private int pos;
    private int limit;
    /** Offset in the input of buf[0]. */
    private long base;

    private JsonParser(Reader reader, char[] initial, String source) {
        this.reader = reader;
        this.source = source;
        this.buf = initial;
        this.limit = reader == null ? initial.length : 0;
    }

    /** Parses the whole of a reader's input as one JSON value. */
    static Node parse(Reader in, String source) throws IOException {
        return new JsonParser(in, new char[8192], source).document();
    }

    /** Parses a string as one JSON value. */
    static Node parse(String json, String source) {
        try {
            return new JsonParser(null, json.toCharArray(), source).document();
        } catch (IOException e) {
            throw new AssertionError("a string cannot fail to read", e);
        }
    }

    private Node document() throws IOException {
        Node n = value(1);
        skipWhitespace();
        if (peek() >= 0) {
            throw error(offset(), "unexpected " + describe(peek()) + " after the end of the JSON value");
        }
        return n;
    }

    private Node value(int depth) throws IOException {
        skipWhitespace();
        long off = offset();
        int c = peek();
        switch (c) {
            case '{':
                return object(depth, off);
            case '[':
                return array(depth, off);
            case '"':
                return new JString(off, string());
            case 't':
                keyword("true");
                return new JLiteral(off, Boolean.TRUE);
            case 'f':
                keyword("false");
                return new JLiteral(off, Boolean.FALSE);
            case 'n':
                keyword("null");
                return new JLiteral(off, null);
            default:
                if (c == '-' || c >= '0' && c <= '9') {
                    return new JNumber(off, number());
                }
                throw error(off, c < 0 ? "unexpected end of input, expected a JSON value"
                        : "unexpected " + describe(c) + ", expected a JSON value");
        }
    }

    private JObject object(int depth, long off) throws IOException {
        checkDepth(depth, off);
        next();
        List<Member> members = new ArrayList<>();
        skipWhitespace();
        if (peek() == '}') {
            next();
            return new JObject(off, members);
        }
        while (true) {
            skipWhitespace();
            long nameOffset = offset();
            if (peek() != '"') {
                throw error(nameOffset, expected("a member name in double quotes"));
            }
            String name = string();
            skipWhitespace();
            if (peek() != ':') {
                throw error(offset(), expected("':' after a member name"));
            }
            next();
            members.add(new Member(name, nameOffset, value(depth + 1)));
            skipWhitespace();
            int c = peek();
            if (c == ',') {
                next();
            } else if (c == '}') {
                next();
                return new JObject(off, members);
            } else {
                throw error(offset(), expected("',' or '}' in an object"));
            }
        }
    }

    private JArray array(int depth, long off) throws IOException {
        checkDepth(depth, off);
        next();
        List<Node> items = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            next();
            return new JArray(off, items);
        }
        while (true) {
            items.add(value(depth + 1));
            skipWhitespace();
            int c = peek();
            if (c == ',') {
                next();
            } else if (c == ']') {
                next();
                return new JArray(off, items);
            } else {
                throw error(offset(), expected("',' or ']' in an array"));
            }
        }
    }

    private void checkDepth(int depth, long off) {
        if (depth > MAX_DEPTH) {
            throw error(off, "JSON nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private String string() throws IOException {
        long start = offset();
        next(); // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = next();
            if (c < 0) {
                throw error(start, "unterminated string");
            }
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw error(offset() - 1, "unescaped control character U+" + hex4(c) + " in a string");
            }
            if (c != '\\') {
                sb.append((char) c);
                continue;
            }
            int e = next();
            switch (e) {
                case '"': sb.append('"'); break;
                case '\\': sb.append('\\'); break;
                case '/': sb.append('/'); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'u': sb.append(unicodeEscape()); break;
                default:
                    throw error(offset() - 1, e < 0 ? "unterminated string"
                            : e > 0x20 && e < 0x7F ? "invalid escape '\\" + (char) e + "'"
                            : "invalid escape of U+" + hex4(e));
            }
        }
    }

    private char unicodeEscape() throws IOException {
        int v = 0;
        for (int k = 0; k < 4; k++) {
            int c = next();
            int d = c < 0 ? -1 : Character.digit(c, 16);
            if (d < 0) {
                throw error(offset() - 1, "\\u must be followed by four hex digits");
            }
            v = v << 4 | d;
        }
        return (char) v;
    }

    private String number() throws IOException {
        long start = offset();
        StringBuilder sb = new StringBuilder();
        if (peek() == '-') {
            sb.append((char) next());
        }
        if (peek() == '0') {
            sb.append((char) next());
        } else if (isDigit(peek())) {
            digits(sb, start);
        } else {
            throw error(offset(), expected("a digit in a number"));
        }
        if (peek() == '.') {
            sb.append((char) next());
            if (!isDigit(peek())) {
                throw error(offset(), expected("a digit after the decimal point"));
            }
            digits(sb, start);
        }
        if (peek() == 'e' || peek() == 'E') {
            sb.append((char) next());
            if (peek() == '+' || peek() == '-') {
                sb.append((char) next());
            }
            if (!isDigit(peek())) {
                throw error(offset(), expected("a digit in the exponent"));
            }
            digits(sb, start);
        }
        return sb.toString();
    }

    private void digits(StringBuilder sb, long start) throws IOException {
        while (isDigit(peek())) {
            if (sb.length() >= MAX_NUMBER_LENGTH) {
                throw error(start, "number longer than " + MAX_NUMBER_LENGTH + " characters");
            }
            sb.append((char) next());
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private void keyword(String word) throws IOException {
        long start = offset();
        for (int k = 0; k < word.length(); k++) {
            if (next() != word.charAt(k)) {
                throw error(start, "invalid literal, expected '" + word + "'");
            }
        }
    }

    private void skipWhitespace() throws IOException {
        while (true) {
            int c = peek();
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                next();
            } else {
                return;
            }
        }
    }

    private String expected(String what) throws IOException {
        int c = peek();
        return (c < 0 ? "unexpected end of input" : "unexpected " + describe(c)) + ", expected " + what;
    }

    private static String describe(int c) {
        return c < 0 ? "end of input" : "character " + describeRaw(c);
    }

    /** A character as it may be shown: printable ASCII quoted, anything else as a code point. */
    private static String describeRaw(int c) {
        return c > 0x20 && c < 0x7F ? "'" + (char) c + "'" : "U+" + hex4(c);
    }

    private static String hex4(int c) {
        return String.format(Locale.ROOT, "%04X", c);
    }

    private long offset() {
        return base + pos;
    }

    private int peek() throws IOException {
        if (pos < limit || fill()) {
            return buf[pos];
        }
        return -1;
    }

    private int next() throws IOException {
        if (pos < limit || fill()) {
            return buf[pos++];
        }
        return -1;
    }

    private boolean fill() throws IOException {
        if (reader == null) {
            return false;
        }
        base += limit;
        pos = 0;
        limit = 0;
        while (limit == 0) {
            int n = reader.read(buf, 0, buf.length);
            if (n < 0) {
                return false;
            }
            limit = n;
        }
        return true;
    }

    private DicomParseException error(long offset, String reason) {
        return new DicomParseException(source, offset, null, reason);
    }
}
