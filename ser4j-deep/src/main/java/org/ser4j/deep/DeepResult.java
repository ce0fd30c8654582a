package org.ser4j.deep;

import java.util.List;
import org.ser4j.data.Utterance;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.eval.Evaluation;

/**
 * What a deep training run produced.
 *
 * @param settings       the settings it ran with
 * @param protocol       the folds' description
 * @param folds          one outcome per fold
 * @param utterances     the evaluated (test) utterances, fold by fold
 * @param truth          their classes
 * @param probabilities  their out-of-fold probabilities (uncalibrated)
 * @param evaluation     metrics of the out-of-fold predictions (null without folds)
 * @param temperature    calibration temperature fitted on the out-of-fold predictions (1 without folds)
 * @param finalHistory   curves of the final model's training (null when none was trained)
 * @param bundle         the final model (null when not asked for)
 * @param parameterCount trainable values of one network
 * @param seconds        wall time of the whole run
 */
public record DeepResult(DeepSettings settings, String protocol, List<FoldOutcome> folds, List<Utterance> utterances,
                         int[] truth, double[][] probabilities, Evaluation evaluation, double temperature,
                         TrainingHistory finalHistory, ModelBundle bundle, long parameterCount, double seconds) {
    /**
     * One fold.
     *
     * @param bestEpoch the epoch whose weights were kept (best validation UA)
     */
    public record FoldOutcome(String name, int trainSize, int validationSize, int testSize, int bestEpoch,
                              int epochsRun, double accuracy, double unweightedAccuracy, double macroF1,
                              TrainingHistory history, double seconds) {
    }
}
