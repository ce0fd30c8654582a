package org.ser4j.deep;

import ai.djl.nn.Block;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ser4j.data.sequence.SequenceSpec;
import org.ser4j.deep.nn.AttentionBiLstmNetwork;
import org.ser4j.deep.nn.CnnNetwork;
import org.ser4j.deep.nn.CrnnNetwork;
import org.ser4j.deep.nn.LstmNetwork;
import org.ser4j.deep.nn.TransformerNetwork;

/** The network families ser4j trains, each with a default size suited to emotional speech at 16 kHz. */
public enum Architecture {
    /** Conv-BN-ReLU-pool stages on the log-mel image, global (masked) pooling, dense head. */
    CNN("cnn"),
    /** CNN front end, then a bidirectional LSTM (or GRU) over time. */
    CRNN("crnn"),
    /** CNN front end, bidirectional LSTM, attention-weighted pooling over frames. */
    BILSTM_ATTENTION("bilstm-attention"),
    /** Transformer encoder over (subsampled) frames with positional encoding and layer norm. */
    TRANSFORMER("transformer"),
    /** A plain one-directional LSTM over MFCC + delta + delta-delta frames (the original design's baseline). */
    LSTM("lstm");

    private final String id;

    Architecture(String id) {
        this.id = id;
    }

    /** The id used by the CLI and in bundles, e.g. {@code bilstm-attention}. */
    public String id() {
        return id;
    }

    public static Architecture of(String id) {
        for (Architecture a : values()) {
            if (a.id.equalsIgnoreCase(id) || a.name().equalsIgnoreCase(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown architecture '" + id + "' (" + ids() + ")");
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Architecture::id).toList();
    }

    /** The default size of this architecture. */
    public NetworkConfig defaultConfig() {
        return switch (this) {
            // four stages take 64 mel bands x 300 frames down to 4 x 18 maps
            case CNN -> new NetworkConfig(List.of(16, 32, 64, 64), false, 0.3f, 64, "lstm", 0, true, 0, 1, 0, 0, 0,
                    0);
            case CRNN -> new NetworkConfig(List.of(16, 32, 64), false, 0.3f, 64, "lstm", 64, true, 0, 1, 0, 0, 0, 0);
            case BILSTM_ATTENTION -> new NetworkConfig(List.of(16, 32), false, 0.3f, 64, "lstm", 64, true, 64, 1, 0,
                    0, 0, 0);
            // 2x subsampling: 150 positions of 10 ms pairs; 2 layers of d=64 with 4 heads
            case TRANSFORMER -> new NetworkConfig(List.of(), false, 0.1f, 64, "lstm", 0, true, 0, 2, 64, 4, 128, 2);
            case LSTM -> new NetworkConfig(List.of(), false, 0.3f, 64, "lstm", 128, false, 0, 1, 0, 0, 0, 0);
        };
    }

    /** The input this architecture reads by default: MFCC + deltas for the plain LSTM, log-mel for the others. */
    public SequenceSpec defaultInput() {
        return this == LSTM ? SequenceSpec.MFCC_DELTA_DEFAULT : SequenceSpec.LOG_MEL_DEFAULT;
    }

    /** A fresh, uninitialised network for {@code classes} classes. */
    public Block build(NetworkConfig config, int classes) {
        return switch (this) {
            case CNN -> new CnnNetwork(config, classes);
            case CRNN -> new CrnnNetwork(config, classes);
            case BILSTM_ATTENTION -> new AttentionBiLstmNetwork(config, classes);
            case TRANSFORMER -> new TransformerNetwork(config, classes);
            case LSTM -> new LstmNetwork(config, classes);
        };
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
