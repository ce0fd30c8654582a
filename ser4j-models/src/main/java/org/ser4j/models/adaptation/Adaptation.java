package org.ser4j.models.adaptation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a model adapts to a group of recordings that share a speaker or a channel (a speaker's clips, a session, a
 * day of calls on one line), from those recordings' features alone, never their emotions. Two methods:
 * <ul>
 *   <li>{@link Method#PLAIN}: every vector standardised with its group's own mean and standard deviation. It needs
 *       at least {@link #minClips} clips of a group and assumes the group shows every emotion about equally: a
 *       session that is mostly neutral moves its mean towards neutral, and its neutral clips then look like the
 *       average emotion.</li>
 *   <li>{@link Method#RELATIVE}: the model sees the vector as it is <em>and</em> relative to its group, so it can
 *       weigh how far to trust the group. The group's mean and variance are shrunk towards the population's
 *       ({@link #priorMean}, {@link #priorScale}: the typical speaker mean and within-speaker spread of the training
 *       data) as if the prior were {@link #priorClips} extra clips: with no clips of a group this is the population
 *       itself, so a single clip gets a sound answer, and every clip moves the statistics a little further towards
 *       the group's own. Models of this kind are trained on simulated sessions of random size and emotion mix
 *       ({@link SessionMix}), so a skewed session does not mislead them.</li>
 * </ul>
 *
 * @param method     how vectors are adapted
 * @param priorClips weight of the population statistics, in clips ({@link Method#RELATIVE} only)
 * @param minClips   clips of a group below which it is not adapted to ({@link Method#PLAIN}: refused)
 * @param priorMean  the population's typical group mean per feature ({@link Method#RELATIVE} only)
 * @param priorScale the population's typical within-group standard deviation per feature
 */
public record Adaptation(Method method, double priorClips, int minClips, double[] priorMean, double[] priorScale) {
    /** Clips the population statistics count for in a {@link Method#RELATIVE} model. */
    public static final double DEFAULT_PRIOR_CLIPS = 3;

    /** How vectors are adapted to their group. */
    public enum Method {
        PLAIN, RELATIVE;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Method parse(String id) {
            for (Method m : values()) {
                if (m.id().equalsIgnoreCase(id)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("adaptation method must be plain or relative, not '" + id + "'");
        }
    }

    public Adaptation {
        if (method == Method.RELATIVE && (priorMean == null || priorScale == null
                || priorMean.length != priorScale.length || !(priorClips > 0))) {
            throw new IllegalArgumentException("a relative adaptation needs a prior mean and scale of one length and "
                    + "a positive prior weight");
        }
    }

    /** Plain per-group standardisation (at least two clips of a group). */
    public static Adaptation plain() {
        return new Adaptation(Method.PLAIN, 0, 2, null, null);
    }

    /**
     * A {@link Method#RELATIVE} adaptation whose population statistics come from {@code rows} grouped by
     * {@code groups}: the mean of the groups' means, and the root of the mean of their variances (groups with a
     * single value of a feature add nothing to its variance).
     */
    public static Adaptation relative(double[][] rows, List<String> groups, double priorClips) {
        Map<String, GroupStatistics> byGroup = statistics(rows, groups);
        if (byGroup.isEmpty()) {
            throw new IllegalArgumentException("population statistics need at least one row");
        }
        int dims = byGroup.values().iterator().next().dimensions();
        double[] mean = new double[dims];
        double[] scale = new double[dims];
        for (int j = 0; j < dims; j++) {
            double means = 0;
            double variances = 0;
            int withMean = 0;
            int withVariance = 0;
            for (GroupStatistics g : byGroup.values()) {
                if (g.count(j) > 0) {
                    means += g.mean(j);
                    withMean++;
                }
                if (g.count(j) > 1) {
                    variances += g.variance(j);
                    withVariance++;
                }
            }
            mean[j] = withMean == 0 ? 0 : means / withMean;
            double sd = withVariance == 0 ? 0 : Math.sqrt(variances / withVariance);
            scale[j] = sd > 1e-12 ? sd : 1.0;
        }
        return new Adaptation(Method.RELATIVE, priorClips, 1, mean, scale);
    }

    /** Length of the classifier's input for vectors of {@code features} features. */
    public int inputSize(int features) {
        return method == Method.RELATIVE ? 2 * features : features;
    }

    /** Whether a group with these statistics is adapted to (else the population statistics stand alone). */
    public boolean adapts(GroupStatistics group) {
        return group != null && group.clips() >= Math.max(1, minClips);
    }

    /**
     * The classifier's input for vector {@code x} of a group with statistics {@code group} ({@code null} or too few
     * clips: no group, which {@link Method#PLAIN} refuses).
     */
    public double[] transform(double[] x, GroupStatistics group) {
        boolean adapted = adapts(group);
        if (method == Method.PLAIN) {
            if (!adapted) {
                throw new IllegalStateException("this model standardises features per speaker: it needs at least "
                        + minClips + " clips of the speaker, got " + (group == null ? 0 : group.clips()));
            }
            double[] z = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                double sd = Math.sqrt(group.variance(j));
                z[j] = Double.isNaN(x[j]) ? 0 : (x[j] - group.mean(j)) / (sd > 1e-12 ? sd : 1.0);
            }
            return z;
        }
        if (x.length != priorMean.length) {
            throw new IllegalArgumentException("expected " + priorMean.length + " features, got " + x.length);
        }
        double[] out = new double[2 * x.length];
        System.arraycopy(x, 0, out, 0, x.length);
        for (int j = 0; j < x.length; j++) {
            if (Double.isNaN(x[j])) {
                continue; // 0: where the group would put an average clip
            }
            double n = adapted ? group.count(j) : 0;
            double priorVariance = priorScale[j] * priorScale[j];
            double mu = (n * (adapted ? group.mean(j) : 0) + priorClips * priorMean[j]) / (n + priorClips);
            double variance = (n * (adapted ? group.variance(j) : 0) + priorClips * priorVariance) / (n + priorClips);
            out[x.length + j] = (x[j] - mu) / Math.sqrt(Math.max(variance, 1e-24));
        }
        return out;
    }

    /**
     * Every row transformed with the statistics of all rows of its group (a batch adapted to itself). Null rows
     * (clips a rendering could not make) stay null and add nothing to their group.
     */
    public double[][] transformGroups(double[][] rows, List<String> groups) {
        Map<String, GroupStatistics> byGroup = statistics(rows, groups);
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] != null) {
                out[i] = transform(rows[i], byGroup.get(groups.get(i)));
            }
        }
        return out;
    }

    /** Statistics of each group's (non-null) rows, in first-seen order. */
    public static Map<String, GroupStatistics> statistics(double[][] rows, List<String> groups) {
        if (rows.length != groups.size()) {
            throw new IllegalArgumentException(rows.length + " feature rows but " + groups.size() + " groups");
        }
        Map<String, GroupStatistics> byGroup = new LinkedHashMap<>();
        for (double[] row : rows) {
            if (row != null) {
                int dims = row.length;
                for (int i = 0; i < rows.length; i++) {
                    if (rows[i] != null) {
                        byGroup.computeIfAbsent(groups.get(i), g -> new GroupStatistics(dims)).add(rows[i]);
                    }
                }
                break;
            }
        }
        return byGroup;
    }

    /** The rows of {@code rows} at {@code indices}. */
    static List<double[]> pick(double[][] rows, List<Integer> indices) {
        List<double[]> out = new ArrayList<>(indices.size());
        for (int i : indices) {
            out.add(rows[i]);
        }
        return out;
    }

    /** A one-line description for provenance and reports. */
    public String describe() {
        return method == Method.PLAIN
                ? "plain: each speaker's features standardised with that speaker's mean and standard deviation (at "
                + "least " + minClips + " clips of a speaker)"
                : String.format(Locale.ROOT, "relative: features as they are and relative to the speaker's mean and "
                + "spread, shrunk towards the population's as if it were %.0f extra clips (no clips: the population);"
                + " trained on simulated sessions of random size and emotion mix", priorClips);
    }
}
