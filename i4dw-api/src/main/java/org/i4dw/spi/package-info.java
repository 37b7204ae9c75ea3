/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The service provider interfaces of I4DW, apart from what callers use: each role (transport,
 * de-identifier, terminology, pivot serializer, extraction plugin, series store) is an interface
 * extending {@link org.i4dw.spi.Provider}, found with {@link java.util.ServiceLoader} through a
 * {@link org.i4dw.spi.ProviderRegistry} that each bridge owns.
 */
package org.i4dw.spi;
