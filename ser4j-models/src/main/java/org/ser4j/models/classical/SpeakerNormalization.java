package org.ser4j.models.classical;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-speaker feature normalisation: every speaker's vectors are standardised with that speaker's own mean and
 * standard deviation, which removes much of the voice (pitch range, loudness, timbre) and leaves the variation
 * between that speaker's utterances. It needs several utterances of one speaker at once, at training time (speaker
 * ids from the corpus) and at prediction time (a batch declared to be one speaker); a single clip normalised by
 * itself becomes all zeros, so callers must refuse that case.
 */
public final class SpeakerNormalization {
    private SpeakerNormalization() {
    }

    /** A copy of {@code features} where each row is standardised with the statistics of its speaker's rows. */
    public static double[][] apply(double[][] features, List<String> speakers) {
        if (features.length != speakers.size()) {
            throw new IllegalArgumentException(features.length + " feature rows but " + speakers.size() + " speakers");
        }
        Map<String, List<Integer>> rowsBySpeaker = new LinkedHashMap<>();
        for (int i = 0; i < features.length; i++) {
            rowsBySpeaker.computeIfAbsent(speakers.get(i), s -> new ArrayList<>()).add(i);
        }
        double[][] out = new double[features.length][];
        for (List<Integer> rows : rowsBySpeaker.values()) {
            List<double[]> speakerRows = new ArrayList<>(rows.size());
            for (int i : rows) {
                speakerRows.add(features[i]);
            }
            Standardizer own = Standardizer.fit(speakerRows);
            for (int i : rows) {
                out[i] = own.apply(features[i]);
            }
        }
        return out;
    }

    /** Normalises a batch known to come from one speaker (at least two utterances). */
    public static double[][] applyOneSpeaker(double[][] features) {
        if (features.length < 2) {
            throw new IllegalArgumentException("per-speaker normalisation needs at least two utterances of the speaker,"
                    + " got " + features.length);
        }
        return Standardizer.fit(features).applyAll(features);
    }
}
