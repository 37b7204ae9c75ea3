/*
 * Copyright 2026 the I4DW authors. Licensed under the Apache License, Version 2.0.
 */
package org.i4dw.testkit.cohort;

import java.util.List;
import java.util.Random;

/**
 * Invented names and places. Family names are built from syllables so that they are distinctive
 * (no dictionary word, no real institution): a leak scanner that finds one has found the cohort's
 * data, not vocabulary.
 */
final class People {

    private People() {
    }

    /** A synthetic institution. */
    record Site(String code, String name, String address, String department) {
    }

    static final List<Site> SITES = List.of(
            new Site("KERV", "CENTRE HOSPITALIER DE KERVALEC", "12 RUE DU MOULIN BRAZ, 29990 KERVALEC",
                    "IMAGERIE MEDICALE"),
            new Site("ORME", "CLINIQUE SAINTE ORMELINE", "4 AVENUE DES TILLEULS, 35990 ORMELINE-SUR-VIRE",
                    "RADIOLOGIE"),
            new Site("VALB", "HOPITAL NORD DE VALBRUYERE", "1 PLACE DU BELVEDERE, 56990 VALBRUYERE",
                    "SERVICE DE RADIOLOGIE"));

    private static final String[] ONSETS = {"B", "BR", "D", "F", "G", "GR", "K", "KR", "L", "M", "N", "P", "QU",
        "R", "S", "T", "TR", "V", "Z", "CH"};
    private static final String[] VOWELS = {"A", "E", "I", "O", "U", "AI", "OU", "EU"};
    private static final String[] ENDINGS = {"LEC", "RIN", "ZEC", "VAND", "NIOU", "RAST", "QUEL", "DREC", "LOUET",
        "MARC", "VEUR", "GNAC"};

    private static final String[] MALE = {"ANSELME", "BERTIN", "CYPRIEN", "DOMNIN", "EUDES", "FIACRE", "GILDAS",
        "HERVELIN", "ILDUT", "JUDICAEL", "KORENTIN", "LOEIZ", "MAODEZ", "NEVEN", "ORIAL", "PAOL", "RIWAL", "SEZNI",
        "TUDUAL", "YVONIG"};
    private static final String[] FEMALE = {"ADELISE", "BLEUENN", "CLERVIE", "DERVELA", "ENORA", "FAUSTINE",
        "GWENOLA", "HELORI", "IDWENN", "JOSSELINE", "KLERVI", "LOWENA", "MAIWENN", "NOLWENN", "ONENN", "PERRINE",
        "RIVANONE", "SOAZIG", "TIFENN", "YUNA"};

    static String familyName(Random r) {
        StringBuilder sb = new StringBuilder();
        int syllables = 1 + r.nextInt(2);
        for (int i = 0; i < syllables; i++) {
            sb.append(ONSETS[r.nextInt(ONSETS.length)]).append(VOWELS[r.nextInt(VOWELS.length)]);
        }
        return sb.append(ENDINGS[r.nextInt(ENDINGS.length)]).toString();
    }

    static String givenName(Random r, boolean male) {
        String[] names = male ? MALE : FEMALE;
        return names[r.nextInt(names.length)];
    }

    /** A physician's name as a PN value: family, given, no middle name, prefix {@code DR}. */
    static String physician(Random r) {
        return familyName(r) + "^" + givenName(r, r.nextBoolean()) + "^^DR";
    }

    /** A technologist's name as a PN value. */
    static String operator(Random r) {
        return familyName(r) + "^" + givenName(r, r.nextBoolean());
    }
}
