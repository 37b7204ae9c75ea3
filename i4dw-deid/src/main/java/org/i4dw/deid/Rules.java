/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.deid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.i4dw.data.Tag;

/**
 * Table E.1-1 resolved for one profile and its overrides: one action per attribute, found without
 * allocation (an open-addressing hash table of the tags, Fibonacci hashing, linear probing, at
 * most a quarter full). Immutable.
 *
 * <p>Resolution of a row: if an option of the profile lists the attribute, the option's action
 * (when two options list it, C wins over K: cleaning is the more protective); otherwise the
 * Basic Profile's, with a combined code resolved to the alternative that keeps the object valid
 * for any attribute Type (see {@link #resolveCombined(String)}). Patient's Name and Patient ID
 * resolved to Z or D become keyed pseudonyms (PS3.15 allows a dummy for both). Curve Data and
 * Overlay Data resolved to C become X: a bitmap cannot be inspected for text here; and while
 * Overlay Data is removed, so is the rest of its overlay group, Overlay Comments included.
 */
final class Rules {

    static final byte D = 0;
    static final byte Z = 1;
    static final byte X = 2;
    static final byte K = 3;
    static final byte C = 4;
    static final byte U = 5;
    /** Keyed pseudonym (Patient's Name, Patient ID). */
    static final byte P = 6;

    private final int[] tags;
    private final byte[] actions;
    /** The hash table: a tag per slot, its action, -1 for an empty slot. */
    private final int[] slotTags;
    private final byte[] slotActions;
    private final int shift;
    private final byte curve;
    private final byte overlayData;
    private final byte overlayComments;
    private final byte privateAttributes;
    private final PathRule[] pathRules;

    private Rules(int[] tags, byte[] actions, byte curve, byte overlayData, byte overlayComments,
            byte privateAttributes, PathRule[] pathRules) {
        this.tags = tags;
        this.actions = actions;
        int bits = Math.max(4, 34 - Integer.numberOfLeadingZeros(Math.max(1, tags.length)));
        this.shift = 32 - bits;
        this.slotTags = new int[1 << bits];
        this.slotActions = new byte[1 << bits];
        Arrays.fill(slotActions, (byte) -1);
        int mask = slotTags.length - 1;
        for (int k = 0; k < tags.length; k++) {
            int i = slot(tags[k]);
            while (slotActions[i] != -1) {
                i = (i + 1) & mask;
            }
            slotTags[i] = tags[k];
            slotActions[i] = actions[k];
        }
        this.curve = curve;
        this.overlayData = overlayData;
        this.overlayComments = overlayComments;
        this.privateAttributes = privateAttributes;
        this.pathRules = pathRules;
    }

    static Rules of(DeidProfile profile, List<PathRule> overrides) {
        Map<Integer, Byte> exact = new TreeMap<>((a, b) -> Integer.compareUnsigned(a, b));
        byte curve = X;
        byte overlayData = X;
        byte overlayComments = X;
        byte priv = X;
        for (AnnexETable.Row row : AnnexETable.ROWS) {
            byte a = resolve(row, profile);
            if (row.privateAttributes()) {
                priv = a;
            } else if (row.mask() == 0xFF000000 && row.value() == 0x50000000) {
                curve = a == C ? X : a;
            } else if (row.mask() == 0xFF00FFFF && row.value() == 0x60003000) {
                overlayData = a == C ? X : a;
            } else if (row.mask() == 0xFF00FFFF && row.value() == 0x60004000) {
                overlayComments = a;
            } else if (row.mask() == 0xFFFFFFFF) {
                if ((row.value() == Tag.PatientName.value() || row.value() == Tag.PatientID.value())
                        && (a == Z || a == D)) {
                    a = P;
                }
                exact.put(row.value(), a);
            } else {
                throw new IllegalStateException("Table E.1-1 row " + row.tagText() + " has a pattern I4DW does not know");
            }
        }
        List<PathRule> paths = new ArrayList<>();
        for (PathRule r : overrides) {
            if (r.isTagOnly()) {
                exact.put(r.segments()[0], code(r.action()));
            } else {
                paths.add(r);
            }
        }
        paths.sort((a, b) -> Integer.compare(b.specificity(), a.specificity()));
        int[] t = new int[exact.size()];
        byte[] ac = new byte[exact.size()];
        int i = 0;
        for (Map.Entry<Integer, Byte> e : exact.entrySet()) {
            t[i] = e.getKey();
            ac[i] = e.getValue();
            i++;
        }
        return new Rules(t, ac, curve, overlayData, overlayComments, priv, paths.toArray(new PathRule[0]));
    }

