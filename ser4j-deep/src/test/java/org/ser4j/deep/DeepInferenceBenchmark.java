package org.ser4j.deep;

import java.util.Arrays;
import java.util.Random;
import org.ser4j.audio.Signal;
import org.ser4j.data.sequence.ChannelNormalizer;
import org.ser4j.data.sequence.SequenceFeatures;
import org.ser4j.data.sequence.SequenceSpec;

/**
 * Inference time of a 3 s clip with each architecture at its default size, on the threads PyTorch is given
 * ({@code -Dai.djl.pytorch.num_threads=1} for the product figure): features (log-mel, normalisation, crop) plus the
 * network, median of 200 runs after 30 warm-up runs. Weights are random: inference cost does not depend on them.
 * Run: {@code java -cp <test class path> -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1
 * org.ser4j.deep.DeepInferenceBenchmark}.
 */
public final class DeepInferenceBenchmark {
    private DeepInferenceBenchmark() {
    }

    public static void main(String[] args) {
        Signal clip = Synthetic.tone(180, 3.0, new Random(1), "3s");
        SequenceSpec input = SequenceSpec.LOG_MEL_DEFAULT;
        ChannelNormalizer normalizer = ChannelNormalizer.fit(java.util.List.<float[][]>of(SequenceFeatures.compute(clip, input)));
        SequenceExtractor extractor = new SequenceExtractor(input, normalizer);
        for (Architecture a : Architecture.values()) {
            try (DeepClassifier model = DeepClassifier.create(a, a.defaultConfig(), input, Synthetic.CLASSES)) {
                double[] features = extractor.extract(clip);
                double[] total = new double[200];
                double[] network = new double[200];
                for (int i = -30; i < 200; i++) {
                    long t0 = System.nanoTime();
                    double[] x = extractor.extract(clip);
                    long t1 = System.nanoTime();
                    model.predictProba(x);
                    long t2 = System.nanoTime();
                    if (i >= 0) {
                        total[i] = (t2 - t0) / 1e6;
                        network[i] = (t2 - t1) / 1e6;
                    }
                }
                Arrays.sort(total);
                Arrays.sort(network);
                System.out.printf("%-17s %8d params  %6.2f MB  3 s clip: %6.2f ms median (network %6.2f ms, "
                                + "p90 total %6.2f ms)%n", a.id(), model.parameterCount(),
                        model.weights().length / 1e6, total[100], network[100], total[180]);
                if (features.length == 0) {
                    throw new IllegalStateException();
                }
            }
        }
    }
}
