package org.ser4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.ser4j.data.ContentHashes;
import org.ser4j.data.Utterance;
import org.ser4j.data.augment.AugmentationPipeline;
import org.ser4j.data.augment.AugmentationPlan;
import org.ser4j.data.augment.ChannelRenderings;
import org.ser4j.data.corpus.LoadResult;
import org.ser4j.data.labels.LabelMap;
import org.ser4j.data.split.Fold;
import org.ser4j.data.split.Protocol;
import org.ser4j.data.table.FeatureCache;
import org.ser4j.data.table.FeatureTable;
import org.ser4j.deep.Architecture;
import org.ser4j.deep.DeepData;
import org.ser4j.deep.DeepReport;
import org.ser4j.deep.DeepResult;
import org.ser4j.deep.DeepSettings;
import org.ser4j.deep.DeepTrainer;
import org.ser4j.features.FeatureSets;
import org.ser4j.features.FeatureSpec;
import org.ser4j.features.Params;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.TrainedOn;
import org.ser4j.models.adaptation.Adaptation;
import org.ser4j.models.classical.HyperParameters;
import org.ser4j.models.classical.ModelType;
import org.ser4j.models.eval.Evaluation;
import org.ser4j.models.experiment.Experiment;
import org.ser4j.models.experiment.ExperimentData;
import org.ser4j.models.experiment.ExperimentResult;
import org.ser4j.models.experiment.ExperimentSettings;
import org.ser4j.models.report.HtmlReport;
import org.ser4j.server.store.FeedbackClips;
import org.ser4j.server.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ser4j train}: loads corpora, extracts (cached) features, cross-validates speaker-independently with an
 * inner speaker-grouped hyper-parameter search, calibrates, fits a final model on everything, and writes the model
 * bundle, an HTML report and the metrics JSON.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train and cross-validate a model on emotional-speech corpora; write a model bundle.",
            "Every split is speaker-independent and checked for leakage (no speaker or identical recording on both "
                + "sides). Features are cached by file content, so retraining is fast."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CorpusOptions corpus = new CorpusOptions();

    @Option(names = "--protocol", defaultValue = "kfold-speaker",
            description = "kfold-speaker (k folds grouped by speaker), loso (leave one speaker out), split (held-out "
                + "speakers), cross-corpus (train on some corpora, test on others), none (no evaluation) "
                + "(default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--folds", defaultValue = "5", description = "k for kfold-speaker (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--test-speakers", split = ",", paramLabel = "ID",
            description = "For --protocol split: the held-out speaker ids (e.g. emodb:03); else --test-fraction.")
    List<String> testSpeakers;

    @Option(names = "--test-fraction", defaultValue = "0.2",
            description = "For --protocol split without --test-speakers: share of speakers held out "
                + "(default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--test-corpus", split = ",", paramLabel = "NAME",
            description = "For --protocol cross-corpus: the test corpora (training uses the others). Without it: "
                + "leave-one-corpus-out over all loaded corpora.")
    List<String> testCorpora;

    @Option(names = "--features", defaultValue = "full", paramLabel = "SET",
            description = "Feature set: seed, full, egemaps (default: ${DEFAULT-VALUE}).")
    String features;

    @Option(names = "--model", defaultValue = "svm", paramLabel = "TYPE",
            description = "Classical: svm (RBF), svm-linear, rf, gbm, logreg; deep (DJL/PyTorch on CPU): cnn, crnn, "
                + "bilstm-attention, transformer (log-mel input), lstm (MFCC + deltas) (default: ${DEFAULT-VALUE}).")
    String modelType;

    @Option(names = "--epochs", defaultValue = "40", description = "Deep models: most epochs (early stopping on "
            + "validation UA; default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "16", description = "Deep models: batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", paramLabel = "RATE", description = "Deep models: AdamW peak learning rate (default: "
            + "0.001; transformer 0.0005).")
    Double learningRate;

    @Option(names = "--schedule", paramLabel = "cosine|plateau|constant", defaultValue = "cosine",
            description = "Deep models: learning-rate schedule. cosine: 2 warm-up epochs, then cosine decay to 1 % of "
                + "the peak; plateau: the peak, halved after 3 epochs without a better validation UA "
                + "(reduce-on-plateau); constant: the peak (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--dropout", paramLabel = "RATE", description = "Deep models: dropout rate in [0, 1) after each "
            + "stage and in the head (default: the architecture's, 0.3; transformer 0.1).")
    Float dropout;

    @Option(names = "--weight-decay", paramLabel = "W", description = "Deep models: AdamW (decoupled) weight decay "
            + "(default: 0.0001).")
    Double weightDecay;

    @Option(names = "--patience", defaultValue = "8", description = "Deep models: epochs without a better validation "
            + "UA before stopping (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--augment", paramLabel = "PIPELINE",
            description = "Augmentation: none, default, channel (one simulated channel per copy: codecs, telephone, "
                + "resampling, quantisation, gain, reverb, noise), or steps like 'noise=pink:10:30@0.3, "
                + "pitch=-2:2@0.3, codec=mp3:32:128, telephone, gain=-6:6'. Deep models: applied on the fly (+ "
                + "SpecAugment unless none; default: default). Classical models: --copies augmented copies of every "
                + "clip, cached with the features and used on training folds only, never on test folds (default: "
                + "none).")
    String augment;

    @Option(names = "--param", paramLabel = "K=V", description = "A parameter of the feature set, replacing its "
            + "default (repeatable), e.g. --param mfcc_norm=mean; unknown names are refused.")
    List<String> featureParams = new ArrayList<>();

    /** At most this many clips are rendered for --robustness. */
    static final int ROBUSTNESS_CLIPS = 1000;

    @Option(names = "--robustness", description = "Classical models: also predict every held-out clip through "
            + "fixed channels (MP3, Opus, AAC, 44.1/22.05 kHz, telephone, +-12 dB, noise, reverb) and report UA, "
            + "agreement with the clean clip and mean Jensen-Shannon divergence per channel.")
    boolean robustness;

    @Option(names = "--copies", paramLabel = "N", description = "Classical models with --augment: augmented copies "
            + "per clip (default: 1).")
    Integer copies;

    @Option(names = "--checkpoints", paramLabel = "DIR", description = "Deep models: save the best weights per fold "
            + "here and resume from them.")
    Path checkpoints;

    @Option(names = "--hyper", paramLabel = "NAME=V[,V...]", description = "Hyper-parameter values to search instead "
            + "of the model's default grid (repeatable; several values per name form a grid; one value each: no "
            + "search), e.g. --hyper C=1,10,100 --hyper gamma=0.001. Names: svm-rbf C, gamma (0 = 1/features); "
            + "svm-linear C; rf trees, max_depth, feature_fraction; gbm rounds, max_depth, eta, subsample; "
            + "logreg learning_rate, epochs. Another name is an error.")
    Map<String, String> hyper = new LinkedHashMap<>();

    @Option(names = "--adaptation", paramLabel = "none|plain|relative", defaultValue = "none",
            description = "Classical models: how the model adapts to a speaker's (or channel's) unlabelled clips. "
                + "plain: features standardised per speaker (the model then needs at least two clips of a speaker "
                + "at once, and assumes each speaker shows every emotion about equally); relative: features as they "
                + "are beside features relative to the speaker's statistics shrunk towards the population's, trained "
                + "on simulated sessions of any size and emotion mix, so it answers a single clip and gains with "
                + "every clip of a speaker (predict/evaluate --adapt). Held-out speakers are evaluated adapted to "
                + "all their clips, and the report adds accuracy after 1-20 clips and on skewed sessions "
                + "(default: ${DEFAULT-VALUE}).")
    String adaptation;

    @Option(names = "--out", paramLabel = "MODEL", description = "Write the final model bundle here.")
    Path out;

    @Option(names = "--report", paramLabel = "HTML", description = "Write the evaluation report (self-contained).")
    Path report;

    @Option(names = "--embed-audio", description = "Embed the misclassified clips (up to 1 MB each) in the report "
            + "so it plays them anywhere; by default they are linked relative to the report.")
    boolean embedAudio;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the experiment's metrics as JSON.")
    Path json;

    @Option(names = "--name", description = "Model name in the bundle (default: ser4j-<model>-<features>).")
    String name;

    @Option(names = "--model-version", defaultValue = "1", description = "Model version in the bundle.")
    String modelVersion;

    @Option(names = "--licence", paramLabel = "CORPUS=TERMS", description = "Licence of a user corpus, recorded in "
            + "the bundle's provenance (published corpora's are built in).")
    Map<String, String> licences = new LinkedHashMap<>();

    @Option(names = "--feedback", paramLabel = "DIR|JDBC_URL", description = "Add the user-corrected clips of a "
            + "'ser4j serve --store-audio' store: its data directory (SQLite) or database URL. A clip counts when "
            + "its audio was stored and feedback gives its emotion (a correction, or correct=true confirming the "
            + "prediction); corpus 'feedback', licence as declared with --licence feedback=TERMS.")
    String feedback;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--cache", paramLabel = "DIR", description = "Feature cache folder (default: SER4J_CACHE or "
            + "~/.cache/ser4j/features).")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Do not read or write the feature cache.")
    boolean noCache;

    @Option(names = "--quiet", description = "No progress bar or step log.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (out == null && report == null && json == null) {
            throw new IllegalArgumentException("nothing to write: give --out, --report and/or --json");
        }
        if (embedAudio && report == null) {
            throw new IllegalArgumentException("--embed-audio puts clips into the --report HTML: give --report too");
        }
        int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        LabelMap labelMap = corpus.labelMap(LabelMap.defaults());
        LoadResult loaded = corpus.load();
        if (feedback != null) {
            loaded = withFeedback(err, loaded);
        }
        LabelMap.Selection selection = labelMap.select(loaded.utterances());
        log(err, "loaded %d utterances (%s); %d in the %d classes of label map '%s', %d excluded",
                loaded.utterances().size(), loaded.countByCorpus(), selection.utterances().size(),
                labelMap.classes().size(), labelMap.name(), selection.excludedCount());
        if (Architecture.ids().contains(modelType)) {
            return trainDeep(err, selection);
        }
        ModelType type = ModelType.parse(modelType);
        refuseDeepOnlyOptions();
        List<HyperParameters> hyperGrid = hyper.isEmpty() ? null : grid(type); // refuses unknown names before work
        FeatureSpec featureSpec = FeatureSets.spec(features, Params.parse(featureParams).asMap(), null);
        FeatureSets.extractor(featureSpec); // refuses unknown or bad --param values before any work
        AugmentationPlan plan = augmentationPlan();
        FeatureTable table = FeatureData.build(selection.utterances(), featureSpec, nThreads, cache(), quiet, plan);
        ExperimentData data = ExperimentData.of(table, selection, featureSpec, loaded.skippedReasons());
        if (robustness) {
            data = data.withRenderings(renderings(err, table, featureSpec, nThreads));
        }
        if (plan != null) {
            data = data.withAugmented(table.augmented(), String.format(Locale.ROOT, "'%s', %d cop%s per clip, seed %d",
                    plan.description(), plan.copies(), plan.copies() == 1 ? "y" : "ies", plan.seed()));
        }

        ContentHashes hashes = new ContentHashes();
        Protocol p = protocol(table.utterances());
        List<Fold> folds = p == null ? List.of() : p.folds(table.utterances(), hashes);
        String protocolText = p == null ? "none (no evaluation)" : p.description();
        log(err, "protocol: %s, %d fold(s); leakage check passed on every fold", protocolText, folds.size());

        String modelName = name != null ? name : "ser4j-" + type.id() + "-" + features;
        ExperimentSettings settings = ExperimentSettings.defaults(type).withAdaptation(adaptationMethod())
                .withSeedAndThreads(seed, nThreads).withModelName(modelName, modelVersion)
                .withDeclaredLicences(licences).withTrainFinalModel(out != null)
                .withCommand("ser4j " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        if (hyperGrid != null) {
            settings = settings.withGrid(hyperGrid);
        }
        ExperimentResult result = new Experiment(settings, line -> log(err, "%s", line)).run(data, folds,
                protocolText);

        finish(err, result.evaluation(),
                result.folds().stream().mapToDouble(ExperimentResult.FoldResult::unweightedAccuracy).toArray(),
                result.bundle(), table.utterances(), hashes,
                () -> HtmlReport.of("ser4j training report: " + modelName, result).embedAudio(embedAudio),
                result::toJson);
        return 0;
    }

    /**
     * Feature rows of the table's clips through each of {@link ChannelRenderings#STANDARD}: of every clip up to
     * {@link #ROBUSTNESS_CLIPS} clips, else of every k-th (codec round trips cost up to 0.2 s a clip), null for the
     * others.
     */
    private Map<String, double[][]> renderings(PrintWriter err, FeatureTable table, FeatureSpec featureSpec,
                                               int nThreads) {
        int stride = Math.max(1, (table.rowCount() + ROBUSTNESS_CLIPS - 1) / ROBUSTNESS_CLIPS);
        int[] chosen = java.util.stream.IntStream.range(0, table.rowCount()).filter(i -> i % stride == 0).toArray();
        List<Utterance> clips = Arrays.stream(chosen).mapToObj(i -> table.utterances().get(i)).toList();
        Map<String, double[][]> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> r : ChannelRenderings.STANDARD.entrySet()) {
            log(err, "robustness: rendering %d clips as %s (%s)", clips.size(), r.getKey(), r.getValue());
            AugmentationPlan rendering = new AugmentationPlan(AugmentationPipeline.parse(r.getValue(), null),
                    r.getValue(), 1, seed);
            FeatureTable rendered = FeatureData.build(clips, featureSpec, nThreads, cache(), quiet, rendering);
            double[][] rows = new double[table.rowCount()][];
            for (int k = 0; k < rendered.rowCount(); k++) {
                rows[chosen[rendered.sourceIndices()[k]]] = rendered.augmented()[k][0];
            }
            out.put(r.getKey(), rows);
        }
        return out;
    }

    /**
     * The classical models' augmented copies, or null without --augment (or with none). Real noise is refused: its
     * bank would have to come from each fold's training speakers, while copies are computed once per clip.
     */
    private AugmentationPlan augmentationPlan() {
        String text = augment == null ? "none" : augment.trim();
        AugmentationPipeline pipeline = AugmentationPipeline.parse(text, null);
        if (pipeline.isEmpty()) {
            if (copies != null) {
                throw new IllegalArgumentException("--copies needs --augment PIPELINE");
            }
            return null;
        }
        if (copies != null && copies < 1) {
            throw new IllegalArgumentException("--copies must be at least 1, got " + copies);
        }
        return new AugmentationPlan(pipeline, text, copies == null ? 1 : copies, seed);
    }

    /** The --adaptation method, null for none. */
    private Adaptation.Method adaptationMethod() {
        return adaptation.equalsIgnoreCase("none") ? null : Adaptation.Method.parse(adaptation);
    }

    /** A deep network: log-mel sequences, validation split inside each fold, curves in the report. */
    private int trainDeep(PrintWriter err, LabelMap.Selection selection) throws IOException {
        if (copies != null) {
            throw new IllegalArgumentException("--copies applies to classical models; deep models augment every "
                    + "batch on the fly");
        }
        if (!featureParams.isEmpty() || robustness) {
            throw new IllegalArgumentException((robustness ? "--robustness" : "--param") + " applies to classical "
                    + "models (feature sets); deep models read log-mel sequences");
        }
        if (adaptationMethod() != null) {
            throw new IllegalArgumentException("--adaptation applies to classical models");
        }
        if (!hyper.isEmpty()) {
            throw new IllegalArgumentException("--hyper applies to classical models; deep models take --lr, --schedule, "
                    + "--dropout, --weight-decay, --epochs and --batch-size");
        }
        if (dropout != null && !(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
        }
        if (weightDecay != null && !(weightDecay >= 0)) {
            throw new IllegalArgumentException("--weight-decay must be 0 or more, got " + weightDecay);
        }
        if (learningRate != null && !(learningRate > 0)) {
            throw new IllegalArgumentException("--lr must be above 0, got " + learningRate);
        }
        if (!List.of("cosine", "plateau", "constant").contains(schedule)) {
            throw new IllegalArgumentException("--schedule must be cosine, plateau or constant, got '" + schedule + "'");
        }
        String augment = this.augment == null ? "default" : this.augment;
        Protocol p = protocol(selection.utterances());
        List<Fold> folds = p == null ? List.of()
                : p.withValidation(0.2, seed).folds(selection.utterances(), new ContentHashes());
        String protocolText = p == null ? "none (no evaluation)" : p.description() + ", 20 % validation speakers";
        log(err, "protocol: %s, %d fold(s); leakage check passed on every fold", protocolText, folds.size());
        DeepData data = DeepData.load(selection, 16000, quiet);
        String modelName = name != null ? name : "ser4j-" + modelType;
        DeepSettings defaults = DeepSettings.defaults(Architecture.of(modelType));
        DeepSettings settings = defaults
                .withNetwork(dropout == null ? defaults.network() : defaults.network().withDropout(dropout))
                .withOptimizer(defaults.optimizer(), weightDecay == null ? defaults.weightDecay() : weightDecay,
                        schedule, defaults.warmupEpochs())
                .withTraining(epochs, batchSize, learningRate == null ? defaults.learningRate() : learningRate,
                        patience)
                .withAugmentation(augment, !augment.equals("none")).withSeed(seed).withCheckpointDir(checkpoints)
                .withFinalModel(out != null, modelName, modelVersion).withQuiet(quiet);
        DeepResult result = new DeepTrainer(settings, line -> log(err, "%s", line)).train(data, folds, protocolText);
        finish(err, result.evaluation(),
                result.folds().stream().mapToDouble(DeepResult.FoldOutcome::unweightedAccuracy).toArray(),
                result.bundle(), data.utterances(), new ContentHashes(), () -> DeepReport.of("ser4j training report: " + modelName, result),
                () -> result.evaluation() == null ? null : result.evaluation().toJson());
        return 0;
    }

    /** Options that shape a deep network's training: an error with a classical model, never silently ignored. */
    private void refuseDeepOnlyOptions() {
        List<String> given = new ArrayList<>();
        for (String option : List.of("--epochs", "--batch-size", "--lr", "--schedule", "--dropout", "--weight-decay",
                "--patience", "--checkpoints")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                given.add(option);
            }
        }
        if (!given.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", given) + (given.size() == 1 ? " applies" : " apply")
                    + " to deep models (" + String.join(", ", Architecture.ids()) + "), not to --model " + modelType);
        }
    }

    /** The loaded corpora plus the feedback clips of --feedback (a data directory or a JDBC URL). */
    private LoadResult withFeedback(PrintWriter err, LoadResult loaded) {
        boolean url = feedback.startsWith("jdbc:");
        if (!url && !Files.isDirectory(Path.of(feedback))) {
            throw new UserException("--feedback " + feedback + ": not a data directory or a jdbc: URL");
        }
        List<Utterance> clips;
        try {
            clips = FeedbackClips.load(url ? null : Path.of(feedback), url ? feedback : null);
        } catch (StoreException e) {
            throw new UserException("--feedback: " + e.getMessage());
        }
        log(err, "feedback: %d clip(s) with stored audio and a true emotion from %s", clips.size(),
                url ? "the database" : feedback);
        licences.putIfAbsent(FeedbackClips.CORPUS, FeedbackClips.DEFAULT_LICENCE);
        return LoadResult.concat(List.of(loaded, new LoadResult(clips, List.of())));
    }

    /**
     * What every training run ends with: one greppable result line (scripts/results.sh builds the README's tables
     * from it), then the bundle, report and metrics JSON the options ask for.
     */
    private void finish(PrintWriter err, Evaluation e, double[] foldUa, ModelBundle bundle,
                        List<Utterance> trainingClips, ContentHashes hashes, Supplier<HtmlReport> reportOf,
                        Supplier<String> jsonOf) throws IOException {
        if (e != null) {
            err.printf(Locale.ROOT, "result: UA %.3f [%.3f, %.3f] macro-F1 %.3f accuracy %.3f; per-fold UA mean %.3f "
                            + "(min %.3f, max %.3f, %d folds)%n", e.unweightedAccuracy(),
                    e.unweightedAccuracyCi().lower(), e.unweightedAccuracyCi().upper(), e.macroF1(), e.accuracy(),
                    Arrays.stream(foldUa).average().orElse(Double.NaN), Arrays.stream(foldUa).min().orElse(Double.NaN),
                    Arrays.stream(foldUa).max().orElse(Double.NaN), foldUa.length);
            err.flush();
        }
        if (out != null) {
            createParent(out);
            bundle.withTrainedOn(TrainedOn.of(trainingClips, hashes::of)).save(out);
            log(err, "model bundle written to %s", out);
        }
        if (report != null) {
            createParent(report);
            reportOf.get().write(report);
            log(err, "report written to %s", report);
        }
        String metrics = json == null ? null : jsonOf.get();
        if (metrics != null) {
            createParent(json);
            Files.writeString(json, metrics);
        }
    }

    /** The --hyper values as a grid over the model type's defaults. */
    private List<HyperParameters> grid(ModelType type) {
        Map<String, List<Double>> axes = new LinkedHashMap<>();
        Set<String> known = type.defaults().asMap().keySet();
        hyper.forEach((name, values) -> {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("--hyper " + name + ": not a hyper-parameter of " + type.id()
                        + " (it has " + String.join(", ", known) + ")");
            }
            List<Double> v = new ArrayList<>();
            for (String x : values.split(",")) {
                try {
                    v.add(Double.parseDouble(x.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--hyper " + name + "=" + values + ": '" + x + "' is not a number");
                }
            }
            axes.put(name, v);
        });
        return HyperParameters.grid(axes).stream().map(type.defaults()::with).toList();
    }

    private FeatureCache cache() {
        if (noCache) {
            return null;
        }
        return cacheDir != null ? new FeatureCache(cacheDir) : FeatureCache.atDefaultLocation();
    }

    private Protocol protocol(List<Utterance> utterances) {
        return switch (protocol) {
            case "kfold-speaker" -> Protocol.speakerKFold(folds, seed);
            case "loso" -> Protocol.leaveOneSpeakerOut();
            case "split" -> testSpeakers != null && !testSpeakers.isEmpty()
                    ? Protocol.testSpeakers(new HashSet<>(testSpeakers))
                    : Protocol.testSpeakerFraction(testFraction, seed);
            case "cross-corpus" -> {
                if (testCorpora == null || testCorpora.isEmpty()) {
                    yield Protocol.leaveOneCorpusOut();
                }
                Set<String> all = new TreeSet<>();
                utterances.forEach(u -> all.add(u.corpus()));
                Set<String> test = new TreeSet<>(testCorpora);
                if (!all.containsAll(test)) {
                    throw new IllegalArgumentException("--test-corpus " + test + " not among the loaded corpora "
                            + all);
                }
                Set<String> train = new TreeSet<>(all);
                train.removeAll(test);
                yield Protocol.crossCorpus(train, test);
            }
            case "none" -> null;
            default -> throw new IllegalArgumentException("unknown --protocol '" + protocol
                    + "' (known: kfold-speaker, loso, split, cross-corpus, none)");
        };
    }

    private void log(PrintWriter err, String fmt, Object... args) {
        if (!quiet) {
            err.printf(fmt + "%n", args);
            err.flush();
        }
    }

    static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
