/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.api.QueryLevel;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;

/**
 * What to retrieve with C-GET or C-MOVE (PS3.4 C.4.2 and C.4.3): the information model, the level
 * and the unique keys down to that level. Immutable; built with {@link #builder()}, which checks
 * each key when it is set and the combination in {@link Builder#build()}.
 *
 * <pre>{@code
 * RetrieveRequest series = RetrieveRequest.builder()
 *         .level(QueryLevel.SERIES)
 *         .studyInstanceUid(study)
 *         .seriesInstanceUid(seriesUid)
 *         .build();
 * }</pre>
 */
public final class RetrieveRequest {

    /**
     * What a UID key may hold. PACS do hold UIDs that break PS3.5 9.1 (letters, hashes, leading
     * zeros), and the identifiers they give back must be usable as keys: 1 to 64 printable ASCII
     * characters, no backslash (the value delimiter), no wildcard.
     */
    private static final Pattern UID = Pattern.compile("[!-\\[\\]-~&&[^*?]]{1,64}");

    private final QueryModel model;
    private final QueryLevel level;
    private final String patientId;
    private final String studyInstanceUid;
    private final String seriesInstanceUid;
    private final List<String> sopInstanceUids;

    private RetrieveRequest(Builder b) {
        this.model = b.model;
        this.level = b.level;
        this.patientId = b.patientId;
        this.studyInstanceUid = b.studyInstanceUid;
        this.seriesInstanceUid = b.seriesInstanceUid;
        this.sopInstanceUids = List.copyOf(b.sopInstanceUids);
    }

    /**
     * A builder: Study Root, level STUDY, no keys yet.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A Study Root request for one study, or one series of it when {@code seriesInstanceUid} is not null.
     *
     * @param studyInstanceUid the study
     * @param seriesInstanceUid the series, or null for the whole study
     * @return the request
     * @throws I4dwConfigurationException if a UID is not a valid UID
     */
    public static RetrieveRequest studyOrSeries(String studyInstanceUid, String seriesInstanceUid) {
        Builder b = builder().studyInstanceUid(studyInstanceUid);
        if (seriesInstanceUid != null) {
            b.level(QueryLevel.SERIES).seriesInstanceUid(seriesInstanceUid);
        }
        return b.build();
    }

    /**
     * The information model.
     *
     * @return the model
     */
    public QueryModel model() {
        return model;
    }

    /**
     * The retrieve level.
     *
     * @return the level
     */
    public QueryLevel level() {
        return level;
    }

    /**
     * The Patient ID key (Patient Root), or null.
     *
     * @return the key or null
     */
    public String patientId() {
        return patientId;
    }

    /**
     * The Study Instance UID key, or null at PATIENT level.
     *
     * @return the UID or null
     */
    public String studyInstanceUid() {
        return studyInstanceUid;
    }

    /**
     * The Series Instance UID key, or null above SERIES level.
     *
     * @return the UID or null
     */
    public String seriesInstanceUid() {
        return seriesInstanceUid;
    }

    /**
     * The SOP Instance UID keys (IMAGE level), empty above it.
     *
     * @return the UIDs
     */
    public List<String> sopInstanceUids() {
        return sopInstanceUids;
    }

    /** The identifier sent with the C-GET-RQ or C-MOVE-RQ. */
    DicomObject identifier() {
        DicomObject.Builder b = DicomObject.builder().set(Tag.QueryRetrieveLevel, VR.CS, level.name());
        if (patientId != null) {
            b.set(Tag.PatientID, VR.LO, patientId);
        }
        if (studyInstanceUid != null) {
            b.set(Tag.StudyInstanceUID, VR.UI, studyInstanceUid);
        }
        if (seriesInstanceUid != null) {
            b.set(Tag.SeriesInstanceUID, VR.UI, seriesInstanceUid);
        }
        if (!sopInstanceUids.isEmpty()) {
            b.set(Tag.SOPInstanceUID, VR.UI, sopInstanceUids.toArray(new String[0]));
        }
        return b.build();
    }

    /** QueryLevel and model only: the keys are UIDs that logs need not carry. */
    @Override
    public String toString() {
        return "RetrieveRequest[" + model + ", " + level + (sopInstanceUids.isEmpty() ? ""
                : ", " + sopInstanceUids.size() + " instance(s)") + "]";
    }

