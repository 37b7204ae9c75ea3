/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit.cohort;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.data.DicomElement;
import org.i4dw.data.DicomObject;
import org.i4dw.data.ElementDictionary;
import org.i4dw.data.ElementInfo;
import org.i4dw.data.Tag;
import org.i4dw.data.UidDictionary;
import org.i4dw.data.VR;
import org.i4dw.testkit.deid.Leak;
import org.i4dw.testkit.deid.PhiLeakScanner;

/**
 * Gives a template the identity of one generated study: every identifying value of the template,
 * at every depth of sequences, is replaced or removed.
 *
 * <ul>
 * <li>UI: every UID that is not in the standard's registry is replaced by a {@code 2.25} UID
 *     derived from the seed, the study and the original UID: the template's Study Instance UID
 *     becomes the study's, the others (Frame of Reference, referenced instances, Irradiation Event
 *     UIDs...) become UIDs of their own, shared by the series of the study made from the same
 *     template, as a Frame of Reference is.</li>
 * <li>DA: Patient's Birth Date becomes the patient's, every other date the study date. DT: its
 *     date part becomes the study date, the time is kept. TM: every time becomes the study time.</li>
 * <li>PN: Patient's Name becomes the patient's; the referring, requesting, consulting physicians
 *     and physicians of record become the study's referring physician; every other non-empty name
 *     (operators, performing physicians, observers in structured reports) the study's operator.</li>
 * <li>AS: Patient's Age is computed from the birth date at the study date.</li>
 * <li>Identifiers and free text that name the patient, the order, the institution or the device
 *     ({@link #REPLACED}) get the study's values; those the cohort has no value for
 *     ({@link #REMOVED}: other patient IDs, addresses, comments, de-identification marks...) are
 *     removed.</li>
 * <li>In structured report content, TEXT items that name the device, its location or the
 *     protocol (Device Observer Name, Serial Number, Physical Location...) get the study's values.</li>
 * <li>Elements of VR UN, mostly private ones, are removed: their bytes cannot be inspected.
 *     Private elements of a known VR are rewritten by the same rules; private creators left
 *     without elements are removed. Group lengths are removed (the writer leaves them out).</li>
 * </ul>
 *
 * <p>Other attributes (Manufacturer, Model Name, Software Versions, acquisition parameters) are
 * kept: they describe the equipment, not a person.
 */
final class Rewriter {

    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
    private static final UidDictionary UIDS = UidDictionary.standard();
    private static final ElementDictionary DICTIONARY = ElementDictionary.standard();

    /** Identifying attributes the cohort gives values of its own, wherever they appear. */
    static final Set<Tag> REPLACED = Set.of(
            Tag.PatientID, Tag.AccessionNumber, Tag.StudyID, Tag.RequestedProcedureID,
            Tag.PerformedProcedureStepID, Tag.ScheduledProcedureStepID,
            Tag.InstitutionName, Tag.InstitutionAddress, Tag.InstitutionalDepartmentName, Tag.StationName,
            Tag.DeviceSerialNumber, Tag.PerformedStationAETitle, Tag.PerformedStationName, Tag.PerformedLocation,
            Tag.StudyDescription, Tag.RequestedProcedureDescription, Tag.PerformedProcedureStepDescription,
            Tag.ScheduledProcedureStepDescription, Tag.SeriesDescription, Tag.ProtocolName, Tag.PatientSex,
            Tag.PatientWeight, Tag.PatientSize);

