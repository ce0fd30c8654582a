package org.ser4j.deep.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.ser4j.deep.NetworkConfig;

/**
 * Transformer encoder over frames: frames averaged in groups of {@code subsampling} (attention cost grows with the
 * square of the length), projected to the model size, plus sinusoidal positional encoding (Vaswani et al.), then
 * {@link EncoderLayer}s with padding masked out of attention, a final layer norm, a masked mean, the dense head.
 */
public final class TransformerNetwork extends SequenceNetwork {
    private final int subsampling;
    private final int modelSize;
    private final Linear inputProjection;
    private final List<EncoderLayer> layers = new ArrayList<>();
    private final LayerNorm finalNorm;
    private final SequentialBlock head;

    public TransformerNetwork(NetworkConfig config, int classes) {
        super(classes);
        subsampling = config.subsampling();
        modelSize = config.modelSize();
        inputProjection = addChildBlock("inputProjection", Linear.builder().setUnits(modelSize).build());
        for (int i = 0; i < config.layers(); i++) {
            layers.add(addChildBlock("encoder" + i, new EncoderLayer(modelSize, config.heads(), config.ffnSize(),
                    config.dropout())));
        }
        finalNorm = addChildBlock("finalNorm", LayerNorm.builder().axis(2).build());
        head = addChildBlock("head", head(config.hidden(), classes, config.dropout()));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        long frames = inputShapes[0].get(2) / subsampling;
        inputProjection.initialize(manager, dataType, new Shape(batch, frames, inputShapes[0].get(1)));
        Shape x = new Shape(batch, frames, modelSize);
        for (EncoderLayer layer : layers) {
            layer.initialize(manager, dataType, x, new Shape(batch, frames, frames));
        }
        finalNorm.initialize(manager, dataType, x);
        head.initialize(manager, dataType, new Shape(batch, modelSize));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray features = inputs.get(0);
        if (subsampling > 1) {
            features = Pool.avgPool1d(features, new Shape(subsampling), new Shape(subsampling), new Shape(0), false,
                    true);
        }
        NDArray x = inputProjection.forward(store, new NDList(features.transpose(0, 2, 1)), training).head();
        long batch = x.getShape().get(0);
        long frames = x.getShape().get(1);
        x = x.add(positionalEncoding(x.getManager(), (int) frames, modelSize));
        NDArray mask = downsampleMask(inputs.get(1), subsampling, frames);
        // a query may attend to real frames only: (batch, 1, frames) broadcast over the query axis
        NDArray attentionMask = mask.expandDims(1).broadcast(new Shape(batch, frames, frames));
        for (EncoderLayer layer : layers) {
            x = layer.forward(store, new NDList(x, attentionMask), training).head();
        }
        x = finalNorm.forward(store, new NDList(x), training).head();
        return head.forward(store, new NDList(maskedMean(x, mask)), training);
    }

    /** PE(t, 2i) = sin(t / 10000^(2i/d)), PE(t, 2i+1) = cos(same), shape (frames, d). */
    static NDArray positionalEncoding(NDManager manager, int frames, int d) {
        float[] pe = new float[frames * d];
        for (int t = 0; t < frames; t++) {
            for (int i = 0; i < d; i += 2) {
                double angle = t / Math.pow(10000, i / (double) d);
                pe[t * d + i] = (float) Math.sin(angle);
                if (i + 1 < d) {
                    pe[t * d + i + 1] = (float) Math.cos(angle);
                }
            }
        }
        return manager.create(pe, new Shape(frames, d));
    }
}
