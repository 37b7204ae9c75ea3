/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.deid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;
import org.i4dw.spi.DeidentifierProvider;
import org.i4dw.spi.DeidentifierSpec;
import org.i4dw.spi.ObjectDeidentifier;
import org.i4dw.spi.ProviderRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key handling, profiles, overrides and their conflict rule, and the provider. */
class ConfigurationTest {

    @Test
    void aProfileThatNeedsTheKeyRefusesToBuildWithoutIt() {
        for (DeidProfile p : List.of(DeidProfile.basic(), DeidProfile.i4dwDefault(),
                DeidProfile.basicWith(DeidProfile.Option.RETAIN_UIDS))) {
            I4dwConfigurationException e = assertThrows(I4dwConfigurationException.class,
                    () -> Deidentifier.builder(p).build());
            assertTrue(e.getMessage().contains("needs a secret key"), e.getMessage());
        }
    }

    @Test
    void aProfileWithoutKeyedActionsBuildsWithoutKey() {
        Deidentifier d = Deidentifier.builder(DeidProfile.basicWith(DeidProfile.Option.RETAIN_UIDS))
                .override("PatientName", Action.ZERO).override("PatientID", Action.ZERO).override("UID", Action.REMOVE)
                .override("ContentSequence", Action.REMOVE)
                .override("DigitalSignatureUID", Action.REMOVE).build();
        DicomObject out = d.deidentify(DicomObject.builder().set(Tag.PatientName, VR.PN, "Doe^John")
                .set(Tag.StudyInstanceUID, VR.UI, "1.2.3").build());
        assertTrue(out.string(Tag.PatientName).isEmpty());
        assertEquals("1.2.3", out.string(Tag.StudyInstanceUID).orElseThrow());
    }

    @Test
    void theKeyIsNeverShown(@TempDir Path dir) throws IOException {
        Deidentifier.Builder b = Deidentifier.builder(DeidProfile.basic()).key(Samples.KEY);
        Deidentifier d = b.build();
        String hex = HexFormat.of().formatHex(Samples.KEY);
        String text = new String(Samples.KEY, StandardCharsets.US_ASCII);
        DeidentifierSpec spec = DeidentifierSpec.of("basic", Samples.KEY, null);
        for (String s : List.of(b.toString(), d.toString(), d.description(), spec.toString())) {
            assertFalse(s.contains(text) || s.contains(hex) || s.contains(text.substring(0, 8)), s);
        }
        Path short_ = dir.resolve("short.key");
        Files.writeString(short_, "secret-abc");
        I4dwConfigurationException e = assertThrows(I4dwConfigurationException.class,
                () -> Deidentifier.builder(DeidProfile.basic()).keyFile(short_));
        assertFalse(e.getMessage().contains("secret-abc"), e.getMessage());
        assertThrows(I4dwConfigurationException.class, () -> Deidentifier.builder(DeidProfile.basic())
                .key(new byte[8]));
        Path good = dir.resolve("good.key");
        Files.write(good, Samples.KEY);
        DicomObject in = DicomObject.builder().set(Tag.StudyInstanceUID, VR.UI, "1.2.3").build();
        assertEquals(d.deidentify(in), Deidentifier.builder(DeidProfile.basic()).keyFile(good).build().deidentify(in),
                "a key from a file works as the same key given in code");
    }

    @Test
    void profileTextRoundTripsAndRejectsWhatItDoesNotKnow() {
        DeidProfile p = DeidProfile.parse("basic,retain-dates-modified,clean-descriptors");
        assertEquals(p, DeidProfile.parse(p.text()));
        assertEquals(DeidProfile.i4dwDefault(), DeidProfile.parse("default"));
        assertThrows(I4dwConfigurationException.class, () -> DeidProfile.parse("basic,retain-everything"));
        assertThrows(I4dwConfigurationException.class, () -> DeidProfile.parse("retain-uids"));
        assertThrows(I4dwConfigurationException.class,
                () -> DeidProfile.parse("basic,retain-dates-full,retain-dates-modified"));
    }

    private static final DicomObject REPORT = DicomObject.builder()
            .set(Tag.PatientID, VR.LO, "PID-77")
            .set(Tag.StudyDescription, VR.LO, "MR BRAIN")
            .set(Tag.SeriesDescription, VR.LO, "T2 AX")
            .setSequence(Tag.ContentSequence, List.of(DicomObject.builder()
                    .set(Tag.ValueType, VR.CS, "CODE")
                    .setSequence(Tag.ConceptNameCodeSequence, List.of(DicomObject.builder()
                            .set(Tag.CodeValue, VR.SH, "121071").set(Tag.CodingSchemeDesignator, VR.SH, "DCM")
                            .set(Tag.CodeMeaning, VR.LO, "Finding").build()))
                    .setSequence(Tag.ReferencedRequestSequence, List.of(DicomObject.builder()
                            .set(Tag.StudyDescription, VR.LO, "nested").build()))
                    .build()))
            .build();

    @Test
    void anOverrideBeatsTheProfileAndTheMostSpecificPathWins() {
        Deidentifier d = Deidentifier.builder(DeidProfile.i4dwDefault()).key(Samples.KEY)
                .override("StudyDescription", Action.KEEP)
                .override("ContentSequence/ConceptNameCodeSequence/CodeMeaning", Action.REMOVE)
                .override("/SeriesDescription", Action.DUMMY)
                .override("ReferencedRequestSequence/StudyDescription", Action.ZERO)
                .build();
        DicomObject out = d.deidentify(REPORT);
        assertEquals("MR BRAIN", out.string(Tag.StudyDescription).orElseThrow(), "the profile removes it; K wins");
        assertEquals("ANONYMOUS", out.string(Tag.SeriesDescription).orElseThrow());
        DicomObject item = out.item(Tag.ContentSequence).orElseThrow();
        DicomObject concept = item.item(Tag.ConceptNameCodeSequence).orElseThrow();
        assertFalse(concept.contains(Tag.CodeMeaning), "the path override removes it");
        assertEquals("121071", concept.string(Tag.CodeValue).orElseThrow());
        DicomObject nested = item.item(Tag.ReferencedRequestSequence).orElseThrow();
        assertTrue(nested.contains(Tag.StudyDescription) && nested.string(Tag.StudyDescription).isEmpty(),
                "the two-segment path beats the keyword");
        assertEquals(Action.KEEP, d.actionFor(Tag.StudyDescription));
        assertEquals(Action.DUMMY, d.actionFor(Tag.SeriesDescription));
    }

