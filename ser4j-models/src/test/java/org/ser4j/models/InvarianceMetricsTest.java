package org.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ser4j.audio.Signal;

/** The invariance suite's measures on hand-checked cases, so a failing suite is the model's fault, not theirs. */
class InvarianceMetricsTest {
    @Test
    void noSpeechIsItsOwnOutcomeFarthestFromEveryEmotion() {
        List<String> classes = List.of("neutral", "angry");
        Prediction speech = Prediction.of("a.wav", classes, new double[] {0.3, 0.7}, 1, null, null);
        Prediction silence = Prediction.noSpeech("b.wav", "silence", 1, null, null);
        assertArrayEquals(new double[] {0.3, 0.7, 0}, InvarianceMetrics.outcome(speech, classes), 0);
        assertArrayEquals(new double[] {0, 0, 1}, InvarianceMetrics.outcome(silence, classes), 0);
        assertEquals(1, InvarianceMetrics.jensenShannon(InvarianceMetrics.outcome(speech, classes),
                InvarianceMetrics.outcome(silence, classes)), 1e-15);
        assertEquals(Map.of("neutral", 0.3, "angry", 0.7), speech.allScores());
    }

    @Test
    void unweightedAccuracyAveragesRecallOverPresentClassesOnly() {
        // class 0: 2 of 3 right; class 1: 1 of 1; class 2 absent; unlabelled item and "no speech" (-1) handled
        int[] truth = {0, 0, 0, 1, -1};
        int[] predicted = {0, 0, -1, 1, 2};
        assertEquals((2.0 / 3 + 1) / 2, InvarianceMetrics.unweightedAccuracy(truth, predicted, 3), 1e-15);
        assertTrue(Double.isNaN(InvarianceMetrics.unweightedAccuracy(new int[] {-1}, new int[] {0}, 3)));
    }

    @Test
    void speechLevelIgnoresSilenceAndFollowsGain() {
        int sr = 16000;
        float[] y = new float[2 * sr];
        for (int i = sr / 2; i < sr; i++) { // 0.5 s of a 0.1-amplitude tone inside 2 s of silence
            y[i] = (float) (0.1 * Math.sin(2 * Math.PI * 200 * i / sr));
        }
        double level = InvarianceMetrics.speechLevel(new Signal(y, sr));
        assertEquals(0.1 / Math.sqrt(2), level, 0.003);
        float[] louder = y.clone();
        for (int i = 0; i < louder.length; i++) {
            louder[i] *= 4;
        }
        assertEquals(4 * level, InvarianceMetrics.speechLevel(new Signal(louder, sr)), 1e-6);
    }

}
