package org.ser4j.data.augment;

import java.util.Locale;
import java.util.Random;
import org.ser4j.audio.Signal;
import org.ser4j.dsp.Stft;
import org.ser4j.dsp.StftParams;

/**
 * Changes speed without changing pitch, by a phase vocoder as {@code librosa.effects.time_stretch} does it: the
 * STFT is resampled along time at steps of {@code rate} frames, magnitudes interpolated between neighbouring
 * frames and phases advanced by each bin's measured instantaneous frequency, then inverted. A rate above 1 speeds
 * up (shorter output), below 1 slows down. The rate is drawn uniformly from [minRate, maxRate].
 */
public record TimeStretch(double minRate, double maxRate) implements WaveformAugmentation {
    /** 32 ms frames with 75 % overlap at 16 kHz: fine enough in time for speech, what the vocoder needs. */
    static final int N_FFT = 512;
    static final int HOP = 128;

    public TimeStretch {
        if (!(minRate > 0 && minRate <= maxRate)) {
            throw new IllegalArgumentException("stretch rates must satisfy 0 < min <= max, got " + minRate + ".."
                    + maxRate);
        }
    }

    @Override
    public String name() {
        return "stretch";
    }

    @Override
    public Applied apply(Signal signal, Random random) {
        double rate = WaveformAugmentation.uniform(random, minRate, maxRate);
        double[] y = stretch(signal.toDoubles(), rate);
        return new Applied(Signal.ofDoubles(y, signal.sampleRate(), signal.source()),
                String.format(Locale.ROOT, "stretch x%.3f", rate));
    }

    /** {@code y} played {@code rate} times as fast at the same pitch; length round(len / rate). */
    public static double[] stretch(double[] y, double rate) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("stretch rate must be > 0, got " + rate);
        }
        StftParams p = new StftParams(N_FFT, HOP, N_FFT, "hann", true, "constant");
        int length = (int) Math.round(y.length / rate);
        if (rate == 1.0 || y.length == 0) {
            return java.util.Arrays.copyOf(y, length);
        }
        Stft.Complex d = Stft.complex(y, p);
        return Stft.istft(phaseVocoder(d, rate, HOP, N_FFT), p, length);
    }

    /** librosa's phase vocoder over a complex STFT (bins x frames). */
    static Stft.Complex phaseVocoder(Stft.Complex d, double rate, int hop, int nFft) {
        int bins = d.nBins();
        int frames = d.nFrames();
        int outFrames = (int) Math.ceil(frames / rate);
        double[][] re = new double[bins][outFrames];
        double[][] im = new double[bins][outFrames];
        double[] phaseAdvance = new double[bins];
        double[] phase = new double[bins];
        for (int k = 0; k < bins; k++) {
            phaseAdvance[k] = 2 * Math.PI * k * hop / nFft;
            phase[k] = Math.atan2(d.im()[k][0], d.re()[k][0]);
        }
        for (int t = 0; t < outFrames; t++) {
            double step = t * rate;
            int left = (int) step;
            double alpha = step - left;
            for (int k = 0; k < bins; k++) {
                // frames past the end read as zeros, like librosa's two columns of padding
                double re0 = left < frames ? d.re()[k][left] : 0;
                double im0 = left < frames ? d.im()[k][left] : 0;
                double re1 = left + 1 < frames ? d.re()[k][left + 1] : 0;
                double im1 = left + 1 < frames ? d.im()[k][left + 1] : 0;
                double magnitude = (1 - alpha) * Math.hypot(re0, im0) + alpha * Math.hypot(re1, im1);
                re[k][t] = magnitude * Math.cos(phase[k]);
                im[k][t] = magnitude * Math.sin(phase[k]);
                double dPhase = Math.atan2(im1, re1) - Math.atan2(im0, re0) - phaseAdvance[k];
                dPhase -= 2 * Math.PI * Math.rint(dPhase / (2 * Math.PI));
                phase[k] += phaseAdvance[k] + dPhase;
            }
        }
        return new Stft.Complex(re, im);
    }
}
