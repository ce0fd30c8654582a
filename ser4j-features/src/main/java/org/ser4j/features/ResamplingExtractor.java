package org.ser4j.features;

import java.util.List;
import org.ser4j.audio.Signal;

/**
 * Base of the feature-set extractors: checks the signal ({@link SignalChecks}), prepares it as the spec says
 * ({@link FeatureSpec#prepare}: resampling to the spec's rate and the spec's conditioning), computes the vector and
 * checks its length. Subclasses
 * hold only immutable configuration, so extractors are thread-safe.
 */
public abstract class ResamplingExtractor implements FeatureExtractor {
    private final FeatureSpec spec;
    private final List<String> names;

    protected ResamplingExtractor(FeatureSpec spec, List<String> names) {
        this.spec = spec;
        this.names = List.copyOf(names);
    }

    @Override
    public final FeatureSpec spec() {
        return spec;
    }

    @Override
    public final List<String> names() {
        return names;
    }

    @Override
    public final double[] extract(Signal signal) {
        SignalChecks.requireUsable(signal);
        double[] v = compute(spec.prepare(signal));
        if (v.length != names.size()) {
            throw new IllegalStateException(spec.set() + " produced " + v.length + " values for " + names.size()
                    + " names");
        }
        return v;
    }

    /** The vector for a checked signal already prepared ({@link FeatureSpec#prepare}). */
    protected abstract double[] compute(Signal signal);
}
