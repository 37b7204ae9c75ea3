/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Example: a user's de-identification rule set and its unit test. The rules are a file of
 * overrides on top of a PS3.15 profile ({@link org.i4dw.examples.ruletest.HospitalDeidentifier});
 * the test (in this module's test sources) de-identifies a real sample file and checks each rule
 * with {@code org.i4dw.testkit.deid.DeidAssertions}, then runs the PHI-leak scanner over the
 * whole output.
 */
package org.i4dw.examples.ruletest;
