package org.ser4j.models.adaptation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Training rows for a {@link Adaptation.Method#RELATIVE} model: what it will meet in use is a clip adapted to
 * whatever a session has seen of its speaker so far: nothing, a few clips, or many, in any mix of emotions (a day of
 * calls is mostly neutral). So each speaker's rows are split at random into chunks of {@link #CHUNK}, and each chunk is
 * transformed with the statistics of a simulated session of that speaker: a random number of the speaker's clips
 * (one of {@link #SIZES}), half of the time drawn at random, half of the time with {@link #SKEW} of them from one
 * emotion. Emotion labels shape the simulated sessions only; the statistics themselves never see a label, as in use.
 */
public final class SessionMix {
    /** Rows that share one simulated session. */
    static final int CHUNK = 16;
    /** Session sizes drawn from (capped at the speaker's clips). */
    static final int[] SIZES = {0, 1, 2, 3, 5, 8, 12, 20, Integer.MAX_VALUE};
    /** Share of a skewed session's clips that come from its dominant emotion. */
    static final double SKEW = 0.75;

    private SessionMix() {
    }

    /**
     * The adapted rows ({@code rows} may hold nulls, which stay null).
     *
     * @param groups the speaker (or channel) of each row
     * @param labels the emotion of each row, for skewed sessions
     * @param seed   seed of the draws
     */
    public static double[][] trainingRows(Adaptation adaptation, double[][] rows, List<String> groups, int[] labels,
                                          long seed) {
        Random random = new Random(seed);
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] != null) {
                byGroup.computeIfAbsent(groups.get(i), g -> new ArrayList<>()).add(i);
            }
        }
        double[][] out = new double[rows.length][];
        for (List<Integer> members : byGroup.values()) {
            List<Integer> order = new ArrayList<>(members);
            Collections.shuffle(order, random);
            for (int from = 0; from < order.size(); from += CHUNK) {
                GroupStatistics session = session(rows, members, labels, random);
                for (int i : order.subList(from, Math.min(order.size(), from + CHUNK))) {
                    out[i] = adaptation.transform(rows[i], session);
                }
            }
        }
        return out;
    }

    /** One simulated session of a speaker whose rows are {@code members}. */
    private static GroupStatistics session(double[][] rows, List<Integer> members, int[] labels, Random random) {
        int size = Math.min(members.size(), SIZES[random.nextInt(SIZES.length)]);
        List<Integer> pool = new ArrayList<>(members);
        Collections.shuffle(pool, random);
        List<Integer> chosen;
        if (size == 0 || random.nextBoolean()) {
            chosen = pool.subList(0, size);
        } else {
            int dominant = labels[pool.get(random.nextInt(pool.size()))];
            List<Integer> of = new ArrayList<>();
            List<Integer> others = new ArrayList<>();
            for (int i : pool) {
                (labels[i] == dominant ? of : others).add(i);
            }
            int fromDominant = Math.min(of.size(), (int) Math.ceil(SKEW * size));
            chosen = new ArrayList<>(of.subList(0, fromDominant));
            chosen.addAll(others.subList(0, Math.min(others.size(), size - fromDominant)));
        }
        GroupStatistics s = new GroupStatistics(rows[members.get(0)].length);
        for (int i : chosen) {
            s.add(rows[i]);
        }
        return s;
    }
}
