/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit.deid;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;

/** Walks an original and its de-identified version side by side. */
final class Walk {

    /** Sees one attribute of the original and the attribute of the same tag in the paired output item, if any. */
    interface Visitor {
        void visit(AttributePath path, DicomElement original, DicomElement deidentified);
    }

    private Walk() {
    }

    /**
     * Visits every non-sequence attribute of the original at every depth, with the output's
     * attribute of the same tag in the paired item (null when absent). Items of a sequence are
     * paired by position, and only when both sides have as many: when the de-identifier dropped
     * some, positions no longer tell which item became which, and that subtree is not visited.
     */
    static void paired(DicomObject original, DicomObject deidentified, Visitor visitor) {
        paired(original, deidentified, null, 0, visitor);
    }

    private static void paired(DicomObject o, DicomObject d, AttributePath parent, int item, Visitor visitor) {
        for (DicomElement e : o) {
            AttributePath path = parent == null ? AttributePath.top(e.tagValue()) : parent.child(item, e.tagValue());
            Optional<DicomElement> out = d.element(e.tag());
            if (e.vr() == VR.SQ) {
                List<DicomObject> in = e.items();
                List<DicomObject> outItems = out.map(DicomElement::items).orElse(List.of());
                if (in.size() == outItems.size()) {
                    for (int i = 0; i < in.size(); i++) {
                        paired(in.get(i), outItems.get(i), path, i, visitor);
                    }
                }
            } else {
                visitor.visit(path, e, out.orElse(null));
            }
        }
    }

    /** Visits every attribute of an object at every depth. */
    static void all(DicomObject obj, AttributePath parent, int item, BiConsumer<AttributePath, DicomElement> visitor) {
        for (DicomElement e : obj) {
            AttributePath path = parent == null ? AttributePath.top(e.tagValue()) : parent.child(item, e.tagValue());
            if (e.vr() == VR.SQ) {
                List<DicomObject> items = e.items();
                for (int i = 0; i < items.size(); i++) {
                    all(items.get(i), path, i, visitor);
                }
            } else {
                visitor.accept(path, e);
            }
        }
    }

    /** True if the element has a zero-length value (a sequence: no item). */
    static boolean isEmpty(DicomElement e) {
        return e.vr() == VR.SQ ? e.items().isEmpty() : e.kind() == DicomElement.ValueKind.EMPTY;
    }

    /** True if both hold the same value: text compared as decoded, trimmed values, binary byte by byte. */
    static boolean sameValue(DicomElement a, DicomElement b) {
        if (a.vr() == VR.SQ || b.vr() == VR.SQ) {
            return a.vr() == b.vr() && a.items().size() == b.items().size();
        }
        if (a.vr().isText() && b.vr().isText()) {
            return a.strings().equals(b.strings());
        }
        Tag t = a.tag();
        DicomObject x = DicomObject.builder().set(a).build();
        DicomObject y = DicomObject.builder().set(b).build();
        return x.element(t).isPresent() && x.equals(y);
    }
}
