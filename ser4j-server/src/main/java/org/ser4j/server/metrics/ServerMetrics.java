package org.ser4j.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
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
 *       the training distribution, and {@code ser4j_prediction_window_share{emotion}}.</li>
 * </ul>
 */
public final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DriftMonitor drift;
    private final AtomicLong feedbackTotal = new AtomicLong();
    private final AtomicLong feedbackCorrect = new AtomicLong();
    private final Timer predictionTimer;
    private final Map<String, Counter> noSpeech = new ConcurrentHashMap<>();

    /**
     * @param feedbackSoFar {total, correct} feedback already in the database
     */
    public ServerMetrics(String modelName, String modelVersion, TrainingDistribution training, int driftWindow,
                         long[] feedbackSoFar, IntSupplier queueDepth, IntSupplier active) {
        this.drift = new DriftMonitor(training.classes(), training.shares(), driftWindow);
        feedbackTotal.set(feedbackSoFar[0]);
        feedbackCorrect.set(feedbackSoFar[1]);
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
                    .tags("emotion", classes.get(c)).register(registry);
            Gauge.builder("ser4j.training.share", () -> drift.reference()[index])
                    .tags("emotion", classes.get(c)).register(registry);
        }
        this.predictionTimer = Timer.builder("ser4j.prediction").description("decode + features + model")
                .publishPercentileHistogram().register(registry);
        for (String origin : List.of("upload", "stream")) {
            noSpeechCounter(origin); // scraped as 0 from the start, so rates and alerts work before the first one
        }
    }

    public void recordRequest(String method, String route, int status, Duration elapsed) {
        Timer.builder("ser4j.http.requests")
                .tags(Tags.of("method", method, "route", route, "status", Integer.toString(status)))
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
        Counter.builder("ser4j.predictions").tags("emotion", p.emotion(), "origin", origin).register(registry)
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

    public void recordRejected(String reason) {
        Counter.builder("ser4j.inference.rejected").tags("reason", reason).register(registry).increment();
    }

    public void recordFeedback(boolean correct) {
        Counter.builder("ser4j.feedback").tags("correct", Boolean.toString(correct)).register(registry).increment();
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
