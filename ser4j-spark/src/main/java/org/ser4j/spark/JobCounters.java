package org.ser4j.spark;

import java.io.PrintStream;
import java.io.Serializable;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * A job's progress as Spark accumulators, updated by the tasks: clips done, clips failed, seconds of audio decoded.
 * The driver reads them for a progress line while the job runs and for the summary at its end. Spark applies
 * accumulator updates made inside transformations once per task attempt, so a retried task counts twice: the
 * output's rows are the exact record, the counters are progress.
 */
public final class JobCounters implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String job;
    private final LongAccumulator done;
    private final LongAccumulator failed;
    private final DoubleAccumulator audioSeconds;
    private final long startNanos;

    public JobCounters(SparkContext sc, String job) {
        this.job = job;
        this.done = sc.longAccumulator(job + ".clips_done");
        this.failed = sc.longAccumulator(job + ".clips_failed");
        this.audioSeconds = sc.doubleAccumulator(job + ".audio_seconds");
        this.startNanos = System.nanoTime();
    }

    /** On an executor: a clip was processed; {@code seconds} of audio. */
    public void clipDone(double seconds) {
        done.add(1);
        audioSeconds.add(seconds);
    }

    /** On an executor: a clip could not be processed (its error is in the output). */
    public void clipFailed() {
        failed.add(1);
    }

    /** On the driver: the counts so far. */
    public JobSummary summary() {
        return new JobSummary(job, done.value(), failed.value(), audioSeconds.value() / 3600.0,
                (System.nanoTime() - startNanos) / 1e9);
    }

    /** On the driver: prints {@link #summary()} every {@code seconds} to {@code out} until closed. */
    public AutoCloseable reportEvery(int seconds, PrintStream out) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ser4j-spark-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> out.println(summary().line()), seconds, seconds, TimeUnit.SECONDS);
        return timer::shutdownNow;
    }

    /**
     * What a job did.
     *
     * @param job         features, predict or evaluate
     * @param clipsDone   clips processed
     * @param clipsFailed clips that failed (error column)
     * @param audioHours  hours of audio decoded
     * @param wallSeconds time since the counters were created
     */
    public record JobSummary(String job, long clipsDone, long clipsFailed, double audioHours, double wallSeconds) {
        public double clipsPerSecond() {
            return (clipsDone + clipsFailed) / Math.max(wallSeconds, 1e-9);
        }

        /** Seconds of audio processed per second of wall time. */
        public double timesRealTime() {
            return audioHours * 3600 / Math.max(wallSeconds, 1e-9);
        }

        public String line() {
            return String.format(Locale.ROOT, "%s: %d clips done, %d failed, %.3f h of audio in %.1f s "
                    + "(%.1f clips/s, %.0fx real time)", job, clipsDone, clipsFailed, audioHours, wallSeconds,
                    clipsPerSecond(), timesRealTime());
        }
    }
}
