package org.ser4j.data.augment;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.ser4j.audio.Resample;
import org.ser4j.audio.Signal;

/**
 * A resampling chain, as audio that was stored or sent at another rate: resample to a rate drawn uniformly from
 * {@code rates} and back, with kaiser_fast (a shorter filter than the kaiser_best that decoding uses, so its
 * roll-off and images differ), then quantise to 16 bits as a PCM file would. A rate below the clip's removes
 * everything above its Nyquist frequency. Same length and rate as the input.
 *
 * @param rates the intermediate rates to choose from (each &gt; 0)
 */
public record ResampleChain(List<Integer> rates) implements WaveformAugmentation {
    /** The resampler the chain uses. */
    public static final String RES_TYPE = "kaiser_fast";

    public ResampleChain {
        rates = List.copyOf(rates);
        if (rates.isEmpty() || rates.stream().anyMatch(r -> r <= 0)) {
            throw new IllegalArgumentException("resample needs one or more positive rates, got " + rates);
        }
    }

    @Override
    public String name() {
        return "resample";
    }

    @Override
    public Applied apply(Signal signal, Random random) {
        int via = rates.get(random.nextInt(rates.size()));
        int sr = signal.sampleRate();
        double[] y = Resample.resample(signal.toDoubles(), sr, via, RES_TYPE);
        y = Arrays.copyOf(Resample.resample(y, via, sr, RES_TYPE), signal.length());
        float[] f = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            f[i] = (float) y[i];
        }
        return new Applied(new Signal(Quantize.quantize(f, 16), sr, signal.source()),
                String.format(Locale.ROOT, "resample via %d Hz", via));
    }
}
