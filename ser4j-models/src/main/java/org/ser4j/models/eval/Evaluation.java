package org.ser4j.models.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.ser4j.data.Gender;
import org.ser4j.data.Utterance;
import org.ser4j.models.Json;

/**
 * Everything ser4j reports about a set of predictions, ready to serialise (snake_case JSON via {@link Json}):
 * overall accuracy, unweighted accuracy (UA, mean per-class recall) and macro-F1 with bootstrap 95 % intervals,
 * per-class precision/recall/F1/support, the confusion matrix (counts and row-normalised), and breakdowns by gender
 * (with the female − male gap), corpus and speaker. Definitions are {@link ConfusionMatrix}'s.
 *
 * @param n                   items evaluated
 * @param excluded            items left out before evaluation (label outside the label map, unreadable audio...)
 * @param excludedByReason    the same, per reason
 * @param accuracy            share of items predicted correctly
 * @param accuracyCi          bootstrap 95 % interval of accuracy
 * @param unweightedAccuracy  mean recall over the classes present
 * @param unweightedAccuracyCi bootstrap 95 % interval of UA
 * @param macroF1             mean F1 over the classes present
 * @param perClass            metrics of each class, in class order
 * @param confusion           the confusion matrix
 * @param perGender           metrics of each gender present
 * @param genderGap           female minus male accuracy and UA (null unless both genders are present)
 * @param perCorpus           metrics of each corpus
 * @param perIntensity        metrics of each intensity a corpus records, e.g. "ravdess strong", "crema-d HI"
 *                            (empty when no item has one; evaluations saved before it existed read as empty)
 * @param perSpeaker          metrics of each speaker
 * @param bootstrap           how the intervals were computed
 */
