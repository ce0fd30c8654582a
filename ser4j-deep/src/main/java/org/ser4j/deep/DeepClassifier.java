package org.ser4j.deep;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.ser4j.data.sequence.Sequence;
import org.ser4j.data.sequence.SequenceSpec;
import org.ser4j.models.Classifier;

/**
 * A trained network behind the {@link Classifier} contract: the input is {@link SequenceExtractor}'s flattened
 * sequence (values, then mask), the output softmax probabilities. Inference runs in DJL's inference mode (dropout
 * off, batch norm on running statistics). Calls are serialised on the instance: PyTorch parallelises inside one
 * forward pass, and a network of this size answers in milliseconds.
 */
public final class DeepClassifier implements Classifier, AutoCloseable {
    private final Architecture architecture;
    private final NetworkConfig config;
    private final SequenceSpec input;
    private final List<String> classes;
    private final Model model;

    DeepClassifier(Architecture architecture, NetworkConfig config, SequenceSpec input, List<String> classes,
                   Model model) {
        this.architecture = architecture;
        this.config = config;
        this.input = input;
        this.classes = List.copyOf(classes);
        this.model = model;
    }

    /** A new, initialised (untrained) network in its own DJL model. */
    static DeepClassifier create(Architecture architecture, NetworkConfig config, SequenceSpec input,
                                 List<String> classes) {
        Model model = Model.newInstance("ser4j-" + architecture.id());
        Block block = architecture.build(config, classes.size());
        model.setBlock(block);
        block.initialize(model.getNDManager(), DataType.FLOAT32, inputShapes(input, 1));
        return new DeepClassifier(architecture, config, input, classes, model);
    }

    /** A network rebuilt from its saved parameters ({@link #weights()}). */
    static DeepClassifier load(Architecture architecture, NetworkConfig config, SequenceSpec input,
                               List<String> classes, byte[] weights) {
        DeepClassifier c = create(architecture, config, input, classes);
        c.setWeights(weights);
        return c;
    }

    static Shape[] inputShapes(SequenceSpec input, long batch) {
        return new Shape[] {new Shape(batch, input.channels(), input.frames()), new Shape(batch, input.frames())};
    }

    Model model() {
        return model;
    }

    public Architecture architecture() {
        return architecture;
    }

    public NetworkConfig config() {
        return config;
    }

    public SequenceSpec input() {
        return input;
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    /** Number of trainable values. */
    public long parameterCount() {
        long n = 0;
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            if (p.getValue().requiresGradient() && p.getValue().isInitialized()) {
                n += p.getValue().getArray().getShape().size();
            }
        }
        return n;
    }

    /** True when every parameter (running statistics included) is finite. */
    public synchronized boolean parametersFinite() {
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            if (p.getValue().isInitialized()) {
                for (float v : p.getValue().getArray().toFloatArray()) {
                    if (!Float.isFinite(v)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** The parameters in DJL's format. */
    public synchronized byte[] weights() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            model.getBlock().saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    synchronized void setWeights(byte[] weights) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(weights))) {
            model.getBlock().loadParameters(model.getNDManager(), in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ai.djl.MalformedModelException e) {
            throw new IllegalArgumentException("weights do not fit this network: " + e.getMessage(), e);
        }
    }

    @Override
    public double[] predictProba(double[] features) {
        int c = input.channels();
        int t = input.frames();
        if (features.length != c * t + t) {
            throw new IllegalArgumentException("expected " + (c * t + t) + " inputs, got " + features.length);
        }
        float[] values = new float[c * t];
        float[] mask = new float[t];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) features[i];
        }
        for (int j = 0; j < t; j++) {
            mask[j] = (float) features[c * t + j];
        }
        return predict(values, mask, 1)[0];
    }

    /** Probabilities for a batch of sequences. */
    public double[][] predictProba(List<Sequence> batch) {
        int c = input.channels();
        int t = input.frames();
        float[] values = new float[batch.size() * c * t];
        float[] mask = new float[batch.size() * t];
        for (int b = 0; b < batch.size(); b++) {
            Batches.copyInto(batch.get(b), values, mask, b);
        }
        return predict(values, mask, batch.size());
    }

    private synchronized double[][] predict(float[] values, float[] mask, int n) {
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDList inputs = new NDList(scope.create(values, new Shape(n, input.channels(), input.frames())),
                    scope.create(mask, new Shape(n, input.frames())));
            NDArray logits = model.getBlock().forward(new ParameterStore(scope, false), inputs, false).head();
            float[] p = logits.softmax(1).toFloatArray();
            double[][] out = new double[n][classes.size()];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < classes.size(); k++) {
                    out[i][k] = p[i * classes.size() + k];
                }
            }
            return out;
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            model.close();
        }
    }

    private boolean closed;
}
