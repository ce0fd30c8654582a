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
import org.ser4j.features.FeatureSets;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.Provenance;
import org.ser4j.models.adaptation.Adaptation;
import org.ser4j.models.adaptation.AdaptationReport;
import org.ser4j.models.adaptation.SessionMix;
import org.ser4j.models.calibration.ReliabilityDiagram;
import org.ser4j.models.calibration.TemperatureScaling;
import org.ser4j.models.classical.ClassicalTrainer;
import org.ser4j.models.classical.HyperParameterSearch;
import org.ser4j.models.classical.HyperParameters;
import org.ser4j.models.classical.TrainingSet;
import org.ser4j.models.classical.TribuoClassifier;
import org.ser4j.models.eval.ConfusionMatrix;
import org.ser4j.models.eval.Evaluation;
import org.ser4j.models.eval.FeatureImportance;
import org.ser4j.models.eval.Robustness;

/**
 * A training run end to end: for every outer fold, a hyper-parameter search by inner speaker-grouped
 * cross-validation on that fold's training part, a fit with the chosen point, and predictions for its test part;
 * then the evaluation of all out-of-fold predictions, a calibration temperature fitted on them, and (optionally)
 * a final model fitted the same way on all data and packed into a {@link ModelBundle} with its provenance.
 *
 * <p>A fold's validation part, if the protocol made one, is merged into its training part: the inner
 * cross-validation already holds speakers out for selection. A model that adapts to speakers ({@link Adaptation})
 * is evaluated on each held-out speaker adapted to all of that speaker's held-out clips, and also after fewer clips
 * and on skewed sessions ({@link AdaptationReport}).
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
        Adaptation.Method method = settings.adaptation();
        // Plain per-speaker standardisation uses only each speaker's own rows (no labels, no other speakers), so
        // it is applied to all rows up front; a relative adaptation's population statistics and simulated sessions
        // come from each fold's training part (inputsFor).
        Adaptation plain = method == Adaptation.Method.PLAIN ? Adaptation.plain() : null;
        double[][] features = plain != null ? plain.transformGroups(data.features(), data.speakers())
                : data.features();
        double[][][] copies = plain != null ? perColumn(data.augmented(), c -> plain.transformGroups(c,
                data.speakers())) : data.augmented();
        TrainingSet all = new TrainingSet(features, data.labels(), data.classes(), data.speakers());
        int inputSize = (method == Adaptation.Method.RELATIVE ? 2 : 1) * data.features()[0].length;
        List<HyperParameters> grid = settings.gridFor(inputSize);
        ClassicalTrainer trainer = new ClassicalTrainer(settings.modelType(), settings.balanceClasses(),
                settings.seed(), 1);
        HyperParameterSearch search = new HyperParameterSearch(trainer, settings.innerFolds(), settings.seed(),
                settings.threads());

        Map<String, Robustness.Accumulator> robustness = new LinkedHashMap<>();
        data.renderings().keySet().forEach(r -> robustness.put(r, new Robustness.Accumulator(r,
                data.classes().size())));
        AdaptationReport.Accumulator adaptationReport = null;
        List<String> featureNames = featureNames(data);
        FeatureImportance.Accumulator importance = featureNames == null ? null
                : new FeatureImportance.Accumulator(featureNames, data.classes().size(), settings.threads());
        List<ExperimentResult.FoldResult> foldResults = new ArrayList<>();
        List<int[]> testRows = new ArrayList<>();
        List<double[][]> foldProbabilities = new ArrayList<>();
        for (int f = 0; f < folds.size(); f++) {
            Fold fold = folds.get(f);
            int[] train = concat(fold.train(), fold.validation());
            FoldInputs in = inputsFor(data, all, copies, train, fold.test(), settings.seed() + f);
            TrainingSet trainSet = withCopies(in.training(), train, in.copies(), data);
            HyperParameterSearch.Result chosen = search.search(trainSet, grid);
            TribuoClassifier model = trainer.fit(trainSet, chosen.best());
            double[][] p = Arrays.stream(fold.test()).mapToObj(i -> model.predictProba(in.test()[i]))
                    .toArray(double[][]::new);
            int[] truth = Arrays.stream(fold.test()).map(i -> data.labels()[i]).toArray();
            renderedPredictions(data, in.adaptation(), fold.test(), p, model, robustness);
            if (importance != null) {
                importance.addFold(model::predictProba, Arrays.stream(fold.test()).mapToObj(i -> in.test()[i])
                        .toArray(double[][]::new), truth, settings.seed() + f);
            }
            if (in.adaptation() != null) {
                if (adaptationReport == null) {
                    adaptationReport = new AdaptationReport.Accumulator(data.classes());
                }
                adaptationReport.add(in.adaptation(), model::predictProba, Arrays.stream(fold.test())
                        .mapToObj(i -> data.features()[i]).toArray(double[][]::new), truth, Arrays.stream(fold.test())
                        .mapToObj(i -> data.speakers().get(i)).toList(), settings.seed() + f);
            }
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
        AdaptationReport adapted = adaptationReport == null ? null : adaptationReport.result();
        if (adapted != null) {
            adapted.scenarios().forEach(sc -> log.accept(String.format("adaptation, %s: UA %.3f (single clips %.3f),"
                    + " %d clips", sc.name(), sc.adaptedUa(), sc.singleClipUa(), sc.clips())));
        }

        ModelBundle bundle = null;
        if (settings.trainFinalModel()) {
            int[] every = java.util.stream.IntStream.range(0, all.size()).toArray();
            FoldInputs in = inputsFor(data, all, copies, every, new int[0], settings.seed());
            TrainingSet allWithCopies = withCopies(in.training(), every, in.copies(), data);
            HyperParameterSearch.Result chosen = search.search(allWithCopies, grid);
            TribuoClassifier model = trainer.fit(allWithCopies, chosen.best());
            double temperature = calibration == null ? 1.0 : calibration.temperature();
            Provenance provenance = provenance(data, protocol, chosen.best(), evaluation, calibration,
                    in.adaptation(), adapted);
            bundle = new ModelBundle(model, data.featureSpec(), temperature, in.adaptation(), provenance, evaluation);
            log.accept("final model: " + chosen.best());
        }
        List<Robustness> held = robustness.values().stream().map(Robustness.Accumulator::result).toList();
        held.forEach(r -> log.accept(String.format("rendering %s: UA %.3f (clean %.3f), agreement %.3f, mean JSD %.4f",
                r.rendering(), r.ua(), r.cleanUa(), r.agreement(), r.meanJsd())));
        List<FeatureImportance> importances = importance == null || folds.isEmpty() ? List.of()
                : importance.result();
        return new ExperimentResult(settings, protocol, foldResults, evaluated, truth, probabilities, calibrated,
                evaluation, calibration, bundle, (System.nanoTime() - start) / 1e9, held, adapted, importances);
    }

    /** The names of the feature vector, or null when the data's spec does not describe its columns. */
    private static List<String> featureNames(ExperimentData data) {
        if (data.featureSpec() == null || data.features().length == 0) {
            return null;
        }
        try {
            List<String> names = FeatureSets.extractor(data.featureSpec()).names();
            return names.size() == data.features()[0].length ? names : null;
        } catch (IllegalArgumentException e) {
            return null; // a spec this build does not compute (hand-made data in tests): no importance
        }
    }

    /**
     * What one fold's model is fitted on and answers.
     *
     * @param training   the training rows (a subset of the data, with all its rows' labels and speakers)
     * @param copies     the augmented copies' inputs by row (null without augmentation)
     * @param test       the model's input for every test row, by data row (other rows may be null)
     * @param adaptation the fold's adaptation (null: none)
     */
    private record FoldInputs(TrainingSet training, double[][][] copies, double[][] test, Adaptation adaptation) {
    }

    /**
     * The inputs of a fold. Without adaptation, or with plain standardisation (already applied to every row), the
     * rows as they are. With a relative adaptation, its population statistics come from the training part's
     * original clips; training rows (and each column of copies, a channel of its own) are adapted to simulated
     * sessions of their speakers ({@link SessionMix}), test rows to all the clips of their speaker in the test part,
     * as {@code evaluate --adapt speaker} does.
     */
    private FoldInputs inputsFor(ExperimentData data, TrainingSet all, double[][][] copies, int[] train, int[] test,
                                 long seed) {
        if (settings.adaptation() != Adaptation.Method.RELATIVE) {
            Adaptation plain = settings.adaptation() == Adaptation.Method.PLAIN ? Adaptation.plain() : null;
            return new FoldInputs(all.subset(train), copies, all.features(), plain);
        }
        double[][] trainRows = only(data.features(), train);
        Adaptation adaptation = Adaptation.relative(trainRows, data.speakers(), Adaptation.DEFAULT_PRIOR_CLIPS);
        double[][] x = SessionMix.trainingRows(adaptation, trainRows, data.speakers(), data.labels(), seed);
        double[][] tested = adaptation.transformGroups(only(data.features(), test), data.speakers());
        for (int i : test) {
            x[i] = tested[i];
        }
        TrainingSet adapted = new TrainingSet(Arrays.stream(x).map(r -> r == null ? new double[2 * data.features()[0]
                .length] : r).toArray(double[][]::new), data.labels(), data.classes(), data.speakers());
        double[][][] copyInputs = perColumn(copies, c -> SessionMix.trainingRows(adaptation, only(c, train),
                data.speakers(), data.labels(), seed + 7919));
        return new FoldInputs(adapted.subset(train), copyInputs, x, adaptation);
    }

    /** A copy of {@code rows} holding only the given rows (the others null). */
    private static double[][] only(double[][] rows, int[] keep) {
        double[][] out = new double[rows.length][];
        for (int i : keep) {
            out[i] = rows[i];
        }
        return out;
    }

    /**
     * Copies (row → copy → vector) with each copy column transformed as a whole: copy k of a speaker's clips is a
     * recording of that speaker through another channel, so it is adapted with that column's rows of the speaker
     * (never mixed with the originals'), as a new speaker or channel is at prediction time.
     */
    private static double[][][] perColumn(double[][][] copies, java.util.function.UnaryOperator<double[][]> transform) {
        if (copies == null) {
            return null;
        }
        int n = copies.length;
        int k = n == 0 ? 0 : copies[0].length;
        double[][][] out = new double[n][k][];
        for (int c = 0; c < k; c++) {
            double[][] column = new double[n][];
            for (int i = 0; i < n; i++) {
                column[i] = copies[i][c];
            }
            double[][] transformed = transform.apply(column);
            for (int i = 0; i < n; i++) {
                out[i][c] = transformed[i];
            }
        }
        return out;
    }

    /**
     * The fold model's answers for the rendered versions of its test clips (each rendering a channel of its own:
     * adapted with its own rows of each speaker), next to its answers for the clean ones ({@code clean}, in test
     * order).
     */
    private static void renderedPredictions(ExperimentData data, Adaptation adaptation, int[] test, double[][] clean,
                                            TribuoClassifier model, Map<String, Robustness.Accumulator> robustness) {
        data.renderings().forEach((name, all) -> {
            double[][] rows = adaptation == null ? all : adaptation.transformGroups(only(all, test), data.speakers());
            for (int k = 0; k < test.length; k++) {
                double[] v = rows[test[k]];
                if (v != null) {
                    robustness.get(name).add(data.labels()[test[k]], clean[k], model.predictProba(v));
                }
            }
        });
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
                                  Evaluation evaluation, ExperimentResult.CalibrationSummary calibration,
                                  Adaptation adaptation, AdaptationReport adapted) {
        List<Provenance.CorpusInfo> corpora = Provenance.corpora(data.utterances(), settings.declaredLicences());
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("class_weighting", settings.balanceClasses() ? "balanced" : "none");
        options.put("adaptation", adaptation == null ? "none" : adaptation.describe());
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
        if (adapted != null) {
            metrics.put("adaptation", adapted.scenarios());
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
