/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.io;

/**
 * How {@link DicomReader} reads: header only or whole, where bulk data goes, and the limits that
 * keep hostile input from exhausting the machine. Immutable; built with {@link #builder()}.
 */
public final class ReadOptions {

    /** Sequences nested deeper than this are refused by default (PS3 sets no limit; real files stay below 10). */
    public static final int DEFAULT_MAX_DEPTH = 64;

    /** Values longer than this many bytes are kept as file references by default when reading a file. */
    public static final int DEFAULT_BULK_DATA_THRESHOLD = 64 * 1024;

    private static final ReadOptions DEFAULTS = builder().build();

    private final boolean headerOnly;
    private final int bulkDataThreshold;
    private final int maxDepth;

    private ReadOptions(Builder b) {
        this.headerOnly = b.headerOnly;
        this.bulkDataThreshold = b.bulkDataThreshold;
        this.maxDepth = b.maxDepth;
    }

    /** A builder with the defaults: whole file, 64 KiB bulk threshold, depth 64. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults. */
    public static ReadOptions defaults() {
        return DEFAULTS;
    }

    /** True to stop before (7FE0,0010) Pixel Data (at any depth of the top level) and never read its bytes. */
    public boolean headerOnly() {
        return headerOnly;
    }

    /**
     * Values of bulk VRs (OB, OW, OF, OD, OL, OV, UN) and pixel data fragments longer than this
     * are held as {@link org.i4dw.data.BulkData} file references when the source is a file, so
     * they are not read into memory; from a stream they are read into memory as bulk data.
     */
    public int bulkDataThreshold() {
        return bulkDataThreshold;
    }

    /** The deepest sequence nesting accepted; deeper input is a {@link org.i4dw.api.DicomParseException}. */
    public int maxDepth() {
        return maxDepth;
    }

    /** A builder with this object's settings. */
    public Builder toBuilder() {
        return new Builder().headerOnly(headerOnly).bulkDataThreshold(bulkDataThreshold).maxDepth(maxDepth);
    }

    @Override
    public String toString() {
        return "ReadOptions[headerOnly=" + headerOnly + ", bulkDataThreshold=" + bulkDataThreshold
                + ", maxDepth=" + maxDepth + "]";
    }

    /** Builds {@link ReadOptions}; each setter checks its value at once. */
    public static final class Builder {

        private boolean headerOnly;
        private int bulkDataThreshold = DEFAULT_BULK_DATA_THRESHOLD;
        private int maxDepth = DEFAULT_MAX_DEPTH;

        private Builder() {
        }

        /** Stop before Pixel Data (default false). */
        public Builder headerOnly(boolean headerOnly) {
            this.headerOnly = headerOnly;
            return this;
        }

        /**
         * The bulk data threshold in bytes (default 64 KiB); {@link Integer#MAX_VALUE} keeps every
         * value in memory.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder bulkDataThreshold(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("bulkDataThreshold must be >= 0, got " + bytes);
            }
            this.bulkDataThreshold = bytes;
            return this;
        }

        /**
         * The maximum sequence nesting depth (default 64).
         *
         * @throws IllegalArgumentException if less than 1
         */
        public Builder maxDepth(int depth) {
            if (depth < 1) {
                throw new IllegalArgumentException("maxDepth must be >= 1, got " + depth);
            }
            this.maxDepth = depth;
            return this;
        }

        /** The immutable options. */
        public ReadOptions build() {
            return new ReadOptions(this);
        }
    }
}
