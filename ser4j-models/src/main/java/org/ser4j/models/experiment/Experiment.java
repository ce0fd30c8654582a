package org.ser4j.models.experiment;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.ser4j.BuildInfo;
import org.ser4j.data.Utterance;
import org.ser4j.data.split.Fold;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.Provenance;
import org.ser4j.models.calibration.ReliabilityDiagram;
import org.ser4j.models.calibration.TemperatureScaling;
import org.ser4j.models.classical.ClassicalTrainer;
import org.ser4j.models.classical.HyperParameterSearch;
import org.ser4j.models.classical.HyperParameters;
import org.ser4j.models.classical.SpeakerNormalization;
import org.ser4j.models.classical.TrainingSet;
import org.ser4j.models.classical.TribuoClassifier;
import org.ser4j.models.eval.ConfusionMatrix;
import org.ser4j.models.eval.Evaluation;

/**
 * A training run end to end: for every outer fold, a hyper-parameter search by inner speaker-grouped
 * cross-validation on that fold's training part, a fit with the chosen point, and predictions for its test part;
 * then the evaluation of all out-of-fold predictions, a calibration temperature fitted on them, and (optionally)
 * a final model fitted the same way on all data and packed into a {@link ModelBundle} with its provenance.
 *
 * <p>A fold's validation part, if the protocol made one, is merged into its training part: the inner
 * cross-validation already holds speakers out for selection. Per-speaker normalisation uses only each speaker's
 * own rows (no labels, no other speakers), so applying it to all rows up front leaks nothing between folds.
 */
public final class Experiment {
    private final ExperimentSettings settings;
    private final Consumer<String> log;

    /** @param log receives one line per step (e.g. {@code System.err::println}, or {@code s -> { }}) */
    public Experiment(ExperimentSettings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
    }

