package org.ser4j.models;

import java.util.ArrayList;
import java.util.List;

/**
 * Smoothing of a timeline's emotions ({@code predict --segments --smooth K}): emotions in conversation change more
 * slowly than segment-by-segment answers do, so each speech segment's probabilities are replaced by the mean over
 * itself and its {@code k} speech neighbours on each side, weighted by their durations; the top emotion and
 * confidence are then read again. Stretches without speech stay as they are and do not count as neighbours.
 */
public final class TimelineSmoothing {
    private TimelineSmoothing() {
    }

    /** {@code p} with smoothed segments (k = 0: unchanged); the recording's own scores are kept. */
    public static Prediction smooth(Prediction p, List<String> classes, int k) {
        if (k < 0) {
            throw new IllegalArgumentException("the smoothing radius must be 0 or more segments, got " + k);
        }
        if (p.segments() == null || k == 0) {
            return p;
        }
        List<Integer> speech = new ArrayList<>();
        for (int i = 0; i < p.segments().size(); i++) {
            if (p.segments().get(i).speech()) {
                speech.add(i);
            }
        }
        List<Prediction.Segment> out = new ArrayList<>(p.segments());
        for (int j = 0; j < speech.size(); j++) {
            double[] mean = new double[classes.size()];
            double weight = 0;
            for (int n = Math.max(0, j - k); n <= Math.min(speech.size() - 1, j + k); n++) {
                Prediction.Segment s = p.segments().get(speech.get(n));
                double w = s.endS() - s.startS();
                for (int c = 0; c < mean.length; c++) {
                    mean[c] += w * s.allScores().get(classes.get(c));
                }
                weight += w;
            }
            for (int c = 0; c < mean.length; c++) {
                mean[c] /= weight;
            }
            Prediction.Segment s = p.segments().get(speech.get(j));
            out.set(speech.get(j), Prediction.segment(s.startS(), s.endS(), classes, mean));
        }
        return new Prediction(p.file(), p.emotion(), p.confidence(), p.top3(), p.allScores(), p.speech(),
                p.noSpeechReason(), p.durationS(), p.model(), p.adaptation(), p.timestamp(), List.copyOf(out));
    }
}
