package org.ser4j.models.classical;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.ser4j.models.Classifier;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/**
 * A trained Tribuo model behind the {@link Classifier} contract: raw features are standardised with the scaler
 * fitted on the training rows, passed to the model, and its scores returned in {@link #classes()} order. Classes
 * the model never saw in training get probability 0. Thread-safe (Tribuo models predict without shared state).
 */
public final class TribuoClassifier implements Classifier {
    private final Model<Label> model;
    private final Standardizer scaler;
    private final List<String> classes;
    private final String[] featureNames;
    /** Dense evaluation of RBF SVMs (null for other models); see {@link RbfSvmScorer}. */
    private final RbfSvmScorer svmScorer;
    /** For each of the scorer's outputs, its index in {@link #classes}, or -1. */
    private final int[] svmClassIndex;

    TribuoClassifier(Model<Label> model, Standardizer scaler, List<String> classes) {
        if (!model.generatesProbabilities()) {
            throw new IllegalArgumentException("model " + model.getName() + " does not produce probabilities");
        }
        this.model = model;
        this.scaler = scaler;
        this.classes = List.copyOf(classes);
        this.featureNames = featureNames(scaler.dimensions());
        this.svmScorer = RbfSvmScorer.tryCreate(model, featureNames);
        this.svmClassIndex = svmScorer == null ? null
                : java.util.Arrays.stream(svmScorer.labels()).mapToInt(this.classes::indexOf).toArray();
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public double[] predictProba(double[] features) {
        double[] standardised = scaler.apply(features);
        double[] p = svmScorer != null ? svmScores(standardised) : tribuoScores(standardised);
        double sum = 0;
        for (double v : p) {
            sum += v;
        }
        // Renormalise: removes rounding drift and the mass of any label the class list does not know.
        for (int c = 0; c < p.length; c++) {
            p[c] = sum > 0 ? p[c] / sum : 1.0 / p.length;
        }
        return p;
    }

    /** Tribuo's scores in {@link #classes} order (0 for a class the model does not know). */
    double[] tribuoScores(double[] standardised) {
        Map<String, Label> scores = model.predict(example(featureNames, standardised, null)).getOutputScores();
        double[] p = new double[classes.size()];
        for (int c = 0; c < p.length; c++) {
            Label score = scores.get(classes.get(c));
            p[c] = score == null ? 0 : Math.max(0, score.getScore());
        }
        return p;
    }

    /** The dense path's scores in {@link #classes} order; only when {@link #usesDenseSvm()}. */
    double[] svmScores(double[] standardised) {
        double[] scores = svmScorer.probabilities(standardised);
        double[] p = new double[classes.size()];
        for (int i = 0; i < scores.length; i++) {
            if (svmClassIndex[i] >= 0) {
                p[svmClassIndex[i]] = Math.max(0, scores[i]);
            }
        }
        return p;
    }

    /** True when predictions take the dense RBF SVM path instead of Tribuo's predict. */
    boolean usesDenseSvm() {
        return svmScorer != null;
    }

    /** The fitted scaler (applied inside {@link #predictProba}). */
    public Standardizer scaler() {
        return scaler;
    }

    /** The underlying Tribuo model, e.g. for its provenance. */
    public Model<Label> tribuoModel() {
        return model;
    }

    /** Writes the Tribuo model in its protobuf format (scaler and classes are stored separately by the bundle). */
    public void writeModel(OutputStream out) throws IOException {
        model.serializeToStream(out);
    }

    /** Reads a model written by {@link #writeModel} and joins it with its scaler and class list. */
    public static TribuoClassifier readModel(InputStream in, Standardizer scaler, List<String> classes)
            throws IOException {
        Model<?> read = Model.deserializeFromStream(in);
        if (!read.validate(Label.class)) {
            throw new IOException("the stored Tribuo model is not a classification model");
        }
        return new TribuoClassifier(read.castModel(Label.class), scaler, classes);
    }

    /**
     * Tribuo addresses features by name and sorts them by name; zero-padded positional names keep that order equal
     * to the vector's order. The human-readable names live in the bundle's feature spec.
     */
    static String[] featureNames(int count) {
        int width = Integer.toString(Math.max(0, count - 1)).length();
        String[] names = new String[count];
        for (int j = 0; j < count; j++) {
            names[j] = "f" + "0".repeat(width - Integer.toString(j).length()) + j;
        }
        return names;
    }

    /** A Tribuo example of standardised values; {@code label} null means unknown (prediction time). */
    static Example<Label> example(String[] names, double[] standardised, Label label) {
        return new ArrayExample<>(label == null ? LabelFactory.UNKNOWN_LABEL : label, names, standardised);
    }
}