    /** Builds a {@link RetrieveRequest}; each setter checks its value. */
    public static final class Builder {
        private QueryModel model = QueryModel.STUDY_ROOT;
        private QueryLevel level = QueryLevel.STUDY;
        private String patientId;
        private String studyInstanceUid;
        private String seriesInstanceUid;
        private List<String> sopInstanceUids = List.of();

        private Builder() {
        }

        /**
         * The information model (default Study Root).
         *
         * @param model the model
         * @return this builder
         */
        public Builder model(QueryModel model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * The level (default STUDY).
         *
         * @param level the level
         * @return this builder
         */
        public Builder level(QueryLevel level) {
            this.level = Objects.requireNonNull(level, "level");
            return this;
        }

        /**
         * The Patient ID (Patient Root only).
         *
         * @param patientId a non-blank ID of at most 64 characters
         * @return this builder
         * @throws I4dwConfigurationException if blank or too long (the value is not repeated: it
         *     identifies a patient)
         */
        public Builder patientId(String patientId) {
            Objects.requireNonNull(patientId, "patientId");
            if (patientId.isBlank() || patientId.length() > 64 || patientId.contains("\\")) {
                throw new I4dwConfigurationException("Patient ID must be 1 to 64 characters without a backslash"
                        + " (" + patientId.length() + " characters given)");
            }
            this.patientId = patientId;
            return this;
        }

        /**
         * The Study Instance UID.
         *
         * @param uid a UID
         * @return this builder
         * @throws I4dwConfigurationException if it is not a valid UID
         */
        public Builder studyInstanceUid(String uid) {
            this.studyInstanceUid = uid("Study Instance UID", uid);
            return this;
        }

        /**
         * The Series Instance UID.
         *
         * @param uid a UID
         * @return this builder
         * @throws I4dwConfigurationException if it is not a valid UID
         */
        public Builder seriesInstanceUid(String uid) {
            this.seriesInstanceUid = uid("Series Instance UID", uid);
            return this;
        }

        /**
         * The SOP Instance UIDs (IMAGE level).
         *
         * @param uids one or more UIDs
         * @return this builder
         * @throws I4dwConfigurationException if the list is empty or holds an invalid UID
         */
        public Builder sopInstanceUids(List<String> uids) {
            Objects.requireNonNull(uids, "uids");
            if (uids.isEmpty()) {
                throw new I4dwConfigurationException("the SOP Instance UID list is empty");
            }
            for (String u : uids) {
                uid("SOP Instance UID", u);
            }
            this.sopInstanceUids = List.copyOf(uids);
            return this;
        }

        /**
         * Checks the combination: each level needs the unique keys of the levels above it and of
         * its own (PS3.4 C.4.2.2.1), Patient ID only in Patient Root, PATIENT level only in Patient
         * Root.
         *
         * @return the request
         * @throws I4dwConfigurationException if a key is missing or out of place
         */
        public RetrieveRequest build() {
            if (model == QueryModel.STUDY_ROOT && (level == QueryLevel.PATIENT || patientId != null)) {
                throw new I4dwConfigurationException("Study Root has no PATIENT level and no Patient ID key; use "
                        + "PATIENT_ROOT (level " + level + ")");
            }
            if (model == QueryModel.PATIENT_ROOT && patientId == null) {
                throw new I4dwConfigurationException("Patient Root needs a Patient ID (level " + level + ")");
            }
            int depth = level.ordinal();
            require(depth >= QueryLevel.STUDY.ordinal(), studyInstanceUid, "Study Instance UID");
            require(depth >= QueryLevel.SERIES.ordinal(), seriesInstanceUid, "Series Instance UID");
            require(depth >= QueryLevel.IMAGE.ordinal(), sopInstanceUids.isEmpty() ? null : "", "SOP Instance UID");
            return new RetrieveRequest(this);
        }

        private void require(boolean needed, String value, String name) {
            if (needed && value == null) {
                throw new I4dwConfigurationException("a " + level + " level retrieve needs a " + name);
            }
            if (!needed && value != null) {
                throw new I4dwConfigurationException("a " + level + " level retrieve takes no " + name
                        + " key; use a lower level");
            }
        }

        private static String uid(String name, String uid) {
            Objects.requireNonNull(uid, name);
            if (!UID.matcher(uid).matches()) {
                throw new I4dwConfigurationException(name + " '" + uid + "' cannot be a key: a UID has 1 to 64 "
                        + "printable characters, no backslash, space or wildcard");
            }
            return uid;
        }
    }
}
