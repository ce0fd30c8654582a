package org.ser4j.models.classical;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.ser4j.models.eval.ConfusionMatrix;

/**
 * Grid search by speaker-grouped inner cross-validation on training data only. Each grid point is scored by the
 * unweighted accuracy of its pooled out-of-fold predictions (every training row predicted once, by a model that did
 * not see its speaker); the best point wins, ties going to the earlier point in the grid.
 */
public final class HyperParameterSearch {
    /** One grid point and its inner-CV unweighted accuracy (NaN when no search was needed). */
    public record Candidate(HyperParameters hyperParameters, double unweightedAccuracy) {
    }

    /** The chosen point and every point's score, in grid order. */
    public record Result(HyperParameters best, List<Candidate> candidates) {
    }

    private final ClassicalTrainer trainer;
    private final int folds;
    private final long seed;
    private final int threads;

    /**
     * @param trainer the trainer whose hyper-parameters are searched
     * @param folds   inner folds (fewer when there are fewer speakers)
     * @param seed    seed of the speaker-to-fold assignment
     * @param threads fits run in parallel
     */
    public HyperParameterSearch(ClassicalTrainer trainer, int folds, long seed, int threads) {
        this.trainer = trainer;
        this.folds = folds;
        this.seed = seed;
        this.threads = threads;
    }

    public Result search(TrainingSet data, List<HyperParameters> grid) {
        if (grid.isEmpty()) {
            throw new IllegalArgumentException("empty hyper-parameter grid");
        }
        if (grid.size() == 1 || data.speakers().stream().distinct().count() < 2) {
            // Nothing to choose, or no way to hold a speaker out: take the first point unscored.
            return new Result(grid.get(0), List.of(new Candidate(grid.get(0), Double.NaN)));
        }
        int[] fold = SpeakerFolds.assign(data.speakers(), folds, seed);
        int k = java.util.Arrays.stream(fold).max().orElse(0) + 1;
        // One job per (grid point, fold); each returns the predictions for that fold's rows.
        List<int[]> predictions = Parallel.map(grid.size() * k, threads, job -> {
            HyperParameters hp = grid.get(job / k);
            int f = job % k;
            ToIntFunction<double[]> model = trainer.fitLabelPredictor(
                    data.subset(SpeakerFolds.rows(fold, f, true)), hp);
            int[] heldOut = SpeakerFolds.rows(fold, f, false);
            int[] predicted = new int[heldOut.length];
            for (int i = 0; i < heldOut.length; i++) {
                predicted[i] = model.applyAsInt(data.features()[heldOut[i]]);
            }
            return predicted;
        });
        List<Candidate> candidates = new ArrayList<>();
        Candidate best = null;
        for (int g = 0; g < grid.size(); g++) {
            int[] pooled = new int[data.size()];
            for (int f = 0; f < k; f++) {
                int[] heldOut = SpeakerFolds.rows(fold, f, false);
                int[] predicted = predictions.get(g * k + f);
                for (int i = 0; i < heldOut.length; i++) {
                    pooled[heldOut[i]] = predicted[i];
                }
            }
            double ua = new ConfusionMatrix(data.labels(), pooled, data.classes().size()).unweightedAccuracy();
            Candidate c = new Candidate(grid.get(g), ua);
            candidates.add(c);
            if (best == null || ua > best.unweightedAccuracy()) {
                best = c;
            }
        }
        return new Result(best.hyperParameters(), candidates);
    }
}
