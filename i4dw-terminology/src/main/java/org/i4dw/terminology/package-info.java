/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * DCMEHOP, the built-in terminology provider ({@code dcmehop}): attribute tags by sequence path
 * and SR content trees by concept name, built from the data. Only
 * {@link org.i4dw.terminology.DcmehopTerminologyProvider} is public; callers use the types of
 * {@link org.i4dw.api.terminology}.
 */
package org.i4dw.terminology;
