package org.ser4j.deep;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-epoch training curves of one run. Training loss and UA are measured on the (augmented) training batches as
 * they were trained; validation figures on the untouched validation set after the epoch.
 *
 * @param epochs one record per epoch, in order
 */
public record TrainingHistory(List<Epoch> epochs) {
    /**
     * One epoch.
     *
     * @param epoch         1-based
     * @param trainLoss     mean weighted cross-entropy over the epoch's batches
     * @param trainUa       unweighted accuracy of the training predictions
     * @param validationLoss mean cross-entropy on validation (NaN without validation)
     * @param validationUa  validation unweighted accuracy (NaN without validation)
     * @param learningRate  learning rate at the end of the epoch
     * @param seconds       wall time of the epoch
     */
    public record Epoch(int epoch, double trainLoss, double trainUa, double validationLoss, double validationUa,
                        double learningRate, double seconds) {
    }

    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    public static TrainingHistory empty() {
        return new TrainingHistory(List.of());
    }

    public TrainingHistory plus(Epoch e) {
        List<Epoch> more = new ArrayList<>(epochs);
        more.add(e);
        return new TrainingHistory(more);
    }

    public int size() {
        return epochs.size();
    }
}
