/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.i4dw.api.I4dwConfigurationException;

/**
 * The shared folder of real DICOM sample files ({@code shared/dicom-samples}), located from the
 * system property {@value #PROPERTY} (set by the root pom) or the environment variable
 * {@value #ENV}.
 *
 * <p>The folder {@value #HAZARDOUS_FOLDER} holds a file that crashes Orthanc 1.10.1 and dcmtk.
 * Every listing here leaves it out, and the fixtures refuse to send any file below it.
 */
public final class SampleCorpus {

    /** The system property naming the sample folder. */
    public static final String PROPERTY = "i4dw.samples";

    /** The environment variable naming the sample folder when the property is not set. */
    public static final String ENV = "I4DW_SAMPLES";

    /** The folder whose files must never be uploaded to any server. */
    public static final String HAZARDOUS_FOLDER = "99-hazardous-do-not-bulk-upload";

    private static final byte[] DICM = {'D', 'I', 'C', 'M'};

    private final Path root;

    private SampleCorpus(Path root) {
        this.root = root;
    }

    /**
     * Locates the corpus from {@value #PROPERTY}, else {@value #ENV}.
     *
     * @return the corpus
     * @throws I4dwConfigurationException if neither is set or the folder does not exist
     */
    public static SampleCorpus locate() {
        String value = System.getProperty(PROPERTY);
        String source = "system property " + PROPERTY;
        if (value == null || value.isBlank()) {
            value = System.getenv(ENV);
            source = "environment variable " + ENV;
        }
        if (value == null || value.isBlank()) {
            throw new I4dwConfigurationException("DICOM sample folder not configured: set the system "
                    + "property " + PROPERTY + " (the root pom sets it to ../shared/dicom-samples) or "
                    + "the environment variable " + ENV);
        }
        return at(Path.of(value), source);
    }

    /**
     * Uses the given folder as the corpus.
     *
     * @param root the sample folder
     * @return the corpus
     * @throws I4dwConfigurationException if the folder does not exist
     */
    public static SampleCorpus at(Path root) {
        return at(root, "the given path");
    }

    private static SampleCorpus at(Path root, String source) {
        Path normalized = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(normalized)) {
            throw new I4dwConfigurationException("DICOM sample folder " + normalized + " (from " + source
                    + ") does not exist or is not a directory");
        }
        return new SampleCorpus(normalized);
    }

    /**
     * The corpus folder.
     *
     * @return its absolute, normalized path
     */
    public Path root() {
        return root;
    }

    /**
     * A sub-folder of the corpus, such as {@code 07-charsets}.
     *
     * @param name the sub-folder's name or relative path
     * @return its path
     * @throws I4dwConfigurationException if it does not exist, or is the hazardous folder
     */
    public Path folder(String name) {
        Path folder = root.resolve(name).normalize();
        if (!folder.startsWith(root) || !Files.isDirectory(folder)) {
            throw new I4dwConfigurationException("No folder '" + name + "' in the sample corpus " + root);
        }
        if (isHazardous(folder)) {
            throw new I4dwConfigurationException("Folder '" + name + "' is " + HAZARDOUS_FOLDER
                    + ": its files crash Orthanc 1.10.1 and dcmtk and are never handed out");
        }
        return folder;
    }

    /**
     * A file of the corpus by its relative path.
     *
     * @param relativePath for example {@code 07-charsets/pydicom__chrH31.dcm}
     * @return its path
     * @throws I4dwConfigurationException if it does not exist or lies in the hazardous folder
     */
    public Path file(String relativePath) {
        Path file = root.resolve(relativePath).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            throw new I4dwConfigurationException("No file '" + relativePath + "' in the sample corpus " + root);
        }
        if (isHazardous(file)) {
            throw new I4dwConfigurationException("File '" + relativePath + "' is in " + HAZARDOUS_FOLDER
                    + " and is never handed out");
        }
        return file;
    }

    /**
     * Every DICOM Part 10 file of the corpus, sorted, without the hazardous folder.
     *
     * @return the files
     */
    public List<Path> dicomFiles() {
        return dicomFiles(root);
    }

    /**
     * Every DICOM Part 10 file below a folder (or the file itself), sorted, without the hazardous
     * folder.
     *
     * @param dirOrFile a folder or a file
     * @return the files that carry the {@code DICM} marker
     */
    public static List<Path> dicomFiles(Path dirOrFile) {
        return candidates(dirOrFile).stream().filter(SampleCorpus::isPart10).collect(Collectors.toList());
    }

    /**
     * Every regular file below a folder (or the file itself), sorted by path, without anything in
     * the hazardous folder: what a bulk upload may try to send.
     *
     * @param dirOrFile a folder or a file
     * @return the files
     * @throws UncheckedIOException if the folder cannot be walked
     */
    public static List<Path> candidates(Path dirOrFile) {
        if (Files.isRegularFile(dirOrFile)) {
            return isHazardous(dirOrFile) ? List.of() : List.of(dirOrFile);
        }
        try (Stream<Path> walk = Files.walk(dirOrFile)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !isHazardous(p))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dirOrFile, e);
        }
    }

    /**
     * Whether a path lies in (or is) the hazardous folder.
     *
     * @param path any path
     * @return true if one of its names is {@value #HAZARDOUS_FOLDER}
     */
    public static boolean isHazardous(Path path) {
        for (Path name : path.toAbsolutePath().normalize()) {
            if (name.toString().equals(HAZARDOUS_FOLDER)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a file starts with a PS3.10 preamble: 128 bytes then {@code DICM}.
     *
     * @param file a file
     * @return true if the marker is present; false if not or the file cannot be read
     */
    public static boolean isPart10(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(132);
            if (head.length < 132) {
                return false;
            }
            for (int i = 0; i < 4; i++) {
                if (head[128 + i] != DICM[i]) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "SampleCorpus[" + root + "]";
    }
}
