/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit.cohort;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.i4dw.testkit.Json;
import org.i4dw.testkit.cohort.CohortManifest.Patient;
import org.i4dw.testkit.cohort.CohortManifest.Series;
import org.i4dw.testkit.cohort.CohortManifest.Sex;
import org.i4dw.testkit.cohort.CohortManifest.Study;
import org.i4dw.testkit.cohort.CohortManifest.StudyType;

/**
 * The ground-truth file: written study by study as the cohort is generated (one study per line,
 * so the file diffs well), read back with the test kit's {@link Json} parser.
 *
 * <pre>
 * {"format":"i4dw-cohort-ground-truth/1","seed":42,
 * "patients":[
 * {"patientId":"..","patientName":"FAMILY^GIVEN","birthDate":"1951-04-02","sex":"M"}
 * ],
 * "studies":[
 * {"accessionNumber":"..","patientId":"..","patientName":"..","type":"MR_PROSTATE","studyInstanceUid":"2.25..",
 *  "studyDate":"2019-03-12","studyDescription":"..","series":[{"seriesInstanceUid":"2.25..","seriesNumber":2,
 *  "modality":"MR","seriesDescription":"..","sopClassUid":"..","bodyPartExamined":"PROSTATE",
 *  "magneticFieldStrength":3,"template":"..","folder":"p00001/st01/se002","numberOfInstances":3,
 *  "sopInstanceUids":["2.25..",..]}]}
 * ]}
 * </pre>
 */
final class GroundTruthJson {

    private final Writer out;
    private boolean firstStudy = true;

    /** Writes everything before the first study. */
    GroundTruthJson(Writer out, long seed, List<Patient> patients) throws IOException {
        this.out = out;
        out.write("{\"format\":" + Json.quote(CohortManifest.FORMAT) + ",\"seed\":" + seed + ",\n\"patients\":[\n");
        for (int i = 0; i < patients.size(); i++) {
            Patient p = patients.get(i);
            out.write("{\"patientId\":" + Json.quote(p.patientId()) + ",\"patientName\":" + Json.quote(p.patientName())
                    + ",\"birthDate\":" + Json.quote(p.birthDate().toString()) + ",\"sex\":" + Json.quote(p.sex().code())
                    + "}" + (i + 1 < patients.size() ? ",\n" : "\n"));
        }
        out.write("],\n\"studies\":[\n");
    }

    /** Appends one study. */
    void study(Study s) throws IOException {
        StringBuilder sb = new StringBuilder(512 + 128 * s.series().size());
        if (!firstStudy) {
            sb.append(",\n");
        }
        firstStudy = false;
        sb.append("{\"accessionNumber\":").append(Json.quote(s.accessionNumber()))
                .append(",\"patientId\":").append(Json.quote(s.patientId()))
                .append(",\"patientName\":").append(Json.quote(s.patientName()))
                .append(",\"type\":").append(Json.quote(s.type().name()))
                .append(",\"studyInstanceUid\":").append(Json.quote(s.studyInstanceUid()))
                .append(",\"studyDate\":").append(Json.quote(s.studyDate().toString()))
                .append(",\"studyDescription\":").append(Json.quote(s.studyDescription()))
                .append(",\"series\":[");
        for (int i = 0; i < s.series().size(); i++) {
            Series r = s.series().get(i);
            sb.append(i == 0 ? "" : ",")
                    .append("{\"seriesInstanceUid\":").append(Json.quote(r.seriesInstanceUid()))
                    .append(",\"seriesNumber\":").append(r.seriesNumber())
                    .append(",\"modality\":").append(Json.quote(r.modality()))
                    .append(",\"seriesDescription\":").append(Json.quote(r.seriesDescription()))
                    .append(",\"sopClassUid\":").append(Json.quote(r.sopClassUid()))
                    .append(",\"bodyPartExamined\":").append(Json.quote(r.bodyPartExamined()));
            if (r.magneticFieldStrength().isPresent()) {
                sb.append(",\"magneticFieldStrength\":")
                        .append(BigDecimal.valueOf(r.magneticFieldStrength().getAsDouble()).stripTrailingZeros()
                                .toPlainString());
            }
            sb.append(",\"template\":").append(Json.quote(r.template()))
                    .append(",\"folder\":").append(Json.quote(r.folder()))
                    .append(",\"numberOfInstances\":").append(r.numberOfInstances())
                    .append(",\"sopInstanceUids\":[");
            for (int k = 0; k < r.sopInstanceUids().size(); k++) {
                sb.append(k == 0 ? "" : ",").append(Json.quote(r.sopInstanceUids().get(k)));
            }
            sb.append("]}");
        }
        sb.append("]}");
        out.write(sb.toString());
    }

