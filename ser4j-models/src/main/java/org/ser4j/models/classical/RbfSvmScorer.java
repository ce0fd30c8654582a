package org.ser4j.models.classical;

import java.util.List;
import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_parameter;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.libsvm.LibSVMClassificationModel;

/**
 * libsvm's probability output ({@code svm_predict_probability}) for a C-SVC model with an RBF kernel, evaluated on
 * dense arrays. Prediction time of an RBF SVM is its kernel row, |x - sv|&sup2; against every support vector; libsvm
 * computes it over sparse {@code svm_node} lists (an index comparison per element), which made the shipped model's
 * classifier cost as much as all its features. Here the support vectors are one contiguous row-major array and the
 * squared distances run with four accumulators. The rest follows libsvm exactly: one-vs-one decision values from
 * the dual coefficients and rho, Platt's sigmoid with the model's probA/probB clipped to [1e-7, 1 - 1e-7], and the
 * pairwise coupling of Wu, Lin and Weng (2004, method 2) with libsvm's iteration limit and stopping rule.
 * Results equal Tribuo's to rounding (tested); models of other types or kernels keep Tribuo's predict.
 * Immutable and thread-safe.
 */
final class RbfSvmScorer {
    private static final double MIN_PROB = 1e-7;

    /** Number of input positions used (those the model knows) and their positions in the caller's vector. */
    private final int dims;
    private final int[] positions;
    private final int nSv;
    /** Support vector i occupies supportVectors[i * dims .. (i + 1) * dims). */
    private final double[] supportVectors;
    private final double gamma;
    private final int nClass;
    private final int[] start;
    private final int[] count;
    private final double[][] svCoef;
    private final double[] rho;
    private final double[] probA;
    private final double[] probB;
    /** Class name of libsvm's i-th output. */
    private final String[] labels;

    private RbfSvmScorer(svm_model m, ImmutableFeatureMap featureIds, String[] featureNames, String[] labels) {
        int[] idToPosition = new int[featureIds.size()];
        java.util.Arrays.fill(idToPosition, -1);
        int used = 0;
        int[] positionsAll = new int[featureNames.length];
        for (int p = 0; p < featureNames.length; p++) {
            int id = featureIds.getID(featureNames[p]);
            if (id >= 0) {
                idToPosition[id] = used;
                positionsAll[used++] = p;
            }
        }
        this.dims = used;
        this.positions = java.util.Arrays.copyOf(positionsAll, used);
        this.nSv = m.l;
        this.supportVectors = new double[nSv * dims];
        for (int i = 0; i < nSv; i++) {
            for (svm_node node : m.SV[i]) {
                int at = node.index >= 0 && node.index < idToPosition.length ? idToPosition[node.index] : -1;
                if (at >= 0) {
                    supportVectors[i * dims + at] = node.value;
                }
            }
        }
        this.gamma = m.param.gamma;
        this.nClass = m.nr_class;
        this.count = m.nSV.clone();
        this.start = new int[nClass];
        for (int c = 1; c < nClass; c++) {
            start[c] = start[c - 1] + count[c - 1];
        }
        this.svCoef = m.sv_coef;
        this.rho = m.rho.clone();
        this.probA = m.probA.clone();
        this.probB = m.probB.clone();
        this.labels = labels;
    }

