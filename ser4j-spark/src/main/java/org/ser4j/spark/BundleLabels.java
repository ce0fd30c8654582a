package org.ser4j.spark;

import java.util.Map;
import org.ser4j.data.corpus.LoadResult;
import org.ser4j.data.labels.LabelMap;
import org.ser4j.models.ModelBundle;

/**
 * The two rules of the CLI's {@code evaluate} that sit in ser4j-cli's package-private classes
 * ({@code EvaluateCommand.labelMapOf}, {@code CorpusOptions.skippedReasons}) and that the evaluation JSON depends
 * on. They must stay identical to the CLI's: {@code SparkJobsTest} compares this module's metrics JSON with the
 * CLI's byte for byte. (Proposed: move both into ser4j-models so the CLI and this module share one copy.)
 */
public final class BundleLabels {
    private BundleLabels() {
    }

    /**
     * The label map the model was trained with, from its provenance ("name: rule rule ..."); the default map when a
     * bundle does not record one.
     */
    public static LabelMap labelMap(ModelBundle bundle) {
        String text = bundle.provenance().labelMap();
        int colon = text == null ? -1 : text.indexOf(": ");
        if (colon < 0) {
            return LabelMap.defaults();
        }
        return LabelMap.parse(text.substring(colon + 2).replace(' ', '\n'), text.substring(0, colon));
    }

    /** Files a corpus loader skipped, as an exclusion reason for the metrics. */
    public static Map<String, Integer> skippedReasons(LoadResult loaded) {
        return loaded.skipped().isEmpty() ? Map.of()
                : Map.of("file name not in the corpus's naming convention", loaded.skipped().size());
    }
}
