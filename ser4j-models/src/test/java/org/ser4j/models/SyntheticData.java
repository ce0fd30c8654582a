package org.ser4j.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ser4j.models.classical.TrainingSet;

/**
 * Test data with known structure: each class is a unit Gaussian around its own mean, so a sensible classifier
 * separates them well when {@code separation} is large, and no classifier can when it is 0.
 */
public final class SyntheticData {
    private SyntheticData() {
    }

    /**
     * {@code perClassPerSpeaker} rows of every class for each of {@code speakers} speakers; class c's mean is
     * {@code separation} along axis c (mod dims). Features are shifted by a constant offset and scaled by 100 on
     * odd axes, so models only do well if standardisation works.
     */
    public static TrainingSet gaussian(List<String> classes, int speakers, int perClassPerSpeaker, int dims,
                                       double separation, long seed) {
        Random random = new Random(seed);
        int n = classes.size() * speakers * perClassPerSpeaker;
        double[][] x = new double[n][];
        int[] y = new int[n];
        List<String> who = new ArrayList<>(n);
        int row = 0;
        for (int s = 0; s < speakers; s++) {
            for (int c = 0; c < classes.size(); c++) {
                for (int r = 0; r < perClassPerSpeaker; r++) {
                    double[] v = new double[dims];
                    for (int j = 0; j < dims; j++) {
                        double z = random.nextGaussian() + (j == c % dims ? separation : 0);
                        v[j] = (j % 2 == 1 ? 100 * z : z) + 5;
                    }
                    x[row] = v;
                    y[row] = c;
                    who.add("spk" + s);
                    row++;
                }
            }
        }
        return new TrainingSet(x, y, classes, who);
    }
}
