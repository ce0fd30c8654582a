package org.ser4j.deep.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * The convolutional front end shared by the CNN, CRNN and attention networks: per stage, a 3x3 convolution,
 * batch norm and ReLU (or a residual unit of two of them with a skip connection), then 2x2 max pooling (halving
 * both frequency and time); dropout after the last stage only. Dropout between batch-norm layers makes the
 * variance batch norm sees in training larger than at inference (Li et al., 2019, "Understanding the disharmony
 * between dropout and batch normalization"); measured here on EMO-DB it collapsed inference to a single class.
 */
public final class ConvBlocks {
    private ConvBlocks() {
    }

    /** One stage per entry of {@code channels}. */
    public static SequentialBlock stack(List<Integer> channels, boolean residual, float dropout) {
        SequentialBlock stack = new SequentialBlock();
        for (int filters : channels) {
            stack.add(residual ? residualUnit(filters) : convBnRelu(filters));
            stack.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        }
        if (dropout > 0 && !channels.isEmpty()) {
            stack.add(Dropout.builder().optRate(dropout).build());
        }
        return stack;
    }

    static SequentialBlock convBnRelu(int filters) {
        return new SequentialBlock().add(conv3x3(filters)).add(BatchNorm.builder().build()).add(Activation::relu);
    }

    /** Two conv-BN layers plus a 1x1 projection of the input, summed, then ReLU (He et al.'s basic block). */
    static Block residualUnit(int filters) {
        SequentialBlock main = new SequentialBlock().add(conv3x3(filters)).add(BatchNorm.builder().build())
                .add(Activation::relu).add(conv3x3(filters)).add(BatchNorm.builder().build());
        SequentialBlock shortcut = new SequentialBlock()
                .add(Conv2d.builder().setFilters(filters).setKernelShape(new Shape(1, 1)).optBias(false).build())
                .add(BatchNorm.builder().build());
        return new SequentialBlock()
                .add(new ParallelBlock(list -> new NDList(list.get(0).head().add(list.get(1).head())),
                        List.of(main, shortcut)))
                .add(Activation::relu);
    }

    private static Block conv3x3(int filters) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                .optBias(false).build();
    }

    /** Time (and frequency) reduction factor of a stack of {@code stages} stages. */
    public static int stride(int stages) {
        return 1 << stages;
    }

    /** An identity block, for networks without a front end. */
    static Block identity() {
        return Blocks.identityBlock();
    }
}
