package org.ser4j.deep.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;

/**
 * The contract every ser4j network follows: two inputs, features {@code (batch, channels, frames)} and a frame mask
 * {@code (batch, frames)} (1 for real frames, 0 for padding); one output, class logits {@code (batch, classes)}.
 * Subclasses build their layers in the constructor and initialise them from the input shapes.
 */
public abstract class SequenceNetwork extends AbstractBlock {
    private static final byte VERSION = 1;
    protected final int classes;

    protected SequenceNetwork(int classes) {
        super(VERSION);
        this.classes = classes;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
    }

    /** The classifier head: dense(hidden)-ReLU-dropout-dense(classes). */
    protected static SequentialBlock head(int hidden, int classes, float dropout) {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation::relu)
                .add(Dropout.builder().optRate(dropout).build())
                .add(Linear.builder().setUnits(classes).build());
    }

    /**
     * Mean over real frames: {@code x (batch, frames, features)}, {@code mask (batch, frames)} to
     * {@code (batch, features)}. Padding contributes nothing, so a short clip is not diluted by silence.
     */
    protected static NDArray maskedMean(NDArray x, NDArray mask) {
        NDArray m = mask.expandDims(2);
        return x.mul(m).sum(new int[] {1}).div(m.sum(new int[] {1}).maximum(1e-6f));
    }

    /**
     * The mask of a sequence pooled by {@code stride} in time down to {@code frames} frames: pooled frame i covers
     * input frames [i * stride, (i + 1) * stride), real when its first frame is (padding only ever trails).
     */
    protected static NDArray downsampleMask(NDArray mask, int stride, long frames) {
        if (stride == 1) {
            return mask.get(new NDIndex(":, 0:{}", frames));
        }
        return mask.get(new NDIndex(":, 0:{}:{}", frames * stride, stride));
    }

    /** Convolutional maps {@code (batch, channels, freq, frames)} as a frame sequence {@code (batch, frames, channels * freq)}. */
    protected static NDArray mapsToSequence(NDArray maps) {
        Shape s = maps.getShape();
        return maps.transpose(0, 3, 1, 2).reshape(s.get(0), s.get(3), s.get(1) * s.get(2));
    }

    /** The first input as a one-channel image {@code (batch, 1, channels, frames)}. */
    protected static NDArray asImage(NDList inputs) {
        return inputs.get(0).expandDims(1);
    }
}
