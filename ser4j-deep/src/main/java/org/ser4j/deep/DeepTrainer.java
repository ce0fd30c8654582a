package org.ser4j.deep;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.ser4j.BuildInfo;
import org.ser4j.audio.Signal;
import org.ser4j.data.Progress;
import org.ser4j.data.Utterance;
import org.ser4j.data.augment.AugmentationPipeline;
import org.ser4j.data.augment.NoiseBank;
import org.ser4j.data.augment.SpecAugment;
import org.ser4j.data.sequence.ChannelNormalizer;
import org.ser4j.data.sequence.Sequence;
import org.ser4j.data.sequence.SequenceFeatures;
import org.ser4j.data.split.Fold;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.Provenance;
import org.ser4j.models.calibration.TemperatureScaling;
import org.ser4j.models.classical.HyperParameters;
import org.ser4j.models.eval.ConfusionMatrix;
import org.ser4j.models.eval.Evaluation;

/**
 * Trains deep networks under a speaker-independent protocol, the deep counterpart of the classical
 * {@code Experiment}: for each fold, a network trained on the fold's training part with early stopping on its
 * validation part's unweighted accuracy (the best epoch's weights are kept), then evaluated on the test part; then
 * the evaluation of all out-of-fold predictions, a calibration temperature fitted on them, and optionally a final
 * model trained on all data for the median best epoch count and packed into a {@link ModelBundle}.
 *
 * <p>Each training item is re-drawn every epoch: waveform augmentation, a random crop of the fixed length and
 * SpecAugment masks, all seeded by (seed, epoch, item), so a run is reproducible. The per-channel normaliser is
 * fitted on the un-augmented training recordings only. Every fold needs a validation part: build the folds with
 * {@code protocol.withValidation(fraction, seed)}.
 */
public final class DeepTrainer {
    private final DeepSettings settings;
    private final Consumer<String> log;

    /** @param log one line per fold and summary (e.g. {@code System.err::println}) */
    public DeepTrainer(DeepSettings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
    }

    /** A trained network with its normaliser and curves. */
    public record TrainedNetwork(DeepClassifier classifier, ChannelNormalizer normalizer, TrainingHistory history,
                                 int bestEpoch) {
    }

