package org.ser4j.models.eval;

/**
 * Counts of (true class, predicted class) pairs and the metrics derived from them. The single place where
 * accuracy, per-class precision/recall/F1, unweighted accuracy and macro-F1 are defined.
 *
 * <p>Conventions (as scikit-learn's, with zero_division=0): a class never predicted has precision 0; a class
 * absent from the truth has recall 0. Unweighted accuracy (UA, balanced accuracy) is the mean recall over the
 * classes present in the truth; macro-F1 is the mean F1 over the classes present in the truth or the predictions.
 */
public final class ConfusionMatrix {
    private final long[][] counts;

    /** Counts for labels in [0, classCount); {@code predicted[i]} is the model's class for {@code truth[i]}. */
    public ConfusionMatrix(int[] truth, int[] predicted, int classCount) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " true labels but " + predicted.length + " predictions");
        }
        counts = new long[classCount][classCount];
        for (int i = 0; i < truth.length; i++) {
            counts[truth[i]][predicted[i]]++;
        }
    }

    public int classCount() {
        return counts.length;
    }

    /** counts[t][p]: how many items of true class t were predicted as p (a copy). */
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int t = 0; t < counts.length; t++) {
            copy[t] = counts[t].clone();
        }
        return copy;
    }

    /** Each row divided by its total (rows of absent classes stay 0): row t is where class t's items went. */
    public double[][] rowNormalized() {
        double[][] out = new double[counts.length][counts.length];
        for (int t = 0; t < counts.length; t++) {
            long total = support(t);
            for (int p = 0; p < counts.length; p++) {
                out[t][p] = total == 0 ? 0 : counts[t][p] / (double) total;
            }
        }
        return out;
    }

    public long total() {
        long n = 0;
        for (int t = 0; t < counts.length; t++) {
            n += support(t);
        }
        return n;
    }

    /** Number of items whose true class is c. */
    public long support(int c) {
        long n = 0;
        for (long v : counts[c]) {
            n += v;
        }
        return n;
    }

    /** Number of items predicted as c. */
    public long predictedCount(int c) {
        long n = 0;
        for (long[] row : counts) {
            n += row[c];
        }
        return n;
    }

    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < counts.length; c++) {
            correct += counts[c][c];
        }
        long n = total();
        return n == 0 ? Double.NaN : correct / (double) n;
    }

    public double precision(int c) {
        long predicted = predictedCount(c);
        return predicted == 0 ? 0 : counts[c][c] / (double) predicted;
    }

    public double recall(int c) {
        long support = support(c);
        return support == 0 ? 0 : counts[c][c] / (double) support;
    }

    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Mean recall over the classes that occur in the truth (NaN when there are no items). */
    public double unweightedAccuracy() {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < counts.length; c++) {
            if (support(c) > 0) {
                sum += recall(c);
                present++;
            }
        }
        return present == 0 ? Double.NaN : sum / present;
    }

    /** Mean F1 over the classes that occur in the truth or the predictions (NaN when there are no items). */
    public double macroF1() {
        double sum = 0;
        int used = 0;
        for (int c = 0; c < counts.length; c++) {
            if (support(c) > 0 || predictedCount(c) > 0) {
                sum += f1(c);
                used++;
            }
        }
        return used == 0 ? Double.NaN : sum / used;
    }
}
