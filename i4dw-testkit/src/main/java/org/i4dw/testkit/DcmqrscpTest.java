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
 * Starts one real dcmtk {@code dcmqrscp} per test class (shared by its nested classes) and injects
 * it as a {@link DcmqrscpPacs} parameter of test, lifecycle or constructor methods. The server
 * stops and its folder is deleted when the class finishes. Peers for C-MOVE need the builder:
 * start a {@link DcmqrscpPacs} yourself in that case.
 *
 * <p>Needs JUnit Jupiter 5.13 or later, which closes {@link AutoCloseable} values of the
 * extension store.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(DcmqrscpExtension.class)
public @interface DcmqrscpTest {

    /**
     * The AE title dcmqrscp answers to.
     *
     * @return the AE title, without spaces
     */
    String aeTitle() default "DCMQRSCP";

    /**
     * How long to wait for readiness, in seconds.
     *
     * @return a positive number of seconds
     */
    int startupTimeoutSeconds() default 30;
}