    /** Identifying attributes the cohort has no value for: removed wherever they appear. */
    static final Set<Tag> REMOVED = Set.of(
            Tag.OtherPatientIDs, Tag.OtherPatientIDsSequence, Tag.OtherPatientNames, Tag.IssuerOfPatientID,
            Tag.PatientAddress, Tag.PatientTelephoneNumbers, Tag.PatientBirthName, Tag.PatientMotherBirthName,
            Tag.PatientBirthTime, Tag.MilitaryRank, Tag.BranchOfService, Tag.MedicalRecordLocator, Tag.MedicalAlerts,
            Tag.Allergies, Tag.CountryOfResidence, Tag.RegionOfResidence, Tag.EthnicGroup, Tag.Occupation,
            Tag.AdditionalPatientHistory, Tag.PatientComments, Tag.PatientReligiousPreference,
            Tag.PatientInsurancePlanCodeSequence, Tag.PatientState, Tag.SpecialNeeds, Tag.StudyComments,
            Tag.PlacerOrderNumberImagingServiceRequest, Tag.FillerOrderNumberImagingServiceRequest,
            Tag.RequestingService, Tag.RequestedProcedureLocation, Tag.ReasonForTheRequestedProcedure,
            Tag.RequestedProcedureComments, Tag.ImagingServiceRequestComments, Tag.AdmittingDiagnosesDescription,
            Tag.AdmittingDiagnosesCodeSequence, Tag.AdmissionID, Tag.ServiceEpisodeID, Tag.ServiceEpisodeDescription,
            Tag.IssuerOfAdmissionIDSequence, Tag.CurrentPatientLocation, Tag.PatientInstitutionResidence,
            Tag.VisitComments, Tag.OrderEntererLocation, Tag.OrderCallbackPhoneNumber, Tag.ReferringPhysicianAddress,
            Tag.ReferringPhysicianTelephoneNumbers, Tag.ReferringPhysicianIdentificationSequence,
            Tag.PhysiciansOfRecordIdentificationSequence, Tag.PerformingPhysicianIdentificationSequence,
            Tag.OperatorIdentificationSequence, Tag.ImageComments, Tag.AcquisitionComments,
            Tag.CommentsOnThePerformedProcedureStep, Tag.TextComments, Tag.ReasonForStudy,
            Tag.InstitutionCodeSequence, Tag.InstitutionalDepartmentTypeCodeSequence, Tag.ScheduledStationAETitle,
            Tag.ScheduledStationName, Tag.ScheduledProcedureStepLocation, Tag.PatientIdentityRemoved,
            Tag.DeidentificationMethod, Tag.DeidentificationMethodCodeSequence,
            Tag.LongitudinalTemporalInformationModified, Tag.ReferencedPatientSequence, Tag.ReferencedStudySequence,
            Tag.ProcedureCodeSequence, Tag.RequestAttributesSequence);

    /**
     * Descriptions: replaced by the cohort's own wherever they appear, but not identifiers that
     * {@link #check} looks for elsewhere: their words are vocabulary that codes share (a template's
     * Series Description "Dose Report" inside the document title "X-Ray Radiation Dose Report").
     */
    static final Set<Tag> DESCRIPTIONS = Set.of(Tag.StudyDescription, Tag.SeriesDescription, Tag.ProtocolName,
            Tag.RequestedProcedureDescription, Tag.PerformedProcedureStepDescription,
            Tag.ScheduledProcedureStepDescription);

    private static final Set<Tag> REFERRING = Set.of(Tag.ReferringPhysicianName, Tag.RequestingPhysician,
            Tag.ConsultingPhysicianName, Tag.PhysiciansOfRecord);

    /** Concept codes (DCM) of structured report TEXT items that name the device, a place or the protocol. */
    enum TextConcept {
        DEVICE_OBSERVER_NAME("121013"),
        DEVICE_OBSERVER_MANUFACTURER("121014"),
        DEVICE_OBSERVER_MODEL_NAME("121015"),
        DEVICE_OBSERVER_SERIAL_NUMBER("121016"),
        DEVICE_OBSERVER_PHYSICAL_LOCATION("121017"),
        PERSON_ID("113871"),
        PERSON_ID_ISSUER("113872"),
        ORGANIZATION_NAME("113873"),
        DEVICE_NAME("113877"),
        DEVICE_MANUFACTURER("113878"),
        DEVICE_MODEL_NAME("113879"),
        DEVICE_SERIAL_NUMBER("113880"),
        ACQUISITION_PROTOCOL("125203");

        final String codeValue;

        TextConcept(String codeValue) {
            this.codeValue = codeValue;
        }
    }

    /**
     * The identity of one study, as the rewrite needs it.
     *
     * @param seeds the cohort's randomness
     * @param uidPath the prefix of derived UIDs' paths: the study and the template
     * @param studyUid the study's Study Instance UID
     * @param studyDate the study date
     * @param studyTime the study time, {@code HHMMSS}
     * @param birthDate the patient's birth date
     * @param patientName the patient's name
     * @param referringPhysician the referring physician's name
     * @param operator the operator's name
     * @param text the values of {@link #REPLACED} attributes
     * @param concepts the values of structured report TEXT items
     */
    record Identity(Seeds seeds, String uidPath, String studyUid, LocalDate studyDate, String studyTime,
            LocalDate birthDate,
            String patientName, String referringPhysician, String operator, Map<Tag, String> text,
            Map<TextConcept, String> concepts) {
    }

    private final Template template;
    private final Identity id;
    private final String studyDa;
    private final Map<String, String> conceptText = new HashMap<>();

    Rewriter(Template template, Identity identity) {
        this.template = template;
        this.id = identity;
        this.studyDa = identity.studyDate().format(DA);
        for (Map.Entry<TextConcept, String> e : identity.concepts().entrySet()) {
            conceptText.put(e.getKey().codeValue, e.getValue());
        }
        for (Tag t : REPLACED) {
            if (!identity.text().containsKey(t)) {
                throw new IllegalArgumentException("no value for " + Tag.toString(t.value()));
            }
        }
    }

    /** The template with the study's identity. */
    DicomObject rewrite() {
        return rewrite(template.dataset(), 0);
    }

