package org.ser4j.deep;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ser4j.data.sequence.SequenceSpec;

/**
 * Everything that shapes a deep training run. Start from {@link #defaults(Architecture)} and change fields with
 * the {@code with...} methods.
 *
 * @param architecture       network family
 * @param network            its sizes
 * @param input              the fixed-length input (log-mel or MFCC+deltas, frames)
 * @param epochs             maximum epochs
 * @param batchSize          utterances per step
 * @param learningRate       peak learning rate
 * @param weightDecay        L2 weight decay (coupled for Adam, decoupled for AdamW)
 * @param optimizer          {@code adam} or {@code adamw}
 * @param schedule           {@code plateau} (halve the rate after {@code plateauPatience} epochs without a better
 *                           validation UA), {@code cosine} (linear warm-up, then cosine decay to 1 % of the peak),
 *                           or {@code constant}
 * @param warmupEpochs       warm-up length for {@code cosine}
 * @param plateauPatience    epochs without improvement before {@code plateau} halves the rate
 * @param patience           early stopping: epochs without a better validation UA before training stops
 * @param classWeights       weight the loss by inverse class frequency (balanced)
 * @param augmentation       waveform augmentation in {@link org.ser4j.data.augment.AugmentationPipeline#parse}'s
 *                           text form: {@code none}, {@code default}, or a list
 * @param specAugment        SpecAugment time and frequency masks on the training inputs
 * @param seed               seed of every random choice (initialisation, shuffling, augmentation, dropout)
 * @param checkpointDir      folder for per-epoch checkpoints (resumed from when present), or null
 * @param trainFinalModel    after the folds, train on all data and return a bundle
 * @param modelName          name in the bundle's provenance
 * @param modelVersion       version in the bundle's provenance
 * @param bootstrapResamples resamples for the evaluation's confidence intervals
 * @param quiet              no progress bar
 */
