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
 * CNN on the log-mel image: {@link ConvBlocks} stages, the maps averaged over frequency, then a masked mean over
 * real frames (global pooling that ignores padding), then the dense head.
 */
public final class CnnNetwork extends SequenceNetwork {
    private final SequentialBlock convs;
    private final SequentialBlock head;
    private final int stride;

    public CnnNetwork(NetworkConfig config, int classes) {
        super(classes);
        convs = addChildBlock("convs", ConvBlocks.stack(config.convChannels(), config.residual(), config.dropout()));
        head = addChildBlock("head", head(config.hidden(), classes, config.dropout()));
        stride = ConvBlocks.stride(config.convChannels().size());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape image = new Shape(inputShapes[0].get(0), 1, inputShapes[0].get(1), inputShapes[0].get(2));
        convs.initialize(manager, dataType, image);
        Shape maps = convs.getOutputShapes(new Shape[] {image})[0];
        head.initialize(manager, dataType, new Shape(maps.get(0), maps.get(1)));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray maps = convs.forward(store, new NDList(asImage(inputs)), training).head();
        // (batch, filters, freq, frames) -> (batch, frames, filters)
        NDArray frames = maps.mean(new int[] {2}).transpose(0, 2, 1);
        NDArray mask = downsampleMask(inputs.get(1), stride, frames.getShape().get(1));
        return head.forward(store, new NDList(maskedMean(frames, mask)), training);
    }
}
