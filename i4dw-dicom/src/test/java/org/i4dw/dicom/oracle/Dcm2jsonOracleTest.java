/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.dicom.oracle;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.i4dw.api.DicomParseException;
import org.i4dw.dicom.io.DicomFile;
import org.i4dw.dicom.io.DicomReader;
import org.i4dw.dicom.io.ReadOptions;
import org.i4dw.dicom.json.BulkDataMode;
import org.i4dw.dicom.json.DicomJsonWriter;
import org.i4dw.testkit.Json;
import org.i4dw.testkit.SampleCorpus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The parsing oracle: for every file of the sample corpus ({@code ../shared/dicom-samples}, or
 * {@code I4DW_SAMPLES}), what {@code i4dw dump} prints (our reader, then our DICOM JSON writer)
 * must equal what dcmtk's {@code dcm2json} prints, after the normalization described in
 * {@code src/test/resources/oracle/README.md}. Where dcm2json cannot convert a file's character set
 * (ISO 2022 IR 87/159 and others iconv lacks) or refuses to write compressed pixel data as JSON,
 * pydicom's {@code to_json} is the oracle.
 *
 * <p>Every remaining difference must be listed, with its reason, in
 * {@code oracle/known-divergences.tsv}; a listed divergence that no file shows any more fails the
 * last test, so the list stays true.
 */
class Dcm2jsonOracleTest {

