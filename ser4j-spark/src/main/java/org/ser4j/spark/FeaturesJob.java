package org.ser4j.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructType;
import org.ser4j.audio.Signal;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.features.FeatureSets;
import org.ser4j.features.FeatureSpec;
import org.ser4j.models.Json;

/**
 * {@code features}: the utterance-level vector of a named feature set (or of a model's spec) for every clip, as
 * the CLI's {@code ser4j features --set NAME} computes it, written as Parquet with one row per clip:
 * {@code path, label, speaker, duration_s, features, error}. {@code features} is an array of doubles in the
 * extractor's order; the names and the spec are in the column's metadata (Spark keeps it in the Parquet footer)
 * and in {@code _feature_spec.json} beside the data files (Spark's readers skip names starting with "_").
 */
public final class FeaturesJob {
    /** Per executor JVM: one extractor per spec, shared by the task threads (extractors are thread-safe). */
    private static final ConcurrentHashMap<String, FeatureExtractor> EXTRACTORS = new ConcurrentHashMap<>();
    public static final String SPEC_FILE = "_feature_spec.json";

    private FeaturesJob() {
    }

    /** The output columns for an extractor's vector. */
    public static StructType schema(FeatureExtractor extractor) {
        Metadata names = new MetadataBuilder()
                .putStringArray("names", extractor.names().toArray(String[]::new))
                .putString("feature_spec", extractor.spec().toJson())
                .build();
        return new StructType()
                .add(ClipTable.PATH, DataTypes.StringType, false)
                .add(ClipTable.LABEL, DataTypes.StringType, true)
                .add(ClipTable.SPEAKER, DataTypes.StringType, true)
                .add("duration_s", DataTypes.DoubleType, true)
                .add("features", new ArrayType(DataTypes.DoubleType, false), true, names)
                .add("error", DataTypes.StringType, true);
    }

    /** Extracts {@code spec}'s vector for every clip and writes the rows to {@code output} as Parquet. */
    public static JobCounters.JobSummary run(SparkSession spark, Dataset<Row> clips, FeatureSpec spec, String output,
                                             SaveMode mode, boolean progress) {
        FeatureExtractor driverExtractor = FeatureSets.extractor(spec); // fails fast on a bad --param
        String specJson = spec.toJson(); // FeatureSpec is not Serializable; its JSON is the exact spec
        JobCounters counters = new JobCounters(spark.sparkContext(), "features");
        ClipReader reader = new ClipReader(spark.sparkContext().hadoopConfiguration());
        JavaRDD<Row> rows = clips.javaRDD().mapPartitions(partition -> {
            FeatureExtractor extractor = EXTRACTORS.computeIfAbsent(specJson,
                    json -> FeatureSets.extractor(FeatureSpec.fromJson(json)));
            return Clips.flatMapLazily(partition, clip -> List.of(featureRow(clip, extractor, reader, counters)));
        });
        try (AutoCloseable reporting = progress ? counters.reportEvery(10, System.err) : () -> { }) {
            spark.createDataFrame(rows, schema(driverExtractor)).write().mode(mode).parquet(output);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        writeSpecFile(spark, output, driverExtractor);
        return counters.summary();
    }

    private static Row featureRow(Row clip, FeatureExtractor extractor, ClipReader reader, JobCounters counters) {
        String path = clip.getString(0);
        try {
            Signal signal = reader.read(path, extractor.spec().sampleRate());
            double[] vector = extractor.extract(signal);
            counters.clipDone(signal.durationSeconds());
            return RowFactory.create(clip.get(0), clip.get(1), clip.get(2), signal.durationSeconds(), vector, null);
        } catch (RuntimeException e) {
            counters.clipFailed();
            return RowFactory.create(clip.get(0), clip.get(1), clip.get(2), null, null,
                    Clips.errorMessage(path, e));
        }
    }

    /** {@code _feature_spec.json}: the spec and the feature names, for readers that ignore Spark's metadata. */
    private static void writeSpecFile(SparkSession spark, String output, FeatureExtractor extractor) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("feature_spec", Json.read(extractor.spec().toJson(), Map.class));
        doc.put("names", extractor.names());
        Path file = new Path(output, SPEC_FILE);
        try {
            FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (OutputStream out = fs.create(file, true)) {
                out.write(Json.write(doc).getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
