/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.terminology;

import org.i4dw.api.terminology.MutableTerminology;
import org.i4dw.api.terminology.NodeType;
import org.i4dw.api.terminology.Terminology;
import org.i4dw.api.terminology.TerminologyBuilder;
import org.i4dw.api.terminology.TerminologySettings;
import org.i4dw.data.Code;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;

/**
 * Walks DICOM objects ({@link DcmehopWalk} says which nodes an object has) into a
 * {@link MutableTerminology}: each node met is observed for the object's patient and document;
 * CS values, codes and the values of text index fields go into value sets, numbers into ranges,
 * SR units into unit sets. An SR document in which the views keep nothing adds nothing, not even
 * its keys.
 */
final class DcmehopBuilder extends DcmehopWalk<MutableTerminology.Node> implements TerminologyBuilder {

    private final MutableTerminology terminology;
    private final TagInfo.Local tagInfo;
    private String patientKey;
    private String documentKey;
    private int patient;
    private int doc;

    /** A builder with its own code memos. */
    DcmehopBuilder(TerminologySettings settings) {
        this(settings, CodeMemo.perThread());
    }

    /** A builder that decodes code items through {@code memos}, shared with the provider's indexers. */
    DcmehopBuilder(TerminologySettings settings, ThreadLocal<CodeMemo> memos) {
        super(new View(settings), memos);
        this.terminology = new MutableTerminology(settings);
        this.tagInfo = new TagInfo.Local(settings);
    }

    @Override
    public TerminologyBuilder add(String patientKey, String documentKey, DicomObject object) {
        requireKey(patientKey, "patientKey");
        requireKey(documentKey, "documentKey");
        if (object == null) {
            throw new IllegalArgumentException("object must not be null");
        }
        this.patientKey = patientKey;
        this.documentKey = documentKey;
        this.patient = -1;
        walk(object);
        return this;
    }

    @Override
    public Terminology build() {
        return terminology.snapshot();
    }

    private static void requireKey(String key, String name) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** Interns the keys of the object being added, once its first node is met. */
    private void ids() {
        if (patient < 0) {
            patient = terminology.patientId(patientKey);
            doc = terminology.documentId(documentKey);
        }
    }

    @Override
    TagInfo info(int tag) {
        return tagInfo.get(tag);
    }

    @Override
    MutableTerminology.Node titleNode(Code t) {
        ids();
        return terminology.root(MutableTerminology.conceptCode(null, t.scheme(), t.value()), t.meaning(),
                NodeType.CONTAINER).concept(t.scheme(), t.value()).observe(patient, doc);
    }

    @Override
    MutableTerminology.Node topNode(String code, String label) {
        ids();
        return terminology.root(code, label, NodeType.CONTAINER).observe(patient, doc);
    }

    @Override
    MutableTerminology.Node tagNode(MutableTerminology.Node parent, int tag, TagInfo info, NodeType type) {
        MutableTerminology.Node n = parent.tagChild(tag, info.label, type).observe(patient, doc);
        if (info.indexed) {
            n.textIndexed();
        }
        return n;
    }

    @Override
    MutableTerminology.Node privateNode(MutableTerminology.Node parent, String code, String label, NodeType type) {
        return parent.child(code, label, type).observe(patient, doc);
    }

    @Override
    MutableTerminology.Node conceptNode(MutableTerminology.Node parent, Code c, NodeType type) {
        return parent.conceptChild(c.scheme(), c.value(), c.meaning(), type).concept(c.scheme(), c.value())
                .observe(patient, doc);
    }

    @Override
    String code(MutableTerminology.Node node) {
        return node.code();
    }

    @Override
    void values(MutableTerminology.Node n, NodeType type, boolean indexed, DicomElement e) {
        if (type == NodeType.CODE || indexed) {
            for (String v : e.strings()) {
                n.value(v, doc);
            }
        } else if (type == NodeType.NUMBER) {
            for (String v : e.strings()) {
                n.number(Decimals.parseDouble(v));
            }
        }
    }

    @Override
    void codedValue(MutableTerminology.Node n, Code c, int index) {
        n.codedValue(c.scheme(), c.value(), c.meaning(), doc);
    }

    @Override
    void numeric(MutableTerminology.Node n, String value, String unit) {
        if (value != null) {
            n.number(Decimals.parseDouble(value));
        }
        n.unit(unit);
    }

    @Override
    void itemValue(MutableTerminology.Node n, NodeType type, DicomObject item) {
        // the terminology keeps no value set for these types
    }
}
