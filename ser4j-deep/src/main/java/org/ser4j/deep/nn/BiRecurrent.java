package org.ser4j.deep.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.recurrent.RecurrentBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A (bi)directional LSTM or GRU over {@code (batch, frames, features)}, returning {@code (batch, frames, units)}
 * (2 x units when bidirectional). Bidirectional is built from two unidirectional layers, the second run on the
 * time-reversed input and its output reversed back: DJL 0.36's own {@code optBidirectional(true)} passes PyTorch
 * its parameters in the wrong order and fails (STACK.md section 1).
 */
public final class BiRecurrent extends AbstractBlock {
    private static final byte VERSION = 1;
    private final RecurrentBlock forward;
    private final RecurrentBlock backward;
    private final int units;

    /** @param cell "lstm" or "gru" */
    public BiRecurrent(String cell, int units, boolean bidirectional) {
        super(VERSION);
        this.units = units;
        forward = addChildBlock("forward", build(cell, units));
        backward = bidirectional ? addChildBlock("backward", build(cell, units)) : null;
    }

    private static RecurrentBlock build(String cell, int units) {
        return switch (cell) {
            case "lstm" -> LSTM.builder().setStateSize(units).setNumLayers(1).optBatchFirst(true)
                    .optReturnState(false).build();
            case "gru" -> GRU.builder().setStateSize(units).setNumLayers(1).optBatchFirst(true)
                    .optReturnState(false).build();
            default -> throw new IllegalArgumentException("recurrent cell must be lstm or gru, got " + cell);
        };
    }

    /** Output features per frame. */
    public int outputSize() {
        return backward == null ? units : 2 * units;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        forward.initialize(manager, dataType, inputShapes[0]);
        if (backward != null) {
            backward.initialize(manager, dataType, inputShapes[0]);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[0].get(1), outputSize())};
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDArray ahead = forward.forward(store, new NDList(x), training).head();
        if (backward == null) {
            return new NDList(ahead);
        }
        NDArray behind = backward.forward(store, new NDList(x.flip(1)), training).head().flip(1);
        return new NDList(ahead.concat(behind, 2));
    }
}
