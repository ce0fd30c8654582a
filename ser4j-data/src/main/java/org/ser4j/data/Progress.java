package org.ser4j.data;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr (count, rate, ETA) for long batch work, shared by every module and the CLI.
 * Quiet when asked, or when stderr is not a terminal and {@code SER4J_PROGRESS} is not set to {@code always}
 * (so logs and CI output are not flooded). Thread-safe: {@link #step()} may be called from worker threads.
 */
public final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** Starts a bar titled {@code task} over {@code total} items. */
    public static Progress start(String task, long total, boolean quiet) {
        boolean show = !quiet && (System.console() != null
                || "always".equalsIgnoreCase(System.getenv("SER4J_PROGRESS")));
        if (!show) {
            return new Progress(null);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                .showSpeed(new java.text.DecimalFormat("0.0")).setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        return new Progress(bar);
    }

    /** One item done. */
    public void step() {
        if (bar != null) {
            bar.step();
        }
    }

    /** Replaces the extra message shown after the bar (e.g. a running metric). */
    public void message(String extra) {
        if (bar != null) {
            bar.setExtraMessage(extra);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
