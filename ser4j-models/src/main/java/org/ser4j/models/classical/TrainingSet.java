package org.ser4j.models.classical;

import java.util.ArrayList;
import java.util.List;

/**
 * A feature matrix with class labels and the speaker (group) of every row: what a trainer fits on. Rows are raw
 * (unscaled) feature vectors; labels index into {@code classes}. Speakers keep cross-validation speaker-independent.
 *
 * @param features one raw feature vector per row, all the same length
 * @param labels   class index of each row
 * @param classes  class names, in the order the model's probabilities will use
 * @param speakers speaker id of each row
 */
public record TrainingSet(double[][] features, int[] labels, List<String> classes, List<String> speakers) {
    public TrainingSet {
        classes = List.copyOf(classes);
        speakers = List.copyOf(speakers);
        if (features.length != labels.length || labels.length != speakers.size()) {
            throw new IllegalArgumentException("rows disagree: " + features.length + " feature rows, " + labels.length
                    + " labels, " + speakers.size() + " speakers");
        }
        if (features.length == 0) {
            throw new IllegalArgumentException("a training set needs at least one row");
        }
        int dims = features[0].length;
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != dims) {
                throw new IllegalArgumentException("row " + i + " has " + features[i].length + " features, row 0 has "
                        + dims);
            }
            if (labels[i] < 0 || labels[i] >= classes.size()) {
                throw new IllegalArgumentException("row " + i + " has label index " + labels[i] + " outside the "
                        + classes.size() + " classes");
            }
        }
    }

    public int size() {
        return labels.length;
    }

    public int featureCount() {
        return features[0].length;
    }

    /** The rows at the given indices, in that order. */
    public TrainingSet subset(int[] rows) {
        double[][] x = new double[rows.length][];
        int[] y = new int[rows.length];
        List<String> s = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            x[i] = features[rows[i]];
            y[i] = labels[rows[i]];
            s.add(speakers.get(rows[i]));
        }
        return new TrainingSet(x, y, classes, s);
    }

    /** The same rows with other feature vectors (e.g. after per-speaker normalisation). */
    public TrainingSet withFeatures(double[][] replaced) {
        return new TrainingSet(replaced, labels, classes, speakers);
    }

    /** Number of rows of each class. */
    public int[] classCounts() {
        int[] counts = new int[classes.size()];
        for (int y : labels) {
            counts[y]++;
        }
        return counts;
    }
}
