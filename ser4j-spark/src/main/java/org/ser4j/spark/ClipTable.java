package org.ser4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ser4j.data.corpus.AudioFiles;

/**
 * The clips a job works on, as a DataFrame of {@code (path, label, speaker)} (label and speaker may be null):
 * either the audio files a path or glob names on any Hadoop file system (folders are searched recursively for the
 * same audio extensions the corpus loaders accept), or a table (Parquet, or CSV with a header) with a {@code path}
 * column and optional {@code label} and {@code speaker} columns. Local paths are written plainly
 * ({@code /data/a.flac}, as the CLI prints them); others keep their scheme ({@code hdfs://nn/data/a.flac}).
 */
public final class ClipTable {
    public static final String PATH = "path";
    public static final String LABEL = "label";
    public static final String SPEAKER = "speaker";
    public static final StructType SCHEMA = new StructType()
            .add(PATH, DataTypes.StringType, false)
            .add(LABEL, DataTypes.StringType, true)
            .add(SPEAKER, DataTypes.StringType, true);
    /** Clips per partition a job aims at when it chooses the partition count itself. */
    static final int CLIPS_PER_PARTITION = 500;

    private ClipTable() {
    }

    /**
     * The clips of {@code input}, spread over {@code partitions} partitions (null: enough for every core to get
     * several, and at most {@value #CLIPS_PER_PARTITION} clips each, so a slow partition does not hold the job).
     *
     * @param isTable whether {@code input} is a table of paths rather than audio files
     */
    public static Dataset<Row> load(SparkSession spark, String input, boolean isTable, Integer partitions) {
        Dataset<Row> clips = isTable ? readTable(spark, input)
                : spark.createDataFrame(listAudioFiles(spark.sparkContext().hadoopConfiguration(), input).stream()
                        .map(p -> RowFactory.create(p, null, null)).toList(), SCHEMA);
        long count = clips.count();
        if (count == 0) {
            throw new IllegalArgumentException("no audio files found in " + input);
        }
        int n = partitions != null ? partitions : defaultPartitions(spark, count);
        return clips.repartition(n);
    }

    static int defaultPartitions(SparkSession spark, long clips) {
        long byCores = 4L * spark.sparkContext().defaultParallelism();
        long bySize = (clips + CLIPS_PER_PARTITION - 1) / CLIPS_PER_PARTITION;
        return (int) Math.max(1, Math.min(clips, Math.max(byCores, bySize)));
    }

    /** The audio files a path or glob names, sorted; a folder stands for every audio file below it. */
    public static List<String> listAudioFiles(Configuration conf, String pathOrGlob) {
        try {
            Path pattern = new Path(pathOrGlob);
            FileSystem fs = pattern.getFileSystem(conf);
            FileStatus[] matches = fs.globStatus(pattern);
            if (matches == null || matches.length == 0) {
                throw new IllegalArgumentException("no such file or folder: " + pathOrGlob);
            }
            List<String> files = new ArrayList<>();
            for (FileStatus match : matches) {
                if (match.isDirectory()) {
                    RemoteIterator<LocatedFileStatus> below = fs.listFiles(match.getPath(), true);
                    while (below.hasNext()) {
                        Path file = below.next().getPath();
                        if (isAudioName(file.getName())) {
                            files.add(plain(file));
                        }
                    }
                } else {
                    // A file named explicitly is taken whatever its extension, as the CLI does.
                    files.add(plain(match.getPath()));
                }
            }
            files.sort(null);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + pathOrGlob + ": " + e.getMessage(), e);
        }
    }

    /** A table with a path column (and optional label, speaker) as the three clip columns, all strings. */
    static Dataset<Row> readTable(SparkSession spark, String input) {
        boolean csv = input.toLowerCase(Locale.ROOT).endsWith(".csv");
        Dataset<Row> table = csv ? spark.read().option("header", "true").csv(input) : spark.read().parquet(input);
        List<String> columns = Arrays.asList(table.columns());
        if (!columns.contains(PATH)) {
            throw new IllegalArgumentException("table " + input + " has no '" + PATH + "' column (it has " + columns
                    + ")");
        }
        return table.select(stringColumn(columns, PATH), stringColumn(columns, LABEL),
                stringColumn(columns, SPEAKER));
    }

    private static Column stringColumn(List<String> present, String name) {
        Column c = present.contains(name) ? functions.col(name) : functions.lit(null);
        return c.cast(DataTypes.StringType).as(name);
    }

    private static boolean isAudioName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && AudioFiles.EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** A listed path as users write it: without {@code file:} for local files. */
    private static String plain(Path qualified) {
        return "file".equals(qualified.toUri().getScheme()) ? qualified.toUri().getPath() : qualified.toString();
    }
}