    @Test
    void theSamePathGivenTwiceKeepsTheLast() {
        Deidentifier d = Deidentifier.builder(DeidProfile.i4dwDefault()).key(Samples.KEY)
                .override("StudyDescription", Action.KEEP).override("(0008,1030)", Action.ZERO).build();
        assertEquals(Action.ZERO, d.actionFor(Tag.StudyDescription));
    }

    @Test
    void anOverrideCannotKeepADirectIdentifier() {
        for (String id : List.of("PatientName", "PatientID", "(0010,0030)", "AccessionNumber",
                "OtherPatientIDsSequence/PatientID")) {
            I4dwConfigurationException e = assertThrows(I4dwConfigurationException.class,
                    () -> Deidentifier.builder(DeidProfile.basic()).override(id, Action.KEEP));
            assertTrue(e.getMessage().contains("direct identifier"), e.getMessage());
        }
        Deidentifier.builder(DeidProfile.basic()).override("PatientName", Action.REMOVE);
    }

    @Test
    void overridesLoadFromAFileAndAMalformedLineIsNamed(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("rules.txt");
        Files.writeString(f, "# study-level text we need\nStudyDescription K\n\n(0008,103E) keep  # by tag\n"
                + "ContentSequence/ConceptNameCodeSequence/CodeMeaning X\n");
        Deidentifier d = Deidentifier.builder(DeidProfile.i4dwDefault()).key(Samples.KEY).overrides(f).build();
        DicomObject out = d.deidentify(REPORT);
        assertEquals("MR BRAIN", out.string(Tag.StudyDescription).orElseThrow());
        assertEquals("T2 AX", out.string(Tag.SeriesDescription).orElseThrow());
        assertEquals("annex-e " + DeidProfile.i4dwDefault().text() + " + 3 overrides", d.description());
        Files.writeString(f, "StudyDescription K\nNotAKeyword X\n");
        I4dwConfigurationException e = assertThrows(I4dwConfigurationException.class,
                () -> Deidentifier.builder(DeidProfile.basic()).overrides(f));
        assertTrue(e.getMessage().contains("rules.txt:2"), e.getMessage());
        Files.writeString(f, "StudyDescription\n");
        assertThrows(I4dwConfigurationException.class, () -> Deidentifier.builder(DeidProfile.basic()).overrides(f));
        Files.writeString(f, "StudyDescription Q\n");
        assertThrows(I4dwConfigurationException.class, () -> Deidentifier.builder(DeidProfile.basic()).overrides(f));
    }

    @Test
    void theAnnexEProviderIsFoundAndDescribesItself(@TempDir Path dir) throws IOException {
        ProviderRegistry<DeidentifierProvider> registry = ProviderRegistry
                .builder(DeidentifierProvider.class, "org.i4dw:i4dw-deid").build();
        DeidentifierProvider p = registry.best();
        assertEquals("annex-e", p.id());
        assertFalse(p.version().isBlank());
        assertEquals(p, registry.get("annex-e"));
        Path rules = dir.resolve("rules.txt");
        Files.writeString(rules, "StudyDescription K\n");
        ObjectDeidentifier d = p.create(DeidentifierSpec.of("default", Samples.KEY, rules));
        assertEquals("MR BRAIN", d.deidentify(REPORT).string(Tag.StudyDescription).orElseThrow());
        assertThrows(I4dwConfigurationException.class, () -> p.create(DeidentifierSpec.of("default", null, null)));
        assertThrows(I4dwConfigurationException.class, () -> p.create(DeidentifierSpec.of("basic,nope", Samples.KEY, null)));
        I4dwConfigurationException none = assertThrows(I4dwConfigurationException.class, () -> ProviderRegistry
                .builder(DeidentifierProvider.class, "org.i4dw:i4dw-deid").discovery(false).build().best());
        assertTrue(none.getMessage().contains("i4dw-deid"), none.getMessage());
    }

    @Test
    void deidentificationIsRecordedWithCid7050Codes() {
        Deidentifier d = Deidentifier.builder(DeidProfile.i4dwDefault()).key(Samples.KEY).build();
        DicomObject out = d.deidentify(REPORT);
        assertEquals("YES", out.string(Tag.PatientIdentityRemoved).orElseThrow());
        assertEquals("UNMODIFIED", out.string(Tag.LongitudinalTemporalInformationModified).orElseThrow());
        List<String> codes = out.sequence(Tag.DeidentificationMethodCodeSequence).stream()
                .map(i -> i.string(Tag.CodingSchemeDesignator).orElseThrow() + ":" + i.string(Tag.CodeValue).orElseThrow())
                .sorted().toList();
        assertEquals(List.of("DCM:113100", "DCM:113104", "DCM:113106", "DCM:113109"), codes);
        assertEquals(4, out.strings(Tag.DeidentificationMethod).size());
        for (String v : out.strings(Tag.DeidentificationMethod)) {
            assertTrue(v.length() <= 64, "LO holds 64 characters: " + v);
        }
    }
}
