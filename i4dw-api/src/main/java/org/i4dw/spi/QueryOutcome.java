/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

/**
 * How a query ended.
 *
 * @param results how many results were handed over
 * @param cancelled true if the consumer stopped the query
 * @param status the final status code (0 success, FE00 cancel)
 */
public record QueryOutcome(int results, boolean cancelled, int status) {
}
