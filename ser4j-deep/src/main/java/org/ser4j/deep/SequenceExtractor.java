package org.ser4j.deep;

import java.util.ArrayList;
import java.util.List;
import org.ser4j.audio.Signal;
import org.ser4j.data.sequence.ChannelNormalizer;
import org.ser4j.data.sequence.Sequence;
import org.ser4j.data.sequence.SequenceFeatures;
import org.ser4j.data.sequence.SequenceSpec;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.features.FeatureSpec;

/**
 * The {@link FeatureExtractor} of a deep model, so the shared {@code Predictor} works unchanged: a signal becomes
 * its normalised, centre-cropped (or padded) sequence, flattened as every value channel by channel, then the frame
 * mask. {@link DeepClassifier} unflattens it. Thread-safe.
 */
public final class SequenceExtractor implements FeatureExtractor {
    private final SequenceSpec spec;
    private final ChannelNormalizer normalizer;
    private final List<String> names;

    public SequenceExtractor(SequenceSpec spec, ChannelNormalizer normalizer) {
        if (normalizer.channels() != spec.channels()) {
            throw new IllegalArgumentException("normaliser has " + normalizer.channels() + " channels, the input "
                    + spec.channels());
        }
        this.spec = spec;
        this.normalizer = normalizer;
        List<String> n = new ArrayList<>(spec.channels() * spec.frames() + spec.frames());
        for (int c = 0; c < spec.channels(); c++) {
            for (int t = 0; t < spec.frames(); t++) {
                n.add("x_" + c + "_" + t);
            }
        }
        for (int t = 0; t < spec.frames(); t++) {
            n.add("mask_" + t);
        }
        this.names = List.copyOf(n);
    }

    @Override
    public FeatureSpec spec() {
        return spec.toFeatureSpec();
    }

    public SequenceSpec sequenceSpec() {
        return spec;
    }

    public ChannelNormalizer normalizer() {
        return normalizer;
    }

    @Override
    public List<String> names() {
        return names;
    }

    /** The model input for a signal: normalised, centre window. */
    public Sequence sequence(Signal signal) {
        return SequenceFeatures.centerCrop(normalizer.apply(SequenceFeatures.compute(signal, spec)), spec.frames());
    }

    @Override
    public double[] extract(Signal signal) {
        return flatten(sequence(signal));
    }

    /** values (channel-major) then mask. */
    public static double[] flatten(Sequence s) {
        int c = s.channels();
        int t = s.frames();
        double[] out = new double[c * t + t];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < t; j++) {
                out[i * t + j] = s.values()[i][j];
            }
        }
        for (int j = 0; j < t; j++) {
            out[c * t + j] = s.mask()[j];
        }
        return out;
    }
}