    private static final Set<String> BULK_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "UN");
    private static final Set<String> UNTRIMMED_LEADING = Set.of("LT", "ST", "UT", "UR", "UC");
    private static final String PYDICOM = "import sys, pydicom\n"
            + "ds = pydicom.dcmread(sys.argv[1], force=True)\n"
            + "sys.stdout.write(ds.to_json(bulk_data_threshold=1e12))\n";

    private final Divergences divergences = Divergences.load();
    private final DicomJsonWriter writer = DicomJsonWriter.builder().bulkData(BulkDataMode.OMIT).build();

    @TestFactory
    Stream<DynamicTest> everySampleFileDumpsAsTheOracleDoes() {
        SampleCorpus corpus = SampleCorpus.locate();
        List<Path> files = SampleCorpus.candidates(corpus.root()).stream()
                .filter(p -> !p.getFileName().toString().endsWith(".md"))
                .collect(Collectors.toList());
        assertTrue(files.size() > 0, "no files in " + corpus.root());
        Stream<DynamicTest> perFile = files.stream().map(f -> {
            String rel = corpus.root().relativize(f).toString();
            return DynamicTest.dynamicTest(rel, () -> check(f, rel));
        });
        Stream<DynamicTest> stale = Stream.of(DynamicTest.dynamicTest("every known divergence is still seen", () -> {
            List<String> unused = divergences.unused();
            if (!unused.isEmpty()) {
                fail("known-divergences.tsv lists divergences no file shows any more; remove them:\n  "
                        + String.join("\n  ", unused));
            }
        }));
        return Stream.concat(perFile, stale);
    }

    private void check(Path file, String rel) throws Exception {
        Oracle theirs = oracle(file);
        String ours;
        try {
            DicomFile df = DicomReader.read(file, ReadOptions.builder().bulkDataThreshold(Integer.MAX_VALUE).build());
            ours = writer.toJson(df.dataset());
        } catch (DicomParseException e) {
            if (theirs.json == null) {
                return; // both refuse the file: consistent
            }
            if (!divergences.accept(rel, "", "refused-by-us")) {
                fail(rel + ": we refuse a file " + theirs.tool + " reads: " + e.getMessage());
            }
            return;
        }
        if (theirs.json == null) {
            if (!divergences.accept(rel, "", "refused-by-oracle")) {
                fail(rel + ": we read a file the oracle refuses (" + theirs.error + "); list it with its reason");
            }
            return;
        }
        List<Diff> diffs = new ArrayList<>();
        Object a = normalizeDataset(Json.parse(ours));
        Object b = normalizeDataset(Json.parse(theirs.json));
        compare("", a, b, diffs);
        List<String> unexplained = new ArrayList<>();
        for (Diff d : diffs) {
            if (!divergences.accept(rel, d.path, d.kind)) {
                unexplained.add(d.toString());
            }
        }
        if (!unexplained.isEmpty()) {
            fail(rel + ": " + unexplained.size() + " differences from " + theirs.tool + " not in known-divergences.tsv:\n  "
                    + String.join("\n  ", unexplained.subList(0, Math.min(30, unexplained.size()))));
        }
    }

    // ------------------------------------------------------------------ oracles

    private record Oracle(String tool, String json, String error) {
    }

    private static Oracle oracle(Path file) throws IOException, InterruptedException {
        Run r = run(List.of("dcm2json", "-fc", file.toString()));
        if (r.exit == 0) {
            return new Oracle("dcm2json", r.out, null);
        }
        if (r.err.contains("character encoding") || r.err.contains("is not supported")
                || r.err.contains("not supported for compressed pixel data")) {
            Run p = run(List.of("/usr/bin/python3", "-c", PYDICOM, file.toString()));
            if (p.exit == 0) {
                return new Oracle("pydicom", p.out, null);
            }
            return new Oracle("pydicom", null, firstLine(p.err));
        }
        return new Oracle("dcm2json", null, firstLine(r.err));
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " is not installed: run ./i4dw setup "
                    + "(apt-get install -y dcmtk python3-pydicom)", e);
        }
        p.getOutputStream().close();
        byte[][] err = new byte[1][];
        Thread t = new Thread(() -> {
            try (InputStream in = p.getErrorStream()) {
                err[0] = in.readAllBytes();
            } catch (IOException e) {
                err[0] = new byte[0];
            }
        });
        t.start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish in 120 s");
        }
        t.join();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err[0], StandardCharsets.UTF_8));
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    // ------------------------------------------------------------------ normalization (see oracle/README.md)

    @SuppressWarnings("unchecked")
    private static Map<String, Object> normalizeDataset(Object json) {
        Map<String, Object> in = (Map<String, Object>) json;
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, Object> e : in.entrySet()) {
            String tag = e.getKey().toUpperCase(Locale.ROOT);
            if (tag.startsWith("0002")) {
                continue; // file meta information: the oracles differ in whether they print it
            }
            if (tag.endsWith("0000")) {
                continue; // group lengths: PS3.18 F.2.2 leaves them out (dcm2json does; pydicom does not)
            }
            out.put(tag, normalizeAttribute((Map<String, Object>) e.getValue()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> normalizeAttribute(Map<String, Object> attr) {
        Map<String, Object> out = new TreeMap<>();
        String vr = (String) attr.get("vr");
        out.put("vr", vr);
        if (BULK_VRS.contains(vr)) {
            return out; // bulk data left out
        }
        Object value = attr.get("Value");
        if (!(value instanceof List)) {
            return out;
        }
        List<Object> values = new ArrayList<>();
        boolean any = false;
        for (Object v : (List<Object>) value) {
            Object n;
            if ("SQ".equals(vr)) {
                n = v == null ? Map.of() : normalizeDataset(v);
                any = true;
            } else {
                n = normalizeValue(vr, v);
                any |= n != null;
            }
            values.add(n);
        }
        while (!values.isEmpty() && values.get(values.size() - 1) == null && !"SQ".equals(vr)) {
            values.remove(values.size() - 1);
        }
        if (any) {
            out.put("Value", values);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object normalizeValue(String vr, Object v) {
        if (v == null) {
            return null;
        }
        if (("FL".equals(vr) || "FD".equals(vr)) && (v instanceof BigDecimal || v instanceof String)) {
            String t = v.toString().strip();
            try {
                return "FL".equals(vr) ? Float.toString(Float.parseFloat(t))
                        : String.format(Locale.ROOT, "%.15g", Double.parseDouble(t));
            } catch (NumberFormatException e) {
                return t;
            }
        }
        if (v instanceof BigDecimal) {
            BigDecimal d = (BigDecimal) v;
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof Map) {
            Map<String, Object> pn = new TreeMap<>();
            for (Map.Entry<String, Object> g : ((Map<String, Object>) v).entrySet()) {
                String s = trim(String.valueOf(g.getValue()), false);
                while (s.endsWith("^")) {
                    s = trim(s.substring(0, s.length() - 1), false);
                }
                if (!s.isEmpty()) {
                    pn.put(g.getKey(), s);
                }
            }
            return pn.isEmpty() ? null : pn;
        }
        String s = trim(String.valueOf(v), UNTRIMMED_LEADING.contains(vr));
        if (s.isEmpty()) {
            return null;
        }
        if (("DS".equals(vr) || "IS".equals(vr)) && isNumber(s)) {
            return normalizeValue(vr, new BigDecimal(s.startsWith("+") ? s.substring(1) : s));
        }
        return s;
    }

    private static boolean isNumber(String s) {
        return s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    }

    private static String trim(String s, boolean keepLeading) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        int start = 0;
        if (!keepLeading) {
            while (start < end && s.charAt(start) == ' ') {
                start++;
            }
        }
        return s.substring(start, end);
    }

    // ------------------------------------------------------------------ comparison

    private record Diff(String path, String kind, String detail) {
        @Override
        public String toString() {
            return path + " [" + kind + "] " + detail;
        }
    }

    @SuppressWarnings("unchecked")
    private static void compare(String prefix, Object ours, Object theirs, List<Diff> diffs) {
        Map<String, Object> a = (Map<String, Object>) ours;
        Map<String, Object> b = (Map<String, Object>) theirs;
        Set<String> tags = new TreeSet<>(a.keySet());
        tags.addAll(b.keySet());
        for (String tag : tags) {
            String path = prefix.isEmpty() ? tag : prefix + "/" + tag;
            Map<String, Object> x = (Map<String, Object>) a.get(tag);
            Map<String, Object> y = (Map<String, Object>) b.get(tag);
            if (x == null) {
                diffs.add(new Diff(path, "only-oracle", "the oracle has it, we do not"));
                continue;
            }
            if (y == null) {
                diffs.add(new Diff(path, "only-ours", "we have it, the oracle does not"));
                continue;
            }
            String vx = (String) x.get("vr");
            String vy = (String) y.get("vr");
            if (!vx.equals(vy)) {
                boolean privateTag = (Integer.parseInt(tag.substring(0, 4), 16) & 1) == 1;
                diffs.add(new Diff(path, privateTag && "UN".equals(vx) ? "private-vr" : "vr",
                        "VR ours " + vx + ", oracle " + vy));
                continue;
            }
            Object ix = x.get("Value");
            Object iy = y.get("Value");
            if ("SQ".equals(vx)) {
                List<Object> lx = ix == null ? List.of() : (List<Object>) ix;
                List<Object> ly = iy == null ? List.of() : (List<Object>) iy;
                if (lx.size() != ly.size()) {
                    diffs.add(new Diff(path, "items", lx.size() + " items ours, " + ly.size() + " oracle"));
                    continue;
                }
                for (int i = 0; i < lx.size(); i++) {
                    compare(path + "[" + i + "]", lx.get(i), ly.get(i), diffs);
                }
            } else if (!java.util.Objects.equals(ix, iy)) {
                diffs.add(new Diff(path, "value", "ours " + abbreviate(ix) + ", oracle " + abbreviate(iy)));
            }
        }
    }

    private static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    // ------------------------------------------------------------------ known divergences

    /** The rows of known-divergences.tsv: file glob, path glob, kind, reason. */
    private static final class Divergences {
        private final List<String[]> rows;
        private final boolean[] used;

        private Divergences(List<String[]> rows) {
            this.rows = rows;
            this.used = new boolean[rows.size()];
        }

        static Divergences load() {
            List<String[]> rows = new ArrayList<>();
            try (InputStream in = Dcm2jsonOracleTest.class.getResourceAsStream("/oracle/known-divergences.tsv")) {
                if (in == null) {
                    throw new AssertionError("oracle/known-divergences.tsv missing from the test resources");
                }
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] cols = line.split("\t");
                    if (cols.length != 4 || cols[3].isBlank()) {
                        throw new AssertionError("known-divergences.tsv: need 4 tab-separated columns "
                                + "(file glob, path glob, kind, reason): " + line);
                    }
                    rows.add(cols);
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return new Divergences(rows);
        }

        synchronized boolean accept(String file, String path, String kind) {
            boolean ok = false;
            for (int i = 0; i < rows.size(); i++) {
                String[] r = rows.get(i);
                if (glob(r[0], file) && glob(r[1], path) && r[2].equals(kind)) {
                    used[i] = true;
                    ok = true;
                }
            }
            return ok;
        }

        synchronized List<String> unused() {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (!used[i]) {
                    out.add(String.join(" | ", rows.get(i)));
                }
            }
            return out;
        }

        private static boolean glob(String pattern, String s) {
            if ("*".equals(pattern)) {
                return true;
            }
            StringBuilder re = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                if (c == '*') {
                    re.append(".*");
                } else if (c == '?') {
                    re.append('.');
                } else {
                    re.append(java.util.regex.Pattern.quote(String.valueOf(c)));
                }
            }
            return s.matches(re.toString());
        }
    }
}
