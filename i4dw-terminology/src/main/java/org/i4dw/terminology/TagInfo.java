/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.terminology;

import org.i4dw.api.terminology.IntMap;
import org.i4dw.api.terminology.TerminologySettings;
import org.i4dw.data.ElementDictionary;
import org.i4dw.data.ElementInfo;
import org.i4dw.data.Tag;
import org.i4dw.data.VR;

/** What the dictionary and the settings say about a tag, looked up once and kept. Immutable. */
final class TagInfo {

    private static final ElementDictionary DICTIONARY = ElementDictionary.standard();

    /** The dictionary name, or the tag as {@code (gggg,eeee)} when unknown. */
    final String label;
    /** The dictionary's VR, for elements read as UN; null when unknown. */
    final VR defaultVr;
    /** The keyword ends with {@code CodeSequence}: the sequence is one CODE node. */
    final boolean codeSequenceKeyword;
    /** The settings make it a text index field. */
    final boolean indexed;

    private TagInfo(int tag, TerminologySettings settings) {
        ElementInfo info = DICTIONARY.lookup(tag);
        label = info != null ? info.name() : Tag.toString(tag);
        defaultVr = info != null && !info.vrs().isEmpty() ? info.defaultVr() : null;
        codeSequenceKeyword = info != null && info.keyword().endsWith("CodeSequence");
        indexed = settings.textIndexFields().contains(Tag.of(tag));
    }

    /** A cache for one thread (a builder). */
    static final class Local {
        private final TerminologySettings settings;
        private final IntMap<TagInfo> map = new IntMap<>();

        Local(TerminologySettings settings) {
            this.settings = settings;
        }

        TagInfo get(int tag) {
            TagInfo i = map.get(tag);
            if (i == null) {
                i = new TagInfo(tag, settings);
                map.put(tag, i);
            }
            return i;
        }
    }

    /**
     * A cache shared by threads (an indexer), read without locks. It keeps at most {@value #MAX}
     * tags, so that objects full of unknown tags cannot grow it without bound; tags beyond are
     * looked up each time.
     */
    static final class Shared {
        private static final int MAX = 16_384;
        private final TerminologySettings settings;
        private final CowIntMap<TagInfo> map = new CowIntMap<>(MAX);

        Shared(TerminologySettings settings) {
            this.settings = settings;
        }

        TagInfo get(int tag) {
            TagInfo i = map.get(tag);
            return i != null ? i : map.computeIfAbsent(tag, t -> new TagInfo(t, settings));
        }
    }
}
