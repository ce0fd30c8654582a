package org.ser4j.cli;

import java.util.List;
import org.ser4j.data.Utterance;
import org.ser4j.data.augment.AugmentationPlan;
import org.ser4j.data.table.FeatureCache;
import org.ser4j.data.table.FeatureTable;
import org.ser4j.data.table.FeatureTableBuilder;
import org.ser4j.features.FeatureSets;
import org.ser4j.features.FeatureSpec;

/** Builds the feature table of a set of utterances (cached, parallel, with a progress bar) for train/evaluate. */
final class FeatureData {
    private FeatureData() {
    }

    static FeatureTable build(List<Utterance> utterances, FeatureSpec spec, int threads, FeatureCache cache,
                              boolean quiet) {
        return build(utterances, spec, threads, cache, quiet, null);
    }

    /** As above, with the augmented copies of a plan (null for none). */
    static FeatureTable build(List<Utterance> utterances, FeatureSpec spec, int threads, FeatureCache cache,
                              boolean quiet, AugmentationPlan plan) {
        FeatureTableBuilder builder = new FeatureTableBuilder(FeatureSets.extractor(spec)).threads(threads)
                .quiet(quiet).augmentation(plan);
        if (cache != null) {
            builder.cache(cache);
        }
        FeatureTable table = builder.build(utterances);
        if (!table.failures().isEmpty() && !quiet) {
            System.err.printf("%d file(s) could not be decoded or featurised, e.g. %s%n", table.failures().size(),
                    table.failures().get(0));
        }
        return table;
    }
}
