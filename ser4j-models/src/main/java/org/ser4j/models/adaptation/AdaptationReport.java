package org.ser4j.models.adaptation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.ser4j.models.eval.ConfusionMatrix;
import org.ser4j.models.eval.Evaluation;

/**
 * How an adapted model's answers depend on what it has seen of a speaker, measured on held-out speakers: unweighted
 * accuracy after 1, 3, 5, 10 and 20 unlabelled clips of the speaker (each clip answered with the statistics of that
 * many <em>other</em> clips of its speaker, drawn at random), with the whole session, and on sessions whose mix of
 * emotions is not even: each speaker's clips subsampled to {@value #SKEW_PERCENT} % of one emotion (neutral, as a
 * day of calls is; angry), and to equal counts of every emotion. Every row also gives the same clips' accuracy
 * answered one by one without adaptation (the model's single-clip answer), so the gain or loss is on the same clips.
 *
 * @param method    the adaptation method
 * @param scenarios one row per situation
 */
public record AdaptationReport(String method, List<Scenario> scenarios) {
    static final int SKEW_PERCENT = 75;
    /** Clips of a speaker seen before the answer, for the curve. */
    static final int[] CURVE = {1, 3, 5, 10, 20};

    /**
     * One situation.
     *
     * @param name         what the sessions were
     * @param clips        clips answered
     * @param adaptedUa    unweighted accuracy with adaptation
     * @param singleClipUa the same clips without adaptation (NaN when the method cannot answer a single clip)
     */
    public record Scenario(String name, int clips, double adaptedUa, double singleClipUa) {
    }

    /** Collects the held-out answers of every fold's model. */
    public static final class Accumulator {
        private final List<String> classes;
        private final Map<String, List<int[]>> answers = new LinkedHashMap<>();
        private Adaptation adaptation;

        public Accumulator(List<String> classes) {
            this.classes = List.copyOf(classes);
        }

        /**
         * Adds the answers of one fold's model for its held-out rows.
         *
         * @param adaptation the fold's adaptation (its population statistics come from the fold's training part)
         * @param model      adapted input to probabilities
         * @param rows       the held-out clips' raw feature vectors
         * @param labels     their true classes
         * @param speakers   their speakers
         */
        public void add(Adaptation adaptation, Function<double[], double[]> model, double[][] rows, int[] labels,
                        List<String> speakers, long seed) {
            this.adaptation = adaptation;
            Random random = new Random(seed);
            Map<String, List<Integer>> bySpeaker = new LinkedHashMap<>();
            for (int i = 0; i < rows.length; i++) {
                bySpeaker.computeIfAbsent(speakers.get(i), s -> new ArrayList<>()).add(i);
            }
            boolean single = adaptation.method() == Adaptation.Method.RELATIVE;
            int[] singleAnswer = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                singleAnswer[i] = single ? argmax(model.apply(adaptation.transform(rows[i], null))) : -1;
            }
            for (List<Integer> members : bySpeaker.values()) {
                GroupStatistics whole = GroupStatistics.of(rows[0].length, Adaptation.pick(rows, members));
                for (int i : members) {
                    record("whole session", labels[i], argmax(model.apply(adaptation.transform(rows[i], whole))),
                            singleAnswer[i]);
                }
                for (int n : CURVE) {
                    if (n < adaptation.minClips() || n >= members.size()) {
                        continue;
                    }
                    for (int i : members) {
                        List<Integer> others = new ArrayList<>(members);
                        others.remove(Integer.valueOf(i));
                        Collections.shuffle(others, random);
                        GroupStatistics seen = GroupStatistics.of(rows[0].length,
                                Adaptation.pick(rows, others.subList(0, n)));
                        record("after " + n + " clips", labels[i],
                                argmax(model.apply(adaptation.transform(rows[i], seen))), singleAnswer[i]);
                    }
                }
                for (String emotion : List.of("neutral", "angry")) {
                    int c = classes.indexOf(emotion);
                    if (c >= 0) {
                        session(SKEW_PERCENT + " % " + emotion, skewed(members, labels, c, random), model, rows,
                                labels, singleAnswer);
                    }
                }
                session("balanced", balanced(members, labels, random), model, rows, labels, singleAnswer);
            }
        }

        /** Answers for one simulated session: its clips adapted to its own statistics. */
        private void session(String name, List<Integer> clips, Function<double[], double[]> model, double[][] rows,
                             int[] labels, int[] singleAnswer) {
            if (clips.size() < Math.max(2, adaptation.minClips())) {
                return;
            }
            GroupStatistics stats = GroupStatistics.of(rows[0].length, Adaptation.pick(rows, clips));
            for (int i : clips) {
                record(name, labels[i], argmax(model.apply(adaptation.transform(rows[i], stats))), singleAnswer[i]);
            }
        }

        private void record(String scenario, int truth, int adapted, int single) {
            answers.computeIfAbsent(scenario, s -> new ArrayList<>()).add(new int[] {truth, adapted, single});
        }

        public AdaptationReport result() {
            List<Scenario> rows = new ArrayList<>();
            List<String> order = new ArrayList<>();
            for (int n : CURVE) {
                order.add("after " + n + " clips");
            }
            order.add("whole session");
            order.add(SKEW_PERCENT + " % neutral");
            order.add(SKEW_PERCENT + " % angry");
            order.add("balanced");
            for (String name : order) {
                List<int[]> a = answers.get(name);
                if (a == null) {
                    continue;
                }
                int[] truth = a.stream().mapToInt(r -> r[0]).toArray();
                double adapted = new ConfusionMatrix(truth, a.stream().mapToInt(r -> r[1]).toArray(), classes.size())
                        .unweightedAccuracy();
                double single = a.get(0)[2] < 0 ? Double.NaN : new ConfusionMatrix(truth,
                        a.stream().mapToInt(r -> r[2]).toArray(), classes.size()).unweightedAccuracy();
                rows.add(new Scenario(name, a.size(), adapted, single));
            }
            return new AdaptationReport(adaptation.method().id(), rows);
        }
    }

    /**
     * A speaker's clips subsampled so that {@value #SKEW_PERCENT} % are of class {@code c}: all of them, and a third
     * as many others.
     */
    static List<Integer> skewed(List<Integer> members, int[] labels, int c, Random random) {
        List<Integer> of = new ArrayList<>();
        List<Integer> others = new ArrayList<>();
        for (int i : members) {
            (labels[i] == c ? of : others).add(i);
        }
        Collections.shuffle(others, random);
        int keep = Math.min(others.size(), Math.round(of.size() * (100 - SKEW_PERCENT) / (float) SKEW_PERCENT));
        List<Integer> out = new ArrayList<>(of);
        out.addAll(others.subList(0, keep));
        return out;
    }

    /** A speaker's clips subsampled to equal counts of each emotion it shows. */
    static List<Integer> balanced(List<Integer> members, int[] labels, Random random) {
        Map<Integer, List<Integer>> byClass = new LinkedHashMap<>();
        for (int i : members) {
            byClass.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        int each = byClass.values().stream().mapToInt(List::size).min().orElse(0);
        List<Integer> out = new ArrayList<>();
        for (List<Integer> of : byClass.values()) {
            Collections.shuffle(of, random);
            out.addAll(of.subList(0, each));
        }
        return out;
    }

    private static int argmax(double[] p) {
        return Evaluation.argmax(new double[][] {p})[0];
    }
}
