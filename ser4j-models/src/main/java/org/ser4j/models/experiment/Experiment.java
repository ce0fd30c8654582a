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
import org.ser4j.models.eval.Robustness;

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
        double[][][] copies = augmentedRows(data);
        TrainingSet all = new TrainingSet(features, data.labels(), data.classes(), data.speakers());
        List<HyperParameters> grid = settings.gridFor(all.featureCount());
        ClassicalTrainer trainer = new ClassicalTrainer(settings.modelType(), settings.balanceClasses(),
                settings.seed(), 1);
        HyperParameterSearch search = new HyperParameterSearch(trainer, settings.innerFolds(), settings.seed(),
                settings.threads());

        Map<String, double[][]> rendered = new LinkedHashMap<>();
        Map<String, Robustness.Accumulator> robustness = new LinkedHashMap<>();
        data.renderings().forEach((r, rows) -> {
            rendered.put(r, settings.speakerNormalization() ? perSpeaker(rows, data.speakers()) : rows);
            robustness.put(r, new Robustness.Accumulator(r, data.classes().size()));
        });
        List<ExperimentResult.FoldResult> foldResults = new ArrayList<>();
        List<int[]> testRows = new ArrayList<>();
        List<double[][]> foldProbabilities = new ArrayList<>();
        for (Fold fold : folds) {
            int[] train = concat(fold.train(), fold.validation());
            TrainingSet trainSet = withCopies(all.subset(train), train, copies, data);
            HyperParameterSearch.Result chosen = search.search(trainSet, grid);
            TribuoClassifier model = trainer.fit(trainSet, chosen.best());
            double[][] p = Arrays.stream(fold.test()).mapToObj(i -> model.predictProba(features[i]))
                    .toArray(double[][]::new);
            int[] truth = Arrays.stream(fold.test()).map(i -> data.labels()[i]).toArray();
            renderedPredictions(data.labels(), rendered, fold.test(), p, model, robustness);
            ConfusionMatrix m = new ConfusionMatrix(truth, Evaluation.argmax(p), data.classes().size());
            foldResults.add(new ExperimentResult.FoldResult(fold.name(), trainSet.size(), fold.test().length,
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
            int[] every = java.util.stream.IntStream.range(0, all.size()).toArray();
            TrainingSet allWithCopies = withCopies(all, every, copies, data);
            HyperParameterSearch.Result chosen = search.search(allWithCopies, grid);
            TribuoClassifier model = trainer.fit(allWithCopies, chosen.best());
            double temperature = calibration == null ? 1.0 : calibration.temperature();
            Provenance provenance = provenance(data, protocol, chosen.best(), evaluation, calibration);
            bundle = new ModelBundle(model, data.featureSpec(), temperature, settings.speakerNormalization(),
                    provenance, evaluation);
            log.accept("final model: " + chosen.best());
        }
        List<Robustness> held = robustness.values().stream().map(Robustness.Accumulator::result).toList();
        held.forEach(r -> log.accept(String.format("rendering %s: UA %.3f (clean %.3f), agreement %.3f, mean JSD %.4f",
                r.rendering(), r.ua(), r.cleanUa(), r.agreement(), r.meanJsd())));
        return new ExperimentResult(settings, protocol, foldResults, evaluated, truth, probabilities, calibrated,
                evaluation, calibration, bundle, (System.nanoTime() - start) / 1e9, held);
    }

    /**
     * The fold model's answers for the rendered versions of its test clips ({@code rendered}: rendering → row →
     * vector, already normalised like the training rows), next to its answers for the clean ones ({@code clean}, in
     * test order).
     */
    private static void renderedPredictions(int[] labels, Map<String, double[][]> rendered, int[] test,
                                            double[][] clean, TribuoClassifier model,
                                            Map<String, Robustness.Accumulator> robustness) {
        rendered.forEach((name, rows) -> {
            for (int k = 0; k < test.length; k++) {
                double[] v = rows[test[k]];
                if (v != null) {
                    robustness.get(name).add(labels[test[k]], clean[k], model.predictProba(v));
                }
            }
        });
    }

    /**
     * Per-speaker standardisation of rows that may hold nulls (clips a rendering could not make): each rendering or
     * copy is a channel of its own, so its rows are standardised with that speaker's rows of the same channel.
     */
    private static double[][] perSpeaker(double[][] rows, List<String> speakers) {
        List<Integer> present = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] != null) {
                present.add(i);
            }
        }
        double[][] normalised = SpeakerNormalization.apply(present.stream().map(i -> rows[i]).toArray(double[][]::new),
                present.stream().map(speakers::get).toList());
        double[][] out = new double[rows.length][];
        for (int k = 0; k < present.size(); k++) {
            out[present.get(k)] = normalised[k];
        }
        return out;
    }

    /**
     * The augmented copies as feature rows, normalised like the originals when per-speaker normalisation is on:
     * copy k of a speaker's clips is a recording of that speaker through another channel, so it is standardised
     * with the statistics of that speaker's copies k (never mixed with the originals'), as a new speaker or
     * channel is at prediction time.
     */
    private double[][][] augmentedRows(ExperimentData data) {
        double[][][] copies = data.augmented();
        if (copies == null || !settings.speakerNormalization()) {
            return copies;
        }
        int n = copies.length;
        int k = n == 0 ? 0 : copies[0].length;
        double[][][] out = new double[n][k][];
        for (int c = 0; c < k; c++) {
            double[][] column = new double[n][];
            for (int i = 0; i < n; i++) {
                column[i] = copies[i][c];
            }
            double[][] normalised = perSpeaker(column, data.speakers());
            for (int i = 0; i < n; i++) {
                out[i][c] = normalised[i];
            }
        }
        return out;
    }

    /**
     * A training part plus the augmented copies of its rows ({@code rows}: their indices in the data), each with its
     * original's label and speaker, so inner folds keep a speaker's copies with the speaker. Test parts never get
     * copies.
     */
    private static TrainingSet withCopies(TrainingSet part, int[] rows, double[][][] copies, ExperimentData data) {
        if (copies == null) {
            return part;
        }
        List<double[]> x = new ArrayList<>(Arrays.asList(part.features()));
        List<Integer> y = new ArrayList<>();
        Arrays.stream(part.labels()).forEach(y::add);
        List<String> speakers = new ArrayList<>(part.speakers());
        for (int i : rows) {
            for (double[] copy : copies[i]) {
                x.add(copy);
                y.add(data.labels()[i]);
                speakers.add(data.speakers().get(i));
            }
        }
        return new TrainingSet(x.toArray(double[][]::new), y.stream().mapToInt(Integer::intValue).toArray(),
                part.classes(), speakers);
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
        if (data.augmentation() != null) {
            options.put("augmentation", data.augmentation() + " (training folds and the final model only)");
        }
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
                        + data.features()[0].length + " features; audio conditioning: "
                        + spec.conditioning().describe(),
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
