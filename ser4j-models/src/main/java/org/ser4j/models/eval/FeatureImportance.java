package org.ser4j.models.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.ser4j.models.classical.Parallel;

/**
 * Permutation importance of a feature group on held-out folds: how much the unweighted accuracy of a fold's model on
 * its test clips drops when the group's values are shuffled across those clips (one permutation for all the group's
 * columns, so the group keeps its own correlations and loses only its link to the emotion). Groups, not single
 * features: hundreds of correlated statistics of one descriptor would each look unimportant alone, because the
 * others carry the same information. A drop near 0 (or below) means the model does not need the group given the
 * rest; the spread over folds tells noise from signal.
 *
 * @param group    the descriptor family, e.g. {@code MFCC} or {@code Pitch}
 * @param features how many features of the vector belong to it
 * @param uaDrop   mean drop of unweighted accuracy over folds
 * @param uaDropSd standard deviation of the drop over folds
 * @param folds    folds measured
 */
public record FeatureImportance(String group, int features, double uaDrop, double uaDropSd, int folds) {
    /** Test clips measured per fold at most (a seeded sample of larger folds), which bounds the cost on big pools. */
    public static final int MAX_CLIPS_PER_FOLD = 600;

    /** Feature-name patterns to groups, the first match wins; names of every shipped set fall in one. */
    private static final List<Map.Entry<Pattern, String>> RULES = List.of(
            rule("^mfcc_delta", "MFCC deltas"),
            rule("^mfcc|^MFCC", "MFCC"),
            rule("^chroma", "Chroma"),
            rule("^spectral_contrast", "Spectral contrast"),
            rule("^tonnetz", "Tonnetz"),
            rule("^dwt_", "Wavelets"),
            rule("^f0|^F0|^voiced_prob", "Pitch"),
            rule("(?i)jitter|shimmer|HNR|H1-|H1-A3|logRelF0", "Voice quality"),
            rule("^F[123]", "Formants"),
            rule("(?i)segment|PerSec", "Rhythm and voicing"),
            rule("^rms|^loudness|^equivalentSoundLevel", "Energy"),
            rule("^zcr", "Zero-crossing rate"),
            rule("^spectral|^alphaRatio|^hammarberg|^slope", "Spectral shape"));

    private static Map.Entry<Pattern, String> rule(String regex, String group) {
        return Map.entry(Pattern.compile(regex), group);
    }

    /** The group of a feature name ({@code Other} when no rule matches). */
    public static String groupOf(String featureName) {
        for (Map.Entry<Pattern, String> r : RULES) {
            if (r.getKey().matcher(featureName).find()) {
                return r.getValue();
            }
        }
        return "Other";
    }

    /** Column indices of each group, groups in order of first appearance. */
    public static Map<String, int[]> groups(List<String> featureNames) {
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < featureNames.size(); i++) {
            byGroup.computeIfAbsent(groupOf(featureNames.get(i)), g -> new ArrayList<>()).add(i);
        }
        Map<String, int[]> out = new LinkedHashMap<>();
        byGroup.forEach((g, cols) -> out.put(g, cols.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }

    /** Collects the drops of each fold. */
    public static final class Accumulator {
        private final Map<String, int[]> groups;
        private final int featureCount;
        private final int classes;
        private final int threads;
        private final Map<String, List<Double>> drops = new LinkedHashMap<>();

        /**
         * @param featureNames the names of the feature vector (a model's input may be several blocks of it, e.g.
         *                     features beside features relative to the speaker: a group is then its columns in
         *                     every block)
         */
        public Accumulator(List<String> featureNames, int classes, int threads) {
            this.groups = groups(featureNames);
            this.featureCount = featureNames.size();
            this.classes = classes;
            this.threads = threads;
            groups.keySet().forEach(g -> drops.put(g, new ArrayList<>()));
        }

        /** One fold: its model, its test clips' inputs and true classes. */
        public void addFold(Function<double[], double[]> model, double[][] inputs, int[] truth, long seed) {
            int[] sample = sample(inputs.length, seed);
            double[][] x = Arrays.stream(sample).mapToObj(i -> inputs[i]).toArray(double[][]::new);
            int[] y = Arrays.stream(sample).map(i -> truth[i]).toArray();
            double base = ua(model, x, y);
            List<String> names = new ArrayList<>(groups.keySet());
            List<Double> groupDrops = Parallel.map(names.size(), threads, g -> {
                int[] cols = groups.get(names.get(g));
                int[] permutation = permutation(x.length, new Random(seed * 31 + g));
                double[][] shuffled = new double[x.length][];
                for (int i = 0; i < x.length; i++) {
                    shuffled[i] = x[i].clone();
                    for (int block = 0; block + featureCount <= x[i].length; block += featureCount) {
                        for (int c : cols) {
                            shuffled[i][block + c] = x[permutation[i]][block + c];
                        }
                    }
                }
                return base - ua(model, shuffled, y);
            });
            for (int g = 0; g < names.size(); g++) {
                drops.get(names.get(g)).add(groupDrops.get(g));
            }
        }

        /** The groups, largest mean drop first. */
        public List<FeatureImportance> result() {
            List<FeatureImportance> out = new ArrayList<>();
            drops.forEach((g, d) -> {
                double mean = d.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                double var = d.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / Math.max(1, d.size() - 1);
                out.add(new FeatureImportance(g, groups.get(g).length, mean, d.size() > 1 ? Math.sqrt(var) : 0,
                        d.size()));
            });
            out.sort(Comparator.comparingDouble(FeatureImportance::uaDrop).reversed());
            return out;
        }

        private double ua(Function<double[], double[]> model, double[][] x, int[] y) {
            double[][] p = Arrays.stream(x).map(model).toArray(double[][]::new);
            return new ConfusionMatrix(y, Evaluation.argmax(p), classes).unweightedAccuracy();
        }

        private static int[] sample(int n, long seed) {
            if (n <= MAX_CLIPS_PER_FOLD) {
                return java.util.stream.IntStream.range(0, n).toArray();
            }
            int[] chosen = Arrays.copyOf(permutation(n, new Random(seed)), MAX_CLIPS_PER_FOLD);
            Arrays.sort(chosen);
            return chosen;
        }

        private static int[] permutation(int n, Random random) {
            int[] p = java.util.stream.IntStream.range(0, n).toArray();
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            return p;
        }
    }
}
