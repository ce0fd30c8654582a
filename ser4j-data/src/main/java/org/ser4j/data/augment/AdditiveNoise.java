package org.ser4j.data.augment;

import java.util.Locale;
import java.util.Random;
import org.ser4j.audio.Signal;

/**
 * Adds noise at a signal-to-noise ratio drawn uniformly from [minSnrDb, maxSnrDb]. The SNR is measured over the
 * whole clip: 10 log10(mean(signal^2) / mean(noise^2)) equals the drawn value exactly (before float rounding).
 *
 * @param type     white, pink or real noise
 * @param minSnrDb lowest SNR in dB
 * @param maxSnrDb highest SNR in dB
 * @param bank     the source of real noise (required for {@link NoiseType#REAL}, ignored otherwise)
 */
public record AdditiveNoise(NoiseType type, double minSnrDb, double maxSnrDb, NoiseBank bank)
        implements WaveformAugmentation {
    public AdditiveNoise {
        if (!(minSnrDb <= maxSnrDb)) {
            throw new IllegalArgumentException("SNR range must have min <= max, got " + minSnrDb + ".." + maxSnrDb);
        }
        if (type == NoiseType.REAL && (bank == null || bank.isEmpty())) {
            throw new IllegalArgumentException("real noise needs a non-empty noise bank");
        }
    }

    @Override
    public String name() {
        return "noise";
    }

    @Override
    public Applied apply(Signal signal, Random random) {
        double snr = WaveformAugmentation.uniform(random, minSnrDb, maxSnrDb);
        float[] noise = switch (type) {
            case WHITE -> white(signal.length(), random);
            case PINK -> pink(signal.length(), random);
            case REAL -> bank.draw(signal.length(), signal.source(), random);
        };
        return new Applied(mix(signal, noise, snr), String.format(Locale.ROOT, "noise %s %.1f dB SNR", type.id(), snr));
    }

    /** {@code signal + g * noise}, with g chosen so the clip-level SNR is {@code snrDb}. Silence stays silent. */
    public static Signal mix(Signal signal, float[] noise, double snrDb) {
        double signalPower = meanSquare(signal.samples());
        double noisePower = meanSquare(noise);
        float[] y = signal.samples();
        float[] out = new float[y.length];
        double g = signalPower == 0 || noisePower == 0 ? 0
                : Math.sqrt(signalPower / (noisePower * Math.pow(10, snrDb / 10)));
        for (int i = 0; i < y.length; i++) {
            out[i] = (float) (y[i] + g * noise[i]);
        }
        return new Signal(out, signal.sampleRate(), signal.source());
    }

    /** Unit-variance Gaussian noise. */
    public static float[] white(int length, Random random) {
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return out;
    }

    /**
     * Pink (1/f) noise: white noise through Paul Kellet's "refined" filter, a sum of seven first-order sections
     * whose combined response is within ±0.05 dB of -3 dB/octave above about 10 Hz at 44.1 kHz (close enough at
     * 16 kHz for augmentation).
     */
    public static float[] pink(int length, Random random) {
        float[] out = new float[length];
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
        for (int i = 0; i < length; i++) {
            double w = random.nextGaussian();
            b0 = 0.99886 * b0 + w * 0.0555179;
            b1 = 0.99332 * b1 + w * 0.0750759;
            b2 = 0.96900 * b2 + w * 0.1538520;
            b3 = 0.86650 * b3 + w * 0.3104856;
            b4 = 0.55000 * b4 + w * 0.5329522;
            b5 = -0.7616 * b5 - w * 0.0168980;
            out[i] = (float) (b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362);
            b6 = w * 0.115926;
        }
        return out;
    }

    static double meanSquare(float[] x) {
        double s = 0;
        for (float v : x) {
            s += (double) v * v;
        }
        return x.length == 0 ? 0 : s / x.length;
    }
}
