package org.ser4j.server.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.eval.Evaluation;

/**
 * The class distribution a model was trained on, the reference of the drift gauge. Bundles do not record it
 * directly; their cross-validated evaluation's per-class support is the number of training utterances of each
 * class (every utterance is tested once in k-fold cross-validation), so that is used. A bundle without an
 * evaluation falls back to the uniform distribution, and {@link #source()} says so.
 *
 * @param classes the model's classes
 * @param shares  share of each class
 * @param source  where the numbers come from
 */
public record TrainingDistribution(List<String> classes, double[] shares, String source) {

    public static TrainingDistribution of(ModelBundle bundle) {
        List<String> classes = bundle.classes();
        Map<String, Evaluation.ClassMetrics> perClass = bundle.evaluation().map(Evaluation::perClass).orElse(null);
        if (perClass != null && classes.stream().allMatch(perClass::containsKey)) {
            double[] support = classes.stream().mapToDouble(c -> perClass.get(c).support()).toArray();
            double total = Arrays.stream(support).sum();
            if (total > 0) {
                return new TrainingDistribution(classes, Arrays.stream(support).map(s -> s / total).toArray(),
                        "cross-validation support of the bundle's evaluation (" + (long) total + " utterances)");
            }
        }
        double[] uniform = new double[classes.size()];
        Arrays.fill(uniform, 1.0 / classes.size());
        return new TrainingDistribution(classes, uniform, "uniform (the bundle records no per-class support)");
    }
}