public record DeepSettings(Architecture architecture, NetworkConfig network, SequenceSpec input, int epochs,
                           int batchSize, double learningRate, double weightDecay, String optimizer, String schedule,
                           int warmupEpochs, int plateauPatience, int patience, boolean classWeights,
                           String augmentation, boolean specAugment, long seed, Path checkpointDir,
                           boolean trainFinalModel, String modelName, String modelVersion, int bootstrapResamples,
                           boolean quiet) {
    public DeepSettings {
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || weightDecay < 0 || patience < 1) {
            throw new IllegalArgumentException("need epochs >= 1, batch size >= 1, learning rate > 0, weight decay "
                    + ">= 0, patience >= 1");
        }
        if (!optimizer.equals("adam") && !optimizer.equals("adamw")) {
            throw new IllegalArgumentException("optimizer must be adam or adamw, got " + optimizer);
        }
        if (!schedule.equals("plateau") && !schedule.equals("cosine") && !schedule.equals("constant")) {
            throw new IllegalArgumentException("schedule must be plateau, cosine or constant, got " + schedule);
        }
    }

    /**
     * Defaults for an architecture: its default input (log-mel 64 x 300, 3 s; MFCC + deltas for the LSTM), 30
     * epochs, batch 16, AdamW 1e-3 (transformer 5e-4) with weight decay 1e-4, cosine schedule with 2 warm-up epochs,
     * early stopping after 8 epochs, balanced class weights, default augmentation plus SpecAugment, seed 42.
     */
    public static DeepSettings defaults(Architecture architecture) {
        double lr = architecture == Architecture.TRANSFORMER ? 5e-4 : 1e-3;
        return new DeepSettings(architecture, architecture.defaultConfig(), architecture.defaultInput(), 30, 16, lr,
                1e-4, "adamw", "cosine", 2, 3, 8, true, "default", true, 42, null, true,
                "ser4j-" + architecture.id(), "1", 1000, false);
    }

    public DeepSettings withNetwork(NetworkConfig n) {
        return new DeepSettings(architecture, n, input, epochs, batchSize, learningRate, weightDecay, optimizer,
                schedule, warmupEpochs, plateauPatience, patience, classWeights, augmentation, specAugment, seed,
                checkpointDir, trainFinalModel, modelName, modelVersion, bootstrapResamples, quiet);
    }

    public DeepSettings withInput(org.ser4j.data.sequence.SequenceSpec spec) {
        return new DeepSettings(architecture, network, spec, epochs, batchSize, learningRate, weightDecay, optimizer,
                schedule, warmupEpochs, plateauPatience, patience, classWeights, augmentation, specAugment, seed,
                checkpointDir, trainFinalModel, modelName, modelVersion, bootstrapResamples, quiet);
    }

    public DeepSettings withTraining(int newEpochs, int newBatchSize, double newLearningRate, int newPatience) {
        return new DeepSettings(architecture, network, input, newEpochs, newBatchSize, newLearningRate, weightDecay,
                optimizer, schedule, warmupEpochs, plateauPatience, newPatience, classWeights, augmentation,
                specAugment, seed, checkpointDir, trainFinalModel, modelName, modelVersion, bootstrapResamples, quiet);
    }

    public DeepSettings withOptimizer(String newOptimizer, double newWeightDecay, String newSchedule,
                                      int newWarmupEpochs) {
        return new DeepSettings(architecture, network, input, epochs, batchSize, learningRate, newWeightDecay,
                newOptimizer, newSchedule, newWarmupEpochs, plateauPatience, patience, classWeights, augmentation,
                specAugment, seed, checkpointDir, trainFinalModel, modelName, modelVersion, bootstrapResamples, quiet);
    }

    /** Waveform augmentation text ({@code none} switches it off) and SpecAugment on/off. */
    public DeepSettings withAugmentation(String pipeline, boolean masks) {
        return new DeepSettings(architecture, network, input, epochs, batchSize, learningRate, weightDecay, optimizer,
                schedule, warmupEpochs, plateauPatience, patience, classWeights, pipeline, masks, seed, checkpointDir,
                trainFinalModel, modelName, modelVersion, bootstrapResamples, quiet);
    }

    public DeepSettings withSeed(long newSeed) {
        return new DeepSettings(architecture, network, input, epochs, batchSize, learningRate, weightDecay, optimizer,
                schedule, warmupEpochs, plateauPatience, patience, classWeights, augmentation, specAugment, newSeed,
                checkpointDir, trainFinalModel, modelName, modelVersion, bootstrapResamples, quiet);
    }

    public DeepSettings withClassWeights(boolean on) {
        return new DeepSettings(architecture, network, input, epochs, batchSize, learningRate, weightDecay, optimizer,
                schedule, warmupEpochs, plateauPatience, patience, on, augmentation, specAugment, seed, checkpointDir,
                trainFinalModel, modelName, modelVersion, bootstrapResamples, quiet);
    }

    public DeepSettings withCheckpointDir(Path dir) {
        return new DeepSettings(architecture, network, input, epochs, batchSize, learningRate, weightDecay, optimizer,
                schedule, warmupEpochs, plateauPatience, patience, classWeights, augmentation, specAugment, seed, dir,
                trainFinalModel, modelName, modelVersion, bootstrapResamples, quiet);
    }

    /** Whether to train a final model (and its name and version). */
    public DeepSettings withFinalModel(boolean train, String name, String version) {
        return new DeepSettings(architecture, network, input, epochs, batchSize, learningRate, weightDecay, optimizer,
                schedule, warmupEpochs, plateauPatience, patience, classWeights, augmentation, specAugment, seed,
                checkpointDir, train, name, version, bootstrapResamples, quiet);
    }

    public DeepSettings withQuiet(boolean on) {
        return new DeepSettings(architecture, network, input, epochs, batchSize, learningRate, weightDecay, optimizer,
                schedule, warmupEpochs, plateauPatience, patience, classWeights, augmentation, specAugment, seed,
                checkpointDir, trainFinalModel, modelName, modelVersion, bootstrapResamples, on);
    }

    public boolean augments() {
        return !augmentation.isBlank() && !augmentation.equalsIgnoreCase("none");
    }

    /** The numeric settings, for the provenance's hyper-parameters. */
    public Map<String, Double> numeric() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("epochs", (double) epochs);
        m.put("batch_size", (double) batchSize);
        m.put("learning_rate", learningRate);
        m.put("weight_decay", weightDecay);
        m.put("dropout", (double) network.dropout());
        m.put("patience", (double) patience);
        m.put("warmup_epochs", (double) warmupEpochs);
        return m;
    }
}
