/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import java.util.Objects;

/**
 * SCP/SCU role selection for one SOP class (PS3.7 D.3.3.4): C-GET needs the requestor to act as
 * Storage SCP on its own association.
 *
 * @param sopClass the SOP class UID
 * @param scu whether the association requestor may act as SCU
 * @param scp whether the association requestor may act as SCP
 */
public record RoleSelection(String sopClass, boolean scu, boolean scp) {

    /** Checks the UID. */
    public RoleSelection {
        Objects.requireNonNull(sopClass, "sopClass");
    }
}
