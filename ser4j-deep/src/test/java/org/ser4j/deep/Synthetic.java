package org.ser4j.deep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ser4j.audio.Signal;
import org.ser4j.data.Emotion;
import org.ser4j.data.Gender;
import org.ser4j.data.Utterance;
import org.ser4j.data.sequence.SequenceSpec;

/** Small seeded data sets of harmonic "utterances" whose class sets the pitch, for fast training tests. */
final class Synthetic {
    static final List<String> CLASSES = List.of("angry", "happy", "sad");
    private static final double[] F0 = {260, 180, 110};
    /** 0.8 s inputs (80 frames) keep the tests fast. */
    static final SequenceSpec INPUT = SequenceSpec.LOG_MEL_DEFAULT.withFrames(80);

    private Synthetic() {
    }

    /** {@code perClass} clips of each class for each of {@code speakers} speakers, 0.6-1.0 s long. */
    static DeepData data(int speakers, int perClass, long seed) {
        Random r = new Random(seed);
        List<Utterance> utterances = new ArrayList<>();
        List<Signal> signals = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int s = 0; s < speakers; s++) {
            double speakerShift = 0.9 + 0.2 * r.nextDouble();
            for (int c = 0; c < CLASSES.size(); c++) {
                for (int k = 0; k < perClass; k++) {
                    String name = "s" + s + "_" + CLASSES.get(c) + "_" + k + ".wav";
                    double seconds = 0.6 + 0.4 * r.nextDouble();
                    signals.add(tone(F0[c] * speakerShift * (0.95 + 0.1 * r.nextDouble()), seconds, r, name));
                    utterances.add(new Utterance(Path.of(name), "synthetic", "synthetic:" + s,
                            s % 2 == 0 ? Gender.FEMALE : Gender.MALE, Emotion.parse(CLASSES.get(c)), Map.of()));
                    labels.add(c);
                }
            }
        }
        return new DeepData(utterances, signals, CLASSES, labels.stream().mapToInt(Integer::intValue).toArray(),
                "synthetic", Map.of());
    }

    /** A harmonic tone with a little noise, starting and ending in silence. */
    static Signal tone(double f0, double seconds, Random r, String source) {
        int n = (int) (seconds * 16000);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double env = Math.min(1, Math.min(i, n - i) / 1600.0);
            double v = 0;
            for (int h = 1; h <= 8; h++) {
                v += 0.25 / h * Math.sin(2 * Math.PI * f0 * h * i / 16000);
            }
            y[i] = (float) (env * v + 0.003 * r.nextGaussian());
        }
        return new Signal(y, 16000, source);
    }

    /** Tiny, fast settings: shrunk network, short input, no final model unless asked. */
    static DeepSettings tiny(Architecture a, int epochs) {
        return DeepSettings.defaults(a).withNetwork(a.defaultConfig().shrink(4)).withInput(INPUT)
                .withTraining(epochs, 8, 3e-3, epochs).withOptimizer("adam", 0, "constant", 0)
                .withAugmentation("none", false).withFinalModel(false, "test", "0").withQuiet(true);
    }
}
