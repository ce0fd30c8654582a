package org.ser4j.spark;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.ser4j.data.corpus.Corpora;
import org.ser4j.data.corpus.LoadResult;
import org.ser4j.data.labels.LabelMap;
import org.ser4j.features.FeatureSets;
import org.ser4j.features.FeatureSpec;
import org.ser4j.features.Params;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.ShippedModels;
import org.ser4j.models.adaptation.Grouping;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Entry point of the Spark jobs: {@code features}, {@code predict} and {@code evaluate}, run by
 * {@code bin/ser4j spark ...} (local or any master) or by {@code spark-submit --class org.ser4j.spark.Main}.
 * Exit codes: 0 done (bad clips are rows with an error, not a failure), 1 the job could not run, 2 bad usage.
 */
@Command(name = "ser4j spark", mixinStandardHelpOptions = true,
        description = "Batch features, predictions and evaluation on Apache Spark, with the CLI's decoding, "
                + "features and model bundles.",
        subcommands = {Main.FeaturesCommand.class, Main.PredictCommand.class, Main.EvaluateCommand.class,
            Main.BenchCommand.class})
public final class Main implements Runnable {
    static final int EXIT_FAILED = 1;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs a command line and returns its exit code (for the launcher and tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main()).setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return EXIT_FAILED;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a job: features, predict or evaluate");
    }

    /** Options every job has. */
    static final class JobOptions {
        @Option(names = "--input", required = true, paramLabel = "PATH|GLOB",
                description = "Audio files: a file, folder (recursive) or glob on any Hadoop file system "
                        + "(/data/*.flac, hdfs://nn/calls/2024-*, s3a://bucket/calls); with --table a table of clips.")
        String input;

        @Option(names = "--output", required = true, paramLabel = "PATH",
                description = "Where to write (a Parquet folder; for evaluate a folder for metrics.json and "
                        + "report.html).")
        String output;

        @Option(names = "--master", paramLabel = "URL",
                description = "Spark master: local[*], local[2], spark://host:7077, yarn (default: the one "
                        + "spark-submit set, else local[*]).")
        String master;

        @Option(names = "--partitions", paramLabel = "N",
                description = "Partitions to spread the clips over (default: 4 per core, at most "
                        + ClipTable.CLIPS_PER_PARTITION + " clips each).")
        Integer partitions;

        @Option(names = "--overwrite", description = "Replace --output if it exists (default: fail).")
        boolean overwrite;

        @Option(names = "--quiet", description = "No progress lines on stderr while the job runs.")
        boolean quiet;

        SaveMode mode() {
            return overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists;
        }
    }

    /** Creates the session, runs a job in it, prints the summary; stops the session unless it was there before. */
    abstract static class JobCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        JobOptions job = new JobOptions();

        abstract JobCounters.JobSummary run(SparkSession spark);

        @Override
        public Integer call() {
            boolean ownSession = SparkSession.getDefaultSession().isEmpty();
            SparkSession spark = SparkSessions.create("ser4j " + spec.name(), job.master);
            try {
                JobCounters.JobSummary summary = run(spark);
                spec.commandLine().getOut().println(summary.line());
                spec.commandLine().getOut().flush();
                return 0;
            } finally {
                if (ownSession) {
                    spark.stop();
                }
            }
        }

        Dataset<Row> clips(SparkSession spark, boolean isTable) {
            return ClipTable.load(spark, job.input, isTable, job.partitions);
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Predict the emotion of every clip (as 'ser4j predict'); one Parquet row per clip, or per "
                    + "segment with --segments, with the prediction's fields as columns and an error column.")
    static final class PredictCommand extends JobCommand {
        @Option(names = {"-m", "--model"}, paramLabel = "NAME|FILE",
                description = "A shipped model name (default, commercial, default-adaptive, "
                        + "commercial-adaptive) or a bundle file (default: default).")
        String model;

        @Option(names = "--table", description = "--input is a table (Parquet, or CSV with a header) with a 'path' "
                + "column and optional 'label' and 'speaker' columns, which are copied to the output.")
        boolean table;

        @Option(names = "--segments", description = "One row per speech segment (voice activity; fixed windows "
                + "with --window).")
        boolean segments;

        @Option(names = "--window", paramLabel = "SECONDS",
                description = "With --segments: fixed windows of this length (hop = half) instead of voice activity.")
        Double window;

        @Option(names = "--adapt", paramLabel = "none|speaker|folder", defaultValue = "none",
                description = "With a model that adapts: answer each clip adapted to the unlabelled clips of its "
                        + "speaker (the table's 'speaker' column) or folder, as the CLI's predict; two passes, the "
                        + "group statistics computed in the first (default: ${DEFAULT-VALUE}).")
        String adapt;

        @Override
        JobCounters.JobSummary run(SparkSession spark) {
            Grouping grouping = Grouping.parse(adapt, Grouping.allBut(Grouping.CORPUS));
            if (window != null && !segments) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--window only makes sense with "
                        + "--segments");
            }
            if (window != null && !(window > 0.25 && window < 3600)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--window must be between 0.25 and "
                        + "3600 seconds");
            }
            ModelBundle bundle = ShippedModels.load(model);
            return PredictJob.run(spark, clips(spark, table), bundle, model == null ? ShippedModels.DEFAULT : model,
                    segments ? new PredictJob.Segments(window) : null, grouping, job.output, job.mode(), !job.quiet);
        }
    }

    @Command(name = "features", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Extract a named set's utterance-level vector (as 'ser4j features --set') for every clip; "
                    + "one Parquet row per clip with a 'features' array and an error column.")
    static final class FeaturesCommand extends JobCommand {
        @Option(names = "--set", paramLabel = "NAME", description = "Named feature set: seed, full, egemaps.")
        String set;

        @Option(names = {"-m", "--model"}, paramLabel = "NAME|FILE",
                description = "Instead of --set: the exact features a model bundle uses.")
        String model;

        @Option(names = "--param", paramLabel = "K=V", description = "Set parameter (repeatable), as the CLI's.")
        List<String> params = new ArrayList<>();

        @Option(names = "--sr", paramLabel = "N", description = "Sample rate (default: the set's own).")
        Integer sampleRate;

        @Option(names = "--table", description = "--input is a table with a 'path' column (see predict).")
        boolean table;

        @Override
        JobCounters.JobSummary run(SparkSession spark) {
            if ((set == null) == (model == null)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give either --set NAME or --model");
            }
            if (model != null && (!params.isEmpty() || sampleRate != null)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--param and --sr go with --set; a "
                        + "model's features are fixed");
            }
            FeatureSpec featureSpec = model != null ? ShippedModels.load(model).featureSpec()
                    : FeatureSets.spec(set, Params.parse(params).asMap(), sampleRate);
            return FeaturesJob.run(spark, clips(spark, table), featureSpec, job.output, job.mode(), !job.quiet);
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Evaluate a model on a labelled corpus (as 'ser4j evaluate'), with the decoding and "
                    + "features on Spark; writes metrics.json (the CLI's --json) and report.html (its --report) "
                    + "into --output.",
                "--input is a corpus folder or CSV list, as the CLI's --data (comma-separated for several)."})
    static final class EvaluateCommand extends JobCommand {
        @Option(names = {"-m", "--model"}, paramLabel = "NAME|FILE",
                description = "A shipped model name (default, commercial, default-adaptive, "
                        + "commercial-adaptive) or a bundle file (default: default).")
        String model;

        @Option(names = "--corpus", defaultValue = "auto", paramLabel = "NAME",
                description = "How to read --input: auto, ravdess, tess, emodb, savee, crema-d, folders, csv "
                        + "(default: ${DEFAULT-VALUE}).")
        String corpus;

        @Option(names = "--labels", paramLabel = "NAME|FILE",
                description = "Label map (default: the model's own, as the CLI).")
        String labels;

        @Option(names = "--adapt", paramLabel = "none|speaker|folder|corpus", defaultValue = "none",
                description = "With a model that adapts: answer each clip adapted to the unlabelled clips of its "
                        + "speaker, folder or corpus, as the CLI's evaluate (default: ${DEFAULT-VALUE}).")
        String adapt;

        @Option(names = "--seed", defaultValue = "42", description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        JobCounters.JobSummary run(SparkSession spark) {
            Grouping grouping = Grouping.parse(adapt, EnumSet.allOf(Grouping.class));
            ModelBundle bundle = ShippedModels.load(model);
            LabelMap labelMap = labels == null ? bundle.labelMap()
                    : Files.isRegularFile(Path.of(labels)) ? LabelMap.load(Path.of(labels)) : LabelMap.named(labels);
            List<LoadResult> parts = new ArrayList<>();
            for (String dir : job.input.split(",")) {
                Path d = Path.of(dir);
                if (!Files.exists(d)) {
                    throw new IllegalArgumentException("no such corpus folder or file: " + d);
                }
                parts.add(corpus.equals("auto") ? Corpora.load(d) : Corpora.load(corpus, d));
            }
            EvaluateJob.Result r = EvaluateJob.run(spark, LoadResult.concat(parts), bundle,
                    model == null ? ShippedModels.DEFAULT : model, labelMap, grouping, seed, job.output, job.partitions,
                    !job.quiet);
            var e = r.evaluation().evaluation();
            spec.commandLine().getOut().printf("n=%d excluded=%d accuracy=%.4f unweighted_accuracy=%.4f "
                    + "macro_f1=%.4f%n", e.n(), e.excluded(), e.accuracy(), e.unweightedAccuracy(), e.macroF1());
            return r.summary();
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Scaling benchmark: predict the first --sample rows of a --rows-row table of repeated "
                    + "corpus files once per master, and report clips/s, real-time factor and peak heap.")
    static final class BenchCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--input", required = true, paramLabel = "PATH|GLOB", description = "The real audio files.")
        String input;

        @Option(names = "--work", required = true, paramLabel = "DIR", description = "Folder for the table and "
                + "the predictions (overwritten).")
        Path work;

        @Option(names = "--rows", defaultValue = "100000", description = "Rows of the table (default: "
                + "${DEFAULT-VALUE}).")
        int rows;

        @Option(names = "--sample", defaultValue = "2000", description = "Rows predicted per master (default: "
                + "${DEFAULT-VALUE}).")
        int sample;

        @Option(names = "--masters", defaultValue = "local[1],local[2]", split = ",",
                description = "Masters to compare (default: ${DEFAULT-VALUE}).")
        List<String> masters;

        @Option(names = {"-m", "--model"}, paramLabel = "NAME|FILE", description = "Model (default: default).")
        String model;

        @Override
        public Integer call() throws Exception {
            ScalingBenchmark.run(input, rows, Math.min(sample, rows), masters, model, work,
                    spec.commandLine().getOut());
            return 0;
        }
    }
}
