package org.ser4j.data.split;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.ser4j.data.Emotion;
import org.ser4j.data.Gender;
import org.ser4j.data.SplitException;
import org.ser4j.data.Utterance;

/**
 * k-fold cross-validation grouped by speaker: each speaker's utterances land in exactly one test fold. Speakers
 * are dealt out greedily, largest first (seeded shuffle among equals), each to the fold where it best keeps every
 * emotion's share, every gender's share of speakers and the fold sizes even across folds (the idea of
 * scikit-learn's StratifiedGroupKFold, with gender added).
 */
final class SpeakerKFold extends Protocol {
    private final int k;
    private final long seed;

    SpeakerKFold(int k, long seed) {
        if (k < 2) {
            throw new SplitException("speaker k-fold", "k must be at least 2, got " + k);
        }
        this.k = k;
        this.seed = seed;
    }

    @Override
    public String description() {
        return "speaker " + k + "-fold (seed " + seed + ")";
    }

    @Override
    protected List<Fold> split(List<Utterance> utterances) {
        List<Speakers.Group> groups = new ArrayList<>(Speakers.group(utterances));
        if (groups.size() < k) {
            throw new SplitException(description(), "needs at least " + k + " speakers, the utterances have "
                    + groups.size() + " " + groups.stream().map(Speakers.Group::speaker).toList());
        }
        Collections.shuffle(groups, new Random(seed));
        groups.sort(Comparator.comparingInt(Speakers.Group::size).reversed());

        Balance balance = new Balance(k, utterances.size(), groups);
        List<List<Integer>> testIndices = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            testIndices.add(new ArrayList<>());
        }
        for (Speakers.Group g : groups) {
            int fold = balance.bestFoldFor(g);
            balance.add(fold, g);
            testIndices.get(fold).addAll(g.indices());
        }

        List<Fold> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            int[] test = testIndices.get(f).stream().mapToInt(Integer::intValue).toArray();
            folds.add(new Fold("fold-" + (f + 1) + "/" + k, complement(utterances.size(), test), test));
        }
        return folds;
    }

    /** Every index in [0, n) not in {@code taken}. */
    static int[] complement(int n, int[] taken) {
        boolean[] out = new boolean[n];
        for (int i : taken) {
            out[i] = true;
        }
        int[] rest = new int[n - taken.length];
        for (int i = 0, j = 0; i < n; i++) {
            if (!out[i]) {
                rest[j++] = i;
            }
        }
        return rest;
    }

    /**
     * Per-fold tallies, as fractions of the totals, whose spread across folds is what assignment minimises: one
     * column per emotion (utterances), one per gender (speakers), and one for fold size.
     */
    private static final class Balance {
        private final int emotions = Emotion.values().length;
        private final int genders = Gender.values().length;
        private final double[][] tally;
        private final double[] totals;

        Balance(int k, int n, List<Speakers.Group> groups) {
            tally = new double[k][emotions + genders + 1];
            totals = new double[emotions + genders + 1];
            for (Speakers.Group g : groups) {
                accumulate(totals, g, 1);
            }
            totals[emotions + genders] = n;
        }

        private void accumulate(double[] row, Speakers.Group g, int sign) {
            g.emotions().forEach((e, count) -> row[e.ordinal()] += sign * count);
            row[emotions + g.gender().ordinal()] += sign;
            row[emotions + genders] += sign * g.size();
        }

        void add(int fold, Speakers.Group g) {
            accumulate(tally[fold], g, 1);
        }

        /** The fold whose taking {@code g} leaves the smallest spread; ties go to the smaller, then lower fold. */
        int bestFoldFor(Speakers.Group g) {
            int best = -1;
            double bestCost = Double.POSITIVE_INFINITY;
            for (int f = 0; f < tally.length; f++) {
                accumulate(tally[f], g, 1);
                double cost = spread();
                accumulate(tally[f], g, -1);
                boolean smaller = best >= 0 && tally[f][emotions + genders] < tally[best][emotions + genders];
                if (cost < bestCost - 1e-12 || (Math.abs(cost - bestCost) <= 1e-12 && smaller)) {
                    best = f;
                    bestCost = cost;
                }
            }
            return best;
        }

        /** Sum over columns of the variance across folds of each fold's share of the column's total. */
        private double spread() {
            double sum = 0;
            for (int c = 0; c < totals.length; c++) {
                if (totals[c] == 0) {
                    continue;
                }
                double mean = 0;
                for (double[] row : tally) {
                    mean += row[c] / totals[c];
                }
                mean /= tally.length;
                for (double[] row : tally) {
                    double d = row[c] / totals[c] - mean;
                    sum += d * d;
                }
            }
            return sum;
        }
    }
}
