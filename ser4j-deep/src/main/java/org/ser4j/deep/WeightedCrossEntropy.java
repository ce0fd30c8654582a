package org.ser4j.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross-entropy with a weight per example (class weights for imbalanced corpora): labels are
 * {@code [class indices (batch), weights (batch)]}, predictions {@code [logits (batch, classes)]}; the loss is
 * sum(w_i * -log p_i[y_i]) / sum(w_i).
 */
final class WeightedCrossEntropy extends Loss {
    WeightedCrossEntropy() {
        super("weighted_cross_entropy");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.head();
        NDArray oneHot = labels.get(0).oneHot((int) logits.getShape().get(1));
        NDArray nll = logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg();
        NDArray w = labels.get(1);
        return nll.mul(w).sum().div(w.sum());
    }
}
