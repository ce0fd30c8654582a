package org.ser4j.features;

import org.ser4j.audio.Signal;

/**
 * One entry of the {@link LibrosaFeatures} registry: a frame-level feature under its librosa function name, a
 * one-line description for {@code --help}, and the function computing it.
 *
 * @param name        librosa's name, e.g. {@code mfcc}, {@code spectral_contrast}
 * @param description one line for help output
 * @param function    computes the (features x frames) array from a signal at its own rate and librosa-named params
 */
public record FrameFeature(String name, String description, Function function) {

    /** The computation: reads its parameters from {@code params} (librosa names, librosa defaults). */
    @FunctionalInterface
    public interface Function {
        double[][] compute(Signal signal, Params params);
    }

    public FrameFeature {
        if (name == null || name.isBlank() || description == null || function == null) {
            throw new IllegalArgumentException("a frame feature needs a name, a description and a function");
        }
    }
}
