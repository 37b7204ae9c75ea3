/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

/**
 * What every provider says of itself: a stable id (how callers and configuration name it), a
 * version, and a priority (the highest is chosen when a caller does not name one).
 */
public interface Provider {

    /**
     * The stable id, e.g. {@code dimse}; lower case letters, digits and '-'.
     *
     * @return the id
     */
    String id();

    /**
     * The provider's version, e.g. the version of the artifact that ships it.
     *
     * @return the version
     */
    String version();

    /**
     * The priority among providers of the same role; higher wins. Default 0.
     *
     * @return the priority
     */
    default int priority() {
        return 0;
    }
}
