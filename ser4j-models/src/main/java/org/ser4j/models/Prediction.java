package org.ser4j.models;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer for one recording, in the JSON form the CLI and the REST API share:
 * <pre>
 * {"file": ..., "emotion": "angry", "confidence": 0.81, "top_3": [{"emotion": ..., "score": ...}, ...],
 *  "all_scores": {"angry": 0.81, ...}, "speech": true, "duration_s": 3.2, "model": {"name": ..., "version": ...},
 *  "timestamp": "2026-12-05T12:30:01.123Z",
 *  "segments": [{"start_s": ..., "end_s": ..., "speech": true, "emotion": ..., "confidence": ..., "all_scores": {...}},
 *               {"start_s": ..., "end_s": ..., "speech": false}]}
 * </pre>
 * {@code segments} is present only when segment predictions were asked for; a stretch without speech is a segment
 * with {@code "speech": false} and no emotion. A recording without speech (silence, steady noise) is answered
 * {@code "emotion": "no_speech"} ({@link #NO_SPEECH}), confidence 0, empty {@code top_3} and {@code all_scores},
 * {@code "speech": false} and {@code no_speech_reason}: never a confident emotion. {@code timestamp} is when the
 * prediction was made (ISO-8601 UTC, always with milliseconds). {@code adaptation} is present when the model adapts to
 * speakers: {@code {"mode": "speaker", "group": "1001", "clips": 12}} says which group's statistics, from how many
 * clips with speech, the answer was adapted to ({@code "mode": "none"}, 0 clips: the population's alone).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Prediction(String file, String emotion, double confidence, @JsonProperty("top_3") List<Score> top3,
                         Map<String, Double> allScores, boolean speech, String noSpeechReason, double durationS,
                         ModelRef model, Adapted adaptation, String timestamp, List<Segment> segments) {

    /** The {@code emotion} of a recording without speech. */
    public static final String NO_SPEECH = "no_speech";

    /** ISO-8601 UTC with a fixed millisecond precision ({@code Instant.toString} drops zero fractions). */
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** One class and its probability. */
    public record Score(String emotion, double score) {
    }

    /** Which model answered. */
    public record ModelRef(String name, String version) {
    }

    /**
     * The adaptation an answer used.
     *
     * @param mode  how recordings were grouped ({@code none}, {@code speaker}, {@code folder}, {@code corpus},
     *              {@code session})
     * @param group the group's name (null for {@code none})
     * @param clips clips with speech in the group's statistics (0: the population statistics alone)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Adapted(String mode, String group, int clips) {
        public static final Adapted NONE = new Adapted("none", null, 0);
    }

    /** This answer with the adaptation it used. */
    public Prediction withAdaptation(Adapted used) {
        return new Prediction(file, emotion, confidence, top3, allScores, speech, noSpeechReason, durationS, model,
                used, timestamp, segments);
    }

    /**
     * The prediction for one stretch of the recording (a voiced segment or a fixed window); a stretch without speech
     * has {@code speech} false and no emotion, confidence or scores.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Segment(double startS, double endS, boolean speech, String emotion, Double confidence,
                          Map<String, Double> allScores) {
    }

    /** The top class, top three and all scores of a probability vector, in a fixed (class) order for all_scores. */
    static Prediction of(String file, List<String> classes, double[] probabilities, double durationS,
                         ModelRef model, List<Segment> segments) {
        List<Score> ranked = ranked(classes, probabilities);
        return new Prediction(file, ranked.get(0).emotion(), ranked.get(0).score(),
                List.copyOf(ranked.subList(0, Math.min(3, ranked.size()))), scores(classes, probabilities), true,
                null, durationS, model, null, now(), segments == null ? null : List.copyOf(segments));
    }

    /** The answer for a recording without speech. */
    static Prediction noSpeech(String file, String reason, double durationS, ModelRef model, List<Segment> segments) {
        return new Prediction(file, NO_SPEECH, 0, List.of(), Map.of(), false, reason, durationS, model, null, now(),
                segments == null ? null : List.copyOf(segments));
    }

    private static String now() {
        return TIMESTAMP.format(Instant.now());
    }

    static Segment segment(double startS, double endS, List<String> classes, double[] probabilities) {
        Score top = ranked(classes, probabilities).get(0);
        return new Segment(startS, endS, true, top.emotion(), top.score(), scores(classes, probabilities));
    }

    static Segment nonSpeech(double startS, double endS) {
        return new Segment(startS, endS, false, null, null, null);
    }

    /** Classes by decreasing probability; equal probabilities keep class order. */
    private static List<Score> ranked(List<String> classes, double[] probabilities) {
        List<Score> scores = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            scores.add(new Score(classes.get(c), probabilities[c]));
        }
        scores.sort(Comparator.comparingDouble(Score::score).reversed());
        return scores;
    }

    private static Map<String, Double> scores(List<String> classes, double[] probabilities) {
        Map<String, Double> all = new LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            all.put(classes.get(c), probabilities[c]);
        }
        return all;
    }

    public String toJson() {
        return Json.write(this);
    }
}
