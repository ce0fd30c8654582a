package org.ser4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import org.ser4j.data.corpus.LoadResult;
import org.ser4j.data.labels.LabelMap;
import org.ser4j.data.table.FeatureCache;
import org.ser4j.data.table.FeatureTable;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.ShippedModels;
import org.ser4j.models.adaptation.Grouping;
import org.ser4j.models.eval.Evaluation;
import org.ser4j.models.experiment.BundleEvaluation;
import org.ser4j.models.experiment.ExperimentData;
import org.ser4j.models.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ser4j evaluate}: a trained model on a labelled corpus: accuracy, unweighted accuracy, macro-F1 with
 * bootstrap intervals, per-emotion scores, confusion matrix, gender/corpus/speaker breakdowns, as JSON and as a
 * self-contained HTML report. Items whose emotion the model does not know are excluded and counted.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a model on a labelled corpus (the shipped default model unless --model is given).",
            "The corpus is detected from the folder's layout and names unless --corpus says otherwise. Emotions "
                + "are mapped onto the model's classes with the model's own label map (calm -> neutral, ...); the "
                + "rest are excluded and counted."})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CorpusOptions corpus = new CorpusOptions();

    @Option(names = {"-m", "--model"}, paramLabel = "NAME|FILE",
            description = "A shipped model name (default, commercial, default-adaptive, "
                    + "commercial-adaptive) or a bundle file (default: default).")
    String model;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the metrics as JSON.")
    Path json;

    @Option(names = "--report", paramLabel = "HTML", description = "Write a self-contained HTML report with plots.")
    Path report;

    @Option(names = "--embed-audio", description = "Embed the misclassified clips (up to 1 MB each) in the report "
            + "so it plays them anywhere; by default they are linked relative to the report.")
    boolean embedAudio;

    @Option(names = "--adapt", paramLabel = "none|speaker|folder|corpus", defaultValue = "none",
            description = "With a model that adapts (trained with --adaptation): answer each clip adapted to the "
                + "unlabelled clips of its speaker (as the corpus names them), folder or corpus; the report's "
                + "figures are then those of a session that has seen all of them (default: ${DEFAULT-VALUE}).")
    String adapt;

    @Option(names = "--strict", description = "Refuse to evaluate (exit 1) when any clip or speaker trained the model, "
            + "or when the model does not record what trained it; without it such overlap is a warning.")
    boolean strict;

    @Option(names = "--seed", defaultValue = "42", description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Worker threads for feature extraction (default: all cores).")
    Integer threads;

    @Option(names = "--no-cache", description = "Do not read or write the feature cache.")
    boolean noCache;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (embedAudio && report == null) {
            throw new IllegalArgumentException("--embed-audio puts clips into the --report HTML: give --report too");
        }
        Grouping grouping = Grouping.parse(adapt, EnumSet.allOf(Grouping.class));
        ModelBundle bundle = ShippedModels.load(model);
        LabelMap labelMap = corpus.labelMap(bundle.labelMap());
        LoadResult loaded = corpus.load();
        LabelMap.Selection selection = labelMap.select(loaded.utterances());
        int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        FeatureTable table = FeatureData.build(selection.utterances(), bundle.featureSpec(), nThreads,
                noCache ? null : FeatureCache.atDefaultLocation(), quiet);
        if (table.rowCount() == 0) {
            throw new UserException("nothing to evaluate: no utterance of the model's classes " + bundle.classes()
                    + " could be read from " + corpus.data);
        }
        ExperimentData data = ExperimentData.of(table, selection, bundle.featureSpec(),
                loaded.skippedReasons());
        BundleEvaluation be = BundleEvaluation.of(bundle, data, grouping, Evaluation.DEFAULT_RESAMPLES, seed);
        String leakage = be.trainingOverlap();
        if (leakage != null) {
            if (strict) {
                throw new UserException("refusing to evaluate (--strict): " + leakage);
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println("WARNING: " + leakage);
            err.flush();
        }
        Evaluation e = be.evaluation();
        out.printf("n=%d excluded=%d accuracy=%.4f unweighted_accuracy=%.4f macro_f1=%.4f%n", e.n(), e.excluded(),
                e.accuracy(), e.unweightedAccuracy(), e.macroF1());
        if (json != null) {
            TrainCommand.createParent(json);
            Files.writeString(json, be.metricsJson());
        }
        if (report != null) {
            TrainCommand.createParent(report);
            HtmlReport html = new HtmlReport("ser4j evaluation: " + bundle.provenance().name() + " on " + loaded.countByCorpus().keySet())
                    .evaluation(e).calibration(be.reliability(), null, bundle.temperature())
                    .provenance(bundle.provenance())
                    .misclassified(be.utterances(), e.confusion().labels(), be.truth(), be.probabilities())
                    .classExamples(be.utterances(), e.confusion().labels(), be.truth(), be.probabilities())
                    .embedAudio(embedAudio);
            html.trainingOverlap(be.trainingOverlap());
            html.write(report);
        }
        return 0;
    }
}
