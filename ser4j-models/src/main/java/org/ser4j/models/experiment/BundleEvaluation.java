package org.ser4j.models.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ser4j.data.Utterance;
import org.ser4j.models.BundleException;
import org.ser4j.models.Classifier;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.calibration.ReliabilityDiagram;
import org.ser4j.models.classical.SpeakerNormalization;
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
 */
public record BundleEvaluation(List<Utterance> utterances, int[] truth, double[][] probabilities,
                               Evaluation evaluation, ReliabilityDiagram reliability) {

    /**
     * Evaluates {@code bundle} on {@code data}, whose rows must have been computed with the bundle's feature spec.
     * A per-speaker-normalised model normalises each speaker of {@code data} with that speaker's rows.
     */
    public static BundleEvaluation of(ModelBundle bundle, ExperimentData data, int resamples, long seed) {
        if (!bundle.featureSpec().equals(data.featureSpec())) {
            throw new BundleException(bundle.provenance().name(), "the data's features (" + data.featureSpec().set()
                    + ") are not the model's (" + bundle.featureSpec().set() + "); compute them with the model's spec");
        }
        double[][] features = bundle.speakerNormalization()
                ? SpeakerNormalization.apply(data.features(), data.speakers()) : data.features();
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
        return new BundleEvaluation(kept, t, p, evaluation, ReliabilityDiagram.of(p, t));
    }
}
