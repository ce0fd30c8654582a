package org.ser4j.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.ser4j.audio.Signal;
import org.ser4j.data.Utterance;
import org.ser4j.data.corpus.LoadResult;
import org.ser4j.data.labels.LabelMap;
import org.ser4j.data.table.ExtractionFailure;
import org.ser4j.data.table.FeatureTable;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.adaptation.Grouping;
import org.ser4j.models.eval.Evaluation;
import org.ser4j.models.experiment.BundleEvaluation;
import org.ser4j.models.experiment.ExperimentData;
import org.ser4j.models.report.HtmlReport;

/**
 * {@code evaluate}: the CLI's {@code ser4j evaluate} with the expensive part, decoding and feature extraction, run
 * on Spark. The labelled utterances are selected with the model's label map on the driver; each one's feature row
 * is computed in a partition exactly as the CLI's feature table builder computes it (the file decoded at the
 * spec's rate, {@code FeatureSets.extractor(spec)}); the rows come back to the driver (one double vector per clip:
 * about 1 KB for 100 features) and go through the CLI's very assembly, {@link ExperimentData#of} and
 * {@link BundleEvaluation#of}. The metrics JSON and HTML report are therefore the CLI's, number for number.
 */
public final class EvaluateJob {
    /** File names inside the output folder. */
    public static final String METRICS_FILE = "metrics.json";
    public static final String REPORT_FILE = "report.html";

    private EvaluateJob() {
    }

    /** What an evaluation produced. */
    public record Result(BundleEvaluation evaluation, JobCounters.JobSummary summary) {
    }

    /**
     * Evaluates {@code bundle} on {@code loaded} and writes {@value #METRICS_FILE} and {@value #REPORT_FILE} into
     * {@code outputDir} (any Hadoop file system).
     *
     * @param labelMap   how corpus emotions map onto the model's classes ({@link org.ser4j.models.ModelBundle#labelMap})
     * @param grouping   how a model that adapts groups the clips (by speaker, folder, corpus; none)
     * @param partitions partitions for the feature work, or null to choose
     */
    public static Result run(SparkSession spark, LoadResult loaded, ModelBundle bundle, String modelName,
                             LabelMap labelMap, Grouping grouping, long seed, String outputDir, Integer partitions,
                             boolean progress) {
        LabelMap.Selection selection = labelMap.select(loaded.utterances());
        List<Utterance> utterances = selection.utterances();
        Features features = featureTable(spark, utterances, bundle, modelName, partitions, progress);
        FeatureTable table = features.table();
        if (table.rowCount() == 0) {
            throw new IllegalArgumentException("nothing to evaluate: no utterance of the model's classes "
                    + bundle.classes() + " could be read");
        }
        ExperimentData data = ExperimentData.of(table, selection, bundle.featureSpec(),
                loaded.skippedReasons());
        BundleEvaluation be = BundleEvaluation.of(bundle, data, grouping, Evaluation.DEFAULT_RESAMPLES, seed);
        String report = new HtmlReport("ser4j evaluation: " + bundle.provenance().name() + " on "
                + loaded.countByCorpus().keySet())
                .evaluation(be.evaluation()).calibration(be.reliability(), null, bundle.temperature())
                .provenance(bundle.provenance()).trainingOverlap(be.trainingOverlap()).render();
        write(spark, new Path(outputDir, METRICS_FILE), be.metricsJson());
        write(spark, new Path(outputDir, REPORT_FILE), report);
        return new Result(be, features.summary());
    }

    /** The feature table of a run and the counters of the Spark job that computed it. */
    record Features(FeatureTable table, JobCounters.JobSummary summary) {
    }

    /**
     * The feature table of {@code utterances}, as the CLI's FeatureTableBuilder would build it (rows in input
     * order, failures listed), with the rows computed on Spark.
     */
    static Features featureTable(SparkSession spark, List<Utterance> utterances, ModelBundle bundle,
                                     String modelName, Integer partitions, boolean progress) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        BroadcastModel model = BroadcastModel.of(sc, bundle, modelName);
        JobCounters counters = new JobCounters(spark.sparkContext(), "evaluate");
        ClipReader reader = new ClipReader(spark.sparkContext().hadoopConfiguration());
        List<Row> work = new ArrayList<>();
        for (int i = 0; i < utterances.size(); i++) {
            work.add(RowFactory.create(i, utterances.get(i).path().toString()));
        }
        int slices = partitions != null ? partitions : ClipTable.defaultPartitions(spark, utterances.size());
        JavaRDD<Row> input = sc.parallelize(work, Math.max(1, slices));
        List<Row> results;
        try (AutoCloseable reporting = progress ? counters.reportEvery(10, System.err) : () -> { }) {
            results = input.mapPartitions(partition -> {
                FeatureExtractor extractor = model.specExtractor();
                return Clips.flatMapLazily(partition, row -> List.of(featureRow(row, extractor, reader, counters)));
            }).collect();
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        } finally {
            model.release();
        }
        double[][] vectors = new double[utterances.size()][];
        String[] errors = new String[utterances.size()];
        for (Row r : results) {
            int index = r.getInt(0);
            vectors[index] = (double[]) r.get(1);
            errors[index] = r.getString(2);
        }
        return new Features(FeatureTable.assemble(utterances, bundle.featureExtractor().names(), vectors, errors, 0),
                counters.summary());
    }

    /** (index, vector or null, error or null) for one utterance. */
    private static Row featureRow(Row row, FeatureExtractor extractor, ClipReader reader, JobCounters counters) {
        int index = row.getInt(0);
        String path = row.getString(1);
        try {
            Signal signal = reader.read(path, extractor.spec().sampleRate());
            double[] vector = extractor.extract(signal);
            counters.clipDone(signal.durationSeconds());
            return RowFactory.create(index, vector, null);
        } catch (RuntimeException e) {
            counters.clipFailed();
            return RowFactory.create(index, null, Clips.errorMessage(path, e));
        }
    }

    private static void write(SparkSession spark, Path file, String text) {
        try {
            FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (OutputStream out = fs.create(file, true)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
