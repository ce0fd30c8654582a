package org.ser4j.server.store;

import java.time.Instant;

/**
 * A user's verdict on one prediction.
 *
 * @param correct     whether the predicted emotion was right
 * @param trueEmotion the right label, if the user gave one (may be null)
 * @param comment     free text (may be null)
 */
public record Feedback(String id, String predictionId, Instant createdAt, boolean correct, String trueEmotion,
                       String comment) {
}
