package org.ser4j.models.classical;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.WeightedLabels;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.libsvm.LibSVMClassificationTrainer;
import org.tribuo.classification.libsvm.SVMClassificationType;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Fits one {@link ModelType} on a {@link TrainingSet}: a {@link Standardizer} on the training rows only, optional
 * balanced class weights, then the Tribuo trainer. The same data, hyper-parameters and seed give the same model.
 *
 * <p>Class weighting "balanced" gives class c the weight n / (k · n_c) (k classes present), as scikit-learn
 * does: libsvm takes it as a per-class multiplier of C, the other trainers as example weights.
 *
 * <p>SVM probabilities are libsvm's own estimates (Platt scaling of each pairwise decision value, fitted by an
 * internal 5-fold cross-validation, then pairwise coupling), chosen over a softmax of decision values because they
 * are fitted to held-out data. That internal cross-validation shuffles with libsvm's one global random generator,
 * so such fits are serialised here to stay reproducible when folds run in parallel.
 */
public final class ClassicalTrainer {
    private static final Object LIBSVM_GLOBAL_RANDOM = new Object();
    // Strong references: JUL forgets the level of a logger nobody holds.
    private static final List<Logger> CHATTY_LOGS = List.of(Logger.getLogger("org.tribuo.ensemble.BaggingTrainer"),
            Logger.getLogger("org.tribuo.common.sgd.AbstractSGDTrainer"));

    static {
        libsvm.svm.svm_set_print_string_function(message -> { });
        CHATTY_LOGS.forEach(log -> log.setLevel(Level.WARNING));
    }

    private final ModelType type;
    private final boolean balanceClasses;
    private final long seed;
    private final int threads;

    /**
     * @param type           the model family
     * @param balanceClasses weight classes inversely to their frequency
     * @param seed           seed of every random choice in training
     * @param threads        threads one fit may use (only XGBoost uses more than one)
     */
    public ClassicalTrainer(ModelType type, boolean balanceClasses, long seed, int threads) {
        this.type = type;
        this.balanceClasses = balanceClasses;
        this.seed = seed;
        this.threads = Math.max(1, threads);
    }

    public ModelType type() {
        return type;
    }

    /** Trains a model that gives probabilities, with {@code hyperParameters} over the type's defaults. */
    public TribuoClassifier fit(TrainingSet data, HyperParameters hyperParameters) {
        Standardizer scaler = Standardizer.fit(data.features());
        Model<Label> model = train(data, scaler, hyperParameters, true);
        return new TribuoClassifier(model, scaler, data.classes());
    }

    /**
     * Trains a model only to predict labels, for hyper-parameter selection; it skips libsvm's internal
     * cross-validation for probabilities, which would multiply an SVM's training time by about six.
     */
    ToIntFunction<double[]> fitLabelPredictor(TrainingSet data, HyperParameters hyperParameters) {
        Standardizer scaler = Standardizer.fit(data.features());
        Model<Label> model = train(data, scaler, hyperParameters, false);
        String[] names = TribuoClassifier.featureNames(data.featureCount());
        List<String> classes = data.classes();
        return raw -> classes.indexOf(model.predict(TribuoClassifier.example(names, scaler.apply(raw), null))
                .getOutput().getLabel());
    }

    private Model<Label> train(TrainingSet data, Standardizer scaler, HyperParameters hyperParameters,
                               boolean probabilities) {
        HyperParameters hp = type.defaults().with(hyperParameters);
        float[] classWeights = classWeights(data);
        String[] names = TribuoClassifier.featureNames(data.featureCount());
        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance("ser4j features", labels),
                labels);
        for (int i = 0; i < data.size(); i++) {
            Example<Label> example = TribuoClassifier.example(names, scaler.apply(data.features()[i]),
                    new Label(data.classes().get(data.labels()[i])));
            example.setWeight(classWeights[data.labels()[i]]);
            dataset.add(example);
        }
        Trainer<Label> trainer = trainer(hp, data.featureCount(), probabilities);
        if (trainer instanceof WeightedLabels weighted) {
            // libsvm ignores example weights; it scales C per class instead.
            Map<Label, Float> perLabel = new HashMap<>();
            int[] counts = data.classCounts();
            for (int c = 0; c < classWeights.length; c++) {
                if (counts[c] > 0) {
                    perLabel.put(new Label(data.classes().get(c)), classWeights[c]);
                }
            }
            weighted.setLabelWeights(perLabel);
        }
        if (trainer instanceof LibSVMClassificationTrainer && probabilities) {
            synchronized (LIBSVM_GLOBAL_RANDOM) {
                return trainer.train(dataset);
            }
        }
        return trainer.train(dataset);
    }

    private float[] classWeights(TrainingSet data) {
        int[] counts = data.classCounts();
        float[] weights = new float[counts.length];
        long present = Arrays.stream(counts).filter(n -> n > 0).count();
        for (int c = 0; c < counts.length; c++) {
            weights[c] = !balanceClasses || counts[c] == 0 ? 1f : (float) (data.size() / (double) (present * counts[c]));
        }
        return weights;
    }

    private Trainer<Label> trainer(HyperParameters hp, int featureCount, boolean probabilities) {
        return switch (type) {
            case SVM_RBF, SVM_LINEAR -> {
                SVMParameters<Label> params = new SVMParameters<>(
                        new SVMClassificationType(SVMClassificationType.SVMMode.C_SVC),
                        type == ModelType.SVM_RBF ? KernelType.RBF : KernelType.LINEAR);
                params.setCost(hp.get("C", 1));
                double gamma = hp.get("gamma", 0);
                params.setGamma(gamma > 0 ? gamma : 1.0 / featureCount);
                if (probabilities) {
                    params.setProbability();
                }
                yield new LibSVMClassificationTrainer(params, seed);
            }
            case RANDOM_FOREST -> {
                double fraction = hp.get("feature_fraction", 0);
                float featureFraction = (float) (fraction > 0 ? fraction
                        : Math.min(0.999, Math.sqrt(featureCount) / featureCount));
                CARTClassificationTrainer tree = new CARTClassificationTrainer(hp.getInt("max_depth", 12), 1f, 0f,
                        featureFraction, false, new GiniIndex(), seed);
                yield new RandomForestTrainer<>(tree, new FullyWeightedVotingCombiner(), hp.getInt("trees", 100), seed);
            }
            case GRADIENT_BOOSTING -> new XGBoostClassificationTrainer(XGBoostTrainer.BoosterType.GBTREE,
                    XGBoostTrainer.TreeMethod.HIST, hp.getInt("rounds", 100), hp.get("eta", 0.1), 0,
                    hp.getInt("max_depth", 4), 1, hp.get("subsample", 0.8), 1.0, 1.0, 0, threads,
                    XGBoostTrainer.LoggingVerbosity.SILENT, seed);
            case LOGISTIC_REGRESSION -> new LinearSGDTrainer(new LogMulticlass(),
                    new AdaGrad(hp.get("learning_rate", 0.5), 0.1), hp.getInt("epochs", 10), -1, 1, seed);
        };
    }
}
