package org.ser4j.deep;

import java.util.List;

/**
 * The sizes of a network; each {@link Architecture} reads the fields it uses and ignores the rest
 * ({@link Architecture#defaultConfig()} gives sensible values).
 *
 * @param convChannels   filters of each convolutional stage (each stage halves frequency and time)
 * @param residual       residual units instead of plain conv-BN-ReLU in each stage
 * @param dropout        dropout rate (after each stage, in the head, in the transformer)
 * @param hidden         units of the head's hidden dense layer
 * @param cell           recurrent cell, {@code lstm} or {@code gru}
 * @param recurrentUnits units per direction of the recurrent layer
 * @param bidirectional  run the recurrent layer both ways
 * @param attentionUnits size of the attention pooling's projection
 * @param subsampling    transformer: frames averaged per position
 * @param modelSize      transformer: model width d
 * @param heads          transformer: attention heads (divides d)
 * @param ffnSize        transformer: feed-forward width
 * @param layers         transformer: encoder layers
 */
public record NetworkConfig(List<Integer> convChannels, boolean residual, float dropout, int hidden, String cell,
                            int recurrentUnits, boolean bidirectional, int attentionUnits, int subsampling,
                            int modelSize, int heads, int ffnSize, int layers) {
    public NetworkConfig {
        convChannels = List.copyOf(convChannels);
        if (!(dropout >= 0 && dropout < 1) || hidden <= 0 || subsampling < 1) {
            throw new IllegalArgumentException("bad network config: dropout " + dropout + ", hidden " + hidden
                    + ", subsampling " + subsampling);
        }
        if (heads > 0 && modelSize % heads != 0) {
            throw new IllegalArgumentException("model size " + modelSize + " must be divisible by heads " + heads);
        }
    }

    /** The same network with dropout {@code rate}. */
    public NetworkConfig withDropout(float rate) {
        return new NetworkConfig(convChannels, residual, rate, hidden, cell, recurrentUnits, bidirectional,
                attentionUnits, subsampling, modelSize, heads, ffnSize, layers);
    }

    /** The same network with residual convolution stages on or off. */
    public NetworkConfig withResidual(boolean on) {
        return new NetworkConfig(convChannels, on, dropout, hidden, cell, recurrentUnits, bidirectional,
                attentionUnits, subsampling, modelSize, heads, ffnSize, layers);
    }

    /** The same network with a GRU or LSTM cell. */
    public NetworkConfig withCell(String recurrentCell) {
        return new NetworkConfig(convChannels, residual, dropout, hidden, recurrentCell, recurrentUnits,
                bidirectional, attentionUnits, subsampling, modelSize, heads, ffnSize, layers);
    }

    /** A tiny version (for tests): every width divided by {@code factor}, at least 2 (heads kept dividing d). */
    public NetworkConfig shrink(int factor) {
        int d = Math.max(heads == 0 ? 2 : heads * 2, modelSize / factor);
        return new NetworkConfig(convChannels.stream().map(c -> Math.max(2, c / factor)).toList(), residual, dropout,
                Math.max(2, hidden / factor), cell, recurrentUnits == 0 ? 0 : Math.max(2, recurrentUnits / factor),
                bidirectional, attentionUnits == 0 ? 0 : Math.max(2, attentionUnits / factor), subsampling,
                modelSize == 0 ? 0 : d, heads, ffnSize == 0 ? 0 : Math.max(2, ffnSize / factor), layers);
    }
}
