package org.ser4j.models.calibration;

import java.util.ArrayList;
import java.util.List;
import org.ser4j.models.eval.Evaluation;

/**
 * Calibration of top-class confidences: predictions are grouped into equal-width confidence bins and each bin's
 * mean confidence is compared with its accuracy. Expected calibration error (ECE) is the bin-size-weighted mean
 * gap, {@code Σ_b (n_b / n) · |accuracy_b − confidence_b|}; a perfectly calibrated model has ECE 0.
 */
public final class ReliabilityDiagram {
    /** Default number of bins (as in Guo et al., 2017). */
    public static final int DEFAULT_BINS = 15;

    /**
     * One confidence bin, {@code (lower, upper]} (the first also includes its lower edge).
     *
     * @param count          predictions in the bin
     * @param meanConfidence mean top-class probability (NaN when empty)
     * @param accuracy       share of those predictions that were right (NaN when empty)
     */
    public record Bin(double lower, double upper, int count, double meanConfidence, double accuracy) {
    }

    private final List<Bin> bins;
    private final double expectedCalibrationError;

    private ReliabilityDiagram(List<Bin> bins, double ece) {
        this.bins = List.copyOf(bins);
        this.expectedCalibrationError = ece;
    }

    /** Bins the top-class confidence of every row of {@code probabilities} against {@code truth}. */
    public static ReliabilityDiagram of(double[][] probabilities, int[] truth, int binCount) {
        int[] count = new int[binCount];
        double[] confidenceSum = new double[binCount];
        int[] correct = new int[binCount];
        int[] predicted = Evaluation.argmax(probabilities);
        for (int i = 0; i < truth.length; i++) {
            int top = predicted[i];
            double confidence = probabilities[i][top];
            // Bin b holds (b/B, (b+1)/B]; confidence 0 goes to bin 0.
            int b = Math.min(binCount - 1, Math.max(0, (int) Math.ceil(confidence * binCount) - 1));
            count[b]++;
            confidenceSum[b] += confidence;
            if (top == truth[i]) {
                correct[b]++;
            }
        }
        List<Bin> bins = new ArrayList<>(binCount);
        double ece = 0;
        for (int b = 0; b < binCount; b++) {
            double meanConfidence = count[b] == 0 ? Double.NaN : confidenceSum[b] / count[b];
            double accuracy = count[b] == 0 ? Double.NaN : correct[b] / (double) count[b];
            bins.add(new Bin(b / (double) binCount, (b + 1) / (double) binCount, count[b], meanConfidence, accuracy));
            if (count[b] > 0) {
                ece += count[b] / (double) truth.length * Math.abs(accuracy - meanConfidence);
            }
        }
        return new ReliabilityDiagram(bins, truth.length == 0 ? Double.NaN : ece);
    }

    public static ReliabilityDiagram of(double[][] probabilities, int[] truth) {
        return of(probabilities, truth, DEFAULT_BINS);
    }

    public List<Bin> bins() {
        return bins;
    }

    public double expectedCalibrationError() {
        return expectedCalibrationError;
    }
}
