package org.ser4j.deep.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.ser4j.deep.NetworkConfig;

/**
 * The plain recurrent baseline of the original design: an LSTM (or GRU; one direction unless configured) reads the
 * feature frames as they are, with no convolutional front end; a masked mean over real frames feeds the dense head.
 * By default it reads MFCCs with deltas and delta-deltas ({@code Architecture.LSTM.defaultInput()}).
 */
public final class LstmNetwork extends SequenceNetwork {
    private final BiRecurrent recurrent;
    private final SequentialBlock head;

    public LstmNetwork(NetworkConfig config, int classes) {
        super(classes);
        recurrent = addChildBlock("recurrent", new BiRecurrent(config.cell(), config.recurrentUnits(),
                config.bidirectional()));
        head = addChildBlock("head", head(config.hidden(), classes, config.dropout()));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape features = inputShapes[0]; // (batch, channels, frames)
        recurrent.initialize(manager, dataType, new Shape(features.get(0), features.get(2), features.get(1)));
        head.initialize(manager, dataType, new Shape(features.get(0), recurrent.outputSize()));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray frames = inputs.get(0).transpose(0, 2, 1);
        NDArray states = recurrent.forward(store, new NDList(frames), training).head();
        return head.forward(store, new NDList(maskedMean(states, inputs.get(1))), training);
    }
}