    /**
     * Runs the folds (if any) and trains the final model (if the settings ask for it).
     *
     * @param data     the recordings
     * @param folds    folds over {@code data}, each with a validation part; empty to train only the final model
     * @param protocol the folds' description
     */
    public DeepResult train(DeepData data, List<Fold> folds, String protocol) {
        long start = System.nanoTime();
        float[][][] raw = new float[data.size()][][];
        List<DeepResult.FoldOutcome> outcomes = new ArrayList<>();
        List<Utterance> evaluated = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        List<double[]> probabilities = new ArrayList<>();
        long parameters = 0;
        for (Fold fold : folds) {
            if (!fold.hasValidation()) {
                throw new IllegalArgumentException(fold.name() + " has no validation part; build the folds with "
                        + "protocol.withValidation(fraction, seed)");
            }
            long foldStart = System.nanoTime();
            TrainedNetwork net = fit(data, raw, fold.train(), fold.validation(), settings.epochs(), fold.name());
            parameters = net.classifier().parameterCount();
            double[][] p = predict(net, data, raw, fold.test());
            int[] t = Arrays.stream(fold.test()).map(i -> data.labels()[i]).toArray();
            ConfusionMatrix m = new ConfusionMatrix(t, Evaluation.argmax(p), data.classes().size());
            outcomes.add(new DeepResult.FoldOutcome(fold.name(), fold.train().length, fold.validation().length,
                    fold.test().length, net.bestEpoch(), net.history().size(), m.accuracy(), m.unweightedAccuracy(),
                    m.macroF1(), net.history(), (System.nanoTime() - foldStart) / 1e9));
            log.accept(String.format("%s: best epoch %d of %d, test accuracy %.3f, UA %.3f, macro-F1 %.3f",
                    fold.name(), net.bestEpoch(), net.history().size(), m.accuracy(), m.unweightedAccuracy(),
                    m.macroF1()));
            for (int k = 0; k < fold.test().length; k++) {
                evaluated.add(data.utterances().get(fold.test()[k]));
                truth.add(t[k]);
                probabilities.add(p[k]);
            }
            net.classifier().close();
        }
        int[] truthArray = truth.stream().mapToInt(Integer::intValue).toArray();
        double[][] probabilityArray = probabilities.toArray(double[][]::new);
        Evaluation evaluation = null;
        double temperature = 1.0;
        if (!evaluated.isEmpty()) {
            evaluation = Evaluation.of(data.classes(), truthArray, Evaluation.argmax(probabilityArray), evaluated,
                    data.excluded(), settings.bootstrapResamples(), settings.seed());
            temperature = TemperatureScaling.fit(probabilityArray, truthArray);
            log.accept(String.format("out-of-fold: accuracy %.3f, UA %.3f, macro-F1 %.3f; temperature %.2f",
                    evaluation.accuracy(), evaluation.unweightedAccuracy(), evaluation.macroF1(), temperature));
        }
        ModelBundle bundle = null;
        TrainingHistory finalHistory = null;
        if (settings.trainFinalModel()) {
            // without held-out speakers there is nothing to stop on: train for the folds' typical best epoch count
            int epochs = outcomes.isEmpty() ? settings.epochs()
                    : (int) Math.max(1, median(outcomes.stream().mapToInt(DeepResult.FoldOutcome::bestEpoch)
                    .toArray()));
            int[] all = java.util.stream.IntStream.range(0, data.size()).toArray();
            TrainedNetwork net = fit(data, raw, all, new int[0], epochs, "final");
            parameters = net.classifier().parameterCount();
            finalHistory = net.history();
            bundle = DeepModelKind.bundle(net.classifier(), net.normalizer(), temperature,
                    provenance(data, protocol, epochs, evaluation, temperature), evaluation);
            log.accept("final model: " + epochs + " epochs on " + data.size() + " utterances");
        }
        return new DeepResult(settings, protocol, outcomes, evaluated, truthArray, probabilityArray, evaluation,
                temperature, finalHistory, bundle, parameters, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Trains one network on {@code train}, early-stopping on {@code validation} (when not empty) and keeping the
     * best epoch's weights; without validation it trains exactly {@code epochs} epochs.
     *
     * @param raw per-utterance un-normalised features, filled in on first use (shared across folds)
     */
    TrainedNetwork fit(DeepData data, float[][][] raw, int[] train, int[] validation, int epochs, String name) {
        Engine.getInstance().setRandomSeed((int) settings.seed());
        ChannelNormalizer normalizer = ChannelNormalizer.fit(Arrays.stream(train).mapToObj(i -> features(data, raw, i))
                .toList());
        AugmentationPipeline pipeline = settings.augments()
                ? AugmentationPipeline.parse(settings.augmentation(), noiseBank(data, train)) : AugmentationPipeline.none();
        DeepClassifier classifier = DeepClassifier.create(settings.architecture(), settings.network(),
                settings.input(), data.classes());
        int stepsPerEpoch = (train.length + settings.batchSize() - 1) / settings.batchSize();
        LearningRateSchedule schedule = new LearningRateSchedule(settings.schedule(), settings.learningRate(),
                settings.warmupEpochs() * stepsPerEpoch, epochs * stepsPerEpoch, settings.plateauPatience());
        float[] classWeights = classWeights(data, train);

        Checkpoints checkpoints = new Checkpoints(settings.checkpointDir(), name);
        TrainingHistory history = TrainingHistory.empty();
        byte[] best = null;
        int bestEpoch = 0;
        double bestUa = Double.NEGATIVE_INFINITY;
        Checkpoints.State resumed = checkpoints.load();
        if (resumed != null) {
            classifier.setWeights(resumed.weights());
            history = resumed.history();
            best = resumed.bestWeights();
            bestEpoch = resumed.bestEpoch();
            bestUa = resumed.bestUa();
            history.epochs().forEach(e -> schedule.epochEnded(e.validationUa()));
            log.accept(name + ": resumed after epoch " + history.size());
        }
        byte[] lastGood = classifier.weights();
        int restarts = 0;
        try (Progress progress = Progress.start(name, (long) epochs * stepsPerEpoch, settings.quiet())) {
            int epoch = history.size() + 1;
            training:
            while (epoch <= epochs) {
                // A trainer (and with it the optimiser's state) per stretch of finite epochs; see DIVERGENCE_RESTARTS.
                DefaultTrainingConfig config = new DefaultTrainingConfig(new WeightedCrossEntropy())
                        .optOptimizer(optimizer(schedule, history.size() * stepsPerEpoch));
                try (Trainer trainer = classifier.model().newTrainer(config)) {
                    trainer.initialize(DeepClassifier.inputShapes(settings.input(), settings.batchSize()));
                    for (; epoch <= epochs; epoch++) {
                        long epochStart = System.nanoTime();
                        EpochPass pass = trainOneEpoch(trainer, data, raw, train, epoch, normalizer, pipeline,
                                classWeights, progress);
                        double lossSum = pass.lossSum();
                        if (!Double.isFinite(lossSum) || !classifier.parametersFinite()) {
                            if (++restarts > DIVERGENCE_RESTARTS) {
                                throw new IllegalStateException(name + ": training diverged: epoch " + epoch
                                        + " ended with a non-finite loss or weights after " + DIVERGENCE_RESTARTS
                                        + " restarts from earlier weights; try a lower learning rate (--lr)");
                            }
                            log.accept(name + ": epoch " + epoch + " ended with non-finite weights; it starts again "
                                    + "from the previous epoch's weights with a fresh optimiser");
                            classifier.setWeights(lastGood);
                            continue training;
                        }
                        double trainUa = new ConfusionMatrix(pass.truth(), pass.predicted(), data.classes().size())
                                .unweightedAccuracy();
                        double validationLoss = Double.NaN;
                        double validationUa = Double.NaN;
                        if (validation.length > 0) {
                            TrainedNetwork current = new TrainedNetwork(classifier, normalizer, history, epoch);
                            double[][] p = predict(current, data, raw, validation);
                            int[] t = Arrays.stream(validation).map(i -> data.labels()[i]).toArray();
                            validationUa = new ConfusionMatrix(t, Evaluation.argmax(p), data.classes().size())
                                    .unweightedAccuracy();
                            validationLoss = crossEntropy(p, t);
                        }
                        schedule.epochEnded(validation.length > 0 ? validationUa : trainUa);
                        double rate = schedule.rate(epoch * stepsPerEpoch - 1);
                        history = history.plus(new TrainingHistory.Epoch(epoch, lossSum / train.length, trainUa,
                                validationLoss, validationUa, rate, (System.nanoTime() - epochStart) / 1e9));
                        progress.message(String.format("epoch %d loss %.3f UA %.3f | val loss %.3f UA %.3f", epoch,
                                lossSum / train.length, trainUa, validationLoss, validationUa));
                        lastGood = classifier.weights();
                        if (validation.length == 0 || validationUa > bestUa) {
                            bestUa = validation.length == 0 ? trainUa : validationUa;
                            bestEpoch = epoch;
                            best = lastGood;
                        }
                        checkpoints.save(new Checkpoints.State(lastGood, history, best, bestEpoch, bestUa));
                        if (epoch - bestEpoch >= settings.patience()) {
                            break training;
                        }
                    }
                }
            }
        }
        if (best != null) {
            classifier.setWeights(best);
        }
        return new TrainedNetwork(classifier, normalizer, history, bestEpoch);
    }

    private double lastLoss;

    /** One epoch's pass over the training rows: the summed loss, and each row's class and predicted class. */
    private record EpochPass(double lossSum, int[] truth, int[] predicted) {
    }

    /** One optimisation step per batch over {@code train} in the epoch's shuffled order. */
    private EpochPass trainOneEpoch(Trainer trainer, DeepData data, float[][][] raw, int[] train, int epoch,
                                    ChannelNormalizer normalizer, AugmentationPipeline pipeline, float[] classWeights,
                                    Progress progress) {
        int[] order = shuffled(train, new Random(settings.seed() * 31 + epoch));
        double lossSum = 0;
        int[] seenTruth = new int[order.length];
        int[] seenPredicted = new int[order.length];
        for (int b = 0; b * settings.batchSize() < order.length; b++) {
            int from = b * settings.batchSize();
            int[] batch = Arrays.copyOfRange(order, from, Math.min(order.length, from + settings.batchSize()));
            List<Sequence> inputs = new ArrayList<>();
            for (int i : batch) {
                inputs.add(trainingInput(data, raw, i, epoch, normalizer, pipeline));
            }
            int[] predicted = step(trainer, inputs, batch, data.labels(), classWeights);
            for (int k = 0; k < batch.length; k++) {
                seenTruth[from + k] = data.labels()[batch[k]];
                seenPredicted[from + k] = predicted[k];
            }
            lossSum += lastLoss * batch.length;
            progress.step();
        }
        return new EpochPass(lossSum, seenTruth, seenPredicted);
    }

    /**
     * How often an epoch that ended with non-finite weights is started again, from the previous epoch's weights with
     * a fresh optimiser, before training fails. Why: in a JVM that has trained other networks, one backward pass in
     * many occasionally returns non-finite gradients for the first convolution block although its inputs, weights
     * and loss are finite (a fault below ser4j, in the native engine; docs/deep.md), and one such update makes every
     * weight NaN. A real divergence (a learning rate far too high) fails every restart and is reported as such.
     */
    static final int DIVERGENCE_RESTARTS = 3;

    /** One optimisation step; returns the batch's predicted classes. */
    private int[] step(Trainer trainer, List<Sequence> inputs, int[] batch, int[] labels, float[] classWeights) {
        int n = inputs.size();
        int c = settings.input().channels();
        int t = settings.input().frames();
        float[] values = new float[n * c * t];
        float[] mask = new float[n * t];
        float[] y = new float[n];
        float[] w = new float[n];
        for (int k = 0; k < n; k++) {
            Batches.copyInto(inputs.get(k), values, mask, k);
            y[k] = labels[batch[k]];
            w[k] = classWeights[labels[batch[k]]];
        }
        try (NDManager scope = trainer.getManager().newSubManager()) {
            NDList data = new NDList(scope.create(values, new Shape(n, c, t)), scope.create(mask, new Shape(n, t)));
            NDList target = new NDList(scope.create(y), scope.create(w));
            int[] predicted;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray logits = trainer.forward(data).head();
                NDArray loss = trainer.getLoss().evaluate(target, new NDList(logits));
                collector.backward(loss);
                lastLoss = loss.getFloat();
                predicted = Arrays.stream(logits.argMax(1).toLongArray()).mapToInt(v -> (int) v).toArray();
            }
            trainer.step();
            return predicted;
        }
    }

    private Optimizer optimizer(LearningRateSchedule schedule, int stepsDone) {
        float decay = (float) settings.weightDecay();
        if (settings.optimizer().equals("adamw")) {
            return Optimizer.adamW().optLearningRateTracker(schedule).optWeightDecays(decay).optClipGrad(5f)
                    .optBeginNumUpdate(stepsDone).build();
        }
        return Optimizer.adam().optLearningRateTracker(schedule).optWeightDecays(decay).optClipGrad(5f)
                .optBeginNumUpdate(stepsDone).build();
    }

    /** A training example for {@code epoch}: augmented waveform, normalised features, random crop, masks. */
    private Sequence trainingInput(DeepData data, float[][][] raw, int i, int epoch, ChannelNormalizer normalizer,
                                   AugmentationPipeline pipeline) {
        Random random = new Random(mix(settings.seed(), epoch, i));
        float[][] x = pipeline.isEmpty() ? features(data, raw, i)
                : SequenceFeatures.compute(pipeline.apply(data.signals().get(i), random).signal(), settings.input());
        Sequence s = SequenceFeatures.randomCrop(normalizer.apply(x), settings.input().frames(), random);
        if (settings.specAugment()) {
            s = new Sequence(SpecAugment.DEFAULT.apply(s.values(), s.validFrames(), random), s.mask(), s.validFrames());
        }
        return s;
    }

    /** Probabilities of the centre windows of {@code rows}, in batches. */
    private double[][] predict(TrainedNetwork net, DeepData data, float[][][] raw, int[] rows) {
        double[][] out = new double[rows.length][];
        int batch = Math.max(1, settings.batchSize());
        for (int from = 0; from < rows.length; from += batch) {
            List<Sequence> inputs = new ArrayList<>();
            for (int k = from; k < Math.min(rows.length, from + batch); k++) {
                inputs.add(SequenceFeatures.centerCrop(net.normalizer().apply(features(data, raw, rows[k])),
                        settings.input().frames()));
            }
            double[][] p = net.classifier().predictProba(inputs);
            System.arraycopy(p, 0, out, from, p.length);
        }
        return out;
    }

    /** Un-augmented features of utterance i, computed once per run. */
    private float[][] features(DeepData data, float[][][] raw, int i) {
        if (raw[i] == null) {
            raw[i] = SequenceFeatures.compute(data.signals().get(i), settings.input());
        }
        return raw[i];
    }

    /** Real noise from the training recordings only (test speakers' rooms must not leak into training). */
    private static NoiseBank noiseBank(DeepData data, int[] train) {
        List<Signal> signals = Arrays.stream(train).mapToObj(i -> data.signals().get(i)).toList();
        return NoiseBank.fromSilences(signals);
    }

    /** Balanced weights n / (k * count), or all 1. */
    private float[] classWeights(DeepData data, int[] train) {
        int k = data.classes().size();
        float[] w = new float[k];
        Arrays.fill(w, 1f);
        if (settings.classWeights()) {
            int[] counts = new int[k];
            for (int i : train) {
                counts[data.labels()[i]]++;
            }
            for (int c = 0; c < k; c++) {
                w[c] = counts[c] == 0 ? 0f : (float) train.length / (k * counts[c]);
            }
        }
        return w;
    }

    private static double crossEntropy(double[][] p, int[] truth) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s -= Math.log(Math.max(1e-12, p[i][truth[i]]));
        }
        return s / p.length;
    }

    private static int[] shuffled(int[] indices, Random random) {
        int[] out = indices.clone();
        for (int i = out.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = out[i];
            out[i] = out[j];
            out[j] = tmp;
        }
        return out;
    }

    /** A seed for (run seed, epoch, item) that differs in every argument. */
    static long mix(long seed, int epoch, int item) {
        long h = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + item * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    private static double median(int[] values) {
        int[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    private Provenance provenance(DeepData data, String protocol, int epochs, Evaluation evaluation,
                                  double temperature) {
        List<Provenance.CorpusInfo> corpora = Provenance.corpora(data.utterances(), null);
        Map<String, Double> numeric = settings.numeric();
        numeric.put("epochs", (double) epochs);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("engine", "DJL " + Engine.getDjlVersion() + " / PyTorch " + Engine.getInstance().getVersion()
                + " (CPU)");
        options.put("architecture", settings.architecture().id());
        options.put("network", settings.network().toString());
        options.put("input", settings.input().toString());
        options.put("normalization", "per-channel mean/std fitted on the training recordings");
        options.put("optimizer", settings.optimizer());
        options.put("schedule", settings.schedule());
        options.put("class_weighting", settings.classWeights() ? "balanced" : "none");
        options.put("augmentation", settings.augmentation());
        options.put("spec_augment", settings.specAugment());
        options.put("early_stopping", "validation unweighted accuracy, patience " + settings.patience()
                + "; final model trained for the folds' median best epoch");
        Map<String, Object> metrics = new LinkedHashMap<>();
        if (evaluation != null) {
            metrics.put("n", evaluation.n());
            metrics.put("accuracy", evaluation.accuracy());
            metrics.put("accuracy_ci", evaluation.accuracyCi());
            metrics.put("unweighted_accuracy", evaluation.unweightedAccuracy());
            metrics.put("unweighted_accuracy_ci", evaluation.unweightedAccuracyCi());
            metrics.put("macro_f1", evaluation.macroF1());
        }
        return new Provenance(settings.modelName(), settings.modelVersion(),
                OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString(), BuildInfo.version(),
                BuildInfo.commit(), "deep-" + settings.architecture().id(), new HyperParameters(numeric),
                settings.input().toString(), corpora, data.labelMap(), protocol, options,
                new TreeMap<>(Map.of("training", settings.seed(), "bootstrap", settings.seed())), metrics,
                Map.of("temperature", temperature), Provenance.licenceLine(corpora));
    }

    /** Per-epoch checkpoints in a folder, so an interrupted run resumes where it stopped. */
    static final class Checkpoints {
        record State(byte[] weights, TrainingHistory history, byte[] bestWeights, int bestEpoch, double bestUa) {
        }

        private final Path dir;

        Checkpoints(Path root, String name) {
            this.dir = root == null ? null : root.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_"));
        }

        void save(State s) {
            if (dir == null) {
                return;
            }
            try {
                Files.createDirectories(dir);
                Files.write(dir.resolve("last.params"), s.weights());
                Files.write(dir.resolve("best.params"), s.bestWeights());
                Files.writeString(dir.resolve("state.json"), org.ser4j.models.Json.write(
                        Map.of("history", s.history(), "best_epoch", s.bestEpoch(), "best_ua", s.bestUa())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write checkpoint in " + dir, e);
            }
        }

        State load() {
            if (dir == null || !Files.exists(dir.resolve("state.json"))) {
                return null;
            }
            try {
                var node = org.ser4j.models.Json.MAPPER.readTree(Files.readString(dir.resolve("state.json")));
                TrainingHistory history = org.ser4j.models.Json.MAPPER.treeToValue(node.get("history"),
                        TrainingHistory.class);
                return new State(Files.readAllBytes(dir.resolve("last.params")), history,
                        Files.readAllBytes(dir.resolve("best.params")), node.get("best_epoch").asInt(),
                        node.get("best_ua").asDouble());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read checkpoint in " + dir, e);
            }
        }
    }
}
