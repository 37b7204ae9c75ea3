/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.deid;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.data.ElementDictionary;
import org.i4dw.data.Tag;

/**
 * One override: a path of tags and the action for the attribute it names.
 *
 * <p>A path is one or more segments separated by '/', each a PS3.6 keyword or a tag
 * ({@code (0008,1030)} or {@code 00081030}); every segment but the last names a sequence. Without
 * a leading '/' the path matches at any depth (its segments must be the innermost sequences around
 * the attribute); with a leading '/' it matches only from the top level of the object.
 *
 * @param text the path as written (normalized: segments as 8 hex digits)
 * @param segments the tags, outermost first
 * @param anchored true for a leading '/'
 * @param action the action
 */
record PathRule(String text, int[] segments, boolean anchored, Action action) {

    /**
     * Direct identifiers of the patient: an override may make their handling stricter (X, Z, D,
     * U) but never keep or clean them.
     */
    static final Set<Integer> DIRECT_IDENTIFIERS = Set.of(Tag.PatientName.value(), Tag.PatientID.value(),
            Tag.OtherPatientIDs.value(), Tag.OtherPatientIDsSequence.value(), Tag.OtherPatientNames.value(),
            Tag.PatientBirthName.value(), Tag.PatientMotherBirthName.value(), Tag.PatientAddress.value(),
            Tag.PatientTelephoneNumbers.value(), Tag.PatientBirthDate.value(), Tag.MedicalRecordLocator.value(),
            Tag.AccessionNumber.value());

    /** Parses a path and checks the rule; the message names the path. */
    static PathRule parse(String path, Action action) {
        String p = path.strip();
        if (p.isEmpty()) {
            throw new I4dwConfigurationException("an override path is empty");
        }
        boolean anchored = p.startsWith("/");
        String body = anchored ? p.substring(1) : p;
        String[] parts = body.split("/", -1);
        int[] segments = new int[parts.length];
        StringBuilder norm = new StringBuilder(anchored ? "/" : "");
        for (int i = 0; i < parts.length; i++) {
            Tag t;
            try {
                t = Tag.parse(parts[i]);
            } catch (IllegalArgumentException e) {
                throw new I4dwConfigurationException("override path '" + path + "': '" + parts[i]
                        + "' is neither a PS3.6 keyword nor a tag", e);
            }
            if (t.isPrivate()) {
                throw new I4dwConfigurationException("override path '" + path + "': private tags depend on their "
                        + "creator's block; keep private attributes with safePrivate(creator, element) and "
                        + "the retain-safe-private option");
            }
            if (i < parts.length - 1) {
                var info = ElementDictionary.standard().lookup(t.value());
                if (info != null && !info.vrs().isEmpty() && !info.vrs().contains(org.i4dw.data.VR.SQ)) {
                    throw new I4dwConfigurationException("override path '" + path + "': '" + parts[i]
                            + "' is not a sequence, so nothing can be inside it");
                }
            }
            segments[i] = t.value();
            norm.append(i == 0 ? "" : "/").append(String.format(java.util.Locale.ROOT, "%08X", t.value()));
        }
        int last = segments[segments.length - 1];
        if ((action == Action.KEEP || action == Action.CLEAN) && DIRECT_IDENTIFIERS.contains(last)) {
            throw new I4dwConfigurationException("override '" + path + " " + action.code() + "': "
                    + Tag.toString(last) + " is a direct identifier of the patient; an override may only make "
                    + "its handling stricter (X, Z, D or U), never keep or clean it");
        }
        return new PathRule(norm.toString(), segments, anchored, action);
    }

    /** True for a single segment without anchor: it applies to the tag everywhere. */
    boolean isTagOnly() {
        return !anchored && segments.length == 1;
    }

    /**
     * Whether the rule names the attribute {@code tag} inside the sequences {@code path[0..depth)}.
     */
    boolean matches(int tag, int[] path, int depth) {
        int n = segments.length;
        if (segments[n - 1] != tag || n - 1 > depth || anchored && n - 1 != depth) {
            return false;
        }
        for (int k = 1; k < n; k++) {
            if (segments[n - 1 - k] != path[depth - k]) {
                return false;
            }
        }
        return true;
    }

    /** Higher is more specific: more segments first, then anchored over not. */
    int specificity() {
        return segments.length * 2 + (anchored ? 1 : 0);
    }

    /** Lists the rules of an overrides text, one per line: {@code path action}; '#' starts a comment. */
    static List<PathRule> parseLines(List<String> lines, String source) {
        List<PathRule> out = new ArrayList<>();
        int n = 0;
        for (String raw : lines) {
            n++;
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length != 2) {
                throw new I4dwConfigurationException(source + ":" + n + ": expected 'path action', e.g. "
                        + "'StudyDescription K', got " + f.length + " fields");
            }
            try {
                out.add(parse(f[0], Action.parse(f[1])));
            } catch (I4dwConfigurationException e) {
                throw new I4dwConfigurationException(source + ":" + n + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
