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
 * CNN-BiLSTM with temporal attention: a light {@link ConvBlocks} front end, a bidirectional LSTM (or GRU) over its
 * frames, {@link AttentionPooling} over the real frames (the network learns which frames carry the emotion), the
 * dense head.
 */
public final class AttentionBiLstmNetwork extends SequenceNetwork {
    private final SequentialBlock convs;
    private final BiRecurrent recurrent;
    private final AttentionPooling attention;
    private final SequentialBlock head;
    private final int stride;

    public AttentionBiLstmNetwork(NetworkConfig config, int classes) {
        super(classes);
        convs = addChildBlock("convs", ConvBlocks.stack(config.convChannels(), config.residual(), config.dropout()));
        recurrent = addChildBlock("recurrent", new BiRecurrent(config.cell(), config.recurrentUnits(),
                config.bidirectional()));
        attention = addChildBlock("attention", new AttentionPooling(config.attentionUnits()));
        head = addChildBlock("head", head(config.hidden(), classes, config.dropout()));
        stride = ConvBlocks.stride(config.convChannels().size());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape image = new Shape(inputShapes[0].get(0), 1, inputShapes[0].get(1), inputShapes[0].get(2));
        convs.initialize(manager, dataType, image);
        Shape maps = convs.getOutputShapes(new Shape[] {image})[0];
        Shape sequence = new Shape(maps.get(0), maps.get(3), maps.get(1) * maps.get(2));
        recurrent.initialize(manager, dataType, sequence);
        Shape states = recurrent.getOutputShapes(new Shape[] {sequence})[0];
        attention.initialize(manager, dataType, states, new Shape(maps.get(0), maps.get(3)));
        head.initialize(manager, dataType, new Shape(maps.get(0), recurrent.outputSize()));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray maps = convs.forward(store, new NDList(asImage(inputs)), training).head();
        NDArray states = recurrent.forward(store, new NDList(mapsToSequence(maps)), training).head();
        NDArray mask = downsampleMask(inputs.get(1), stride, states.getShape().get(1));
        NDArray pooled = attention.forward(store, new NDList(states, mask), training).head();
        return head.forward(store, new NDList(pooled), training);
    }
}
