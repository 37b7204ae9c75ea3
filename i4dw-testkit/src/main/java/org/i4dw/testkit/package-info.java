/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * JUnit 5 fixtures that start real PACS servers on loopback for integration tests: Debian's
 * Orthanc ({@link org.i4dw.testkit.OrthancPacs}, {@link org.i4dw.testkit.OrthancTest}) and
 * dcmtk's {@code dcmqrscp} ({@link org.i4dw.testkit.DcmqrscpPacs},
 * {@link org.i4dw.testkit.DcmqrscpTest}), plus the shared sample corpus
 * ({@link org.i4dw.testkit.SampleCorpus}). For fault tests, {@link org.i4dw.testkit.TcpProxy} stands
 * between a client and a server and adds delays, goes silent, refuses or drops connections on
 * command, and {@link org.i4dw.testkit.OrthancPacs#kill()} and
 * {@link org.i4dw.testkit.OrthancPacs#restart()} crash and restart a PACS. Assertions for de-identification rule tests and the
 * PHI-leak scanner are in {@link org.i4dw.testkit.deid}. Synthetic cohorts with their ground truth
 * ({@code org.i4dw.testkit.cohort}) are in the module {@code i4dw-testkit-cohort}: they are written
 * with i4dw-dicom, whose own tests depend on this module.
 *
 * <p>Every fixture runs a real process in a fresh temporary folder, picks free loopback ports
 * unless told otherwise, waits explicitly for readiness, and removes its process and folder in
 * {@code close()}. A missing binary is a failure naming the Debian packages to install, never a
 * skipped test. Messages and logs carry file names, counts, ports and AE titles, never patient
 * data.
 */
package org.i4dw.testkit;
