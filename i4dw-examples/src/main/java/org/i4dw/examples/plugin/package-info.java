/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * A custom extraction plugin: {@link org.i4dw.examples.plugin.MrFieldStrengthPlugin} (feature
 * {@code mr-field-strength}) classifies MR series by Magnetic Field Strength into a structured
 * element ("1.5T", "3T", ...). It is found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/org.i4dw.spi.ExtractionPlugin}; name it in a bridge's feature list.
 */
package org.i4dw.examples.plugin;
