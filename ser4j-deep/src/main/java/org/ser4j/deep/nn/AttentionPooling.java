package org.ser4j.deep.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Temporal attention pooling (additive attention, as in Mirsamadi et al. 2017 for emotion): a score per frame
 * {@code v . tanh(W h_t)}, padding frames pushed to -inf, softmax over time, and the attention-weighted sum of the
 * frames. Inputs {@code [h (batch, frames, features), mask (batch, frames)]}; output {@code (batch, features)}.
 */
public final class AttentionPooling extends AbstractBlock {
    private static final byte VERSION = 1;
    private final Linear projection;
    private final Linear score;

    public AttentionPooling(int attentionUnits) {
        super(VERSION);
        projection = addChildBlock("projection", Linear.builder().setUnits(attentionUnits).build());
        score = addChildBlock("score", Linear.builder().setUnits(1).optBias(false).build());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape h = inputShapes[0];
        projection.initialize(manager, dataType, h);
        score.initialize(manager, dataType, projection.getOutputShapes(new Shape[] {h})[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[0].get(2))};
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray h = inputs.get(0);
        NDArray mask = inputs.get(1);
        NDArray energy = projection.forward(store, new NDList(h), training).head().tanh();
        NDArray scores = score.forward(store, new NDList(energy), training).head().squeeze(2);
        // padding gets a score of -1e4: exp() underflows to 0, and no NaN when every frame were padding
        NDArray masked = scores.mul(mask).add(mask.sub(1).mul(1e4f));
        NDArray weights = masked.softmax(1);
        return new NDList(h.mul(weights.expandDims(2)).sum(new int[] {1}), weights);
    }
}
