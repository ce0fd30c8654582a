package org.ser4j.models.classical;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The classical model families ser4j trains (all through Tribuo), each with default hyper-parameters and a small
 * default search grid. Grids are deliberately small: every point costs one fit per inner fold per outer fold.
 *
 * <p>Hyper-parameter names: {@code C} (SVM cost), {@code gamma} (RBF width; 0 means 1/number of features, which
 * on standardised data equals scikit-learn's {@code gamma='scale'}), {@code trees}, {@code max_depth},
 * {@code feature_fraction} (random forest: share of features tried per split; 0 means sqrt(F)/F),
 * {@code rounds}, {@code eta}, {@code subsample} (boosting), {@code epochs}, {@code learning_rate} (logistic
 * regression, AdaGrad).
 */
public enum ModelType {
    /** C-SVC with an RBF kernel (libsvm); probabilities by libsvm's pairwise Platt coupling. */
    SVM_RBF("svm-rbf", "SVM, RBF kernel"),
    /** C-SVC with a linear kernel (libsvm); probabilities as for {@link #SVM_RBF}. */
    SVM_LINEAR("svm-linear", "SVM, linear kernel"),
    /** Bagged CART trees with random feature subsets; probabilities averaged over trees. */
    RANDOM_FOREST("random-forest", "random forest"),
    /** Gradient-boosted trees (XGBoost, histogram method), softmax objective. */
    GRADIENT_BOOSTING("xgboost", "gradient boosting (XGBoost)"),
    /** Multinomial logistic regression trained by SGD with AdaGrad. */
    LOGISTIC_REGRESSION("logreg", "logistic regression");

    private final String id;
    private final String description;

    ModelType(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The short name used on the command line, in bundles and in JSON, e.g. {@code svm-rbf}. */
    @JsonValue
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /**
     * Parses an id ({@code svm-rbf}), enum name ({@code SVM_RBF}) or the short aliases the CLI documents
     * ({@code svm}, {@code rf}, {@code gbm}), case-insensitively.
     */
    @JsonCreator
    public static ModelType parse(String name) {
        String wanted = switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "svm" -> "svm-rbf";
            case "rf" -> "random-forest";
            case "gbm", "boosting" -> "xgboost";
            default -> name.trim().toLowerCase(Locale.ROOT);
        };
        for (ModelType t : values()) {
            if (t.id.equals(wanted) || t.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown model type '" + name + "' (known: "
                + Arrays.stream(values()).map(ModelType::id).collect(Collectors.joining(", ")) + ")");
    }

    /** Settings used when no search is run, and for any parameter a grid leaves out. */
    public HyperParameters defaults() {
        return switch (this) {
            case SVM_RBF -> HyperParameters.of("C", 10, "gamma", 0);
            case SVM_LINEAR -> HyperParameters.of("C", 0.1);
            // 100 trees of depth <= 12 keep a forest to a few MB; Tribuo bags sequentially, so it is the slowest.
            case RANDOM_FOREST -> new HyperParameters(Map.of("trees", 100.0, "max_depth", 12.0,
                    "feature_fraction", 0.0));
            case GRADIENT_BOOSTING -> new HyperParameters(Map.of("rounds", 100.0, "max_depth", 4.0, "eta", 0.1,
                    "subsample", 0.8));
            case LOGISTIC_REGRESSION -> HyperParameters.of("epochs", 10, "learning_rate", 0.5);
        };
    }

    /**
     * The default search grid for {@code featureCount} features; each point is complete (defaults filled in).
     * The SVM's gamma axis is relative to 1/featureCount so it suits any feature set.
     */
    public List<HyperParameters> defaultGrid(int featureCount) {
        double g = 1.0 / featureCount;
        Map<String, List<Double>> axes = switch (this) {
            // 2 x 2: a libsvm fit on ~3000 overlapping rows takes seconds, and the grid is paid per inner fold.
            case SVM_RBF -> Map.of("C", List.of(1.0, 10.0), "gamma", List.of(g / 4, g));
            case SVM_LINEAR -> Map.of("C", List.of(0.01, 0.1, 1.0));
            // Tribuo grows trees one after another (about a minute per 100 trees on 2000 x 200): no search.
            case RANDOM_FOREST -> Map.of();
            case GRADIENT_BOOSTING -> Map.of("max_depth", List.of(3.0, 6.0));
            case LOGISTIC_REGRESSION -> Map.of("learning_rate", List.of(0.1, 0.5), "epochs", List.of(5.0, 20.0));
        };
        return HyperParameters.grid(axes).stream().map(defaults()::with).collect(Collectors.toList());
    }

    @Override
    public String toString() {
        return id;
    }
}
