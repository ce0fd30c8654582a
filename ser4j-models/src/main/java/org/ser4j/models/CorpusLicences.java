package org.ser4j.models;

import java.util.Locale;
import java.util.Map;

/**
 * The licence terms of the published corpora, as their authors state them. A model carries the terms of every
 * corpus it was trained on, so these go into each bundle's provenance. All but CREMA-D forbid commercial use.
 */
public final class CorpusLicences {
    /** Shown for a corpus that is not one of the published ones and whose licence the user did not declare. */
    public static final String UNDECLARED = "user data: licence not declared";

    private static final Map<String, String> PUBLISHED = Map.of(
            "ravdess", "CC BY-NC-SA 4.0 (Livingstone & Russo 2018)",
            "tess", "CC BY-NC-ND 4.0 (Dupuis & Pichora-Fuller 2010)",
            "emodb", "research use only (Burkhardt et al. 2005; no formal licence)",
            "crema-d", "ODbL 1.0 (database), DbCL 1.0 (contents) (Cao et al. 2014)",
            "savee", "research use only (Haq & Jackson 2009)");

    private CorpusLicences() {
    }

    /** The licence of a corpus id; {@code declared} (user-given, may be null) wins over the built-in terms. */
    public static String of(String corpus, String declared) {
        if (declared != null && !declared.isBlank()) {
            return declared;
        }
        return PUBLISHED.getOrDefault(corpus.toLowerCase(Locale.ROOT), UNDECLARED);
    }
}
