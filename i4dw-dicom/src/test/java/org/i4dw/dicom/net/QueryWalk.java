/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.i4dw.api.QueryLevel;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;

/**
 * Walks a PACS's hierarchy with {@link DimseClient#find} (patient, study, series, image) and checks
 * every query against findscu's answer to the same keys.
 */
final class QueryWalk {

    final Set<String> patients = new HashSet<>();
    final Set<String> studies = new HashSet<>();
    final Set<String> series = new HashSet<>();
    final Set<String> instances = new HashSet<>();
    int queries;

    private final DimseClient client;
    private final QueryModel model;
    private final Path tmp;

    private QueryWalk(DimseClient client, QueryModel model, Path tmp) {
        this.client = client;
        this.model = model;
        this.tmp = tmp;
    }

    static QueryWalk walk(DimseClient client, QueryModel model, Path tmp) throws IOException, InterruptedException {
        QueryWalk w = new QueryWalk(client, model, tmp);
        if (model == QueryModel.PATIENT_ROOT) {
            for (DicomObject p : w.query(QueryLevel.PATIENT, DicomObject.EMPTY)) {
                String pid = p.string(Tag.PatientID).orElseThrow();
                w.patients.add(pid);
                w.studies(DicomObject.builder().set(Tag.PatientID, VR.LO, pid).build());
            }
        } else {
            w.studies(DicomObject.EMPTY);
        }
        return w;
    }

    private void studies(DicomObject parent) throws IOException, InterruptedException {
        for (DicomObject st : query(QueryLevel.STUDY, parent)) {
            String uid = st.string(Tag.StudyInstanceUID).orElseThrow();
            studies.add(uid);
            DicomObject keys = parent.toBuilder().set(Tag.StudyInstanceUID, VR.UI, uid).build();
            for (DicomObject se : query(QueryLevel.SERIES, keys)) {
                String seUid = se.string(Tag.SeriesInstanceUID).orElseThrow();
                series.add(seUid);
                DicomObject imageKeys = keys.toBuilder().set(Tag.SeriesInstanceUID, VR.UI, seUid).build();
                for (DicomObject im : query(QueryLevel.IMAGE, imageKeys)) {
                    instances.add(im.string(Tag.SOPInstanceUID).orElseThrow());
                }
            }
        }
    }

    /** Our C-FIND and findscu's, same keys plus the level's unique key as return key; same answers. */
    private List<DicomObject> query(QueryLevel level, DicomObject parent) throws IOException, InterruptedException {
        DicomObject keys = parent.toBuilder().setEmpty(level.uniqueKey(), level == QueryLevel.PATIENT ? VR.LO : VR.UI)
                .build();
        List<DicomObject> ours = new ArrayList<>();
        FindResult r = client.find(model, level, keys, ours::add);
        assertEquals(ours.size(), r.results());
        assertFalse(r.cancelled());
        assertFalse(r.status().isFailure());
        List<String> args = new ArrayList<>();
        for (var e : parent) {
            args.add(Tag.toString(e.tagValue()).replaceAll("[()]", "") + "=" + parent.string(Tag.of(e.tagValue())).orElse(""));
        }
        args.add(Tag.toString(level.uniqueKey().value()).replaceAll("[()]", ""));
        List<DicomObject> theirs = Findscu.find(client.pacs().aeTitle().value(), client.pacs().port(), model, level,
                tmp.resolve("q" + (queries++)), args.toArray(String[]::new));
        assertEquals(uids(theirs, level), uids(ours, level), () -> model + " " + level + " differs from findscu");
        for (DicomObject o : ours) {
            assertEquals(level.value(), o.string(Tag.QueryRetrieveLevel).orElse(level.value()));
        }
        return ours;
    }

    private static Set<String> uids(List<DicomObject> results, QueryLevel level) {
        Set<String> s = new HashSet<>();
        for (DicomObject o : results) {
            s.add(o.string(level.uniqueKey()).orElse(""));
        }
        assertEquals(results.size(), s.size(), "duplicate matches");
        return s;
    }
}
