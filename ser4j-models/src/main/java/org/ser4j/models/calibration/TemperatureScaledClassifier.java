package org.ser4j.models.calibration;

import java.util.List;
import org.ser4j.models.Classifier;

/** A classifier whose probabilities are rescaled by a fitted temperature (see {@link TemperatureScaling}). */
public final class TemperatureScaledClassifier implements Classifier {
    private final Classifier base;
    private final double temperature;

    public TemperatureScaledClassifier(Classifier base, double temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
        this.base = base;
        this.temperature = temperature;
    }

    @Override
    public List<String> classes() {
        return base.classes();
    }

    @Override
    public double[] predictProba(double[] features) {
        return TemperatureScaling.apply(base.predictProba(features), temperature);
    }

    public Classifier base() {
        return base;
    }

    public double temperature() {
        return temperature;
    }
}