    /**
     * A scorer for {@code model} when it is a Tribuo libsvm C-SVC with an RBF kernel and probability estimates,
     * else null (the caller keeps Tribuo's predict).
     *
     * @param featureNames the Tribuo feature name of each position of the vectors that will be scored
     */
    static RbfSvmScorer tryCreate(Model<Label> model, String[] featureNames) {
        if (!(model instanceof LibSVMClassificationModel svm) || !model.generatesProbabilities()) {
            return null;
        }
        List<svm_model> inner = innerModels(svm);
        if (inner.size() != 1) {
            return null;
        }
        svm_model m = inner.get(0);
        if (m.param.svm_type != svm_parameter.C_SVC || m.param.kernel_type != svm_parameter.RBF
                || m.probA == null || m.probB == null || m.nr_class < 2) {
            return null;
        }
        String[] labels = new String[m.nr_class];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = model.getOutputIDInfo().getOutput(m.label[i]).getLabel();
        }
        return new RbfSvmScorer(m, model.getFeatureIDMap(), featureNames, labels);
    }

    /**
     * The libsvm models inside a Tribuo model, read in place: Tribuo's {@code getInnerModels()} deep-copies every
     * support vector (1.3 million svm_node objects for the shipped default model), about 0.1 s of a one-clip
     * {@code ser4j predict}'s cold start. Only read here, never changed; the copy is the fallback.
     */
    @SuppressWarnings("unchecked")
    private static List<svm_model> innerModels(LibSVMClassificationModel svm) {
        try {
            java.lang.reflect.Field models = org.tribuo.common.libsvm.LibSVMModel.class.getDeclaredField("models");
            models.setAccessible(true);
            return (List<svm_model>) models.get(svm);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return svm.getInnerModels();
        }
    }

    /** Class names in the order of {@link #probabilities}' output. */
    String[] labels() {
        return labels.clone();
    }

    /** libsvm's class probabilities of a standardised feature vector, in {@link #labels()} order. */
    double[] probabilities(double[] standardised) {
        double[] x = new double[dims];
        for (int k = 0; k < dims; k++) {
            x[k] = standardised[positions[k]];
        }
        double[] kernel = new double[nSv];
        for (int i = 0; i < nSv; i++) {
            kernel[i] = Math.exp(-gamma * squaredDistance(x, supportVectors, i * dims, dims));
        }
        double[][] pairwise = new double[nClass][nClass];
        int p = 0;
        for (int i = 0; i < nClass; i++) {
            for (int j = i + 1; j < nClass; j++) {
                // svm_predict_values: class i's vectors weighted by coefficient row j - 1, class j's by row i.
                double sum = 0;
                double[] coef1 = svCoef[j - 1];
                double[] coef2 = svCoef[i];
                for (int k = start[i]; k < start[i] + count[i]; k++) {
                    sum += coef1[k] * kernel[k];
                }
                for (int k = start[j]; k < start[j] + count[j]; k++) {
                    sum += coef2[k] * kernel[k];
                }
                double decision = sum - rho[p];
                double r = Math.min(Math.max(sigmoid(decision, probA[p], probB[p]), MIN_PROB), 1 - MIN_PROB);
                pairwise[i][j] = r;
                pairwise[j][i] = 1 - r;
                p++;
            }
        }
        if (nClass == 2) {
            return new double[] {pairwise[0][1], pairwise[1][0]};
        }
        return couple(pairwise);
    }

    private static double squaredDistance(double[] x, double[] sv, int off, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            double d0 = x[k] - sv[off + k];
            double d1 = x[k + 1] - sv[off + k + 1];
            double d2 = x[k + 2] - sv[off + k + 2];
            double d3 = x[k + 3] - sv[off + k + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; k < n; k++) {
            double d = x[k] - sv[off + k];
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Platt's sigmoid 1 / (1 + exp(A f + B)), written as libsvm does to avoid overflow. */
    private static double sigmoid(double decision, double a, double b) {
        double fApB = decision * a + b;
        return fApB >= 0 ? Math.exp(-fApB) / (1.0 + Math.exp(-fApB)) : 1.0 / (1 + Math.exp(fApB));
    }

    /**
     * Class probabilities from pairwise ones (Wu, Lin &amp; Weng 2004, method 2): minimise p'Qp subject to
     * sum(p) = 1 by coordinate updates from the uniform start, at most max(100, k) sweeps, until every
     * |(Qp)_t - p'Qp| is below 0.005 / k, as libsvm's multiclass_probability.
     */
    static double[] couple(double[][] r) {
        int k = r.length;
        double[] p = new double[k];
        double[][] q = new double[k][k];
        double[] qp = new double[k];
        double eps = 0.005 / k;
        for (int t = 0; t < k; t++) {
            p[t] = 1.0 / k;
            q[t][t] = 0;
            for (int j = 0; j < t; j++) {
                q[t][t] += r[j][t] * r[j][t];
                q[t][j] = q[j][t];
            }
            for (int j = t + 1; j < k; j++) {
                q[t][t] += r[j][t] * r[j][t];
                q[t][j] = -r[j][t] * r[t][j];
            }
        }
        int maxIter = Math.max(100, k);
        for (int iter = 0; iter < maxIter; iter++) {
            double pQp = 0;
            for (int t = 0; t < k; t++) {
                qp[t] = 0;
                for (int j = 0; j < k; j++) {
                    qp[t] += q[t][j] * p[j];
                }
                pQp += p[t] * qp[t];
            }
            double maxError = 0;
            for (int t = 0; t < k; t++) {
                maxError = Math.max(maxError, Math.abs(qp[t] - pQp));
            }
            if (maxError < eps) {
                break;
            }
            for (int t = 0; t < k; t++) {
                double diff = (-qp[t] + pQp) / q[t][t];
                p[t] += diff;
                pQp = (pQp + diff * (diff * q[t][t] + 2 * qp[t])) / (1 + diff) / (1 + diff);
                for (int j = 0; j < k; j++) {
                    qp[j] = (qp[j] + diff * q[t][j]) / (1 + diff);
                    p[j] /= (1 + diff);
                }
            }
        }
        return p;
    }
}
