/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.spi;

/**
 * The key of a series in a {@link SeriesStore}: its <em>de-identified</em> Series Instance UID
 * (the UID after the de-identifier's keyed remap, never the PACS's own). A valid DICOM UID (PS3.5
 * section 9.1: at most 64 characters, digits in dot-separated components without leading zeros),
 * which is also what makes it safe as a folder name and in logs.
 *
 * @param seriesInstanceUid the de-identified Series Instance UID
 */
public record SeriesKey(String seriesInstanceUid) implements Comparable<SeriesKey> {

    /**
     * Checks the UID.
     *
     * @throws IllegalArgumentException if it is not a valid DICOM UID (the message shows it)
     */
    public SeriesKey {
        UidSyntax.check(seriesInstanceUid, "series key");
    }

    /**
     * The key of the series with this de-identified Series Instance UID.
     *
     * @param seriesInstanceUid the de-identified UID
     * @return the key
     * @throws IllegalArgumentException if it is not a valid DICOM UID
     */
    public static SeriesKey of(String seriesInstanceUid) {
        return new SeriesKey(seriesInstanceUid);
    }

    /** Orders keys by their UID text. */
    @Override
    public int compareTo(SeriesKey other) {
        return seriesInstanceUid.compareTo(other.seriesInstanceUid);
    }

    /** The UID (de-identified, safe to show). */
    @Override
    public String toString() {
        return seriesInstanceUid;
    }
}
