/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.data;

import java.util.List;

/**
 * What the data dictionary says of one attribute.
 *
 * @param tag the tag looked up (for a repeating group, the actual member, not the pattern)
 * @param keyword the PS3.6 keyword, or {@code ""} for private and unknown tags
 * @param name the PS3.6 name, or a descriptive name for private and unknown tags
 * @param vrs the allowed VRs, first the one to use in implicit VR when nothing else decides
 *        ("US or SS" gives [US, SS]); empty for items and delimiters
 * @param vm the value multiplicity as PS3.6 writes it ("1", "1-n", "2-2n")
 * @param retired true for retired attributes
 */
public record ElementInfo(Tag tag, String keyword, String name, List<VR> vrs, String vm, boolean retired) {

    /** Copies the VR list. */
    public ElementInfo {
        vrs = List.copyOf(vrs);
    }

    /** The VR to use when only the dictionary can decide (implicit VR): the first allowed, or UN. */
    public VR defaultVr() {
        return vrs.isEmpty() ? VR.UN : vrs.get(0);
    }

    /** True when PS3.6 allows more than one VR ("US or SS", "OB or OW"). */
    public boolean isMultiVr() {
        return vrs.size() > 1;
    }
}