    /**
     * Fails if an identifying value of the template survives in its rewrite for a study: the
     * guard for caller-supplied templates, whose content the rules may not foresee.
     *
     * @throws I4dwConfigurationException naming the attributes, never the values
     */
    static void check(Template template, DicomObject rewritten) {
        Predicate<Tag> identifying = t -> !t.isPrivate() && !DESCRIPTIONS.contains(t) && (REPLACED.contains(t)
                || REMOVED.contains(t) || REFERRING.contains(t) || hasVr(t, VR.PN) || hasVr(t, VR.UI)
                || hasVr(t, VR.DA) || hasVr(t, VR.DT));
        List<Leak> leaks = PhiLeakScanner.builder(identifying).build().scan(template.dataset(), rewritten);
        if (!leaks.isEmpty()) {
            throw new I4dwConfigurationException("Template '" + template.name() + "' holds identifying values that "
                    + "the cohort generator does not replace, so it cannot be used: " + leaks);
        }
    }

    private static boolean hasVr(Tag t, VR vr) {
        return DICTIONARY.lookup(t).map(ElementInfo::vrs).map(v -> v.contains(vr)).orElse(false);
    }

    private DicomObject rewrite(DicomObject in, int depth) {
        DicomObject.Builder b = DicomObject.builder().inheritCharacterSet(in.characterSet());
        Set<Integer> usedPrivateBlocks = new HashSet<>();
        List<DicomElement> creators = new ArrayList<>();
        for (DicomElement e : in) {
            Tag tag = e.tag();
            if (tag.isGroupLength() || REMOVED.contains(tag) || e.vr() == VR.UN) {
                continue;
            }
            if (tag.isPrivateCreator()) {
                creators.add(e);
                continue;
            }
            if (tag.isPrivate()) {
                usedPrivateBlocks.add((tag.group() << 8) | (tag.element() >>> 8));
            }
            rewriteElement(e, b, depth);
        }
        for (DicomElement c : creators) {
            if (usedPrivateBlocks.contains((c.tag().group() << 8) | c.tag().element())) {
                b.set(c);
            }
        }
        if (!conceptText.isEmpty() && in.contains(Tag.TextValue)) {
            String concept = in.item(Tag.ConceptNameCodeSequence)
                    .filter(c -> "DCM".equals(c.string(Tag.CodingSchemeDesignator).orElse("")))
                    .flatMap(c -> c.string(Tag.CodeValue)).orElse("");
            String text = conceptText.get(concept);
            if (text != null) {
                b.set(Tag.TextValue, VR.UT, text);
            }
        }
        return b.build();
    }

    private void rewriteElement(DicomElement e, DicomObject.Builder b, int depth) {
        Tag tag = e.tag();
        VR vr = e.vr();
        if (vr == VR.SQ) {
            List<DicomObject> items = new ArrayList<>(e.items().size());
            for (DicomObject item : e.items()) {
                items.add(rewrite(item, depth + 1));
            }
            b.setSequence(tag, items);
            return;
        }
        String replacement = id.text().get(tag);
        if (replacement != null) {
            if (replacement.isEmpty()) {
                b.setEmpty(tag, vr);
            } else if (vr.isText()) {
                b.set(tag, vr, replacement);
            } else {
                b.setEmpty(tag, vr);
            }
            return;
        }
        List<String> values = e.strings();
        if (values.isEmpty()) {
            b.set(e);
            return;
        }
        switch (vr) {
            case UI -> {
                String[] out = new String[values.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = uid(values.get(i));
                }
                b.set(tag, VR.UI, out);
            }
            case DA -> b.set(tag, VR.DA, tag.equals(Tag.PatientBirthDate) ? id.birthDate().format(DA) : studyDa);
            case DT -> {
                String[] out = new String[values.size()];
                for (int i = 0; i < out.length; i++) {
                    String v = values.get(i);
                    out[i] = v.length() >= 8 ? studyDa + v.substring(8) : studyDa;
                }
                b.set(tag, VR.DT, out);
            }
            case PN -> b.set(tag, VR.PN, tag.equals(Tag.PatientName) ? id.patientName()
                    : REFERRING.contains(tag) ? id.referringPhysician() : id.operator());
            case AS -> b.set(tag, VR.AS, age());
            case TM -> b.set(tag, VR.TM, id.studyTime());
            default -> b.set(e);
        }
    }

    private String uid(String original) {
        if (UIDS.name(original).isPresent()) {
            return original;
        }
        if (original.equals(template.studyUid())) {
            return id.studyUid();
        }
        return id.seeds().uid(id.uidPath() + "/" + original);
    }

    private String age() {
        int years = java.time.Period.between(id.birthDate(), id.studyDate()).getYears();
        return String.format(java.util.Locale.ROOT, "%03dY", Math.max(0, Math.min(999, years)));
    }
}
