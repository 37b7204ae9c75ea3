/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts one real Orthanc per test class (shared by its nested classes) and injects it as an
 * {@link OrthancPacs} parameter of test, lifecycle or constructor methods. The server stops and its
 * folder is deleted when the class finishes.
 *
 * <pre>{@code
 * @OrthancTest(aeTitle = "PACS")
 * class MyIT {
 *     @Test
 *     void echo(OrthancPacs pacs) { ... pacs.dicomPort() ... }
 * }
 * }</pre>
 *
 * <p>Needs JUnit Jupiter 5.13 or later, which closes {@link AutoCloseable} values of the
 * extension store.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(OrthancExtension.class)
public @interface OrthancTest {

    /**
     * The AE title Orthanc answers to.
     *
     * @return the AE title
     */
    String aeTitle() default "ORTHANC";

    /**
     * Whether to load the DICOMweb plugin.
     *
     * @return true to serve {@code /dicom-web/}
     */
    boolean dicomWeb() default true;

    /**
     * How long to wait for readiness, in seconds.
     *
     * @return a positive number of seconds
     */
    int startupTimeoutSeconds() default 30;
}