    /** Closes the arrays and the object; the caller closes the writer. */
    void finish() throws IOException {
        out.write(firstStudy ? "]}\n" : "\n]}\n");
        out.flush();
    }

    static CohortManifest read(String text, String source) throws IOException {
        Object root = Json.parse(text);
        try {
            Map<?, ?> top = object(root, "the file");
            if (!CohortManifest.FORMAT.equals(top.get("format"))) {
                throw new IOException(source + " is not a ground-truth file of format " + CohortManifest.FORMAT
                        + " (its format member is " + describe(top.get("format")) + ")");
            }
            long seed = number(top, "seed").longValueExact();
            List<Patient> patients = new ArrayList<>();
            for (Object o : array(top, "patients")) {
                Map<?, ?> p = object(o, "a patient");
                patients.add(new Patient(string(p, "patientId"), string(p, "patientName"),
                        LocalDate.parse(string(p, "birthDate")), Sex.ofCode(string(p, "sex"))));
            }
            List<Study> studies = new ArrayList<>();
            for (Object o : array(top, "studies")) {
                Map<?, ?> s = object(o, "a study");
                List<Series> series = new ArrayList<>();
                for (Object so : array(s, "series")) {
                    Map<?, ?> r = object(so, "a series");
                    List<String> uids = new ArrayList<>();
                    for (Object u : array(r, "sopInstanceUids")) {
                        if (!(u instanceof String str)) {
                            throw new IOException(source + ": a SOP Instance UID is not a string");
                        }
                        uids.add(str);
                    }
                    int declared = number(r, "numberOfInstances").intValueExact();
                    if (declared != uids.size()) {
                        throw new IOException(source + ": series " + string(r, "seriesInstanceUid") + " declares "
                                + declared + " instances but lists " + uids.size());
                    }
                    OptionalDouble field = r.containsKey("magneticFieldStrength")
                            ? OptionalDouble.of(number(r, "magneticFieldStrength").doubleValue()) : OptionalDouble.empty();
                    series.add(new Series(string(r, "seriesInstanceUid"), number(r, "seriesNumber").intValueExact(),
                            string(r, "modality"), string(r, "seriesDescription"), string(r, "sopClassUid"),
                            string(r, "bodyPartExamined"), field, string(r, "template"), string(r, "folder"), uids));
                }
                studies.add(new Study(string(s, "accessionNumber"), string(s, "patientId"), string(s, "patientName"),
                        StudyType.valueOf(string(s, "type")), string(s, "studyInstanceUid"),
                        LocalDate.parse(string(s, "studyDate")), string(s, "studyDescription"), series));
            }
            return new CohortManifest(seed, patients, studies);
        } catch (IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
            throw new IOException(source + " is not a valid ground-truth file: " + e.getMessage(), e);
        }
    }

    private static Map<?, ?> object(Object o, String what) {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException(what + " is not a JSON object");
    }

    private static List<?> array(Map<?, ?> m, String key) {
        if (m.get(key) instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException("member '" + key + "' is missing or not an array");
    }

    private static String string(Map<?, ?> m, String key) {
        if (m.get(key) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("member '" + key + "' is missing or not a string");
    }

    private static BigDecimal number(Map<?, ?> m, String key) {
        if (m.get(key) instanceof BigDecimal d) {
            return d;
        }
        throw new IllegalArgumentException("member '" + key + "' is missing or not a number");
    }

    private static String describe(Object o) {
        return o instanceof String s ? Json.quote(s) : "missing or not a string";
    }
}
