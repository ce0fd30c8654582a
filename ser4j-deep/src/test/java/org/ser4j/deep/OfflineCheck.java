package org.ser4j.deep;

import ai.djl.engine.Engine;
import java.util.stream.IntStream;

/** Run by {@link OfflineEngineTest} in a fresh JVM: loads the engine, trains two epochs, predicts. */
public final class OfflineCheck {
    private OfflineCheck() {
    }

    public static void main(String[] args) {
        if (!Boolean.getBoolean("ai.djl.offline")) {
            throw new IllegalStateException("run with -Dai.djl.offline=true");
        }
        DeepData data = Synthetic.data(1, 2, 5);
        int[] all = IntStream.range(0, data.size()).toArray();
        DeepTrainer.TrainedNetwork net = new DeepTrainer(Synthetic.tiny(Architecture.CNN, 2), s -> { })
                .fit(data, new float[data.size()][][], all, new int[0], 2, "offline");
        double[] p = net.classifier().predictProba(new org.ser4j.deep.SequenceExtractor(Synthetic.INPUT,
                net.normalizer()).extract(data.signals().get(0)));
        System.out.println("offline check passed: " + Engine.getInstance().getEngineName() + " "
                + Engine.getInstance().getVersion() + ", p = " + java.util.Arrays.toString(p));
    }
}
