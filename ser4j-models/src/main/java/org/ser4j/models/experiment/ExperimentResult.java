package org.ser4j.models.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import org.ser4j.data.Utterance;
import org.ser4j.models.Json;
import org.ser4j.models.ModelBundle;
import org.ser4j.models.adaptation.AdaptationReport;
import org.ser4j.models.calibration.ReliabilityDiagram;
import org.ser4j.models.classical.HyperParameterSearch;
import org.ser4j.models.classical.HyperParameters;
import org.ser4j.models.eval.Evaluation;
import org.ser4j.models.eval.FeatureImportance;
import org.ser4j.models.eval.Robustness;

/**
 * What an experiment produced: per-fold results, the out-of-fold predictions of every evaluated utterance, their
 * evaluation and calibration, and (when asked) the final model's bundle. {@link #toJson()} writes everything but
 * the per-item arrays and the bundle.
 *
 * @param settings      the settings it ran with
 * @param protocol      the outer protocol's description
 * @param folds         one result per outer fold
 * @param utterances    the evaluated utterances, fold by fold (each test part in fold order)
 * @param truth         their true class indices
 * @param probabilities their out-of-fold probabilities, uncalibrated
 * @param calibrated    the same after temperature scaling fitted on the other folds
 * @param evaluation    metrics of the out-of-fold predictions
 * @param calibration   temperature and calibration error
 * @param bundle        the final model fitted on all data (null when not asked for)
 * @param seconds       wall time of the whole run
 * @param robustness    per rendering of the test clips (codecs, rates, levels, ...), how the fold models' answers
 *                      held (empty when no renderings were given)
 * @param adaptation    for a model that adapts to speakers, its accuracy by what it has seen of a speaker (else
 *                      null)
 * @param importance    permutation importance of each feature group on the held-out folds, largest first (empty
 *                      without folds or feature names)
 */
public record ExperimentResult(ExperimentSettings settings, String protocol, List<FoldResult> folds,
                               @JsonIgnore List<Utterance> utterances, @JsonIgnore int[] truth,
                               @JsonIgnore double[][] probabilities, @JsonIgnore double[][] calibrated,
                               Evaluation evaluation, CalibrationSummary calibration,
                               @JsonIgnore ModelBundle bundle, double seconds, List<Robustness> robustness,
                               AdaptationReport adaptation, List<FeatureImportance> importance) {

    /**
     * One outer fold.
     *
     * @param trainSize       rows the fold's model was fitted on (augmented copies included)
     * @param testSize        held-out rows
     * @param hyperParameters the point the inner search chose
     * @param search          every searched point with its inner-CV unweighted accuracy
     */
    public record FoldResult(String name, int trainSize, int testSize, HyperParameters hyperParameters,
                             List<HyperParameterSearch.Candidate> search, double accuracy,
                             double unweightedAccuracy) {
    }

    /**
     * Calibration of the out-of-fold probabilities.
     *
     * @param temperature the temperature fitted on all out-of-fold predictions (the one the bundle applies)
     * @param eceBefore   expected calibration error before scaling
     * @param eceAfter    after scaling each fold with a temperature fitted on the other folds
     * @param crossFitted false when there was a single fold, so "after" was fitted on the same predictions
     * @param before      reliability diagram before scaling
     * @param after       reliability diagram after scaling
     */
    public record CalibrationSummary(double temperature, double eceBefore, double eceAfter, boolean crossFitted,
                                     ReliabilityDiagram before, ReliabilityDiagram after) {
    }

    public String toJson() {
        return Json.write(this);
    }
}
