package org.ser4j.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.ser4j.audio.Signal;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.Prediction;
import org.ser4j.models.Predictor;
import org.ser4j.models.SegmentSource;
import org.ser4j.models.adaptation.GroupStatistics;
import org.ser4j.models.adaptation.Grouping;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@code predict}: the CLI's {@code ser4j predict} over a clip table, written as Parquet. Each clip is decoded with
 * {@link ClipReader} at the bundle's sample rate and predicted by {@link Predictor#predict(Signal, SegmentSource)},
 * exactly as the CLI does; the prediction JSON's fields become columns.
 * <ul>
 *   <li>Per clip (default): {@code path, label, speaker, file, emotion, confidence, top_3, all_scores, speech,
 *       no_speech_reason, duration_s, model_name, model_version, error}. A clip without speech (silence, steady
 *       noise) has {@code speech} false, emotion {@code no_speech}, confidence 0, empty {@code top_3} and
 *       {@code all_scores}, and the reason; it is an answer, not an error.</li>
 *   <li>Per segment ({@code --segments}): {@code path, label, speaker, file, duration_s, segment, start_s, end_s,
 *       speech, emotion, confidence, all_scores, model_name, model_version, error}, the segments in time order;
 *       a stretch without speech has {@code speech} false and null emotion, confidence and scores. A clip in which
 *       no segment was found keeps one row with a null {@code segment}, so every clip is accounted for.</li>
 * </ul>
 * A clip that cannot be decoded or predicted gets one row whose {@code error} says why and whose prediction columns
 * are null; it never fails the job.
 *
 * <p>With a model that adapts and a {@link Grouping} ({@code --adapt speaker|folder}), the job makes two passes: the
 * first computes every clip's features (kept, so nothing is decoded twice) and the statistics of each group's clips
 * with speech, merged across partitions; the second answers each clip adapted to its group's statistics, as the
 * CLI's {@code predict --adapt} does. {@code adaptation_group} and {@code adaptation_clips} say which group and how
 * many clips (null for a model that does not adapt).
 */
