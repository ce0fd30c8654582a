package org.ser4j.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.ShippedModels;
import org.ser4j.models.adaptation.Grouping;

/**
 * The scaling measurement behind docs/spark.md: a clip table of {@code rows} paths that repeat real corpus files
 * (a stand-in for a large archive), of which the first {@code sample} rows are predicted once per master
 * ({@code local[1]}, {@code local[2]}, ...), each in a fresh SparkSession. It reports clips per second, audio
 * processed per second, the JVM's peak heap, and the time the whole table would take at the measured rate (an
 * extrapolation, said as such).
 */
final class ScalingBenchmark {
    private ScalingBenchmark() {
    }

    /** One master's measurement. */
    record Run(String master, JobCounters.JobSummary summary, long peakHeapBytes) {
    }

    static List<Run> run(String corpusGlob, int rows, int sample, List<String> masters, String modelRef, Path work,
                         PrintWriter out) throws IOException {
        ModelBundle bundle = ShippedModels.load(modelRef);
        Files.createDirectories(work);
        String table = work.resolve("clips-" + rows + ".parquet").toString();
        List<Run> runs = new ArrayList<>();
        for (String master : masters) {
            SparkSession spark = SparkSessions.create("ser4j spark bench " + master, master);
            try {
                if (runs.isEmpty()) {
                    writeReplicatedTable(spark, corpusGlob, rows, table);
                    out.printf(Locale.ROOT, "table: %d rows repeating the files of %s -> %s%n", rows, corpusGlob,
                            table);
                }
                Dataset<Row> clips = ClipTable.load(spark, table, true, null).limit(sample);
                int partitions = ClipTable.defaultPartitions(spark, sample);
                resetPeakHeap();
                JobCounters.JobSummary s = PredictJob.run(spark, clips.repartition(partitions), bundle,
                        modelRef == null ? ShippedModels.DEFAULT : modelRef, null, Grouping.NONE,
                        work.resolve("predictions-" + master.replaceAll("[^A-Za-z0-9]", "")).toString(),
                        SaveMode.Overwrite, false);
                Run r = new Run(master, s, peakHeap());
                runs.add(r);
                out.println(s.line());
                out.printf(Locale.ROOT, "%s: peak heap %.0f MB; the %d-row table would take %.1f min at this rate "
                        + "(extrapolated from %d rows)%n", master, r.peakHeapBytes() / 1e6, rows,
                        rows / s.clipsPerSecond() / 60, sample);
            } finally {
                spark.stop();
            }
        }
        return runs;
    }

    /** A Parquet table of {@code rows} paths cycling through the audio files {@code corpusGlob} names. */
    static void writeReplicatedTable(SparkSession spark, String corpusGlob, int rows, String table) {
        List<String> files = ClipTable.listAudioFiles(spark.sparkContext().hadoopConfiguration(), corpusGlob);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no audio files in " + corpusGlob);
        }
        List<Row> paths = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            // A stride coprime with the file count mixes corpora and speakers into any prefix of the table.
            paths.add(RowFactory.create(files.get((int) ((long) i * 7919 % files.size())), null, null));
        }
        spark.createDataFrame(paths, ClipTable.SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite).parquet(table);
    }

    private static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peaks since the last reset (an upper bound of the peak heap in use). */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