    /**
     * Runs the experiment.
     *
     * @param data     the rows
     * @param folds    the outer folds (indices into {@code data}); empty to skip evaluation and only fit the model
     * @param protocol the folds' description, for reports
     */
    public ExperimentResult run(ExperimentData data, List<Fold> folds, String protocol) {
        long start = System.nanoTime();
        double[][] features = settings.speakerNormalization()
                ? SpeakerNormalization.apply(data.features(), data.speakers()) : data.features();
        TrainingSet all = new TrainingSet(features, data.labels(), data.classes(), data.speakers());
        List<HyperParameters> grid = settings.gridFor(all.featureCount());
        ClassicalTrainer trainer = new ClassicalTrainer(settings.modelType(), settings.balanceClasses(),
                settings.seed(), 1);
        HyperParameterSearch search = new HyperParameterSearch(trainer, settings.innerFolds(), settings.seed(),
                settings.threads());

        List<ExperimentResult.FoldResult> foldResults = new ArrayList<>();
        List<int[]> testRows = new ArrayList<>();
        List<double[][]> foldProbabilities = new ArrayList<>();
        for (Fold fold : folds) {
            int[] train = concat(fold.train(), fold.validation());
            TrainingSet trainSet = all.subset(train);
            HyperParameterSearch.Result chosen = search.search(trainSet, grid);
            TribuoClassifier model = trainer.fit(trainSet, chosen.best());
            double[][] p = Arrays.stream(fold.test()).mapToObj(i -> model.predictProba(features[i]))
                    .toArray(double[][]::new);
            int[] truth = Arrays.stream(fold.test()).map(i -> data.labels()[i]).toArray();
            ConfusionMatrix m = new ConfusionMatrix(truth, Evaluation.argmax(p), data.classes().size());
            foldResults.add(new ExperimentResult.FoldResult(fold.name(), train.length, fold.test().length,
                    chosen.best(), chosen.candidates(), m.accuracy(), m.unweightedAccuracy()));
            testRows.add(fold.test());
            foldProbabilities.add(p);
            log.accept(String.format("%s: %s, accuracy %.3f, UA %.3f", fold.name(), chosen.best(), m.accuracy(),
                    m.unweightedAccuracy()));
        }

        int[] rows = testRows.stream().flatMapToInt(Arrays::stream).toArray();
        List<Utterance> evaluated = Arrays.stream(rows).mapToObj(i -> data.utterances().get(i)).toList();
        int[] truth = Arrays.stream(rows).map(i -> data.labels()[i]).toArray();
        double[][] probabilities = foldProbabilities.stream().flatMap(Arrays::stream).toArray(double[][]::new);
        Evaluation evaluation = null;
        ExperimentResult.CalibrationSummary calibration = null;
        double[][] calibrated = null;
        if (rows.length > 0) {
            evaluation = Evaluation.of(data.classes(), truth, Evaluation.argmax(probabilities), evaluated,
                    data.excluded(), settings.bootstrapResamples(), settings.seed());
            calibrated = crossFittedCalibration(testRows, foldProbabilities, data.labels());
            double temperature = TemperatureScaling.fit(probabilities, truth);
            ReliabilityDiagram before = ReliabilityDiagram.of(probabilities, truth);
            ReliabilityDiagram after = ReliabilityDiagram.of(calibrated, truth);
            calibration = new ExperimentResult.CalibrationSummary(temperature, before.expectedCalibrationError(),
                    after.expectedCalibrationError(), folds.size() > 1, before, after);
            log.accept(String.format("out-of-fold: accuracy %.3f, UA %.3f, macro-F1 %.3f; temperature %.2f, "
                            + "ECE %.3f -> %.3f", evaluation.accuracy(), evaluation.unweightedAccuracy(),
                    evaluation.macroF1(), temperature, before.expectedCalibrationError(),
                    after.expectedCalibrationError()));
        }

        ModelBundle bundle = null;
        if (settings.trainFinalModel()) {
            HyperParameterSearch.Result chosen = search.search(all, grid);
            TribuoClassifier model = trainer.fit(all, chosen.best());
            double temperature = calibration == null ? 1.0 : calibration.temperature();
            Provenance provenance = provenance(data, protocol, chosen.best(), evaluation, calibration);
            bundle = new ModelBundle(model, data.featureSpec(), temperature, settings.speakerNormalization(),
                    provenance, evaluation);
            log.accept("final model: " + chosen.best());
        }
        return new ExperimentResult(settings, protocol, foldResults, evaluated, truth, probabilities, calibrated,
                evaluation, calibration, bundle, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Each fold's probabilities scaled by a temperature fitted on the other folds' predictions, so the calibration
     * error after scaling is measured on predictions the temperature did not see. With one fold there are no other
     * folds, and that fold's own temperature is used.
     */
    private static double[][] crossFittedCalibration(List<int[]> testRows, List<double[][]> probabilities,
                                                     int[] labels) {
        List<double[]> out = new ArrayList<>();
        for (int f = 0; f < testRows.size(); f++) {
            List<double[]> otherP = new ArrayList<>();
            List<Integer> otherY = new ArrayList<>();
            for (int g = 0; g < testRows.size(); g++) {
                if (g != f || testRows.size() == 1) {
                    otherP.addAll(Arrays.asList(probabilities.get(g)));
                    Arrays.stream(testRows.get(g)).forEach(i -> otherY.add(labels[i]));
                }
            }
            double t = TemperatureScaling.fit(otherP.toArray(double[][]::new),
                    otherY.stream().mapToInt(Integer::intValue).toArray());
            for (double[] p : probabilities.get(f)) {
                out.add(TemperatureScaling.apply(p, t));
            }
        }
        return out.toArray(double[][]::new);
    }

    private Provenance provenance(ExperimentData data, String protocol, HyperParameters finalPoint,
                                  Evaluation evaluation, ExperimentResult.CalibrationSummary calibration) {
        List<Provenance.CorpusInfo> corpora = Provenance.corpora(data.utterances(), settings.declaredLicences());
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("class_weighting", settings.balanceClasses() ? "balanced" : "none");
        options.put("speaker_normalization", settings.speakerNormalization());
        options.put("hyper_parameter_search", settings.gridFor(data.features()[0].length).size()
                + " points, speaker-grouped " + settings.innerFolds() + "-fold inner CV, selected on unweighted "
                + "accuracy");
        options.put("standardization", "z-score fitted on training data");
        if (settings.command() != null) {
            options.put("training_command", settings.command());
        }
        options.put("probabilities", switch (settings.modelType()) {
            case SVM_RBF, SVM_LINEAR -> "libsvm Platt scaling with pairwise coupling";
            case RANDOM_FOREST -> "mean of tree leaf distributions";
            default -> "model softmax";
        });
        Map<String, Object> metrics = new LinkedHashMap<>();
        if (evaluation != null) {
            metrics.put("n", evaluation.n());
            metrics.put("accuracy", evaluation.accuracy());
            metrics.put("accuracy_ci", evaluation.accuracyCi());
            metrics.put("unweighted_accuracy", evaluation.unweightedAccuracy());
            metrics.put("unweighted_accuracy_ci", evaluation.unweightedAccuracyCi());
            metrics.put("macro_f1", evaluation.macroF1());
        }
        Map<String, Double> calibrationFigures = new LinkedHashMap<>();
        if (calibration != null) {
            calibrationFigures.put("temperature", calibration.temperature());
            calibrationFigures.put("ece_before", calibration.eceBefore());
            calibrationFigures.put("ece_after", calibration.eceAfter());
        }
        var spec = data.featureSpec();
        return new Provenance(settings.modelName(), settings.modelVersion(),
                OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString(), BuildInfo.version(),
                BuildInfo.commit(), settings.modelType().id(), finalPoint,
                spec.set() + " v" + spec.version() + " @" + spec.sampleRate() + " Hz, "
                        + data.features()[0].length + " features",
                corpora, data.labelMap(), protocol, options,
                new TreeMap<>(Map.of("training", settings.seed(), "inner_folds", settings.seed(), "bootstrap",
                        settings.seed())),
                metrics, calibrationFigures, Provenance.licenceLine(corpora));
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
