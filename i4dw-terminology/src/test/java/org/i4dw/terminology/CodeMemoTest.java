/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.terminology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.i4dw.data.Code;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.junit.jupiter.api.Test;

class CodeMemoTest {

    private static DicomObject codeItem(String value, String scheme, String meaning) {
        return DicomObject.builder()
                .set(Tag.CodeValue, VR.SH, value)
                .set(Tag.CodingSchemeDesignator, VR.SH, scheme)
                .set(Tag.CodeMeaning, VR.LO, meaning)
                .build();
    }

    @Test
    void givesWhatCodeOfGivesAndDecodesAnItemOncePerObject() {
        DicomObject header = DicomObject.builder().set(Tag.Modality, VR.CS, "SR").build();
        CodeMemo memo = new CodeMemo();
        memo.begin(header);
        List<DicomObject> items = new ArrayList<>();
        for (int k = 0; k < 1_000; k++) {
            items.add(codeItem("C" + k, k % 2 == 0 ? "DCM" : "SCT", "meaning " + k));
        }
        items.add(DicomObject.builder().set(Tag.CodeMeaning, VR.LO, "no value").build());
        List<Optional<Code>> first = new ArrayList<>();
        for (DicomObject i : items) {
            Optional<Code> c = memo.code(i);
            assertEquals(Code.of(i), c);
            first.add(c);
        }
        memo.begin(header);
        for (int k = 0; k < items.size(); k++) {
            assertSame(first.get(k), memo.code(items.get(k)), "item " + k + " decoded again");
        }
    }

    @Test
    void forgetsTheItemsOfTheObjectWalkedBefore() {
        DicomObject item = codeItem("113704", "DCM", "Projection X-Ray");
        CodeMemo memo = new CodeMemo();
        memo.begin(DicomObject.builder().set(Tag.Modality, VR.CS, "SR").build());
        Optional<Code> before = memo.code(item);
        memo.begin(DicomObject.builder().set(Tag.Modality, VR.CS, "SR").build());
        Optional<Code> after = memo.code(item);
        assertEquals(before, after);
        assertNotSame(before, after);
    }

    @Test
    void codeOfASequenceIsThatOfItsFirstItem() {
        DicomObject first = codeItem("121058", "DCM", "Procedure reported");
        DicomObject o = DicomObject.builder()
                .setSequence(Tag.ConceptNameCodeSequence, List.of(first, codeItem("X", "99X", "other")))
                .build();
        CodeMemo memo = new CodeMemo();
        memo.begin(o);
        assertEquals(o.code(Tag.ConceptNameCodeSequence), memo.code(o, Tag.ConceptNameCodeSequence));
        assertEquals(Optional.empty(), memo.code(o, Tag.ContentSequence));
    }
}
