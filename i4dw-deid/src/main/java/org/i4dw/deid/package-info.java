/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * De-identification by the PS3.15 Annex E Application Level Confidentiality Profile: a
 * {@link org.i4dw.deid.DeidProfile} (basic and its options), a {@link org.i4dw.deid.Deidentifier}
 * built from a profile, a secret key and per-attribute {@link org.i4dw.deid.Action} overrides, and
 * the {@code annex-e} provider of {@link org.i4dw.spi.DeidentifierProvider}. The rule table is
 * generated from the standard's Table E.1-1 by {@code codegen/GenerateDictionaries.java}.
 */
package org.i4dw.deid;