    /** The action a profile gives one row of the table, before pseudonyms and overrides. */
    static byte resolve(AnnexETable.Row row, DeidProfile profile) {
        String optionCode = "";
        for (DeidProfile.Option o : profile.options()) {
            String c = row.options().get(o.column());
            if (c.equals("C") || c.equals("K") && optionCode.isEmpty()) {
                optionCode = c;
            } else if (!c.isEmpty() && !c.equals("K")) {
                throw new IllegalStateException("option code " + c + " in row " + row.tagText());
            }
        }
        return optionCode.isEmpty() ? resolveCombined(row.basic()) : single(optionCode);
    }

    /**
     * A Basic Profile code: single codes as they are; combined codes as the alternative that keeps
     * the object valid whatever the attribute's Type in its IOD, since I4DW does not check IODs:
     * X/Z gives Z, X/D gives D, Z/D gives D, X/Z/D gives D, X/Z/U* gives U. None of these leaks
     * the original value: Z empties it, D puts a fixed dummy, U a keyed UID. An attribute that is
     * absent stays absent.
     */
    static byte resolveCombined(String code) {
        switch (code) {
            case "X/Z": return Z;
            case "X/D":
            case "Z/D":
            case "X/Z/D": return D;
            case "X/Z/U*": return U;
            default: return single(code);
        }
    }

    private static byte single(String code) {
        switch (code) {
            case "D": return D;
            case "Z": return Z;
            case "X": return X;
            case "K": return K;
            case "C": return C;
            case "U": return U;
            default: throw new IllegalStateException("unknown action code " + code);
        }
    }

    static byte code(Action a) {
        switch (a) {
            case DUMMY: return D;
            case ZERO: return Z;
            case REMOVE: return X;
            case KEEP: return K;
            case CLEAN: return C;
            default: return U;
        }
    }

    static Action action(byte code) {
        switch (code) {
            case D: return Action.DUMMY;
            case Z: return Action.ZERO;
            case X: return Action.REMOVE;
            case K: return Action.KEEP;
            case C: return Action.CLEAN;
            case U: return Action.REPLACE_UID;
            default: return Action.DUMMY; // P: a keyed dummy
        }
    }

    /** True if there are overrides by path (anchored or with sequences). */
    boolean hasPathRules() {
        return pathRules.length > 0;
    }

    /** What Retain Safe Private resolves to (C) or the basic X. */
    byte privateAttributes() {
        return privateAttributes;
    }

    /**
     * The action for a standard (not private) attribute {@code tag} inside the sequences
     * {@code path[0..depth)}: the most specific path override, else the table (with tag-only
     * overrides folded in), else K (attributes Table E.1-1 does not list are kept), except group
     * lengths, which are removed (they would be wrong after de-identification).
     */
    byte action(int tag, int[] path, int depth) {
        for (PathRule r : pathRules) {
            if (r.matches(tag, path, depth)) {
                return code(r.action());
            }
        }
        return action(tag);
    }

    /** {@link #action(int, int[], int)} without path overrides. */
    byte action(int tag) {
        int mask = slotTags.length - 1;
        for (int i = slot(tag); ; i = (i + 1) & mask) {
            byte a = slotActions[i];
            if (a == -1) {
                break;
            }
            if (slotTags[i] == tag) {
                return a;
            }
        }
        if ((tag & 0xFFFF) == 0) {
            return X;
        }
        int group = tag >>> 16;
        if ((group & 0xFF01) == 0x5000) {
            return curve;
        }
        if ((group & 0xFF01) == 0x6000) {
            // an overlay without its data is not valid: the whole group goes with Overlay Data
            if (overlayData == X) {
                return X;
            }
            int element = tag & 0xFFFF;
            return element == 0x3000 ? overlayData : element == 0x4000 ? overlayComments : K;
        }
        return K;
    }

    /** The home slot of a tag in the hash table. */
    private int slot(int tag) {
        return (tag * 0x9E3779B9) >>> shift;
    }

    /** True if some action needs the key: U, a pseudonym, or C (date shift). */
    boolean needsKey() {
        for (byte a : actions) {
            if (a == U || a == P || a == C) {
                return true;
            }
        }
        for (PathRule r : pathRules) {
            if (r.action() == Action.REPLACE_UID || r.action() == Action.CLEAN) {
                return true;
            }
        }
        return overlayComments == C || curve == U || overlayData == U;
    }

    @Override
    public String toString() {
        return "Rules[" + tags.length + " attributes, " + pathRules.length + " path overrides, private "
                + Arrays.asList("D", "Z", "X", "K", "C", "U", "P").get(privateAttributes) + "]";
    }
}
