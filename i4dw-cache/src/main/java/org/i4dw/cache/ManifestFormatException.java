/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.cache;

import java.io.IOException;

/** A manifest or cohort file that cannot be read as its format says: the local disk's fault. */
final class ManifestFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    ManifestFormatException(String message) {
        super(message);
    }

    ManifestFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