public final class PredictJob {
    private static final StructType SCORE = new StructType()
            .add("emotion", DataTypes.StringType, false)
            .add("score", DataTypes.DoubleType, false);
    private static final MapType SCORES = DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false);

    /** Output columns of a per-clip run. */
    public static final StructType CLIP_SCHEMA = new StructType()
            .add(ClipTable.PATH, DataTypes.StringType, false)
            .add(ClipTable.LABEL, DataTypes.StringType, true)
            .add(ClipTable.SPEAKER, DataTypes.StringType, true)
            .add("file", DataTypes.StringType, true)
            .add("emotion", DataTypes.StringType, true)
            .add("confidence", DataTypes.DoubleType, true)
            .add("top_3", new ArrayType(SCORE, false), true)
            .add("all_scores", SCORES, true)
            .add("speech", DataTypes.BooleanType, true)
            .add("no_speech_reason", DataTypes.StringType, true)
            .add("duration_s", DataTypes.DoubleType, true)
            .add("model_name", DataTypes.StringType, true)
            .add("model_version", DataTypes.StringType, true)
            .add("timestamp", DataTypes.TimestampType, true)
            .add("adaptation_group", DataTypes.StringType, true)
            .add("adaptation_clips", DataTypes.IntegerType, true)
            .add("error", DataTypes.StringType, true);

    /** Output columns of a per-segment run. */
    public static final StructType SEGMENT_SCHEMA = new StructType()
            .add(ClipTable.PATH, DataTypes.StringType, false)
            .add(ClipTable.LABEL, DataTypes.StringType, true)
            .add(ClipTable.SPEAKER, DataTypes.StringType, true)
            .add("file", DataTypes.StringType, true)
            .add("duration_s", DataTypes.DoubleType, true)
            .add("segment", DataTypes.IntegerType, true)
            .add("start_s", DataTypes.DoubleType, true)
            .add("end_s", DataTypes.DoubleType, true)
            .add("speech", DataTypes.BooleanType, true)
            .add("emotion", DataTypes.StringType, true)
            .add("confidence", DataTypes.DoubleType, true)
            .add("all_scores", SCORES, true)
            .add("model_name", DataTypes.StringType, true)
            .add("model_version", DataTypes.StringType, true)
            .add("timestamp", DataTypes.TimestampType, true)
            .add("error", DataTypes.StringType, true);

    /**
     * How to segment, as the CLI's {@code --segments [--window S]}: null for whole clips only.
     *
     * @param windowS fixed windows of this length with half-window hop, or null for voice activity
     */
    public record Segments(Double windowS) implements java.io.Serializable {
        SegmentSource source() {
            return windowS == null ? SegmentSource.voiceActivity() : SegmentSource.fixedWindows(windowS, windowS / 2);
        }
    }

    private PredictJob() {
    }

    /**
     * Predicts every clip of {@code clips} (see {@link ClipTable}) with {@code bundle} and writes the rows to
     * {@code output} as Parquet.
     *
     * @param segments null for one row per clip, else how to find segments
     */
    public static JobCounters.JobSummary run(SparkSession spark, Dataset<Row> clips, ModelBundle bundle,
                                             String modelName, Segments segments, Grouping grouping, String output,
                                             SaveMode mode, boolean progress) {
        grouping.check(bundle);
        if (grouping != Grouping.NONE && segments != null) {
            throw new IllegalArgumentException("--adapt and --segments cannot be combined");
        }
        if (grouping == Grouping.CORPUS) {
            throw new IllegalArgumentException("--adapt must be none, speaker or folder for predict");
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        BroadcastModel model = BroadcastModel.of(sc, bundle, modelName);
        JobCounters counters = new JobCounters(spark.sparkContext(), "predict");
        ClipReader reader = new ClipReader(spark.sparkContext().hadoopConfiguration());
        JavaRDD<Featurised> featurised = null;
        JavaRDD<Row> rows;
        if (grouping == Grouping.NONE) {
            rows = clips.javaRDD().mapPartitions(partition -> {
                Predictor predictor = model.predictor();
                SegmentSource segmentSource = segments == null ? null : segments.source();
                return Clips.flatMapLazily(partition,
                        clip -> predictClip(clip, predictor, segmentSource, reader, counters));
            });
        } else {
            featurised = clips.javaRDD().mapPartitions(partition -> {
                Predictor predictor = model.predictor();
                return Clips.flatMapLazily(partition,
                        clip -> List.of(featurise(clip, grouping, predictor, reader, counters)));
            }).persist(StorageLevel.MEMORY_AND_DISK());
            Map<String, GroupStatistics> statistics = new HashMap<>(featurised
                    .filter(f -> f.clip() != null && f.clip().speech())
                    .mapToPair(f -> new Tuple2<>(f.group(), GroupStatistics.of(f.clip().features().length,
                            List.of(f.clip().features()))))
                    .reduceByKey(GroupStatistics::merge).collectAsMap());
            Broadcast<Map<String, GroupStatistics>> shared = sc.broadcast(statistics);
            rows = featurised.mapPartitions(partition -> {
                Predictor predictor = model.predictor();
                return Clips.flatMapLazily(partition, f -> List.of(adaptedRow(f, predictor, grouping,
                        shared.value())));
            });
        }
        try (AutoCloseable reporting = progress ? counters.reportEvery(10, System.err) : () -> { }) {
            spark.createDataFrame(rows, segments == null ? CLIP_SCHEMA : SEGMENT_SCHEMA)
                    .write().mode(mode).parquet(output);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        } finally {
            model.release();
            if (featurised != null) {
                featurised.unpersist();
            }
        }
        return counters.summary();
    }

    /** A clip of the first pass of an adapted run: its group and features, or why it failed. */
    record Featurised(Row row, String group, Predictor.Clip clip, String error) implements java.io.Serializable {
    }

    private static Featurised featurise(Row clip, Grouping grouping, Predictor predictor, ClipReader reader,
                                        JobCounters counters) {
        String path = clip.getString(0);
        String group = grouping == Grouping.SPEAKER ? clip.getString(2) : folderOf(path);
        if (group == null) {
            counters.clipFailed();
            return new Featurised(clip, null, null, path + ": no speaker to adapt to (--adapt speaker needs a "
                    + "'speaker' column)");
        }
        try {
            Predictor.Clip c = predictor.featurise(reader.read(path, predictor.bundle().featureSpec().sampleRate()));
            counters.clipDone(c.durationS());
            return new Featurised(clip, group, c, null);
        } catch (RuntimeException e) {
            counters.clipFailed();
            return new Featurised(clip, group, null, Clips.errorMessage(path, e));
        }
    }

    /** The second pass: a clip answered with its group's statistics. */
    private static Row adaptedRow(Featurised f, Predictor predictor, Grouping grouping,
                                  Map<String, GroupStatistics> statistics) {
        if (f.clip() == null) {
            return clipRow(f.row(), null, f.error());
        }
        return clipRow(f.row(), predictor.predictGroup(List.of(f.clip()), statistics.get(f.group()), grouping.id(),
                f.group()).get(0), null);
    }

    /** A path's folder (everything before its last '/'), local or a Hadoop URI. */
    static String folderOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** The output rows of one clip: one, or one per segment. */
    private static List<Row> predictClip(Row clip, Predictor predictor, SegmentSource segmentSource,
                                         ClipReader reader, JobCounters counters) {
        String path = clip.getString(0);
        Prediction p;
        try {
            Signal signal = reader.read(path, predictor.bundle().featureSpec().sampleRate());
            p = predictor.predict(signal, segmentSource);
        } catch (RuntimeException e) {
            counters.clipFailed();
            String error = Clips.errorMessage(path, e);
            return List.of(segmentSource == null ? clipRow(clip, null, error) : segmentRow(clip, null, 0, null, error));
        }
        counters.clipDone(p.durationS());
        if (segmentSource == null) {
            return List.of(clipRow(clip, p, null));
        }
        if (p.segments().isEmpty()) {
            return List.of(segmentRow(clip, p, 0, null, null));
        }
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < p.segments().size(); i++) {
            out.add(segmentRow(clip, p, i, p.segments().get(i), null));
        }
        return out;
    }

    private static Row clipRow(Row clip, Prediction p, String error) {
        if (p == null) {
            return RowFactory.create(clip.get(0), clip.get(1), clip.get(2), null, null, null, null, null, null, null,
                    null, null, null, null, null, null, error);
        }
        Prediction.Adapted adapted = p.adaptation();
        Row[] top3 = p.top3().stream().map(s -> RowFactory.create(s.emotion(), s.score())).toArray(Row[]::new);
        return RowFactory.create(clip.get(0), clip.get(1), clip.get(2), p.file(), p.emotion(), p.confidence(), top3,
                scalaMap(p.allScores()), p.speech(), p.noSpeechReason(), p.durationS(), p.model().name(),
                p.model().version(), timestamp(p), adapted == null ? null : adapted.group(),
                adapted == null ? null : adapted.clips(), null);
    }

    /** Spark's row encoder takes maps as Scala maps (and arrays as Java arrays), not java.util collections. */
    private static scala.collection.Map<String, Double> scalaMap(Map<String, Double> scores) {
        return scores == null ? null : CollectionConverters.asScala(scores);
    }

    private static Row segmentRow(Row clip, Prediction p, int index, Prediction.Segment s, String error) {
        if (p == null) {
            return RowFactory.create(clip.get(0), clip.get(1), clip.get(2), null, null, null, null, null, null, null,
                    null, null, null, null, null, error);
        }
        if (s == null) {
            return RowFactory.create(clip.get(0), clip.get(1), clip.get(2), p.file(), p.durationS(), null, null, null,
                    null, null, null, null, p.model().name(), p.model().version(), timestamp(p), null);
        }
        // A stretch without speech has null emotion, confidence and scores (the Segment's own nulls).
        return RowFactory.create(clip.get(0), clip.get(1), clip.get(2), p.file(), p.durationS(), index, s.startS(),
                s.endS(), s.speech(), s.emotion(), s.confidence(), scalaMap(s.allScores()), p.model().name(),
                p.model().version(), timestamp(p), null);
    }

    /** When the prediction was made, as Spark's row encoder takes a TimestampType value. */
    private static java.sql.Timestamp timestamp(Prediction p) {
        return java.sql.Timestamp.from(java.time.Instant.parse(p.timestamp()));
    }
}
