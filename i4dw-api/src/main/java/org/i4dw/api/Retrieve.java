/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api;

/** How instances are fetched from a PACS over DIMSE. */
public enum Retrieve {
    /** C-GET: instances come back on the same association (no port to open, no AE to register at the PACS). */
    C_GET,
    /** C-MOVE: the PACS opens an association to our Storage SCP, which it must know by AE title. */
    C_MOVE
}
