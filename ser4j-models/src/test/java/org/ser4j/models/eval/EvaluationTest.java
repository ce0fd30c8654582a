package org.ser4j.models.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ser4j.data.Emotion;
import org.ser4j.data.Gender;
import org.ser4j.data.Utterance;
import org.ser4j.models.Json;

class EvaluationTest {
    // Worked example (values computed by hand in the comments):
    //   truth     a a a b b c      confusion  a: [2 1 0]   b: [0 1 1]   c: [0 0 1]   d: [0 0 0]
    //   predicted a a b b c c
    private static final List<String> CLASSES = List.of("a", "b", "c", "d");
    private static final int[] TRUTH = {0, 0, 0, 1, 1, 2};
    private static final int[] PREDICTED = {0, 0, 1, 1, 2, 2};

    private static List<Utterance> items() {
        // First three items: a female speaker of corpus x; last three: a male speaker of corpus y.
        List<Utterance> u = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            boolean first = i < 3;
            u.add(new Utterance(Path.of("clip" + i + ".wav"), first ? "x" : "y", first ? "x:f1" : "y:m1",
                    first ? Gender.FEMALE : Gender.MALE, Emotion.NEUTRAL, null));
        }
        return u;
    }

    @Test
    void confusionMatrixMetricsMatchHandComputation() {
        ConfusionMatrix m = new ConfusionMatrix(TRUTH, PREDICTED, 4);
        assertEquals(4.0 / 6, m.accuracy(), 1e-12);
        // recalls a 2/3, b 1/2, c 1; d is absent from the truth and does not count
        assertEquals((2.0 / 3 + 0.5 + 1) / 3, m.unweightedAccuracy(), 1e-12);
        // precisions a 2/2, b 1/2, c 1/2; F1 a 0.8, b 0.5, c 2/3; d neither true nor predicted
        assertEquals(1.0, m.precision(0), 1e-12);
        assertEquals(0.5, m.precision(1), 1e-12);
        assertEquals(0.8, m.f1(0), 1e-12);
        assertEquals(0.5, m.f1(1), 1e-12);
        assertEquals(2.0 / 3, m.f1(2), 1e-12);
        assertEquals((0.8 + 0.5 + 2.0 / 3) / 3, m.macroF1(), 1e-12);
        assertArrayEquals(new long[] {2, 1, 0, 0}, m.counts()[0]);
        assertArrayEquals(new double[] {0, 0.5, 0.5, 0}, m.rowNormalized()[1], 1e-12);
        assertArrayEquals(new double[] {0, 0, 0, 0}, m.rowNormalized()[3], 0);
    }

    @Test
    void evaluationBreaksDownByGenderCorpusAndSpeaker() {
        Evaluation e = Evaluation.of(CLASSES, TRUTH, PREDICTED, items(), Map.of("label not in map", 3,
                "unreadable audio", 1), 200, 1);
        assertEquals(6, e.n());
        assertEquals(4, e.excluded());
        assertEquals(3, e.perClass().get("a").support());
        assertEquals(0.5, e.perClass().get("c").precision(), 1e-12);
        assertEquals(0, e.perClass().get("d").support());
        // female: truth a a a, predicted a a b -> accuracy 2/3, UA 2/3 (only a present), macro-F1 (0.8 + 0) / 2
        Evaluation.GroupMetrics female = e.perGender().get("female");
        assertEquals(3, female.n());
        assertEquals(2.0 / 3, female.accuracy(), 1e-12);
        assertEquals(2.0 / 3, female.unweightedAccuracy(), 1e-12);
        assertEquals(0.4, female.macroF1(), 1e-12);
        // male: truth b b c, predicted b c c -> accuracy 2/3, UA (1/2 + 1) / 2
        assertEquals(0.75, e.perGender().get("male").unweightedAccuracy(), 1e-12);
        assertEquals(0.0, e.genderGap().accuracy(), 1e-12);
        assertEquals(2.0 / 3 - 0.75, e.genderGap().unweightedAccuracy(), 1e-12);
        assertEquals(2.0 / 3, e.perCorpus().get("y").accuracy(), 1e-12);
        assertEquals(3, e.perSpeaker().get("x:f1").n());
    }

    @Test
    void intensityIsBrokenDownWhereTheCorpusRecordsIt() throws Exception {
        // items 0-2: ravdess normal, normal, strong; items 3-5: crema-d HI, HI, and one without a level
        List<Utterance> u = new ArrayList<>();
        String[][] codes = {{"intensity", "normal"}, {"intensity", "normal"}, {"intensity", "strong"},
                {"level", "HI"}, {"level", "HI"}, {}};
        for (int i = 0; i < 6; i++) {
            Map<String, String> extra = codes[i].length == 0 ? Map.of() : Map.of(codes[i][0], codes[i][1]);
            u.add(new Utterance(Path.of("clip" + i + ".wav"), i < 3 ? "ravdess" : "crema-d", "s" + i,
                    Gender.FEMALE, Emotion.NEUTRAL, extra));
        }
        Evaluation e = Evaluation.of(CLASSES, TRUTH, PREDICTED, u, Map.of(), 0, 1);
        assertEquals(List.of("crema-d HI", "ravdess normal", "ravdess strong"),
                List.copyOf(e.perIntensity().keySet()));
        // ravdess normal: truth a a, predicted a a; strong: truth a, predicted b; crema-d HI: truth b b, pred. b c
        assertEquals(1.0, e.perIntensity().get("ravdess normal").accuracy(), 1e-12);
        assertEquals(0.0, e.perIntensity().get("ravdess strong").accuracy(), 1e-12);
        assertEquals(2, e.perIntensity().get("crema-d HI").n());
        assertEquals(0.5, e.perIntensity().get("crema-d HI").accuracy(), 1e-12);
        // an evaluation saved before the breakdown existed reads with an empty one
        ObjectNode saved = (ObjectNode) Json.MAPPER.readTree(e.toJson());
        saved.remove("per_intensity");
        assertTrue(Evaluation.fromJson(saved.toString()).perIntensity().isEmpty());
    }

    @Test
    void noGenderGapWithoutBothGenders() {
        Evaluation e = Evaluation.of(CLASSES, TRUTH, PREDICTED, items().subList(0, 6).stream()
                .map(u -> new Utterance(u.path(), u.corpus(), u.speaker(), Gender.FEMALE, u.emotion(), null))
                .toList(), Map.of(), 0, 1);
        assertNull(e.genderGap());
        assertNull(e.accuracyCi());
    }

    @Test
    void bootstrapIntervalHasTheBinomialWidthAndIsSeeded() {
        // 1000 items, 800 right: the accuracy's standard error is sqrt(0.8 * 0.2 / 1000) = 0.01265, so the 95 %
        // interval is about 0.8 +- 1.96 * 0.01265 = [0.775, 0.825].
        int n = 1000;
        int[] truth = new int[n];
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            truth[i] = i % 2;
            predicted[i] = i < 800 ? truth[i] : 1 - truth[i];
        }
        Evaluation e = Evaluation.of(List.of("x", "y"), truth, predicted, null, Map.of(), 1000, 42);
        assertEquals(0.8, e.accuracy(), 1e-12);
        assertEquals(0.775, e.accuracyCi().lower(), 0.006);
        assertEquals(0.825, e.accuracyCi().upper(), 0.006);
        assertTrue(e.unweightedAccuracyCi().lower() < e.unweightedAccuracy()
                && e.unweightedAccuracy() < e.unweightedAccuracyCi().upper());
        Evaluation again = Evaluation.of(List.of("x", "y"), truth, predicted, null, Map.of(), 1000, 42);
        assertEquals(e.accuracyCi(), again.accuracyCi());
    }

    @Test
    void perfectPredictionsHaveADegenerateInterval() {
        Evaluation e = Evaluation.of(CLASSES, TRUTH, TRUTH, null, Map.of(), 100, 3);
        assertEquals(1.0, e.accuracyCi().lower(), 0);
        assertEquals(1.0, e.unweightedAccuracyCi().upper(), 0);
    }

    @Test
    void jsonUsesSnakeCaseKeysAndRoundTrips() throws Exception {
        Evaluation e = Evaluation.of(CLASSES, TRUTH, PREDICTED, items(), Map.of("label not in map", 2), 50, 1);
        JsonNode json = Json.MAPPER.readTree(e.toJson());
        for (String key : List.of("n", "excluded", "accuracy", "unweighted_accuracy", "macro_f1", "per_class",
                "confusion", "per_gender", "gender_gap", "per_corpus", "per_speaker", "accuracy_ci")) {
            assertTrue(json.has(key), "missing key " + key);
        }
        assertEquals(2, json.get("excluded").asInt());
        assertEquals(3, json.get("per_class").get("a").get("support").asInt());
        assertEquals(1, json.get("confusion").get("counts").get(0).get(1).asInt());
        assertEquals(0.75, json.get("per_gender").get("male").get("unweighted_accuracy").asDouble(), 1e-12);
        Evaluation back = Evaluation.fromJson(e.toJson());
        assertEquals(e.accuracy(), back.accuracy());
        assertEquals(e.perClass(), back.perClass());
        assertEquals(e.perSpeaker(), back.perSpeaker());
    }
}