public record Evaluation(int n, int excluded, Map<String, Integer> excludedByReason,
                         double accuracy, Interval accuracyCi, double unweightedAccuracy, Interval unweightedAccuracyCi,
                         double macroF1, Map<String, ClassMetrics> perClass, Confusion confusion,
                         Map<String, GroupMetrics> perGender, GenderGap genderGap,
                         Map<String, GroupMetrics> perCorpus, Map<String, GroupMetrics> perIntensity,
                         Map<String, GroupMetrics> perSpeaker, BootstrapSettings bootstrap) {

    public Evaluation {
        perIntensity = perIntensity == null ? Map.of() : perIntensity;
    }

    /** Default number of bootstrap resamples. */
    public static final int DEFAULT_RESAMPLES = 1000;

    /** A two-sided interval at {@code level} (0.95). */
    public record Interval(double lower, double upper, double level) {
    }

    public record ClassMetrics(double precision, double recall, double f1, long support) {
    }

    /** Counts[t][p] and the row-normalised matrix, rows and columns in {@code labels} order. */
    public record Confusion(List<String> labels, long[][] counts, double[][] normalized) {
    }

    /** The headline metrics of a subset of the items (one gender, corpus or speaker). */
    public record GroupMetrics(int n, double accuracy, double unweightedAccuracy, double macroF1) {
    }

    /** Female minus male: positive when the model does better on female speakers. */
    public record GenderGap(double accuracy, double unweightedAccuracy) {
    }

    /** Item-level bootstrap: {@code resamples} draws of n items with replacement, percentile intervals. */
    public record BootstrapSettings(int resamples, long seed) {
    }

    /**
     * Evaluates predictions.
     *
     * @param classes          class names; labels index into them
     * @param truth            true class of each item
     * @param predicted        predicted class of each item
     * @param items            the utterance behind each item, for the gender/corpus/speaker breakdowns (may be null)
     * @param excludedByReason items left out before evaluation, per reason (may be empty)
     * @param resamples        bootstrap resamples (0 for no intervals)
     * @param seed             bootstrap seed
     */
    public static Evaluation of(List<String> classes, int[] truth, int[] predicted, List<Utterance> items,
                                Map<String, Integer> excludedByReason, int resamples, long seed) {
        if (items != null && items.size() != truth.length) {
            throw new IllegalArgumentException(items.size() + " utterances but " + truth.length + " labels");
        }
        int k = classes.size();
        ConfusionMatrix matrix = new ConfusionMatrix(truth, predicted, k);
        Map<String, ClassMetrics> perClass = new LinkedHashMap<>();
        for (int c = 0; c < k; c++) {
            perClass.put(classes.get(c), new ClassMetrics(matrix.precision(c), matrix.recall(c), matrix.f1(c),
                    matrix.support(c)));
        }
        Confusion confusion = new Confusion(classes, matrix.counts(), matrix.rowNormalized());

        Map<String, GroupMetrics> perGender = Map.of();
        Map<String, GroupMetrics> perCorpus = Map.of();
        Map<String, GroupMetrics> perIntensity = Map.of();
        Map<String, GroupMetrics> perSpeaker = Map.of();
        GenderGap gap = null;
        if (items != null) {
            perGender = groupMetrics(truth, predicted, k, i -> items.get(i).gender().label());
            perCorpus = groupMetrics(truth, predicted, k, i -> items.get(i).corpus());
            perIntensity = groupMetrics(truth, predicted, k, i -> intensityOf(items.get(i)));
            perSpeaker = groupMetrics(truth, predicted, k, i -> items.get(i).speaker());
            GroupMetrics female = perGender.get(Gender.FEMALE.label());
            GroupMetrics male = perGender.get(Gender.MALE.label());
            if (female != null && male != null) {
                gap = new GenderGap(female.accuracy() - male.accuracy(),
                        female.unweightedAccuracy() - male.unweightedAccuracy());
            }
        }

        Interval accuracyCi = null;
        Interval uaCi = null;
        if (resamples > 0 && truth.length > 0) {
            double[][] draws = Bootstrap.resample(truth, predicted, k, resamples, seed);
            accuracyCi = new Interval(Bootstrap.percentile(draws[0], 0.025), Bootstrap.percentile(draws[0], 0.975),
                    0.95);
            uaCi = new Interval(Bootstrap.percentile(draws[1], 0.025), Bootstrap.percentile(draws[1], 0.975), 0.95);
        }
        Map<String, Integer> reasons = new TreeMap<>(excludedByReason == null ? Map.of() : excludedByReason);
        int excluded = reasons.values().stream().mapToInt(Integer::intValue).sum();
        return new Evaluation(truth.length, excluded, reasons, matrix.accuracy(), accuracyCi,
                matrix.unweightedAccuracy(), uaCi, matrix.macroF1(), perClass, confusion, perGender, gap, perCorpus,
                perIntensity, perSpeaker, new BootstrapSettings(resamples, seed));
    }

    /**
     * The intensity a corpus gave the clip, named with the corpus ("ravdess normal", "ravdess strong", "crema-d LO"
     * ... "crema-d XX"), or null when it records none (the corpus loaders keep it as {@code intensity} or
     * {@code level} among the utterance's extra codes).
     */
    static String intensityOf(Utterance u) {
        String code = u.extra().getOrDefault("intensity", u.extra().get("level"));
        return code == null ? null : u.corpus() + " " + code;
    }

    /** Metrics per group, groups sorted by name; items whose group is null are left out. */
    private static Map<String, GroupMetrics> groupMetrics(int[] truth, int[] predicted, int k,
                                                          Function<Integer, String> groupOf) {
        Map<String, List<Integer>> members = new TreeMap<>();
        for (int i = 0; i < truth.length; i++) {
            String group = groupOf.apply(i);
            if (group != null) {
                members.computeIfAbsent(group, g -> new ArrayList<>()).add(i);
            }
        }
        Map<String, GroupMetrics> out = new LinkedHashMap<>();
        members.forEach((group, rows) -> {
            int[] t = rows.stream().mapToInt(i -> truth[i]).toArray();
            int[] p = rows.stream().mapToInt(i -> predicted[i]).toArray();
            ConfusionMatrix m = new ConfusionMatrix(t, p, k);
            out.put(group, new GroupMetrics(rows.size(), m.accuracy(), m.unweightedAccuracy(), m.macroF1()));
        });
        return out;
    }

    /** Class index of the largest probability in each row (the first on ties). */
    public static int[] argmax(double[][] probabilities) {
        return IntStream.range(0, probabilities.length).map(i -> {
            int best = 0;
            for (int c = 1; c < probabilities[i].length; c++) {
                if (probabilities[i][c] > probabilities[i][best]) {
                    best = c;
                }
            }
            return best;
        }).toArray();
    }

    public String toJson() {
        return Json.write(this);
    }

    public static Evaluation fromJson(String json) {
        return Json.read(json, Evaluation.class);
    }
}
