package org.ser4j.server.store;

import java.time.Instant;

/**
 * One row of the predictions table.
 *
 * @param predictionJson the Prediction JSON exactly as it was answered (all scores, top 3, segments)
 * @param origin         {@code upload} or {@code stream}
 * @param owner          the id of the API key that made it, or null when keys were off
 */
public record StoredPrediction(String id, Instant createdAt, String fileName, String contentSha256,
                               double durationS, String modelName, String modelVersion, String emotion,
                               double confidence, String predictionJson, double latencyMs, String origin,
                               String owner) {
}
