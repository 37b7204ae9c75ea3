/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The I4DW public API: exceptions now; the {@code PacsBridge} entry point and batch engine as the
 * extraction pipeline lands.
 */
package org.i4dw.api;
