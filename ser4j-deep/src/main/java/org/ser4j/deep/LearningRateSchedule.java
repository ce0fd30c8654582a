package org.ser4j.deep;

import ai.djl.training.tracker.Tracker;

/**
 * The learning rate per optimiser step. {@code cosine}: linear warm-up over the first {@code warmupSteps}, then
 * cosine decay to 1 % of the peak at {@code totalSteps}. {@code plateau}: the peak, halved each time
 * {@link #epochEnded} reports {@code patience} epochs in a row without a better validation score. {@code constant}:
 * the peak.
 */
final class LearningRateSchedule implements Tracker {
    private static final double FLOOR = 0.01;
    private final String kind;
    private final double peak;
    private final int warmupSteps;
    private final int totalSteps;
    private final int patience;
    private volatile double plateauFactor = 1;
    private int epochsWithoutImprovement;
    private double bestScore = Double.NEGATIVE_INFINITY;

    LearningRateSchedule(String kind, double peak, int warmupSteps, int totalSteps, int patience) {
        this.kind = kind;
        this.peak = peak;
        this.warmupSteps = warmupSteps;
        this.totalSteps = Math.max(1, totalSteps);
        this.patience = patience;
    }

    @Override
    public float getNewValue(int step) {
        return (float) rate(step);
    }

    double rate(int step) {
        return switch (kind) {
            case "cosine" -> {
                if (step < warmupSteps) {
                    yield peak * (step + 1) / warmupSteps;
                }
                double progress = Math.min(1.0, (step - warmupSteps) / (double) Math.max(1, totalSteps - warmupSteps));
                yield peak * (FLOOR + (1 - FLOOR) * 0.5 * (1 + Math.cos(Math.PI * progress)));
            }
            case "plateau" -> peak * plateauFactor;
            default -> peak;
        };
    }

    /** Reports an epoch's validation score (higher is better); the plateau schedule reacts to it. */
    void epochEnded(double score) {
        if (score > bestScore + 1e-9) {
            bestScore = score;
            epochsWithoutImprovement = 0;
        } else if (++epochsWithoutImprovement >= patience && kind.equals("plateau")) {
            plateauFactor *= 0.5;
            epochsWithoutImprovement = 0;
        }
    }
}
