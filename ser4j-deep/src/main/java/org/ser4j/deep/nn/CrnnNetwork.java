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
 * CRNN: the {@link ConvBlocks} front end, its maps read as a sequence of frames (filters x remaining frequency
 * bands per frame), a (bi)directional LSTM or GRU over them, a masked mean over real frames, the dense head.
 */
public final class CrnnNetwork extends SequenceNetwork {
    private final SequentialBlock convs;
    private final BiRecurrent recurrent;
    private final SequentialBlock head;
    private final int stride;

    public CrnnNetwork(NetworkConfig config, int classes) {
        super(classes);
        convs = addChildBlock("convs", ConvBlocks.stack(config.convChannels(), config.residual(), config.dropout()));
        recurrent = addChildBlock("recurrent", new BiRecurrent(config.cell(), config.recurrentUnits(),
                config.bidirectional()));
        head = addChildBlock("head", head(config.hidden(), classes, config.dropout()));
        stride = ConvBlocks.stride(config.convChannels().size());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape image = new Shape(inputShapes[0].get(0), 1, inputShapes[0].get(1), inputShapes[0].get(2));
        convs.initialize(manager, dataType, image);
        Shape maps = convs.getOutputShapes(new Shape[] {image})[0];
        recurrent.initialize(manager, dataType, new Shape(maps.get(0), maps.get(3), maps.get(1) * maps.get(2)));
        head.initialize(manager, dataType, new Shape(maps.get(0), recurrent.outputSize()));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray maps = convs.forward(store, new NDList(asImage(inputs)), training).head();
        NDArray states = recurrent.forward(store, new NDList(mapsToSequence(maps)), training).head();
        NDArray mask = downsampleMask(inputs.get(1), stride, states.getShape().get(1));
        return head.forward(store, new NDList(maskedMean(states, mask)), training);
    }
}
