package org.ser4j.deep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ser4j.data.sequence.Sequence;
import org.ser4j.data.sequence.SequenceFeatures;

/** Every architecture builds at its default size, maps a padded batch to probabilities, and is deterministic. */
class NetworksTest {
    @Test
    void everyArchitectureGivesProbabilitiesForAPaddedBatch() {
        Random r = new Random(1);
        for (Architecture a : Architecture.values()) {
            try (DeepClassifier c = DeepClassifier.create(a, a.defaultConfig(), Synthetic.INPUT, Synthetic.CLASSES)) {
                List<Sequence> batch = new ArrayList<>();
                for (int frames : new int[] {80, 50, 13}) {
                    float[][] x = new float[64][frames];
                    for (float[] row : x) {
                        for (int t = 0; t < frames; t++) {
                            row[t] = (float) r.nextGaussian();
                        }
                    }
                    batch.add(SequenceFeatures.fixLength(x, 80, 0));
                }
                double[][] p = c.predictProba(batch);
                assertEquals(3, p.length);
                for (double[] row : p) {
                    assertEquals(1.0, row[0] + row[1] + row[2], 1e-5, a.id());
                }
                assertTrue(c.parameterCount() > 1000, a.id());
                // inference mode: the same input gives the same output
                assertArrayEquals(p[1], c.predictProba(batch)[1], 0.0, a.id());
            }
        }
    }
}
