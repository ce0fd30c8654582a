package org.ser4j.features.pitch;

import org.ser4j.audio.Signal;

/**
 * YIN fundamental-frequency estimation as librosa 0.11's {@code librosa.yin} computes it (de Cheveigné &amp; Kawahara
 * 2002): per centred frame, the cumulative mean normalised difference function over periods
 * floor(sr/fmax)..min(ceil(sr/fmin), frame_length-1); the first trough below {@code trough_threshold} (else the
 * global minimum), refined by parabolic interpolation; f0 = sr / period. Stateless and thread-safe.
 */
public final class Yin {
    private Yin() {
    }

    /** f0 in Hz per frame (librosa's shape (n_frames,)); every frame gets an estimate, voiced or not. */
    public static double[] yin(double[] y, double sr, YinParams p) {
        YinCore core = new YinCore(y, sr, p.fmin(), p.fmax(), p.frameLength(), p.hopLength(), p.center(),
                p.padMode());
        int n = core.nPeriods;
        double[] cmnd = new double[n];
        double[] f0 = new double[core.nFrames];
        for (int t = 0; t < core.nFrames; t++) {
            core.cmnd(t, cmnd);
            int best = -1;
            int globalMin = 0;
            for (int i = 0; i < n; i++) {
                if (cmnd[i] < cmnd[globalMin]) {
                    globalMin = i;
                }
                if (best < 0 && cmnd[i] < p.troughThreshold() && YinCore.isTrough(cmnd, n, i)) {
                    best = i;
                }
            }
            int index = best >= 0 ? best : globalMin;
            double period = core.minPeriod + index + YinCore.parabolicShift(cmnd, n, index);
            f0[t] = sr / period;
        }
        return f0;
    }

    /** f0 of a signal at its own sample rate. */
    public static double[] yin(Signal signal, YinParams p) {
        return yin(signal.toDoubles(), signal.sampleRate(), p);
    }
}
