package org.ser4j.models.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ser4j.data.ContentHashes;
import org.ser4j.data.Utterance;
import org.ser4j.models.BundleException;
import org.ser4j.models.Classifier;
import org.ser4j.models.Json;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.TrainedOn;
import org.ser4j.models.adaptation.Adaptation;
import org.ser4j.models.adaptation.Grouping;
import org.ser4j.models.calibration.ReliabilityDiagram;
import org.ser4j.models.eval.Evaluation;

/**
 * A trained bundle evaluated on new labelled data (another corpus, held-out speakers): its calibrated predictions,
 * their {@link Evaluation} and reliability. Items whose class the model does not predict are counted as excluded.
 *
 * @param utterances    the evaluated utterances
 * @param truth         their true classes, as indices into the bundle's classes
 * @param probabilities the bundle's calibrated probabilities
 * @param evaluation    the metrics
 * @param reliability   calibration of the probabilities
 * @param trainingOverlap why the figures overstate accuracy on new speakers (some clips or speakers trained the
 *                        model, {@link TrainedOn#overlapWarning}), or null
 */
public record BundleEvaluation(List<Utterance> utterances, int[] truth, double[][] probabilities,
                               Evaluation evaluation, ReliabilityDiagram reliability, String trainingOverlap) {

    /** The metrics JSON of {@code evaluate} (CLI and Spark): the evaluation and {@code training_overlap}. */
    public String metricsJson() {
        ObjectNode metrics = (ObjectNode) Json.MAPPER.valueToTree(evaluation);
        metrics.put("training_overlap", trainingOverlap);
        return Json.write(metrics);
    }

    /**
     * Evaluates {@code bundle} on {@code data}, whose rows must have been computed with the bundle's feature spec.
     * A model that adapts ({@link Adaptation}) answers each row adapted to the rows of its group ({@code grouping}:
     * by speaker, folder or corpus), never their labels; {@link Grouping#NONE} answers every row on its own, which a
     * model with plain per-speaker standardisation cannot do.
     *
     * @throws IllegalArgumentException for a grouping the model cannot use
     */
    public static BundleEvaluation of(ModelBundle bundle, ExperimentData data, Grouping grouping, int resamples,
                                      long seed) {
        if (!bundle.featureSpec().equals(data.featureSpec())) {
            throw new BundleException(bundle.provenance().name(), "the data's features (" + data.featureSpec().set()
                    + ") are not the model's (" + bundle.featureSpec().set() + "); compute them with the model's spec");
        }
        grouping.check(bundle);
        Adaptation adaptation = bundle.adaptation().orElse(null);
        double[][] features = data.features();
        if (grouping != Grouping.NONE) {
            features = adaptation.transformGroups(features, data.utterances().stream().map(grouping::groupOf).toList());
        } else if (adaptation != null) {
            features = Arrays.stream(features).map(x -> adaptation.transform(x, null)).toArray(double[][]::new);
        }
        Classifier classifier = bundle.classifier();
        List<Utterance> kept = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        List<double[]> probabilities = new ArrayList<>();
        Map<String, Integer> excluded = new LinkedHashMap<>(data.excluded());
        for (int i = 0; i < data.utterances().size(); i++) {
            String label = data.classes().get(data.labels()[i]);
            int index = bundle.classes().indexOf(label);
            if (index < 0) {
                excluded.merge("class '" + label + "' not predicted by the model", 1, Integer::sum);
                continue;
            }
            kept.add(data.utterances().get(i));
            truth.add(index);
            probabilities.add(classifier.predictProba(features[i]));
        }
        int[] t = truth.stream().mapToInt(Integer::intValue).toArray();
        double[][] p = probabilities.toArray(double[][]::new);
        Evaluation evaluation = Evaluation.of(bundle.classes(), t, Evaluation.argmax(p), kept, excluded, resamples,
                seed);
        return new BundleEvaluation(kept, t, p, evaluation, ReliabilityDiagram.of(p, t),
                TrainedOn.overlapWarning(bundle, data.utterances(), new ContentHashes()::of));
    }
}
