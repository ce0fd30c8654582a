package org.ser4j.deep.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.transformer.ScaledDotProductAttentionBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One pre-norm transformer encoder layer: x + dropout(self-attention(layernorm(x))), then
 * x + dropout(feed-forward(layernorm(x))) with a GELU feed-forward of {@code ffnSize} units. (DJL's own
 * {@code TransformerEncoderBlock} normalises with batch norm, not layer norm.) Inputs
 * {@code [x (batch, frames, d), attentionMask (batch, frames, frames)]}.
 */
public final class EncoderLayer extends AbstractBlock {
    private static final byte VERSION = 1;
    private final LayerNorm attentionNorm;
    private final ScaledDotProductAttentionBlock attention;
    private final LayerNorm feedForwardNorm;
    private final Linear expand;
    private final Linear contract;
    private final Dropout dropout;

    public EncoderLayer(int modelSize, int heads, int ffnSize, float dropoutRate) {
        super(VERSION);
        attentionNorm = addChildBlock("attentionNorm", LayerNorm.builder().axis(2).build());
        attention = addChildBlock("attention", ScaledDotProductAttentionBlock.builder().setEmbeddingSize(modelSize)
                .setHeadCount(heads).optAttentionProbsDropoutProb(dropoutRate).build());
        feedForwardNorm = addChildBlock("feedForwardNorm", LayerNorm.builder().axis(2).build());
        expand = addChildBlock("expand", Linear.builder().setUnits(ffnSize).build());
        contract = addChildBlock("contract", Linear.builder().setUnits(modelSize).build());
        dropout = addChildBlock("dropout", Dropout.builder().optRate(dropoutRate).build());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        attentionNorm.initialize(manager, dataType, x);
        attention.initialize(manager, dataType, inputShapes);
        feedForwardNorm.initialize(manager, dataType, x);
        expand.initialize(manager, dataType, x);
        contract.initialize(manager, dataType, expand.getOutputShapes(new Shape[] {x})[0]);
        dropout.initialize(manager, dataType, x);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray normed = attentionNorm.forward(store, new NDList(x), training).head();
        NDArray attended = attention.forward(store, new NDList(normed, inputs.get(1)), training).head();
        x = x.add(dropout.forward(store, new NDList(attended), training).head());
        NDArray inner = Activation.gelu(expand.forward(store, feedForwardNorm.forward(store, new NDList(x),
                training), training).head());
        NDArray out = contract.forward(store, dropout.forward(store, new NDList(inner), training), training).head();
        return new NDList(x.add(dropout.forward(store, new NDList(out), training).head()));
    }
}
