package org.ser4j.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.ser4j.models.Prediction;

/**
 * The server's Prometheus metrics (scraped at {@code /metrics}):
 * <ul>
 *   <li>{@code ser4j_http_requests_seconds{method,route,status}}: request count and latency histogram;</li>
 *   <li>{@code ser4j_predictions_total{emotion,origin}}: answers with an emotion; {@code ser4j_no_speech_total{origin}}:
 *       answers "no speech" (silence, steady noise), which are no emotion and never enter the drift gauge;
 *       {@code ser4j_prediction_seconds} (decode + model) times both;</li>
 *   <li>{@code ser4j_model_info{name,version}} = 1;</li>
 *   <li>{@code ser4j_feedback_total{correct}} and {@code ser4j_feedback_agreement_ratio} (all feedback ever
 *       stored, so it survives restarts);</li>
 *   <li>{@code ser4j_inference_queue_depth}, {@code ser4j_inference_active}, {@code ser4j_inference_rejected_total};</li>
 *   <li>{@code ser4j_prediction_drift_jsd}: Jensen-Shannon divergence of the emotions in the rolling window from
 *       the training distribution, and {@code ser4j_prediction_window_share{emotion}};</li>
 *   <li>the JVM and the process, as Micrometer's binders name them: {@code jvm_memory_*}, {@code jvm_gc_*},
 *       {@code jvm_threads_*}, {@code jvm_classes_*}, {@code jvm_info}, {@code process_cpu_usage},
 *       {@code process_uptime_seconds}, {@code process_files_open_files}, {@code system_cpu_*}.</li>
 * </ul>
 * Every metric has help text, so {@code promtool check metrics} accepts the page.
 */
public final class ServerMetrics {
    /** Why a prediction is refused with 503 (the error codes of the answer), counted in ser4j_inference_rejected. */
    public static final List<String> REJECTIONS = List.of("overloaded", "timeout", "shutting_down");
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DriftMonitor drift;
    private final AtomicLong feedbackTotal = new AtomicLong();
    private final AtomicLong feedbackCorrect = new AtomicLong();
    private final Timer predictionTimer;
    private final Map<String, Counter> noSpeech = new ConcurrentHashMap<>();
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /**
     * @param feedbackSoFar {total, correct} feedback already in the database
     */
    public ServerMetrics(String modelName, String modelVersion, TrainingDistribution training, int driftWindow,
                         long[] feedbackSoFar, IntSupplier queueDepth, IntSupplier active) {
        this.drift = new DriftMonitor(training.classes(), training.shares(), driftWindow);
        feedbackTotal.set(feedbackSoFar[0]);
        feedbackCorrect.set(feedbackSoFar[1]);
        // Two of Micrometer's names break Prometheus's naming rules (promtool check metrics flags them):
        // process_cpu_time_ns_total has a unit in its name (process_cpu_usage carries the same information), and
        // system_cpu_count is a gauge with a counter's suffix, exported as system_cpu_cores instead.
        registry.config().meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"));
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().equals("system.cpu.count") ? id.withName("system.cpu.cores") : id;
            }
        });
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        Gauge.builder("ser4j.model.info", () -> 1).tags("name", modelName, "version", modelVersion)
                .description("the model being served").register(registry);
        Gauge.builder("ser4j.inference.queue.depth", queueDepth::getAsInt)
                .description("predictions waiting for a worker").register(registry);
        Gauge.builder("ser4j.inference.active", active::getAsInt)
                .description("predictions being computed").register(registry);
        Gauge.builder("ser4j.feedback.agreement.ratio", this::agreement)
                .description("share of feedback saying the prediction was correct").register(registry);
        Gauge.builder("ser4j.prediction.drift.jsd", drift::divergence)
                .description("Jensen-Shannon divergence (bits) of the rolling window's emotions from the training "
                        + "distribution").register(registry);
        List<String> classes = training.classes();
        for (int c = 0; c < classes.size(); c++) {
            int index = c;
            Gauge.builder("ser4j.prediction.window.share", () -> drift.windowDistribution()[index])
                    .tags("emotion", classes.get(c)).description("share of each emotion in the rolling window of "
                            + "recent answers").register(registry);
            Gauge.builder("ser4j.training.share", () -> drift.reference()[index])
                    .tags("emotion", classes.get(c)).description("share of each emotion in the model's training data")
                    .register(registry);
        }
        this.predictionTimer = Timer.builder("ser4j.prediction").description("decode + features + model")
                .publishPercentileHistogram().register(registry);
        for (String origin : List.of("upload", "stream")) {
            noSpeechCounter(origin); // scraped as 0 from the start, so rates and alerts work before the first one
        }
        REJECTIONS.forEach(this::rejectedCounter);
    }

    public void recordRequest(String method, String route, int status, Duration elapsed) {
        Timer.builder("ser4j.http.requests")
                .tags(Tags.of("method", method, "route", route, "status", Integer.toString(status)))
                .description("HTTP requests by route and status, with their latency")
                .publishPercentileHistogram()
                .register(registry)
                .record(elapsed);
    }

    /**
     * Counts one answer: an emotion in {@code ser4j_predictions_total} and the drift window, a recording without
     * speech only in {@code ser4j_no_speech_total} (it says nothing about the emotions of the traffic).
     */
    public void recordPrediction(Prediction p, String origin, Duration elapsed) {
        predictionTimer.record(elapsed);
        if (!p.speech()) {
            noSpeechCounter(origin).increment();
            return;
        }
        Counter.builder("ser4j.predictions").tags("emotion", p.emotion(), "origin", origin)
                .description("answers with an emotion, by emotion and origin (upload or stream)").register(registry)
                .increment();
        drift.record(p.emotion());
    }

    /** Answers "no speech" so far from {@code origin} (upload or stream). */
    public double noSpeechCount(String origin) {
        return noSpeechCounter(origin).count();
    }

    private Counter noSpeechCounter(String origin) {
        return noSpeech.computeIfAbsent(origin, o -> Counter.builder("ser4j.no.speech").tags("origin", o)
                .description("recordings (uploads) and closed stream segments answered 'no speech' (silence or "
                        + "steady noise): not an emotion, so not in ser4j_predictions_total or the drift gauge")
                .register(registry));
    }

    /** Counts a prediction refused with 503: one of {@link #REJECTIONS}. */
    public void recordRejected(String reason) {
        rejectedCounter(reason).increment();
    }

    public double rejectedCount(String reason) {
        return rejectedCounter(reason).count();
    }

    private Counter rejectedCounter(String reason) {
        return Counter.builder("ser4j.inference.rejected").tags("reason", reason)
                .description("predictions refused with 503: queue full (overloaded), over the time limit (timeout) "
                        + "or while stopping (shutting_down)").register(registry);
    }

    /** Stops the JVM metrics' listeners (garbage collection notifications). */
    public void close() {
        gc.close();
    }

    public void recordFeedback(boolean correct) {
        Counter.builder("ser4j.feedback").tags("correct", Boolean.toString(correct))
                .description("feedback received since the start, by whether it says the answer was correct")
                .register(registry).increment();
        feedbackTotal.incrementAndGet();
        if (correct) {
            feedbackCorrect.incrementAndGet();
        }
    }

    /** Share of feedback marked correct (NaN before any). */
    public double agreement() {
        long total = feedbackTotal.get();
        return total == 0 ? Double.NaN : feedbackCorrect.get() / (double) total;
    }

    public DriftMonitor drift() {
        return drift;
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
