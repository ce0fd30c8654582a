package org.ser4j.models.experiment;

import java.util.List;
import java.util.Map;
import org.ser4j.models.adaptation.Adaptation;
import org.ser4j.models.classical.HyperParameters;
import org.ser4j.models.classical.ModelType;
import org.ser4j.models.eval.Evaluation;

/**
 * How to run an experiment. Start from {@link #defaults(ModelType)} and change what differs.
 *
 * @param modelType            the model family
 * @param grid                 hyper-parameter points to search (null: the type's default grid; one point: no search)
 * @param balanceClasses       weight classes inversely to their frequency
 * @param adaptation           how the model adapts to a speaker's clips ({@link Adaptation}); null: it does not
 * @param innerFolds           speaker-grouped folds of the inner (hyper-parameter) cross-validation
 * @param seed                 seed of every random choice (model training, inner folds, bootstrap)
 * @param threads              parallel fits
 * @param bootstrapResamples   resamples for the confidence intervals
 * @param trainFinalModel      also fit a model on all the data and bundle it
 * @param modelName            the bundle's name
 * @param modelVersion         the bundle's version
 * @param declaredLicences     licences of user corpora, by corpus id (published corpora's are built in)
 * @param command              the command line that ran the experiment, recorded in the provenance (may be null)
 */
public record ExperimentSettings(ModelType modelType, List<HyperParameters> grid, boolean balanceClasses,
                                 Adaptation.Method adaptation, int innerFolds, long seed, int threads,
                                 int bootstrapResamples, boolean trainFinalModel, String modelName,
                                 String modelVersion, Map<String, String> declaredLicences, String command) {
    public ExperimentSettings {
        grid = grid == null ? null : List.copyOf(grid);
        declaredLicences = declaredLicences == null ? Map.of() : Map.copyOf(declaredLicences);
        if (innerFolds < 2) {
            throw new IllegalArgumentException("inner folds must be at least 2, got " + innerFolds);
        }
    }

    /** Balanced classes, no adaptation, default grid, 4 inner folds, seed 42, 1 thread. */
    public static ExperimentSettings defaults(ModelType type) {
        return new ExperimentSettings(type, null, true, null, 4, 42, 1, Evaluation.DEFAULT_RESAMPLES, true,
                "ser4j-" + type.id(), "1", Map.of(), null);
    }

    /** The grid to search for {@code featureCount} features. */
    public List<HyperParameters> gridFor(int featureCount) {
        return grid != null ? grid : modelType.defaultGrid(featureCount);
    }

    public ExperimentSettings withGrid(List<HyperParameters> newGrid) {
        return new ExperimentSettings(modelType, newGrid, balanceClasses, adaptation, innerFolds, seed,
                threads, bootstrapResamples, trainFinalModel, modelName, modelVersion, declaredLicences, command);
    }

    public ExperimentSettings withAdaptation(Adaptation.Method method) {
        return new ExperimentSettings(modelType, grid, balanceClasses, method, innerFolds, seed, threads,
                bootstrapResamples, trainFinalModel, modelName, modelVersion, declaredLicences, command);
    }

    public ExperimentSettings withSeedAndThreads(long newSeed, int newThreads) {
        return new ExperimentSettings(modelType, grid, balanceClasses, adaptation, innerFolds, newSeed,
                newThreads, bootstrapResamples, trainFinalModel, modelName, modelVersion, declaredLicences, command);
    }

    public ExperimentSettings withModelName(String name, String version) {
        return new ExperimentSettings(modelType, grid, balanceClasses, adaptation, innerFolds, seed,
                threads, bootstrapResamples, trainFinalModel, name, version, declaredLicences, command);
    }

    public ExperimentSettings withDeclaredLicences(Map<String, String> licences) {
        return new ExperimentSettings(modelType, grid, balanceClasses, adaptation, innerFolds, seed, threads,
                bootstrapResamples, trainFinalModel, modelName, modelVersion, licences, command);
    }

    public ExperimentSettings withCommand(String commandLine) {
        return new ExperimentSettings(modelType, grid, balanceClasses, adaptation, innerFolds, seed, threads,
                bootstrapResamples, trainFinalModel, modelName, modelVersion, declaredLicences, commandLine);
    }

    public ExperimentSettings withTrainFinalModel(boolean on) {
        return new ExperimentSettings(modelType, grid, balanceClasses, adaptation, innerFolds, seed, threads,
                bootstrapResamples, on, modelName, modelVersion, declaredLicences, command);
    }
}
