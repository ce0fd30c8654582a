package org.ser4j.models.classical;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Speaker-grouped k-fold assignment for the inner cross-validation of a hyper-parameter search: every speaker's
 * rows fall in one fold, so no speaker is in both the fitting and the scoring part. Speakers are shuffled with a
 * seed, then dealt largest first to the fold with the fewest rows so far, which keeps folds of similar size.
 */
public final class SpeakerFolds {
    private SpeakerFolds() {
    }

    /**
     * The fold (0..k-1) of every row, for {@code k = min(folds, number of speakers)}.
     *
     * @throws IllegalArgumentException when there are fewer than two speakers
     */
    public static int[] assign(List<String> speakers, int folds, long seed) {
        Map<String, Integer> rowsPerSpeaker = new TreeMap<>();
        for (String s : speakers) {
            rowsPerSpeaker.merge(s, 1, Integer::sum);
        }
        if (rowsPerSpeaker.size() < 2) {
            throw new IllegalArgumentException("speaker-grouped folds need at least two speakers, got "
                    + rowsPerSpeaker.keySet());
        }
        int k = Math.min(folds, rowsPerSpeaker.size());
        List<String> order = new ArrayList<>(rowsPerSpeaker.keySet());
        Collections.shuffle(order, new Random(seed));
        // Stable sort after the shuffle: larger speakers first, ties in shuffled order.
        order.sort((a, b) -> Integer.compare(rowsPerSpeaker.get(b), rowsPerSpeaker.get(a)));
        int[] foldSize = new int[k];
        Map<String, Integer> foldOf = new TreeMap<>();
        for (String speaker : order) {
            int smallest = 0;
            for (int f = 1; f < k; f++) {
                if (foldSize[f] < foldSize[smallest]) {
                    smallest = f;
                }
            }
            foldOf.put(speaker, smallest);
            foldSize[smallest] += rowsPerSpeaker.get(speaker);
        }
        int[] fold = new int[speakers.size()];
        for (int i = 0; i < fold.length; i++) {
            fold[i] = foldOf.get(speakers.get(i));
        }
        return fold;
    }

    /** Indices of the rows with {@code fold[i] == f} (or {@code != f} when {@code complement}). */
    public static int[] rows(int[] fold, int f, boolean complement) {
        return java.util.stream.IntStream.range(0, fold.length).filter(i -> (fold[i] == f) != complement).toArray();
    }
}
