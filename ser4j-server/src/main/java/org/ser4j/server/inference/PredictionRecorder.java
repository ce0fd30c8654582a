package org.ser4j.server.inference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.ser4j.models.Prediction;
import org.ser4j.server.api.ApiJson;
import org.ser4j.server.metrics.ServerMetrics;
import org.ser4j.server.store.IdempotencyKey;
import org.ser4j.server.store.PredictionStore;
import org.ser4j.server.store.StoredPrediction;

/**
 * Gives a prediction its id, commits it (and its audio, when audio storage is on) to the store, and counts it in
 * the metrics. Callers answer the client only after {@link #record} returns, so an acknowledged prediction is
 * always in the database. An upload without speech is stored like any other answer, with emotion
 * {@link Prediction#NO_SPEECH} and confidence 0 (its JSON keeps {@code speech: false} and the reason); the metrics
 * count it apart from the emotions.
 */
public final class PredictionRecorder {
    private final PredictionStore store;
    private final ServerMetrics metrics;
    private final boolean storeAudio;

    public PredictionRecorder(PredictionStore store, ServerMetrics metrics, boolean storeAudio) {
        this.store = store;
        this.metrics = metrics;
        this.storeAudio = storeAudio;
    }

    /**
     * Stores one prediction and returns its row.
     *
     * @param contentSha256 hash of the uploaded bytes (null for streamed segments)
     * @param audio         the uploaded bytes, kept only when audio storage is on (may be null)
     * @param origin        {@code upload} or {@code stream}
     * @param scope         whose prediction it is: the API key that asked, or {@code ALL} (no owner) with keys off
     */
    public StoredPrediction record(Prediction p, String contentSha256, byte[] audio, String origin,
                                   Duration latency, PredictionStore.Scope scope) {
        return record(p, contentSha256, audio, origin, latency, scope, null).row();
    }

    /**
     * What {@link #record(Prediction, String, byte[], String, Duration, PredictionStore.Scope, IdempotencyKey)} did:
     * stored {@code row} (created), or not, because a concurrent request with the same idempotency key stored its
     * prediction first ({@link PredictionStore#findEarlier} finds it).
     */
    public record Recorded(StoredPrediction row, boolean created) {
    }

    /**
     * Stores one prediction under an idempotency key (null: none). Only a prediction this call stored is counted
     * in the metrics.
     */
    public Recorded record(Prediction p, String contentSha256, byte[] audio, String origin, Duration latency,
                           PredictionStore.Scope scope, IdempotencyKey key) {
        String json = ApiJson.write(p);
        StoredPrediction row = new StoredPrediction(UUID.randomUUID().toString(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), p.file(),
                contentSha256, p.durationS(), p.model().name(), p.model().version(), p.emotion(), p.confidence(),
                json, latency.toNanos() / 1e6, origin, scope.owner());
        if (!store.insert(row, storeAudio ? audio : null, key).equals(row.id())) {
            return new Recorded(row, false);
        }
        metrics.recordPrediction(p, origin, latency);
        return new Recorded(row, true);
    }

    /**
     * Counts an answer that is not stored (a streamed stretch without speech) in the metrics only.
     */
    public void countUnstored(Prediction p, String origin, Duration latency) {
        metrics.recordPrediction(p, origin, latency);
    }

    /** The JSON answered for a stored prediction: the Prediction JSON with {@code id} and {@code created_at}. */
    public static ObjectNode toJson(StoredPrediction row) {
        ObjectNode out = ApiJson.MAPPER.createObjectNode();
        out.put("id", row.id());
        out.put("created_at", Prediction.TIMESTAMP.format(row.createdAt()));
        out.setAll((ObjectNode) ApiJson.read(row.predictionJson()));
        out.put("latency_ms", Math.round(row.latencyMs() * 1000) / 1000.0);
        return out;
    }
}
