/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.api.pivot;

/** What a pivot document describes. */
public enum DocumentType {
    /** A series of images or other non-SR objects, described by the header of one instance (or its C-FIND attributes). */
    IMAGE_SERIES("image-series"),
    /** A Structured Report series (Modality SR, or an SR SOP class), described by its content tree. */
    STRUCTURED_REPORT("structured-report");

    private final String xmlName;

    DocumentType(String xmlName) {
        this.xmlName = xmlName;
    }

    /**
     * The name used in serialized documents.
     *
     * @return e.g. {@code image-series}
     */
    public String xmlName() {
        return xmlName;
    }

    /**
     * The type for a serialized name.
     *
     * @param name e.g. {@code structured-report}
     * @return the type
     * @throws IllegalArgumentException if no type has that name
     */
    public static DocumentType ofXmlName(String name) {
        for (DocumentType t : values()) {
            if (t.xmlName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no pivot document type is named '" + name + "'");
    }
}
