package org.ser4j.models.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ser4j.data.Utterance;
import org.ser4j.data.labels.LabelMap;
import org.ser4j.data.table.FeatureTable;
import org.ser4j.features.FeatureSpec;

/**
 * What an experiment learns from: label-mapped utterances with one raw feature row each, the classes, the feature
 * spec the rows were computed with, and how many items were left out on the way and why.
 *
 * @param utterances  one per row (already relabelled by the label map)
 * @param features    raw feature rows
 * @param classes     class labels
 * @param labels      class index of each row
 * @param featureSpec the spec the rows were computed with
 * @param labelMap    the label map, as a name and its rules (for provenance)
 * @param excluded    items left out before training, per reason
 * @param augmented   per row, the raw feature rows of its augmented copies (used on training folds only), or null
 * @param augmentation what made the copies (for provenance), or null
 * @param renderings  raw feature rows of every row's clip through other channels (rendering name → row → vector,
 *                    null where the rendering failed), to measure how test-fold answers hold; empty for none
 */
public record ExperimentData(List<Utterance> utterances, double[][] features, List<String> classes, int[] labels,
                             FeatureSpec featureSpec, String labelMap, Map<String, Integer> excluded,
                             double[][][] augmented, String augmentation, Map<String, double[][]> renderings) {
    public ExperimentData {
        utterances = List.copyOf(utterances);
        classes = List.copyOf(classes);
        excluded = Map.copyOf(excluded);
        renderings = renderings == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(renderings));
        for (Map.Entry<String, double[][]> r : renderings.entrySet()) {
            if (r.getValue().length != utterances.size()) {
                throw new IllegalArgumentException("rendering '" + r.getKey() + "' has " + r.getValue().length
                        + " rows for " + utterances.size() + " utterances");
            }
        }
        if (features.length != utterances.size() || labels.length != utterances.size()
                || augmented != null && augmented.length != utterances.size()) {
            throw new IllegalArgumentException(utterances.size() + " utterances, " + features.length + " feature rows, "
                    + labels.length + " labels" + (augmented == null ? "" : ", " + augmented.length
                    + " augmented rows"));
        }
    }

    /** Data without augmented copies. */
    public ExperimentData(List<Utterance> utterances, double[][] features, List<String> classes, int[] labels,
                          FeatureSpec featureSpec, String labelMap, Map<String, Integer> excluded) {
        this(utterances, features, classes, labels, featureSpec, labelMap, excluded, null, null, Map.of());
    }

    /** The same data with the table's augmented copies, described as {@code augmentation}. */
    public ExperimentData withAugmented(double[][][] copies, String description) {
        return new ExperimentData(utterances, features, classes, labels, featureSpec, labelMap, excluded, copies,
                description, renderings);
    }

    /** The same data with rendered versions of every row's clip (see {@code renderings}). */
    public ExperimentData withRenderings(Map<String, double[][]> rendered) {
        return new ExperimentData(utterances, features, classes, labels, featureSpec, labelMap, excluded, augmented,
                augmentation, rendered);
    }

    /**
     * The usual assembly: a feature table built from a label map's selection.
     *
     * @param table       rows for the selected utterances (its failures count as excluded)
     * @param selection   the label map's selection the table was built from (its exclusions count as excluded)
     * @param featureSpec the spec of the table's extractor
     * @param alsoExcluded other exclusions to report, e.g. files a corpus loader skipped (may be empty)
     */
    public static ExperimentData of(FeatureTable table, LabelMap.Selection selection, FeatureSpec featureSpec,
                                    Map<String, Integer> alsoExcluded) {
        LabelMap map = selection.map();
        int[] labels = table.utterances().stream().mapToInt(u -> map.classIndex(u.emotion())).toArray();
        Map<String, Integer> excluded = new LinkedHashMap<>(alsoExcluded);
        selection.excluded().forEach((emotion, count) ->
                excluded.merge("emotion '" + emotion.label() + "' not in label map", count, Integer::sum));
        if (!table.failures().isEmpty()) {
            excluded.merge("audio could not be decoded or featurised", table.failures().size(), Integer::sum);
        }
        return new ExperimentData(table.utterances(), table.values(), map.classLabels(), labels, featureSpec,
                map.name() + ": " + map.toRules().trim().replace('\n', ' '), excluded);
    }

    public List<String> speakers() {
        return utterances.stream().map(Utterance::speaker).toList();
    }
}
