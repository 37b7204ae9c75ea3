/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.examples.plugin;

import java.util.Locale;
import java.util.OptionalDouble;
import org.i4dw.api.pivot.CodedValue;
import org.i4dw.api.pivot.PivotElement;
import org.i4dw.api.terminology.NodeType;
import org.i4dw.data.Tag;
import org.i4dw.spi.ExtractionFeature;
import org.i4dw.spi.ExtractionPlugin;
import org.i4dw.spi.PluginContext;

/**
 * Feature {@code mr-field-strength}: adds to the document of each MR series one CODE element
 * {@value #ELEMENT_CODE} whose value names the field strength class, from Magnetic Field Strength
 * (0018,0087) in tesla: "1.5T" for 1.25 to 2.0, "3T" for 2.5 to 3.5, otherwise the strength
 * rounded to one decimal followed by "T" (e.g. "0.5T", "7T"). A value above 100 is taken to be in
 * gauss, as some older scanners wrote it (15000 is 1.5 T). Series of other modalities, and MR
 * series without a usable field strength, get no element.
 *
 * <p>A plugin sees only the de-identified series and the document being built, never the bridge.
 */
public final class MrFieldStrengthPlugin implements ExtractionPlugin {

    /** The feature id. */
    public static final String ID = "mr-field-strength";

    /** The code of the element this feature adds. */
    public static final String ELEMENT_CODE = "I4DW-EXAMPLES:MR-FIELD-STRENGTH-CLASS";

    /** The coding scheme of the class codes. */
    public static final String SCHEME = "I4DW-EXAMPLES";

    /** For the service loader. */
    public MrFieldStrengthPlugin() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "classifies MR series by Magnetic Field Strength: 1.5T, 3T, ...";
    }

    @Override
    public ExtractionFeature start(PluginContext context) {
        return (series, document) -> {
            if (!"MR".equals(series.header().string(Tag.Modality).orElse(""))) {
                return;
            }
            OptionalDouble tesla = series.header().decimal(Tag.MagneticFieldStrength);
            if (tesla.isEmpty() || !(tesla.getAsDouble() > 0) || Double.isInfinite(tesla.getAsDouble())) {
                return;
            }
            double t = tesla.getAsDouble() > 100 ? tesla.getAsDouble() / 10_000 : tesla.getAsDouble();
            String label = classify(t);
            document.addElement(new PivotElement(ELEMENT_CODE, NodeType.CODE, label, null,
                    new CodedValue(SCHEME, label, label.replace("T", " tesla")), 1, 1));
        };
    }

    /**
     * The class of a field strength.
     *
     * @param tesla the field strength in tesla, positive
     * @return e.g. {@code 1.5T}, {@code 3T}, {@code 0.5T}
     */
    public static String classify(double tesla) {
        if (tesla >= 1.25 && tesla <= 2.0) {
            return "1.5T";
        }
        if (tesla >= 2.5 && tesla <= 3.5) {
            return "3T";
        }
        double rounded = Math.round(tesla * 10) / 10.0;
        return (rounded == Math.rint(rounded) ? String.format(Locale.ROOT, "%.0f", rounded)
                : String.format(Locale.ROOT, "%.1f", rounded)) + "T";
    }
}
