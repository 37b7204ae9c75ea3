/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit.cohort;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import org.i4dw.api.I4dwConfigurationException;
import org.i4dw.data.DicomObject;
import org.i4dw.data.Tag;
import org.i4dw.data.TransferSyntax;
import org.i4dw.data.VR;
import org.i4dw.dicom.io.DicomWriter;
import org.i4dw.testkit.cohort.CohortManifest.Patient;
import org.i4dw.testkit.cohort.CohortManifest.Series;
import org.i4dw.testkit.cohort.CohortManifest.Sex;
import org.i4dw.testkit.cohort.CohortManifest.Study;
import org.i4dw.testkit.cohort.CohortManifest.StudyType;
import org.i4dw.testkit.cohort.Protocols.MrScanner;
import org.i4dw.testkit.cohort.Protocols.Plane;
import org.i4dw.testkit.cohort.Protocols.SeriesPlan;
import org.i4dw.testkit.cohort.Rewriter.TextConcept;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes one {@link SyntheticCohort} to a folder: draws identities, rewrites templates, streams files. */
final class CohortWriter {

    private static final Logger LOG = LoggerFactory.getLogger(CohortWriter.class);
    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT);
    private static final TransferSyntax TS = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
    /** The MR scanners in the order patients meet them: consecutive ones differ in field strength. */
    private static final MrScanner[] MR_ORDER = {MrScanner.GE_SIGNA_HDXT_3T, MrScanner.PHILIPS_ACHIEVA_1_5T,
        MrScanner.PHILIPS_ACHIEVA_3T, MrScanner.GE_SIGNA_HDXT_1_5T};

    private final SyntheticCohort cohort;
    private final Path dir;
    private final Seeds seeds;
    private final String tag;
    private final Map<String, Template> templates = new HashMap<>();
    private final Set<String> checked = new HashSet<>();
    private final Set<LocalDate> templateDates = new HashSet<>();
    private final Set<String> templateTimes = new HashSet<>();
    private Template doseTemplate;

    CohortWriter(SyntheticCohort cohort, Path dir) {
        this.cohort = cohort;
        this.dir = dir;
        this.seeds = new Seeds(cohort.seed());
        this.tag = seeds.tag(3);
    }

    static String instanceFileName(int instanceNumber) {
        return String.format(Locale.ROOT, "i%04d.dcm", instanceNumber);
    }

    /** A patient and what the generator needs to know about them. */
    private record PatientPlan(int number, Patient patient, MrScanner mrScanner, String weight, String size) {
    }

    /** What is common to every file of a study. */
    private record StudyPlan(PatientPlan patient, int number, StudyType type, String accession, String studyUid,
            LocalDate date, LocalTime time, String studyId, People.Site site, String station, String serial,
            String referring, String operator, String description, String procedureCode) {

        String folder() {
            return String.format(Locale.ROOT, "p%05d/st%02d", patient.number, number);
        }

        String path() {
            return "study/" + patient.number + "/" + number;
        }
    }

    CohortManifest write() throws IOException {
        long started = System.nanoTime();
        loadTemplates();
        List<PatientPlan> patients = drawPatients();
        List<Study> studies = new ArrayList<>();
        try (Writer out = Files.newBufferedWriter(dir.resolve(CohortManifest.FILE_NAME), StandardCharsets.UTF_8)) {
            GroundTruthJson truth = new GroundTruthJson(out, cohort.seed(), patients.stream().map(PatientPlan::patient)
                    .toList());
            for (PatientPlan p : patients) {
                int n = 0;
                for (int k = 0; k < cohort.mrStudiesPerPatient(); k++) {
                    Study s = writeMr(drawStudy(p, ++n, StudyType.MR_PROSTATE));
                    truth.study(s);
                    studies.add(s);
                }
                for (int k = 0; k < cohort.ctStudiesPerPatient(); k++) {
                    Study s = writeCt(drawStudy(p, ++n, StudyType.CT_ABDOMEN_PELVIS));
                    truth.study(s);
                    studies.add(s);
                }
            }
            truth.finish();
        }
        CohortManifest manifest = new CohortManifest(cohort.seed(), patients.stream().map(PatientPlan::patient).toList(),
                studies);
        LOG.info("Synthetic cohort written: {} patients, {} studies, {} series, {} instances in {} ms",
                manifest.patients().size(), studies.size(), manifest.seriesCount(), manifest.instanceCount(),
                (System.nanoTime() - started) / 1_000_000);
        return manifest;
    }

    // ------------------------------------------------------------------ identities

    private void loadTemplates() throws IOException {
        List<String> names = new ArrayList<>();
        if (cohort.mrStudiesPerPatient() > 0) {
            names.add(Template.MR_GE);
            names.add(Template.MR_PHILIPS);
        }
        if (cohort.ctStudiesPerPatient() > 0) {
            names.add(Template.CT_GE);
        }
        for (String name : names) {
            Template t = Template.resource(name, cohort.matrix());
            templates.put(name, t);
            templateDates.addAll(t.dates());
            templateTimes.addAll(t.times());
        }
        if (cohort.doseReportTemplate().isPresent()) {
            Path file = cohort.doseReportTemplate().get();
            doseTemplate = Template.file(file, cohort.matrix());
            if (!"SR".equals(doseTemplate.dataset().string(Tag.Modality).orElse(""))) {
                throw new I4dwConfigurationException("Dose report template " + file
                        + " is not a structured report (its Modality is not SR)");
            }
            templateDates.addAll(doseTemplate.dates());
            templateTimes.addAll(doseTemplate.times());
        }
    }

    private List<PatientPlan> drawPatients() {
        int offset = Math.floorMod(seeds.random("mr-scanner-order").nextInt(), MR_ORDER.length);
        Set<String> names = new HashSet<>();
        List<PatientPlan> out = new ArrayList<>(cohort.patients());
        for (int p = 1; p <= cohort.patients(); p++) {
            Random r = seeds.random("patient/" + p);
            boolean male = cohort.mrStudiesPerPatient() > 0 || r.nextBoolean();
            String name;
            do {
                name = People.familyName(r) + "^" + People.givenName(r, male);
            } while (!names.add(name));
            int age = cohort.mrStudiesPerPatient() > 0 ? 48 + r.nextInt(31) : 25 + r.nextInt(61);
            LocalDate birth = avoidTemplateDates(cohort.firstStudyDate().minusYears(age).minusDays(r.nextInt(365)),
                    LocalDate.of(1850, 1, 1), cohort.firstStudyDate());
            String weight = Integer.toString(male ? 62 + r.nextInt(45) : 50 + r.nextInt(40));
            String size = BigDecimal.valueOf((male ? 165 : 153) + r.nextInt(30), 2).toPlainString();
            Patient patient = new Patient(String.format(Locale.ROOT, "SYN%s%05d", tag, p), name, birth,
                    male ? Sex.MALE : Sex.FEMALE);
            out.add(new PatientPlan(p, patient, MR_ORDER[(p - 1 + offset) % MR_ORDER.length], weight, size));
        }
        return out;
    }

    private StudyPlan drawStudy(PatientPlan p, int number, StudyType type) {
        String path = "study/" + p.number + "/" + number;
        Random r = seeds.random(path);
        long days = ChronoUnit.DAYS.between(cohort.firstStudyDate(), cohort.lastStudyDate());
        LocalDate date = avoidTemplateDates(cohort.firstStudyDate().plusDays((long) (r.nextDouble() * (days + 1))),
                cohort.firstStudyDate(), cohort.lastStudyDate());
        LocalTime time = LocalTime.of(7, 30).plusMinutes(r.nextInt(11 * 60)).plusSeconds(r.nextInt(60));
        People.Site site = People.SITES.get(r.nextInt(People.SITES.size()));
        boolean mr = type == StudyType.MR_PROSTATE;
        String device = mr ? (p.mrScanner.isGe() ? "GE" : "PH") + p.mrScanner.station : Protocols.CT_STATION;
        String serial = String.format(Locale.ROOT, "SN%07d",
                seeds.random("device/" + site.code() + "/" + device).nextInt(10_000_000));
        String numbers = String.format(Locale.ROOT, "%05d%02d", p.number, number);
        return new StudyPlan(p, number, type, "A" + tag + numbers, seeds.uid(path + "/uid"), date, time,
                "E" + numbers, site, site.code() + "-" + device, serial, People.physician(r), People.operator(r),
                mr ? Protocols.MR_STUDY_DESCRIPTION : Protocols.CT_STUDY_DESCRIPTION,
                mr ? Protocols.MR_PROCEDURE_CODE : Protocols.CT_PROCEDURE_CODE);
    }

    /**
     * The date itself, or the next one (wrapping within the range) that no template holds, so that
     * a template date found in a generated file is always a leak, never a coincidence.
     */
    private LocalDate avoidTemplateDates(LocalDate date, LocalDate min, LocalDate max) {
        LocalDate d = date;
        for (int i = 0; i <= templateDates.size(); i++) {
            if (!templateDates.contains(d)) {
                return d;
            }
            d = d.plusDays(1);
            if (d.isAfter(max)) {
                d = min;
            }
        }
        throw new I4dwConfigurationException("The study date range " + cohort.firstStudyDate() + ".."
                + cohort.lastStudyDate() + " holds only dates of the templates; widen it");
    }

    /** A TM value, a second later if a template holds that time, for the same reason as dates. */
    private String tm(LocalTime time) {
        LocalTime t = time;
        while (templateTimes.contains(t.format(TM))) {
            t = t.plusSeconds(1);
        }
        return t.format(TM);
    }

    // ------------------------------------------------------------------ studies

    private Study writeMr(StudyPlan s) throws IOException {
        MrScanner scanner = s.patient.mrScanner;
        Template template = templates.get(scanner.template);
        String protocol = scanner.protocolName() != null ? scanner.protocolName() : s.description;
        DicomObject model = studyModel(template, s, protocol, Map.of());
        List<Series> series = new ArrayList<>();
        for (int k = 0; k < scanner.series().size(); k++) {
            SeriesPlan plan = scanner.series().get(k);
            DicomObject.Builder b = model.toBuilder()
                    .set(Tag.BodyPartExamined, VR.CS, "PROSTATE")
                    .set(Tag.MagneticFieldStrength, VR.DS, ds(scanner.tesla))
                    .set(Tag.ImagingFrequency, VR.DS, ds(scanner.imagingFrequency()))
                    .set(Tag.ScanningSequence, VR.CS, plan.scanningSequence().toArray(String[]::new))
                    .set(Tag.SequenceVariant, VR.CS, plan.sequenceVariant().toArray(String[]::new))
                    .set(Tag.MRAcquisitionType, VR.CS, plan.acquisitionType())
                    .set(Tag.RepetitionTime, VR.DS, ds(plan.repetitionTime()))
                    .set(Tag.EchoTime, VR.DS, ds(plan.echoTime()))
                    .set(Tag.FlipAngle, VR.DS, ds(plan.flipAngle()))
                    .set(Tag.SpacingBetweenSlices, VR.DS, ds(plan.sliceThickness()))
                    .remove(Tag.ScanOptions);
            if (plan.contrast()) {
                b.set(Tag.ContrastBolusAgent, VR.LO, Protocols.MR_CONTRAST_AGENT)
                        .set(Tag.ContrastBolusRoute, VR.LO, "IV");
            } else {
                b.remove(Tag.ContrastBolusAgent).remove(Tag.ContrastBolusRoute);
            }
            String protocolName = plan.protocolName() != null ? plan.protocolName() : protocol;
            series.add(writeImageSeries(s, template, b, plan, k, protocolName, "PROSTATE",
                    OptionalDouble.of(scanner.tesla)));
        }
        return study(s, series);
    }

    private Study writeCt(StudyPlan s) throws IOException {
        Template template = templates.get(Template.CT_GE);
        DicomObject model = studyModel(template, s, Protocols.CT_PROTOCOL, Map.of());
        List<Series> series = new ArrayList<>();
        for (int k = 0; k < Protocols.CT.size(); k++) {
            SeriesPlan plan = Protocols.CT.get(k);
            DicomObject.Builder b = model.toBuilder()
                    .set(Tag.BodyPartExamined, VR.CS, "ABDOMEN")
                    .set(Tag.ScanOptions, VR.CS, plan.scanOptions())
                    .set(Tag.ConvolutionKernel, VR.SH, plan.kernel());
            if (plan.contrast()) {
                b.set(Tag.ContrastBolusAgent, VR.LO, Protocols.CT_CONTRAST_AGENT)
                        .set(Tag.ContrastBolusRoute, VR.LO, "IV");
            } else {
                b.remove(Tag.ContrastBolusAgent).remove(Tag.ContrastBolusRoute);
            }
            series.add(writeImageSeries(s, template, b, plan, k, Protocols.CT_PROTOCOL, "ABDOMEN",
                    OptionalDouble.empty()));
        }
        if (doseTemplate != null) {
            series.add(writeDoseReport(s, template, series));
        }
        return study(s, series);
    }

    private Study study(StudyPlan s, List<Series> series) {
        Patient p = s.patient.patient;
        return new Study(s.accession, p.patientId(), p.patientName(), s.type, s.studyUid, s.date, s.description,
                series);
    }

    /** The template with the study's identity, and every attribute common to the study's files set. */
    private DicomObject studyModel(Template template, StudyPlan s, String protocol,
            Map<TextConcept, String> concepts) {
        Patient p = s.patient.patient;
        Map<Tag, String> text = new HashMap<>();
        text.put(Tag.PatientID, p.patientId());
        text.put(Tag.AccessionNumber, s.accession);
        text.put(Tag.StudyID, s.studyId);
        text.put(Tag.RequestedProcedureID, "RP" + s.studyId.substring(1));
        text.put(Tag.PerformedProcedureStepID, "PPS" + s.studyId.substring(1));
        text.put(Tag.ScheduledProcedureStepID, "SPS" + s.studyId.substring(1));
        text.put(Tag.InstitutionName, s.site.name());
        text.put(Tag.InstitutionAddress, s.site.address());
        text.put(Tag.InstitutionalDepartmentName, s.site.department());
        text.put(Tag.StationName, s.station);
        text.put(Tag.DeviceSerialNumber, s.serial);
        text.put(Tag.PerformedStationAETitle, s.station);
        text.put(Tag.PerformedStationName, s.station);
        text.put(Tag.PerformedLocation, s.site.department());
        text.put(Tag.StudyDescription, s.description);
        text.put(Tag.RequestedProcedureDescription, s.description);
        text.put(Tag.PerformedProcedureStepDescription, s.description);
        text.put(Tag.ScheduledProcedureStepDescription, s.description);
        text.put(Tag.SeriesDescription, s.description);
        text.put(Tag.ProtocolName, protocol);
        text.put(Tag.PatientSex, p.sex().code());
        text.put(Tag.PatientWeight, s.patient.weight);
        text.put(Tag.PatientSize, s.patient.size);
        Rewriter.Identity identity = new Rewriter.Identity(seeds, s.path() + "/ref/" + template.name(), s.studyUid,
                s.date, tm(s.time), p.birthDate(), p.patientName(), s.referring, s.operator, text, concepts);
        DicomObject rewritten = new Rewriter(template, identity).rewrite();
        if (checked.add(template.name())) {
            Rewriter.check(template, rewritten);
        }
        String da = s.date.format(DA);
        String tm = tm(s.time);
        DicomObject procedure = DicomObject.builder()
                .set(Tag.CodeValue, VR.SH, s.procedureCode)
                .set(Tag.CodingSchemeDesignator, VR.SH, Protocols.PROCEDURE_CODING_SCHEME)
                .set(Tag.CodeMeaning, VR.LO, s.description)
                .build();
        DicomObject request = DicomObject.builder()
                .set(Tag.AccessionNumber, VR.SH, s.accession)
                .set(Tag.RequestedProcedureDescription, VR.LO, s.description)
                .set(Tag.ScheduledProcedureStepID, VR.SH, text.get(Tag.ScheduledProcedureStepID))
                .set(Tag.RequestedProcedureID, VR.SH, text.get(Tag.RequestedProcedureID))
                .build();
        return rewritten.toBuilder()
                .set(Tag.StudyDate, VR.DA, da)
                .set(Tag.StudyTime, VR.TM, tm)
                .set(Tag.AccessionNumber, VR.SH, s.accession)
                .set(Tag.ReferringPhysicianName, VR.PN, s.referring)
                .set(Tag.InstitutionName, VR.LO, s.site.name())
                .set(Tag.InstitutionAddress, VR.ST, s.site.address())
                .set(Tag.StationName, VR.SH, s.station)
                .set(Tag.StudyDescription, VR.LO, s.description)
                .setSequence(Tag.ProcedureCodeSequence, List.of(procedure))
                .set(Tag.InstitutionalDepartmentName, VR.LO, s.site.department())
                .set(Tag.OperatorsName, VR.PN, s.operator)
                .set(Tag.PatientName, VR.PN, p.patientName())
                .set(Tag.PatientID, VR.LO, p.patientId())
                .set(Tag.PatientBirthDate, VR.DA, p.birthDate().format(DA))
                .set(Tag.PatientSex, VR.CS, p.sex().code())
                .set(Tag.PatientAge, VR.AS, String.format(Locale.ROOT, "%03dY",
                        java.time.Period.between(p.birthDate(), s.date).getYears()))
                .set(Tag.PatientSize, VR.DS, s.patient.size)
                .set(Tag.PatientWeight, VR.DS, s.patient.weight)
                .set(Tag.DeviceSerialNumber, VR.LO, s.serial)
                .set(Tag.StudyInstanceUID, VR.UI, s.studyUid)
                .set(Tag.StudyID, VR.SH, s.studyId)
                .set(Tag.PerformedStationAETitle, VR.AE, s.station)
                .set(Tag.PerformedProcedureStepStartDate, VR.DA, da)
                .set(Tag.PerformedProcedureStepStartTime, VR.TM, tm)
                .set(Tag.PerformedProcedureStepID, VR.SH, text.get(Tag.PerformedProcedureStepID))
                .set(Tag.PerformedProcedureStepDescription, VR.LO, s.description)
                .setSequence(Tag.RequestAttributesSequence, List.of(request))
                .build();
    }

    private Series writeImageSeries(StudyPlan s, Template template, DicomObject.Builder b, SeriesPlan plan, int index,
            String protocolName, String bodyPart, OptionalDouble tesla) throws IOException {
        String path = s.path() + "/series/" + plan.seriesNumber();
        String seriesUid = seeds.uid(path + "/uid");
        String da = s.date.format(DA);
        String tm = tm(s.time.plusMinutes(3 + 6L * index));
        b.set(Tag.SeriesInstanceUID, VR.UI, seriesUid)
                .setInts(Tag.SeriesNumber, VR.IS, plan.seriesNumber())
                .set(Tag.SeriesDescription, VR.LO, plan.description())
                .set(Tag.ProtocolName, VR.LO, protocolName)
                .set(Tag.SeriesDate, VR.DA, da)
                .set(Tag.SeriesTime, VR.TM, tm)
                .set(Tag.AcquisitionDate, VR.DA, da)
                .set(Tag.AcquisitionTime, VR.TM, tm)
                .set(Tag.ContentDate, VR.DA, da)
                .set(Tag.ContentTime, VR.TM, tm)
                .set(Tag.ImageType, VR.CS, plan.imageType().toArray(String[]::new))
                .set(Tag.SliceThickness, VR.DS, ds(plan.sliceThickness()));
        double[] orientation = plan.plane() == Plane.SAGITTAL ? new double[] {0, 1, 0, 0, 0, -1}
                : new double[] {1, 0, 0, 0, 1, 0};
        b.set(Tag.ImageOrientationPatient, VR.DS, ds(orientation));
        DicomObject seriesModel = b.build();
        double fov = fieldOfView(seriesModel);
        int count = Math.min(cohort.instancesPerSeries(), plan.maxInstances());
        String folder = s.folder() + String.format(Locale.ROOT, "/se%03d", plan.seriesNumber());
        Path seriesDir = Files.createDirectories(dir.resolve(folder));
        List<String> uids = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String sop = seeds.uid(path + "/instance/" + i);
            uids.add(sop);
            double offset = (i - (count + 1) / 2.0) * plan.sliceThickness();
            double[] position = plan.plane() == Plane.SAGITTAL ? new double[] {offset, -fov / 2, fov / 2}
                    : new double[] {-fov / 2, -fov / 2, offset};
            DicomObject.Builder ib = seriesModel.toBuilder()
                    .set(Tag.InstanceCreationDate, VR.DA, da)
                    .set(Tag.InstanceCreationTime, VR.TM, tm)
                    .set(Tag.SOPInstanceUID, VR.UI, sop)
                    .setInts(Tag.InstanceNumber, VR.IS, i)
                    .set(Tag.ImagePositionPatient, VR.DS, ds(position))
                    .set(Tag.SliceLocation, VR.DS, ds(offset));
            if (!plan.bValues().isEmpty()) {
                ib.setDoubles(Tag.DiffusionBValue, VR.FD, plan.bValues().get((i - 1) % plan.bValues().size()));
            }
            DicomWriter.writeFile(seriesDir.resolve(instanceFileName(i)), ib.build(), TS);
        }
        return new Series(seriesUid, plan.seriesNumber(), seriesModel.string(Tag.Modality).orElse(""),
                plan.description(), seriesModel.string(Tag.SOPClassUID).orElseThrow(), bodyPart, tesla,
                template.name(), folder, uids);
    }

    private Series writeDoseReport(StudyPlan s, Template ctTemplate, List<Series> images) throws IOException {
        DicomObject ct = ctTemplate.dataset();
        String manufacturer = ct.string(Tag.Manufacturer).orElse("");
        String model = ct.string(Tag.ManufacturerModelName).orElse("");
        Map<TextConcept, String> concepts = new EnumMap<>(TextConcept.class);
        concepts.put(TextConcept.DEVICE_OBSERVER_NAME, s.station);
        concepts.put(TextConcept.DEVICE_NAME, s.station);
        concepts.put(TextConcept.DEVICE_OBSERVER_MANUFACTURER, manufacturer);
        concepts.put(TextConcept.DEVICE_MANUFACTURER, manufacturer);
        concepts.put(TextConcept.DEVICE_OBSERVER_MODEL_NAME, model);
        concepts.put(TextConcept.DEVICE_MODEL_NAME, model);
        concepts.put(TextConcept.DEVICE_OBSERVER_SERIAL_NUMBER, s.serial);
        concepts.put(TextConcept.DEVICE_SERIAL_NUMBER, s.serial);
        concepts.put(TextConcept.DEVICE_OBSERVER_PHYSICAL_LOCATION, s.site.name());
        concepts.put(TextConcept.ORGANIZATION_NAME, s.site.name());
        concepts.put(TextConcept.PERSON_ID_ISSUER, s.site.name());
        concepts.put(TextConcept.PERSON_ID, "OP" + s.studyId.substring(1));
        concepts.put(TextConcept.ACQUISITION_PROTOCOL, Protocols.CT_PROTOCOL);
        DicomObject studyModel = studyModel(doseTemplate, s, Protocols.CT_PROTOCOL, concepts);

        List<DicomObject> referencedSeries = new ArrayList<>();
        for (Series image : images) {
            List<DicomObject> sops = new ArrayList<>();
            for (String uid : image.sopInstanceUids()) {
                sops.add(DicomObject.builder().set(Tag.ReferencedSOPClassUID, VR.UI, image.sopClassUid())
                        .set(Tag.ReferencedSOPInstanceUID, VR.UI, uid).build());
            }
            referencedSeries.add(DicomObject.builder().set(Tag.SeriesInstanceUID, VR.UI, image.seriesInstanceUid())
                    .setSequence(Tag.ReferencedSOPSequence, sops).build());
        }
        DicomObject evidence = DicomObject.builder().set(Tag.StudyInstanceUID, VR.UI, s.studyUid)
                .setSequence(Tag.ReferencedSeriesSequence, referencedSeries).build();

        int number = Protocols.DOSE_REPORT_SERIES_NUMBER;
        String path = s.path() + "/series/" + number;
        String seriesUid = seeds.uid(path + "/uid");
        String sop = seeds.uid(path + "/instance/1");
        String da = s.date.format(DA);
        String tm = tm(s.time.plusMinutes(3 + 6L * images.size()));
        DicomObject ds = studyModel.toBuilder()
                .remove(Tag.BodyPartExamined)
                .set(Tag.Manufacturer, VR.LO, manufacturer)
                .set(Tag.ManufacturerModelName, VR.LO, model)
                .set(Tag.SeriesInstanceUID, VR.UI, seriesUid)
                .setInts(Tag.SeriesNumber, VR.IS, number)
                .set(Tag.SeriesDescription, VR.LO, Protocols.DOSE_REPORT_DESCRIPTION)
                .set(Tag.SeriesDate, VR.DA, da)
                .set(Tag.SeriesTime, VR.TM, tm)
                .set(Tag.ContentDate, VR.DA, da)
                .set(Tag.ContentTime, VR.TM, tm)
                .set(Tag.InstanceCreationDate, VR.DA, da)
                .set(Tag.InstanceCreationTime, VR.TM, tm)
                .set(Tag.SOPInstanceUID, VR.UI, sop)
                .setInts(Tag.InstanceNumber, VR.IS, 1)
                .setSequence(Tag.CurrentRequestedProcedureEvidenceSequence, List.of(evidence))
                .build();
        String folder = s.folder() + String.format(Locale.ROOT, "/se%03d", number);
        Path seriesDir = Files.createDirectories(dir.resolve(folder));
        DicomWriter.writeFile(seriesDir.resolve(instanceFileName(1)), ds, TS);
        return new Series(seriesUid, number, ds.string(Tag.Modality).orElse(""), Protocols.DOSE_REPORT_DESCRIPTION,
                ds.string(Tag.SOPClassUID).orElseThrow(), "", OptionalDouble.empty(), doseTemplate.name(), folder,
                List.of(sop));
    }

    // ------------------------------------------------------------------ values

    private static double fieldOfView(DicomObject ds) {
        List<String> spacing = ds.strings(Tag.PixelSpacing);
        int rows = ds.integer(Tag.Rows).orElse(0);
        if (spacing.isEmpty() || rows == 0) {
            return 0;
        }
        try {
            return Double.parseDouble(spacing.get(0)) * rows;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * A DS value with at most three decimals and no trailing zeros: short, and the same on every JVM
     * (rounded from the double's exact binary value, not from its {@code toString}).
     */
    static String ds(double v) {
        BigDecimal d = new BigDecimal(v).setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    private static String[] ds(double[] values) {
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = ds(values[i]);
        }
        return out;
    }
}
