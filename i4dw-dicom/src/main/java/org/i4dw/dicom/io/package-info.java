/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Part 10 and data set codec: DicomReader, DicomWriter, options, warnings.
 */
package org.i4dw.dicom.io;
