package org.ser4j.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a recording's timeline says at a glance, from its segments ({@code predict --segments --format summary}):
 * how much of the speech each emotion holds, each emotion's longest stretch, and how often the emotion changes.
 * A stretch is a run of consecutive speech segments with the same top emotion; pauses between them do not break it.
 *
 * @param file       the recording
 * @param durationS  its length
 * @param speechS    seconds inside speech segments
 * @param dominant   the emotion holding the most speech time (null without speech)
 * @param share      share of the speech time per emotion (top emotion of each segment), in the model's class
 *                   order; emotions never on top have 0
 * @param longest    per emotion that was on top, its longest stretch
 * @param changes    times the top emotion differs from the previous speech segment's
 */
public record TimelineSummary(String file, double durationS, double speechS, String dominant,
                              Map<String, Double> share, Map<String, Stretch> longest, int changes) {

    /** A stretch of the recording, in seconds. */
    public record Stretch(double startS, double endS) {
        public double seconds() {
            return endS - startS;
        }
    }

    /** The summary of {@code p}'s segments; {@code classes} orders the shares. */
    public static TimelineSummary of(Prediction p, List<String> classes) {
        if (p.segments() == null) {
            throw new IllegalArgumentException("a summary needs the recording's segments (predict --segments)");
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        classes.forEach(c -> seconds.put(c, 0.0));
        Map<String, Stretch> longest = new LinkedHashMap<>();
        double speech = 0;
        int changes = 0;
        String previous = null;
        Stretch current = null;
        for (Prediction.Segment s : p.segments()) {
            if (!s.speech()) {
                continue;
            }
            double length = s.endS() - s.startS();
            speech += length;
            seconds.merge(s.emotion(), length, Double::sum);
            if (s.emotion().equals(previous)) {
                current = new Stretch(current.startS(), s.endS());
            } else {
                changes += previous == null ? 0 : 1;
                current = new Stretch(s.startS(), s.endS());
                previous = s.emotion();
            }
            Stretch best = longest.get(previous);
            if (best == null || current.seconds() > best.seconds()) {
                longest.put(previous, current);
            }
        }
        Map<String, Double> share = new LinkedHashMap<>();
        String dominant = null;
        for (Map.Entry<String, Double> e : seconds.entrySet()) {
            share.put(e.getKey(), speech > 0 ? e.getValue() / speech : 0.0);
            if (e.getValue() > 0 && (dominant == null || e.getValue() > seconds.get(dominant))) {
                dominant = e.getKey();
            }
        }
        return new TimelineSummary(p.file(), p.durationS(), speech, dominant, share, longest, changes);
    }

    public String toJson() {
        return Json.write(this);
    }
}
