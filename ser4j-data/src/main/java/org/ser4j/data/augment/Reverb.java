package org.ser4j.data.augment;

import java.util.Locale;
import java.util.Random;
import org.ser4j.audio.Signal;

/**
 * Room reverberation: convolution with a generated {@link RoomImpulseResponse} whose RT60 is drawn uniformly from
 * [minRt60, maxRt60] seconds and direct-to-reverberant ratio from [minDrrDb, maxDrrDb]. The output keeps the input's
 * length and RMS level, so reverberation does not double as a gain change.
 */
public record Reverb(double minRt60, double maxRt60, double minDrrDb, double maxDrrDb)
        implements WaveformAugmentation {
    public Reverb {
        if (!(minRt60 > 0 && minRt60 <= maxRt60) || !(minDrrDb <= maxDrrDb)) {
            throw new IllegalArgumentException("reverb ranges must satisfy 0 < minRt60 <= maxRt60 and minDrr <= "
                    + "maxDrr, got " + minRt60 + ".." + maxRt60 + ", " + minDrrDb + ".." + maxDrrDb);
        }
    }

    /** Rooms from RT60 {@code minRt60}..{@code maxRt60} s at direct-to-reverberant ratios of -3..+6 dB. */
    public Reverb(double minRt60, double maxRt60) {
        this(minRt60, maxRt60, -3, 6);
    }

    @Override
    public String name() {
        return "reverb";
    }

    @Override
    public Applied apply(Signal signal, Random random) {
        double rt60 = WaveformAugmentation.uniform(random, minRt60, maxRt60);
        double drr = WaveformAugmentation.uniform(random, minDrrDb, maxDrrDb);
        double[] h = RoomImpulseResponse.exponential(rt60, drr, signal.sampleRate(), random);
        double[] x = signal.toDoubles();
        double[] y = RoomImpulseResponse.convolve(x, h);
        double inPower = 0;
        double outPower = 0;
        for (int i = 0; i < x.length; i++) {
            inPower += x[i] * x[i];
            outPower += y[i] * y[i];
        }
        double g = outPower == 0 ? 0 : Math.sqrt(inPower / outPower);
        for (int i = 0; i < y.length; i++) {
            y[i] *= g;
        }
        return new Applied(Signal.ofDoubles(y, signal.sampleRate(), signal.source()),
                String.format(Locale.ROOT, "reverb RT60 %.2f s, DRR %+.1f dB", rt60, drr));
    }
}
